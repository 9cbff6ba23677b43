// Reference data (countries, sectors, MRS stages) and vocabularies by their stable code, in the reader's language.
// The database keeps English names; a code without a translation (a sector a country added) shows its stored name.
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { MilestoneStatus } from "~/domain/vocabulary";
import type { Translate } from "./types";

type Coded = { code: string; name: string };
/** What names a milestone: its sector (none at country level) and its stage. */
export type MilestoneNaming = { sector: Coded | null; stage: Coded };

/** A country's name in the language of `t` (a page's `t` or the server's getTranslate/translatorFor). */
export function countryName(t: Translate, country: Coded): string {
  return t(`common:countries.${country.code}`, { defaultValue: country.name });
}

export function sectorName(t: Translate, sector: Coded): string {
  return t(`common:sectors.${sector.code}`, { defaultValue: sector.name });
}

/** The short stage name of the matrix's column heads, or the full one (`long`) for headings and lists. */
export function stageName(t: Translate, stage: Coded, { long = false } = {}): string {
  return t(`milestones:${long ? "stageNames" : "stages"}.${stage.code}`, { defaultValue: stage.name });
}

/** A milestone as "sector · stage" ("Konstruksi · Uji"), or its stage alone at country level. */
function milestoneLabel(t: Translate, milestone: MilestoneNaming): string {
  return [milestone.sector ? sectorName(t, milestone.sector) : null, stageName(t, milestone.stage)]
    .filter(Boolean)
    .join(" · ");
}

/** A translation looked up once per render and value: the matrix and the changes ask for the same few names hundreds of times. */
export function useCachedTranslation<K extends string>(translate: (key: K) => string) {
  return useMemo(() => {
    const cache = new Map<K, string>();
    return (key: K) => {
      let value = cache.get(key);
      if (value === undefined) cache.set(key, (value = translate(key)));
      return value;
    };
  }, [translate]);
}

/** The page's translator as a `Translate`: keys of reference data are chosen at run time. */
function usePageTranslate(): Translate {
  const { t } = useTranslation();
  return t as unknown as Translate;
}

export function useStageName({ long = false } = {}) {
  const t = usePageTranslate();
  return useCachedTranslation(useCallback((code: string) => stageName(t, { code, name: code }, { long }), [t, long]));
}

/** A stage's description (the matrix's column tooltips), the stored English one for a stage without a translation. */
export function useStageDescription() {
  const t = usePageTranslate();
  return useCallback(
    (stage: { code: string; description: string }) =>
      t(`milestones:stageDescriptions.${stage.code}`, { defaultValue: stage.description }),
    [t],
  );
}

export function useStatusName() {
  const { t } = useTranslation("common");
  return useCachedTranslation(useCallback((status: MilestoneStatus) => t(`milestoneStatuses.${status}`), [t]));
}

/** Sector names by code; `fallback` is the stored name of a sector a country added. */
export function useSectorName() {
  const t = usePageTranslate();
  return useCallback((sector: Coded) => sectorName(t, sector), [t]);
}

export function useMilestoneLabel() {
  const t = usePageTranslate();
  return useCallback((milestone: MilestoneNaming) => milestoneLabel(t, milestone), [t]);
}

export function useCountryName() {
  const t = usePageTranslate();
  return useCallback((country: Coded) => countryName(t, country), [t]);
}
