import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { readableCountryIds, type Actor } from "~/auth/permissions";
import { db } from "~/utils/db.server";
import { changedFields, recordAudit } from "./audit.server";
import { milestoneCounts } from "./progress.server";

export function listCountries() {
  return db.country.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } });
}

/** The countries whose plans and milestones a person may read, for filters. */
export async function listReadableCountries(actor: Actor) {
  const readable = readableCountryIds(actor);
  return (await listCountries()).filter((c) => readable === "all" || readable.includes(c.id));
}

export async function countryIdSet() {
  return new Set((await listCountries()).map((c) => c.id));
}

export function findCountryByCode(code: string) {
  return db.country.findUnique({ where: { code: code.toUpperCase() } });
}

function visibleTo(actor: Actor, countryId: string) {
  const readable = readableCountryIds(actor);
  return readable === "all" || readable.includes(countryId);
}

/**
 * The ten Member States with their focal points; plan status and milestone
 * progress only for the countries whose plans the person may read.
 */
export async function listCountriesOverview(actor: Actor) {
  const countries = await db.country.findMany({
    orderBy: { sortOrder: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      nqfName: true,
      roles: {
        where: { role: "focal_point", user: { status: "active" } },
        select: { user: { select: { id: true, name: true } } },
      },
      actionPlans: { orderBy: { periodStart: "desc" }, take: 1, select: { id: true, title: true, status: true } },
    },
  });
  const readable = countries.filter((c) => visibleTo(actor, c.id)).map((c) => c.id);
  const counts = await milestoneCounts(readable);
  return countries.map(({ roles, actionPlans, ...c }) => ({
    ...c,
    focalPoints: roles.map((r) => r.user),
    currentPlan: counts.has(c.id) ? (actionPlans[0] ?? null) : undefined,
    milestones: counts.get(c.id),
  }));
}

export async function getCountryProfile(code: string, actor: Actor) {
  const country = await db.country.findUnique({
    where: { code: code.toUpperCase() },
    include: {
      roles: {
        where: { role: { in: ["focal_point", "task_force"] }, user: { status: { not: "disabled" } } },
        select: { role: true, label: true, user: { select: { id: true, name: true, position: true, status: true } } },
      },
      organisations: { orderBy: { name: "asc" }, select: { id: true, name: true, acronym: true, kind: true } },
      prioritySectors: {
        select: { prioritisedOn: true, sector: { select: { code: true, name: true, isRmcs: true } } },
      },
      hostedWorkshops: {
        orderBy: { startsOn: "desc" },
        take: 8,
        select: { id: true, title: true, kind: true, startsOn: true, endsOn: true, city: true },
      },
    },
  });
  if (!country) return null;
  const readable = visibleTo(actor, country.id);
  const [plans, counts] = readable
    ? await Promise.all([
        db.actionPlan.findMany({
          where: { countryId: country.id },
          orderBy: { periodStart: "desc" },
          select: {
            id: true,
            title: true,
            status: true,
            periodStart: true,
            periodEnd: true,
            _count: { select: { items: true } },
          },
        }),
        milestoneCounts([country.id]),
      ])
    : [null, null];
  return { ...country, plans, milestones: counts?.get(country.id) ?? null };
}

export type CountryProfileInput = { overview: string; nqfName: string };

export async function updateCountryProfile(
  countryId: string,
  input: CountryProfileInput,
  actorId: string,
  requestId?: string,
) {
  await db.$transaction(async (tx) => {
    const before = await tx.country.findUniqueOrThrow({
      where: { id: countryId },
      select: { overview: true, nqfName: true, code: true, name: true },
    });
    await tx.country.update({ where: { id: countryId }, data: input });
    await recordAudit(tx, {
      actorId,
      action: "country.update",
      entityType: "country",
      entityId: countryId,
      countryId,
      message: activityMessage("countryProfileUpdated", { country: { country: before } }),
      changes: changedFields({ overview: before.overview, nqfName: before.nqfName }, input),
      requestId,
    });
  });
  await emit({ type: "country.changed", countryId });
}
