import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { COUNTRY_SCOPED_ROLES, ROLES } from "~/domain/vocabulary";
import { roleTakesCountry } from "~/utils/role-scope";

type Country = { id: string; code: string; name: string };
type Current = { role: string; countryId: string | null; label: string | null }[];

/** One row per role: a checkbox, the country it covers and an optional label. */
export function RoleFields({
  countries,
  current = [],
  errors = {},
}: {
  countries: Country[];
  current?: Current;
  /** Conform's messages by field name (`form.allErrors`): `role`, `scope_<role>`. */
  errors?: Record<string, string[] | undefined>;
}) {
  const { t } = useTranslation("admin");
  const countryName = useCountryName();
  const { t: tc } = useTranslation("common");
  return (
    <fieldset aria-describedby="roles-hint">
      <legend>{t("invite.rolesLegend")}</legend>
      <p className="field-hint" id="roles-hint">
        {t("invite.rolesHint")}
      </p>
      {errors.role?.[0] ? (
        <p className="field-error" role="alert">
          {errors.role[0]}
        </p>
      ) : null}
      <div className="role-rows">
        {/* Each control has its own label; these headings only line the columns up for sighted readers. */}
        <div className="role-row role-row-head" aria-hidden="true">
          <span>{t("invite.roleColumn")}</span>
          <span>{t("invite.countryColumn")}</span>
          <span>{t("invite.labelColumn")}</span>
        </div>
        {ROLES.map((role) => {
          const existing = current.find((r) => r.role === role);
          const scopeError = errors[`scope_${role}`]?.[0];
          return (
            <div className="role-row" key={role}>
              <label className="checkbox">
                <input type="checkbox" name="role" value={role} defaultChecked={Boolean(existing)} />
                {tc(`roles.${role}`)}
              </label>
              {roleTakesCountry(role) ? (
                <div>
                  <label className="role-control-label" htmlFor={`scope_${role}`}>
                    {t("invite.scope", { role: tc(`roles.${role}`) })}
                  </label>
                  <select
                    id={`scope_${role}`}
                    name={`scope_${role}`}
                    defaultValue={existing?.countryId ?? ""}
                    aria-invalid={scopeError ? true : undefined}
                    aria-describedby={scopeError ? `scope_${role}-error` : undefined}
                  >
                    <option value="">
                      {COUNTRY_SCOPED_ROLES.includes(role) ? t("invite.chooseCountry") : t("invite.allCountries")}
                    </option>
                    {countries.map((c) => (
                      <option key={c.id} value={c.id}>
                        {countryName(c)}
                      </option>
                    ))}
                  </select>
                  {scopeError ? (
                    <p className="field-error" id={`scope_${role}-error`}>
                      {scopeError}
                    </p>
                  ) : null}
                </div>
              ) : (
                <span className="muted small role-scope-none">{t("invite.allCountries")}</span>
              )}
              <div>
                <label className="role-control-label" htmlFor={`label_${role}`}>
                  {t("invite.label", { role: tc(`roles.${role}`) })}
                </label>
                <input
                  id={`label_${role}`}
                  name={`label_${role}`}
                  defaultValue={existing?.label ?? ""}
                  placeholder={t("invite.labelExample")}
                  maxLength={60}
                />
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
