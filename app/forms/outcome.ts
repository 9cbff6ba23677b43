/** The forms of a workshop's outcomes: record or edit one, assign an agreed action to countries, link a milestone. */
import { z } from "zod";
import { OUTCOME_KINDS, OUTCOME_TEXT_MAX } from "~/domain/vocabulary";
import { IdParam } from "~/utils/params";
import { asArray, optionalDay } from "./fields";

const day = optionalDay();

/** A decision or an agreed action, recorded or edited; each kind has its own length limit. */
export const OutcomeSchema = z
  .object({
    kind: z.enum(OUTCOME_KINDS),
    text: z.string({ required_error: "validation.required" }).trim().min(1),
    dueOn: day,
  })
  .superRefine((v, ctx) => {
    const max = OUTCOME_TEXT_MAX[v.kind];
    if (v.text.length > max)
      ctx.addIssue({ code: "too_big", maximum: max, type: "string", inclusive: true, path: ["text"] });
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
