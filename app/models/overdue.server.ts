/** Overdue rows as a database condition: the same rule as app/domain/overdue.ts, for queries that filter in SQL. */
import { MILESTONE_FINISHED } from "~/domain/overdue";
import type { Prisma } from "~/utils/db.server";

/** Milestones not completed whose target day is before `today` (a missing target never matches `lt`). */
export function overdueMilestoneWhere(today: string): Prisma.MilestoneWhereInput {
  return { status: { not: MILESTONE_FINISHED }, targetOn: { lt: today } };
}
