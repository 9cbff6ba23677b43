/**
 * Milestones needing attention: blocked, or overdue (app/domain/overdue.ts),
 * the longest overdue first. The dashboard's panel and the briefs to come list them.
 */
import type { Actor } from "~/auth/permissions";
import { milestoneOverdue } from "~/domain/overdue";
import { db } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { readableCountryFilter } from "./country-scope.server";
import { overdueMilestoneWhere } from "./overdue.server";

/** At most this many overdue or blocked milestones are listed on the dashboard. */
export const ATTENTION_SHOWN = 25;

/** ISO days in order, a missing day last. */
const compareDays = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/**
 * The blocked and overdue ones among `milestones`, the earliest target first,
 * blocked ones without a target last; ties in the order of `countryIds`.
 */
export function needingAttention<M extends { countryId: string; status: string; targetOn: string | null }>(
  milestones: readonly M[],
  countryIds: readonly string[],
  today: string,
): M[] {
  const countryOrder = new Map(countryIds.map((id, i) => [id, i]));
  return (
    milestones
      .filter((m) => m.status === "blocked" || milestoneOverdue(m, today))
      // Plain string comparison: ISO days sort correctly, and localeCompare (collation) costs
      // milliseconds over the thousand-odd overdue milestones of a large data set.
      .sort(
        (a, b) =>
          compareDays(a.targetOn, b.targetOn) || countryOrder.get(a.countryId)! - countryOrder.get(b.countryId)!,
      )
  );
}

/** Overdue and blocked milestones in the countries the person may read, most overdue first, from the database. */
export async function milestonesNeedingAttention(actor: Actor, take = 12) {
  return db.milestone.findMany({
    where: {
      countryId: readableCountryFilter(actor),
      OR: [{ status: "blocked" }, overdueMilestoneWhere(overdueToday())],
    },
    orderBy: [{ targetOn: "asc" }],
    take,
    select: {
      id: true,
      status: true,
      targetOn: true,
      stage: { select: { code: true, name: true } },
      sector: { select: { code: true, name: true } },
      country: { select: { code: true, name: true } },
    },
  });
}
