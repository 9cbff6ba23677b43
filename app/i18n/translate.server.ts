import { i18nServer } from "./i18n.server";
import type { Locale } from "~/domain/vocabulary";

/**
 * A translator for server code that builds text from keys chosen at run time
 * (e-mails, validation messages): keys are "namespace:path" strings.
 */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export async function getTranslate(request: Request): Promise<Translate> {
  return (await i18nServer.getFixedT(request)) as unknown as Translate;
}

/** A translator for a given language: e-mails are written in their recipient's language, not the sender's. */
export async function translatorFor(locale: Locale): Promise<Translate> {
  return (await i18nServer.getFixedT(locale)) as unknown as Translate;
}
