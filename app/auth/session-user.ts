import type { Role } from "~/domain/vocabulary";
import type { Actor } from "./permissions";

/** The signed-in person as every page and socket sees them: who they are and the roles they hold. */
export type SessionUser = Actor & {
  email: string;
  name: string;
  locale: string;
  countryId: string | null;
  roles: { role: Role; countryId: string | null; countryCode: string | null; label: string | null }[];
};
