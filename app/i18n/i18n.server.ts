import { RemixI18Next } from "remix-i18next/server";
import { getUser } from "~/auth/session.server";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "~/domain/vocabulary";
import { i18nConfig } from "./config";
import { localeCookie } from "~/auth/locale-cookie.server";

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["custom", "cookie", "header"],
    async findLocale(request) {
      return (await getUser(request))?.locale ?? null;
    },
  },
  i18next: i18nConfig,
});

function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export async function getLocale(request: Request): Promise<Locale> {
  const locale = await i18nServer.getLocale(request);
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}
