import { z } from "zod";
import { SESSION_TYPES, SPEAKER_ROLES } from "~/domain/vocabulary";
import { isCalendarDay } from "~/utils/format";
import { optionalText, text } from "./fields";

const clock = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "workshops:sessionForm.timeFormat");

const speaker = z.object({
  name: optionalText(120),
  role: z.enum(SPEAKER_ROLES).default("speaker"),
});

/**
 * One schema for adding and editing a session of the agenda. Day and clock
 * times are in the workshop's zone; speaker rows left without a name are skipped.
 */
export const AgendaSessionSchema = z.object({
  day: z.string({ required_error: "validation.required" }).refine(isCalendarDay, "workshops:sessionForm.dayOutside"),
  startTime: clock,
  endTime: clock,
  title: text(200),
  description: optionalText(2000),
  sessionType: z.enum(SESSION_TYPES),
  speakers: z
    .array(speaker)
    .max(30)
    .default([])
    .transform((rows) => rows.filter((row) => row.name !== "")),
});
export type AgendaSessionInput = z.output<typeof AgendaSessionSchema>;
