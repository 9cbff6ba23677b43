/** Overdue rows as a database condition: the same rule as app/domain/overdue.ts, for queries that filter in SQL. */
import { ACTION_ITEM_FINISHED, MILESTONE_FINISHED } from "~/domain/overdue";
import type { Prisma } from "~/utils/db.server";

/** Milestones not completed whose target day is before `today` (a missing target never matches `lt`). */
export function overdueMilestoneWhere(today: string): Prisma.MilestoneWhereInput {
  return { status: { not: MILESTONE_FINISHED }, targetOn: { lt: today } };
}

/** Milestones not completed whose target day is `until` or earlier: overdue and due soon. */
export function milestoneDueByWhere(until: string): Prisma.MilestoneWhereInput {
  return { status: { not: MILESTONE_FINISHED }, targetOn: { lte: until } };
}

/** Milestones not completed whose target day is from `from` to `until`, both included: due soon, not yet overdue. */
export function milestoneDueBetweenWhere(from: string, until: string): Prisma.MilestoneWhereInput {
  return { status: { not: MILESTONE_FINISHED }, targetOn: { gte: from, lte: until } };
}

/** Action items not done whose due day is `until` or earlier: overdue and due soon. */
export function actionItemDueByWhere(until: string): Prisma.ActionItemWhereInput {
  return { status: { not: ACTION_ITEM_FINISHED }, dueOn: { lte: until } };
}

/** Action items not done whose due day is from `from` to `until`, both included: due soon, not yet overdue. */
export function actionItemDueBetweenWhere(from: string, until: string): Prisma.ActionItemWhereInput {
  return { status: { not: ACTION_ITEM_FINISHED }, dueOn: { gte: from, lte: until } };
}

/** Action items not done, whatever their day. */
export const openActionItemWhere: Prisma.ActionItemWhereInput = { status: { not: ACTION_ITEM_FINISHED } };
