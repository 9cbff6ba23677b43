import { Form, useLocation, useSubmit } from "@remix-run/react";
import { useHydrated } from "./use-hydrated";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES } from "~/i18n/config";
import { LOCALES } from "~/domain/vocabulary";

/** Changes the language as soon as one is picked; without JavaScript, a button submits the form. */
export function LanguageSwitcher({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const submit = useSubmit();
  const hydrated = useHydrated();
  return (
    <Form method="post" action="/settings/language" className="language-form">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select" className="small">
        {t("language.label")}
      </label>
      <div className="cluster">
        <select
          id="language-select"
          name="locale"
          defaultValue={current}
          style={{ width: "auto", flex: 1 }}
          onChange={(event) => submit(event.currentTarget.form)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
        {hydrated ? null : (
          <button type="submit" className="button-secondary">
            {t("language.change")}
          </button>
        )}
      </div>
    </Form>
  );
}
