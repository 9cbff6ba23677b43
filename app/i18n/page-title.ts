// A page's <title> in the reader's language. Remix runs meta functions outside React, where the page's `t` is not
// at hand: they read the language from the root's data and translate with an instance of their own.
import { createInstance } from "i18next";
import { DEFAULT_LOCALE } from "~/domain/vocabulary";
import { i18nConfig } from "./config";
import type { Translate } from "./types";

const titles = createInstance({ ...i18nConfig, initImmediate: false });
void titles.init();

type Matches = readonly { id: string; data?: unknown }[];

/**
 * `[{ title }]` for a meta function: the parts `build` gives in the page's language (a part left out when
 * empty, as a record's name before its data loaded), then the product's name.
 */
export function metaTitle(matches: Matches, build: (t: Translate) => string | (string | null | undefined)[]) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = titles.getFixedT(root?.locale ?? DEFAULT_LOCALE) as unknown as Translate;
  const parts = [build(t)].flat().filter(Boolean);
  return [{ title: [...parts, "FocalPoint"].join(" · ") }];
}

/** The meta function of a page whose title is one translation (`"namespace:key"`). */
export function titleMeta(key: string) {
  return ({ matches }: { matches: Matches }) => metaTitle(matches, (t) => t(key));
}
