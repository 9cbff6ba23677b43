/** Notices: what is addressed to one person (decision 018). */

/**
 * What a notice is about. The notices of events have their message under
 * `notifications:messages.<kind>`; reminders and escalations (the Secretariat's rules, decision
 * 019) under `reminders:notices.*`, one per rule and record.
 */
export type NoticeKind =
  | "item_assigned"
  | "milestone_comment"
  | "agreed_action"
  | "plan_submitted"
  | "plan_returned"
  | "minutes_circulated"
  | "reminder"
  | "escalation";

/** How a person hears of their notices by e-mail: one each, in the weekly digest, or not at all. */
export const NOTICE_CHOICES = ["immediate", "digest", "none"] as const;
export type NoticeChoice = (typeof NOTICE_CHOICES)[number];

/** A person who has not chosen hears of each notice at once: they are few and addressed to them. */
export const noticeChoice = (chosen: string | null): NoticeChoice =>
  chosen === "digest" || chosen === "none" ? chosen : "immediate";

/** What one click from a notice offers; each lands on a form that asks before it acts. */
export type NoticeStep = "done" | "snooze" | "progress";

/** How long "snooze" hides a notice. */
export const SNOOZE_DAYS = 7;
