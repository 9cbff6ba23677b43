import { z } from "zod";
import { INDICATOR_DEFINITIONS, PERIOD_KINDS } from "~/domain/indicator-definitions";
import { PARTICIPANT_CATEGORIES, WORKSHOP_KINDS } from "~/domain/vocabulary";
import { asArray, optionalDay, text } from "./fields";

/**
 * The forms of a project's results framework and of a period's report (decision 022). Figures are
 * decimal numbers of zero or more; what a definition's filters must contain is checked by its own
 * schema (app/domain/indicator-definitions.ts) when the model saves it.
 */

const DECIMAL = /^-?\d{1,12}([.,]\d{1,4})?$/;
/** A figure typed in a field: a number of zero or more, "12.5" or "12,5"; never read from "0x10" or "". */
const figure = () =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine((v) => DECIMAL.test(v), "results:errors.notANumber")
    .transform((v) => Number(v.replace(",", ".")))
    .refine((v) => v >= 0, "results:errors.negative");

const id = z.string().regex(/^[a-z0-9-]{10,60}$/, "common:validation.invalidChoice");
const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(asArray, z.array(z.enum(values)).max(values.length));

export const OutcomeSchema = z.object({ intent: z.literal("outcome"), title: text(300) });
export const OutputSchema = z.object({ intent: z.literal("output"), outcomeId: id, title: text(300) });

export const IndicatorSchema = z
  .object({
    intent: z.literal("indicator"),
    outputId: id,
    title: text(300),
    unit: text(40),
    baseline: figure(),
    target: figure(),
    definition: z.enum([...INDICATOR_DEFINITIONS, "entered"]),
    kinds: choices(WORKSHOP_KINDS),
    categories: choices(PARTICIPANT_CATEGORIES),
    stageCodes: z.preprocess(asArray, z.array(z.string().max(60)).max(20)),
    // any: records of every country count; chosen: only the countries ticked (none ticked can never count)
    countryScope: z.enum(["any", "chosen"]),
    countryIds: z.preprocess(asArray, z.array(id).max(10)),
  })
  .transform(({ definition, kinds, categories, stageCodes, countryScope, countryIds, ...rest }) => {
    const countries = countryScope === "any" ? null : countryIds;
    const filters = {
      workshops_held: { kinds, countryIds: countries },
      people_trained: {
        kinds: kinds.length ? kinds : null,
        categories: categories.length ? categories : null,
        countryIds: countries,
      },
      milestones_completed: { stageCodes, countryIds: countries },
      action_items_done: { countryIds: countries },
      entered: {},
    }[definition];
    return { ...rest, definition: definition === "entered" ? null : definition, filters };
  });

export const PeriodSchema = z.object({
  intent: z.literal("period"),
  kind: z.enum(PERIOD_KINDS),
  label: text(80),
  startsOn: optionalDay().refine((v) => v !== null, "validation.required"),
  endsOn: optionalDay().refine((v) => v !== null, "validation.required"),
});

export const PeriodStatusSchema = z.object({
  intent: z.literal("status"),
  transition: z.enum(["review", "return", "lock"]),
});
/** Starts the period's narrative document (it is made on demand, never by opening the page). */
export const StartNarrativeSchema = z.object({ intent: z.literal("narrative") });
export const PeriodTargetSchema = z.object({ intent: z.literal("target"), indicatorId: id, target: figure() });
export const IndicatorValueSchema = z.object({
  intent: z.literal("value"),
  indicatorId: id,
  value: figure(),
  evidence: text(500),
});
