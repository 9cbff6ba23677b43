import { z } from "zod";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { optionalDay, optionalText, text, wholeNumber } from "./fields";

const day = optionalDay();

/** One schema for adding and editing an action item. */
export const ActionItemSchema = z
  .object({
    activity: text(300),
    leadAgency: optionalText(120),
    startsOn: day,
    dueOn: day,
    status: z.enum(ACTION_ITEM_STATUSES),
    progress: wholeNumber(0, 100),
    indicator: optionalText(300),
    milestoneId: z
      .string()
      .max(40)
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => !v.startsOn || !v.dueOn || v.dueOn >= v.startsOn, {
    path: ["dueOn"],
    message: "plans:itemForm.dueBeforeStart",
  });
