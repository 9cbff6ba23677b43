import type { Translate } from "~/i18n/types";
import type { RoleInput } from "~/models/user.server";
import { COUNTRY_SCOPED_ROLES, ROLES } from "~/domain/vocabulary";
import { roleTakesCountry } from "./role-scope";

/**
 * Reads the role checkboxes of the invite and edit forms: `role` (repeated),
 * `scope_<role>` (a country id or empty) and `label_<role>`. Returns the roles
 * or field errors, never a half-valid list.
 */
export function parseRoleFields(
  formData: FormData,
  countryIds: Set<string>,
  t: Translate,
): { ok: true; roles: RoleInput[] } | { ok: false; fieldErrors: Record<string, string> } {
  const chosen = formData.getAll("role").map(String);
  const fieldErrors: Record<string, string> = {};
  const roles: RoleInput[] = [];
  for (const role of ROLES) {
    if (!chosen.includes(role)) continue;
    const scope = roleTakesCountry(role) ? String(formData.get(`scope_${role}`) ?? "") : "";
    const label =
      String(formData.get(`label_${role}`) ?? "")
        .trim()
        .slice(0, 60) || null;
    if (scope && !countryIds.has(scope)) fieldErrors[`scope_${role}`] = t("validation.invalidChoice");
    else if (!scope && COUNTRY_SCOPED_ROLES.includes(role))
      fieldErrors[`scope_${role}`] = t("admin:invite.countryRequired");
    else roles.push({ role, countryId: scope || null, label });
  }
  if (chosen.some((r) => !(ROLES as readonly string[]).includes(r))) fieldErrors.roles = t("validation.invalidChoice");
  if (chosen.length === 0) fieldErrors.roles = t("admin:invite.noRole");
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, roles };
}
