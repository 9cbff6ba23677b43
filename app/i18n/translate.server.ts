import { i18nServer } from "./i18n.server";

/**
 * A translator for server code that builds text from keys chosen at run time
 * (e-mails, validation messages): keys are "namespace:path" strings.
 */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export async function getTranslate(request: Request): Promise<Translate> {
  return (await i18nServer.getFixedT(request)) as unknown as Translate;
}
