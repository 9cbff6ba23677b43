import { z } from "zod";
import { optionalText } from "./fields";

/** The longest note a focal point writes for a meeting's brief: a short paragraph or two, so the brief stays one page. */
export const BRIEF_NOTE_MAX = 1500;

/** A country's note for a meeting's brief; empty removes it. */
export const BriefNoteSchema = z.object({ note: optionalText(BRIEF_NOTE_MAX) });

/** The day a meeting's briefs count changes from, and freezing them (the Secretariat). */
export const BriefsFreezeSchema = z.object({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalidDate"),
});
