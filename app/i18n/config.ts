import { DEFAULT_LOCALE, LOCALES } from "~/domain/vocabulary";
import { en } from "./en";
import { id } from "./id";

export const resources = { en, id } as const;
const namespaces = Object.keys(en) as (keyof typeof en)[];

/** i18next options shared by the server render and the browser. */
export const i18nConfig = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common" as const,
  ns: namespaces,
  resources,
  interpolation: { escapeValue: false },
  returnNull: false,
};

/** The language names in their own language, for the language picker. */
export const LANGUAGE_NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", id: "Bahasa Indonesia" };
