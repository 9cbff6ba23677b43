import { COUNTRY_SCOPED_ROLES, type Role } from "~/domain/vocabulary";

/**
 * Roles whose country scope means something to the permission function:
 * focal points and task-force members need one, an observer may be limited to
 * one. Administrators, the Secretariat and facilitators work across countries,
 * so a scope on them would only mislead.
 */
export function roleTakesCountry(role: Role): boolean {
  return COUNTRY_SCOPED_ROLES.includes(role) || role === "observer";
}
