import { i18nServer } from "./i18n.server";
import type { Locale } from "~/domain/vocabulary";
import type { Translate } from "./types";

export async function getTranslate(request: Request): Promise<Translate> {
  return (await i18nServer.getFixedT(request)) as unknown as Translate;
}

/** A translator for a given language: e-mails are written in their recipient's language, not the sender's. */
export async function translatorFor(locale: Locale): Promise<Translate> {
  return (await i18nServer.getFixedT(locale)) as unknown as Translate;
}
