/**
 * Progress read models, shared by the dashboard, the country pages and the
 * reports to come: milestone counts per country and completed milestones per
 * quarter. Overdue is app/domain/overdue.ts's rule.
 */
import { MILESTONE_FINISHED, milestoneOverdue } from "~/domain/overdue";
import { db } from "~/utils/db.server";
import { FIRST_DAY, overdueToday } from "~/utils/format";

type CountedMilestone = { status: string; targetOn: string | null };

export type ProgressCounts = { total: number; completed: number; blocked: number; overdue: number };

/** How many milestones there are, and how many of them are completed, blocked and overdue. */
export function countProgress(milestones: readonly CountedMilestone[], today: string): ProgressCounts {
  const counts = { total: 0, completed: 0, blocked: 0, overdue: 0 };
  for (const m of milestones) {
    counts.total++;
    if (m.status === MILESTONE_FINISHED) counts.completed++;
    if (m.status === "blocked") counts.blocked++;
    if (milestoneOverdue(m, today)) counts.overdue++;
  }
  return counts;
}

export type MilestoneCounts = ProgressCounts & { lastUpdate: Date | null };

/** Completed, blocked and overdue milestones per country, and when work on them was last recorded. */
export async function milestoneCounts(
  countryIds: string[],
  today = overdueToday(),
): Promise<Map<string, MilestoneCounts>> {
  const rows = await db.milestone.findMany({
    where: { countryId: { in: countryIds } },
    select: { countryId: true, status: true, targetOn: true, updatedAt: true },
  });
  return new Map(
    countryIds.map((id) => {
      const own = rows.filter((m) => m.countryId === id);
      const lastUpdate = own
        .filter((m) => m.status !== "not_started")
        .reduce<Date | null>((last, m) => (last && last >= m.updatedAt ? last : m.updatedAt), null);
      return [id, { ...countProgress(own, today), lastUpdate }];
    }),
  );
}

/** "2024-05-17" → "2024-Q2" */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every quarter from `first` to `last` inclusive, e.g. ["2024-Q3", "2024-Q4", "2025-Q1"]. */
export function quartersBetween(first: string, last: string): string[] {
  const toIndex = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const out: string[] = [];
  for (let i = toIndex(first); i <= toIndex(last); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/**
 * Completed milestones per country by quarter, cumulative, by the day each was
 * achieved: from the quarter of the first one to today's. `series` follows the
 * order of `countryIds`.
 */
export function completedByQuarter(
  milestones: readonly { countryId: string; status: string; achievedOn: string | null }[],
  countryIds: readonly string[],
  today: string,
) {
  // A day stored before forms kept days within 1990-2100 counts from 1990, not from the year it names.
  const completedQuarter = new Map<(typeof milestones)[number], string>();
  for (const m of milestones)
    if (m.status === MILESTONE_FINISHED && m.achievedOn)
      completedQuarter.set(m, quarterOf(m.achievedOn < FIRST_DAY ? FIRST_DAY : m.achievedOn));
  const first = [...completedQuarter.values()].reduce((a, b) => (a < b ? a : b), quarterOf(today));
  const quarters = quartersBetween(first, quarterOf(today));
  const series = countryIds.map((countryId) => {
    const perQuarter = new Map<string, number>();
    for (const [m, quarter] of completedQuarter)
      if (m.countryId === countryId) perQuarter.set(quarter, (perQuarter.get(quarter) ?? 0) + 1);
    let running = 0;
    return { countryId, cumulative: quarters.map((q) => (running += perQuarter.get(q) ?? 0)) };
  });
  return { quarters, series };
}
