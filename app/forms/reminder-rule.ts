import { z } from "zod";
import { REMINDER_AMOUNT_MAX } from "~/domain/reminders";
import { overdueToday } from "~/utils/format";
import { optionalDay, wholeNumber } from "./fields";

/** On or off, from the rule's select. */
const enabled = z.enum(["on", "off"]).transform((v) => v === "on");

/**
 * One reminder rule on the rules page (decision 019); each rule has its own form, named by `kind`.
 * The last meeting, when the Secretariat sets it, is a day already past.
 */
export const ReminderRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stalled"), enabled, amount: wholeNumber(1, REMINDER_AMOUNT_MAX.stalled) }),
  z.object({
    kind: z.literal("plan_since_meeting"),
    enabled,
    meetingOn: optionalDay().refine((day) => day === null || day <= overdueToday(), "reminders:form.meetingInFuture"),
  }),
  z.object({ kind: z.literal("target_soon"), enabled, amount: wholeNumber(1, REMINDER_AMOUNT_MAX.target_soon) }),
  z.object({
    kind: z.literal("overdue_escalation"),
    enabled,
    amount: wholeNumber(1, REMINDER_AMOUNT_MAX.overdue_escalation),
    further: wholeNumber(1, REMINDER_AMOUNT_MAX.overdue_escalation),
  }),
]);
