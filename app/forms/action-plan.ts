import { z } from "zod";
import { RETURN_REMARK_MAX } from "~/domain/vocabulary";
import { optionalText, text, wholeNumber } from "./fields";

const year = wholeNumber(2000, 2100);

/** Starting a country's plan for a period. */
export const NewPlanSchema = z
  .object({ countryId: z.string().regex(/^[a-z0-9]{10,40}$/), title: text(160), periodStart: year, periodEnd: year })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ["periodEnd"], message: "plans:create.endBeforeStart" });

/** Submitting a plan for review: an optional covering note for the reviewers. */
export const SubmitPlanSchema = z.object({ note: optionalText(2000) });
/** Returning a submitted plan to its country: what should change, required. */
export const ReturnPlanSchema = z.object({ remark: text(RETURN_REMARK_MAX) });
