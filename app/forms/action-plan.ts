import { z } from "zod";
import { text, wholeNumber } from "./fields";

const year = wholeNumber(2000, 2100);

/** Starting a country's plan for a period. */
export const NewPlanSchema = z
  .object({ countryId: z.string().regex(/^[a-z0-9]{10,40}$/), title: text(160), periodStart: year, periodEnd: year })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ["periodEnd"], message: "plans:create.endBeforeStart" });
