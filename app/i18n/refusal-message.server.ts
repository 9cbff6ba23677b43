import { RemixI18Next } from "remix-i18next/server";
import { localeCookie } from "~/auth/locale-cookie.server";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "~/domain/vocabulary";
import type { Refusal } from "~/utils/request-edge.server";
import { resources } from "./config";

// Before the app has looked up who is asking, the language comes from the same
// cookie and browser header the sign-in page uses (signing in sets the cookie).
const edgeLanguage = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
});

/** The refusal's sentence in the language of the person who sent the request. */
export async function refusalMessage(
  problem: Refusal["problem"],
  headers: { cookie?: string | null; acceptLanguage?: string | null },
): Promise<string> {
  const request = new Request("http://edge.invalid/", {
    headers: { cookie: headers.cookie ?? "", "accept-language": headers.acceptLanguage ?? "" },
  });
  const locale = (await edgeLanguage.getLocale(request)) as Locale;
  return (resources[locale] ?? resources[DEFAULT_LOCALE]).common.request[problem];
}
