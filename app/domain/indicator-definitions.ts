import { z } from "zod";
import { PARTICIPANT_CATEGORIES, WORKSHOP_KINDS } from "./vocabulary";

/**
 * What a project's indicator may count from the app's own records (decision 022). Each definition
 * counts records linked to the project and dated in the reporting period; its filters narrow them
 * and are stored as JSON, checked by the definition's schema when saved and again when read. The
 * person defining a framework picks one of these and its filters from lists: nobody writes a query.
 */
export const INDICATOR_DEFINITIONS = [
  // workshops of the chosen kinds, linked to the project, that started in the period
  "workshops_held",
  // distinct people checked in at least once at the project's workshops held in the period
  "people_trained",
  // the project's milestones of the chosen stages completed (achieved) in the period
  "milestones_completed",
  // the project's action items done whose due date falls in the period
  "action_items_done",
] as const;
export type IndicatorDefinition = (typeof INDICATOR_DEFINITIONS)[number];

export const PERIOD_KINDS = ["quarter", "half_year", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_STATUSES = ["draft", "in_review", "locked"] as const;

/** The ways a counted value is split, where the records carry them. */
export const DISAGGREGATIONS = ["sex", "country", "category"] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];

/**
 * null: every country the records are in (a regional conference in Bangkok counts for a project of
 * Cambodia, Lao PDR and Myanmar); a list: only these, and an empty list could never match.
 */
const countryIds = z
  .array(z.string().min(1).max(40))
  .max(10)
  .nullable()
  .refine((ids) => ids === null || ids.length > 0, "results:errors.noCountries");

export const DEFINITION_FILTERS = {
  workshops_held: z.object({
    kinds: z.array(z.enum(WORKSHOP_KINDS)).min(1, "results:errors.noKinds"),
    countryIds,
  }),
  people_trained: z.object({
    kinds: z.array(z.enum(WORKSHOP_KINDS)).min(1, "results:errors.noKinds").nullable(),
    categories: z.array(z.enum(PARTICIPANT_CATEGORIES)).min(1, "results:errors.noCategories").nullable(),
    countryIds,
  }),
  milestones_completed: z.object({
    stageCodes: z.array(z.string().min(1).max(60)).min(1, "results:errors.noStages"),
    countryIds,
  }),
  action_items_done: z.object({ countryIds }),
} satisfies Record<IndicatorDefinition, z.ZodTypeAny>;

type DefinitionFilters = {
  [K in IndicatorDefinition]: z.infer<(typeof DEFINITION_FILTERS)[K]>;
};
export type CountedDefinition = {
  [K in IndicatorDefinition]: { definition: K; filters: DefinitionFilters[K] };
}[IndicatorDefinition];

/** A stored definition read back; a filter that no longer passes its schema reads as an error, not as zero. */
export function parseDefinition(definition: string, filtersJson: string): CountedDefinition | null {
  const schema = DEFINITION_FILTERS[definition as IndicatorDefinition];
  if (!schema) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(filtersJson);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? ({ definition, filters: parsed.data } as CountedDefinition) : null;
}

/** Percent of target, or null when there is no target to measure against. */
export function percentOfTarget(actual: number | null, target: number | null): number | null {
  if (actual === null || target === null || target <= 0) return null;
  return Math.round((actual / target) * 100);
}
