/**
 * Attendance counted from the check-ins, by sex (as donors ask), country and
 * category: for one workshop (attendance.server.ts) and across the workshops
 * of a period, for the reports.
 */
import { SEXES, type Sex } from "~/domain/vocabulary";
import { db } from "~/utils/db.server";

type SexCounts = Record<Sex, number>;
export const noSexes = (): SexCounts => Object.fromEntries(SEXES.map((s) => [s, 0])) as SexCounts;
export const sexOf = (value: string): Sex =>
  (SEXES as readonly string[]).includes(value) ? (value as Sex) : "undisclosed";

/** One line of a statistics table: people who attended at least one day, by sex, and person-days. */
export type StatisticsRow = { key: string; attended: number; bySex: SexCounts; personDays: number };

type Attendee = { category: string; sex: string; country: { code: string } | null; attendance: unknown[] };

/**
 * People who came (on any day), counted by country, category and sex; a person
 * checked in on two days counts once as attended and twice as person-days.
 */
export function tabulateAttendance(came: readonly Attendee[]) {
  const tabulate = (keyOf: (p: Attendee) => string) => {
    const rows = new Map<string, StatisticsRow>();
    for (const p of came) {
      const key = keyOf(p);
      const row = rows.get(key) ?? { key, attended: 0, bySex: noSexes(), personDays: 0 };
      row.attended += 1;
      row.bySex[sexOf(p.sex)] += 1;
      row.personDays += p.attendance.length;
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => b.attended - a.attended || a.key.localeCompare(b.key));
  };
  const bySex = tabulate((p) => sexOf(p.sex));
  return {
    byCountry: tabulate((p) => p.country?.code ?? ""),
    byCategory: tabulate((p) => p.category),
    bySex: SEXES.map(
      (sex) => bySex.find((r) => r.key === sex) ?? { key: sex, attended: 0, bySex: noSexes(), personDays: 0 },
    ),
  };
}

/**
 * Attendance across every workshop that starts within [from, to] (ISO days,
 * both included): how many workshops, attendances and person-days, and the
 * same tables as one workshop's. Someone at two workshops counts twice.
 */
export async function attendanceAcrossWorkshops(from: string, to: string) {
  const came = await db.participant.findMany({
    where: { workshop: { startsOn: { gte: from, lte: to } }, attendance: { some: {} } },
    select: {
      workshopId: true,
      category: true,
      sex: true,
      country: { select: { code: true } },
      attendance: { select: { day: true } },
    },
  });
  return {
    workshops: new Set(came.map((p) => p.workshopId)).size,
    attended: came.length,
    personDays: came.reduce((sum, p) => sum + p.attendance.length, 0),
    ...tabulateAttendance(came),
  };
}
