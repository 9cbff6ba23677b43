/** Reminder rules the Secretariat sets (issue 14, decision 019). */

/** The rules, in the order the rules page lists them. */
export const REMINDER_RULES = ["stalled", "plan_since_meeting", "target_soon", "overdue_escalation"] as const;
export type ReminderRuleKind = (typeof REMINDER_RULES)[number];

/** Who a reminder is for: the country's focal points and task force, its focal points (first escalation), the Secretariat (second). */
export type ReminderLevel = "reminder" | "focal_points" | "secretariat";

export type ReminderRuleSettings = {
  kind: ReminderRuleKind;
  enabled: boolean;
  /** N: weeks without a move (stalled), days ahead (target_soon), days overdue before the focal points hear (overdue_escalation); unused by plan_since_meeting */
  amount: number;
  /** M: further days overdue before the Secretariat hears (overdue_escalation only) */
  further: number | null;
  /** the last meeting as the Secretariat set it (plan_since_meeting); null: the latest regional meeting held */
  meetingOn: string | null;
};

/**
 * What a rule not yet set on the rules page does: off, with a sensible N. Switching a rule on tells
 * of every record it matches at once (decision 019), so when that backlog goes out is the
 * Secretariat's choice, not a deployment's.
 */
export const DEFAULT_REMINDER_RULES: Record<ReminderRuleKind, ReminderRuleSettings> = {
  stalled: { kind: "stalled", enabled: false, amount: 6, further: null, meetingOn: null },
  plan_since_meeting: { kind: "plan_since_meeting", enabled: false, amount: 0, further: null, meetingOn: null },
  target_soon: { kind: "target_soon", enabled: false, amount: 14, further: null, meetingOn: null },
  overdue_escalation: { kind: "overdue_escalation", enabled: false, amount: 14, further: 14, meetingOn: null },
};

/** The bounds of N and M on the form: a year at most, weeks or days alike. */
export const REMINDER_AMOUNT_MAX = { stalled: 52, target_soon: 365, overdue_escalation: 365 } as const;
