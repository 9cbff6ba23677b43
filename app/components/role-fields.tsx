import { useTranslation } from "react-i18next";
import { COUNTRY_SCOPED_ROLES, ROLES } from "~/utils/domain";

type Country = { id: string; code: string; name: string };
type Current = { role: string; countryId: string | null; label: string | null }[];

/** One row per role: a checkbox, the country it covers and an optional label. */
export function RoleFields({ countries, current = [], errors = {} }: { countries: Country[]; current?: Current; errors?: Record<string, string> }) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("common");
  return (
    <fieldset aria-describedby="roles-hint">
      <legend>{t("invite.rolesLegend")}</legend>
      <p className="field-hint" id="roles-hint">
        {t("invite.rolesHint")}
      </p>
      {errors.roles ? (
        <p className="field-error" role="alert">
          {errors.roles}
        </p>
      ) : null}
      <div className="role-rows">
        {ROLES.map((role) => {
          const existing = current.find((r) => r.role === role);
          const scopeError = errors[`scope_${role}`];
          return (
            <div className="role-row" key={role}>
              <label className="checkbox">
                <input type="checkbox" name="role" value={role} defaultChecked={Boolean(existing)} />
                {tc(`roles.${role}`)}
              </label>
              <div>
                <label className="visually-hidden" htmlFor={`scope_${role}`}>
                  {t("invite.scope", { role: tc(`roles.${role}`) })}
                </label>
                <select
                  id={`scope_${role}`}
                  name={`scope_${role}`}
                  defaultValue={existing?.countryId ?? ""}
                  aria-invalid={scopeError ? true : undefined}
                  aria-describedby={scopeError ? `scope_${role}-error` : undefined}
                >
                  <option value="">{COUNTRY_SCOPED_ROLES.includes(role) ? "—" : t("invite.allCountries")}</option>
                  {countries.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {scopeError ? (
                  <p className="field-error" id={`scope_${role}-error`}>
                    {scopeError}
                  </p>
                ) : null}
              </div>
              <div>
                <label className="visually-hidden" htmlFor={`label_${role}`}>
                  {t("invite.label")}
                </label>
                <input id={`label_${role}`} name={`label_${role}`} defaultValue={existing?.label ?? ""} placeholder={t("invite.label")} maxLength={60} />
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
