import { z } from "zod";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { optionalDay, optionalText, text, wholeNumber } from "./fields";

const day = optionalDay();

/** An id chosen from a list the page offered, or none. */
const optionalChoice = z
  .string()
  .max(40)
  .optional()
  .transform((v) => v || null);

const status = z.enum(ACTION_ITEM_STATUSES);
const progress = wholeNumber(0, 100);
const progressNote = optionalText(500);

/** One schema for adding and editing an action item. */
export const ActionItemSchema = z
  .object({
    activity: text(300),
    leadAgency: optionalText(120),
    startsOn: day,
    dueOn: day,
    status,
    progress,
    progressNote,
    indicator: optionalText(300),
    ownerId: optionalChoice,
    milestoneId: optionalChoice,
  })
  .refine((v) => !v.startsOn || !v.dueOn || v.dueOn >= v.startsOn, {
    path: ["dueOn"],
    message: "plans:itemForm.dueBeforeStart",
  });

/** A progress update from a list (a focal point's home): status, progress and what to say about it. */
export const ItemProgressSchema = z.object({ status, progress, progressNote });

/** What a country may change of an item from its progress spreadsheet: its progress and its dates. */
export const ItemSheetSchema = ItemProgressSchema.extend({ startsOn: day, dueOn: day }).refine(
  (v) => !v.startsOn || !v.dueOn || v.dueOn >= v.startsOn,
  { path: ["dueOn"], message: "plans:itemForm.dueBeforeStart" },
);
