import { z } from "zod";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { optionalDay, optionalText, text } from "./forms.server";

const day = optionalDay();

/** One schema for adding and editing an action item. */
export const ActionItemForm = z
  .object({
    activity: text(300),
    leadAgency: optionalText(120),
    startsOn: day,
    dueOn: day,
    status: z.enum(ACTION_ITEM_STATUSES),
    progress: z.coerce.number({ invalid_type_error: "common:validation.invalid" }).int().min(0).max(100),
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
