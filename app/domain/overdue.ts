// "Overdue", decided once: the dashboard, the milestone pages, the plans and the
// workshop outcomes all ask here, and the database filter that selects overdue
// rows (app/models/overdue.server.ts) is built on the same constants.
import type { ActionItemStatus, MilestoneStatus } from "./vocabulary";

/**
 * The zone whose calendar day decides "overdue": a target or due day is past once
 * it is over in every Member State. The zone furthest west, Yangon (UTC+6:30), is
 * the last to finish a day, so nothing is flagged while its day is still running
 * anywhere in ASEAN, and Jayapura (UTC+9) sees the flag two and a half hours after
 * its midnight (UTC's day would be nine hours late there).
 */
export const OVERDUE_ZONE = "Asia/Yangon";

/** The status that stops a milestone's clock. */
export const MILESTONE_FINISHED: MilestoneStatus = "completed";
/** The status that stops an action item's clock. */
export const ACTION_ITEM_FINISHED: ActionItemStatus = "done";

/**
 * Overdue: not finished, and its day ("YYYY-MM-DD") is before today's in
 * OVERDUE_ZONE. Without a day nothing is ever overdue; on the day itself it is not yet.
 */
function isOverdue(due: string | null, status: string, finished: string, today: string): boolean {
  return status !== finished && due !== null && due < today;
}

/** A milestone is overdue when its target day has passed and it is not completed. */
export function milestoneOverdue(m: { status: string; targetOn: string | null }, today: string): boolean {
  return isOverdue(m.targetOn, m.status, MILESTONE_FINISHED, today);
}

/** An action item is overdue when its due day has passed and it is not done. */
export function actionItemOverdue(i: { status: string; dueOn: string | null }, today: string): boolean {
  return isOverdue(i.dueOn, i.status, ACTION_ITEM_FINISHED, today);
}

/**
 * How far ahead "due soon" looks: a month, the usual gap between a task force's meetings, so
 * what falls due before the next one shows on a focal point's home while there is time to act.
 */
const DUE_SOON_DAYS = 30;

/** The last day ("YYYY-MM-DD") that is due soon when today is `today`. */
export function dueSoonUntil(today: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + DUE_SOON_DAYS);
  return day.toISOString().slice(0, 10);
}
