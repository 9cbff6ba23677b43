/** The forms of a workshop's outcomes: record or edit one, assign an agreed action to countries, link a milestone. */
import { z } from "zod";
import { OUTCOME_KINDS, OUTCOME_TEXT_MAX, type OutcomeKind } from "~/domain/vocabulary";
import { IdParam } from "~/utils/params";
import { asArray, optionalDay } from "./fields";

const day = optionalDay();

const outcomeFields = {
  kind: z.enum(OUTCOME_KINDS),
  text: z.string({ required_error: "validation.required" }).trim().min(1),
  dueOn: day,
};

/** Each kind of outcome has its own length limit. */
function withinKindLimit(v: { kind: OutcomeKind; text: string }, ctx: z.RefinementCtx) {
  const max = OUTCOME_TEXT_MAX[v.kind];
  if (v.text.length > max)
    ctx.addIssue({ code: "too_big", maximum: max, type: "string", inclusive: true, path: ["text"] });
}

/** A decision or an agreed action, edited. */
export const OutcomeSchema = z.object(outcomeFields).superRefine(withinKindLimit);

/**
 * A new outcome; an agreed action may be given to countries in the same step, which then needs
 * the day they should have done it by.
 */
export const NewOutcomeSchema = z
  .object({ ...outcomeFields, countryIds: z.preprocess(asArray, z.array(IdParam)) })
  .superRefine((v, ctx) => {
    withinKindLimit(v, ctx);
    if (v.countryIds.length === 0) return;
    if (v.kind !== "agreed_action")
      ctx.addIssue({ code: "custom", message: "outcomes:errors.onlyAgreedActions", path: ["countryIds"] });
    else if (v.dueOn === null)
      ctx.addIssue({ code: "custom", message: "outcomes:errors.dueRequired", path: ["dueOn"] });
  });

/** Countries to give an agreed action to, each as an item of its current plan due on `dueOn`. */
export const AssignSchema = z.object({
  countryIds: z.preprocess(asArray, z.array(IdParam).min(1, "outcomes:errors.chooseCountry")),
  dueOn: day.refine((v) => v !== null, "outcomes:errors.dueRequired"),
});

/** The milestone an assigned item advances, or none. */
export const LinkMilestoneSchema = z.object({
  milestoneId: z
    .union([IdParam, z.literal("")], { errorMap: () => ({ message: "validation.invalidChoice" }) })
    .optional()
    .transform((v) => v || null),
});

/** Deleting an outcome or taking a country off it sends only ids (checked as the address is); the model may still refuse. */
export const RemovalSchema = z.object({});
