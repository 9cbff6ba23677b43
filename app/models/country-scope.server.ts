import { readableCountryIds, type Actor } from "~/auth/permissions";

/** The countries a person may follow, as a Prisma filter value (undefined: every country). */
export function readableCountryFilter(actor: Actor): { in: string[] } | undefined {
  const readable = readableCountryIds(actor);
  return readable === "all" ? undefined : { in: readable };
}
