import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import { todayIn } from "~/utils/format";
import { noSexes, sexOf, tabulateAttendance, type StatisticsRow } from "./attendance-summary.server";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { badgeTokenFromCode } from "./participant-badge.server";

/** The calendar days a workshop runs, "YYYY-MM-DD", first to last. */
export function workshopDays(workshop: { startsOn: string; endsOn: string }): string[] {
  const days: string[] = [];
  const end = Date.parse(`${workshop.endsOn}T00:00:00Z`);
  for (let t = Date.parse(`${workshop.startsOn}T00:00:00Z`); t <= end && days.length < 60; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Today in the workshop's own zone when it is running; otherwise its first day. */
export function defaultAttendanceDay(
  workshop: { startsOn: string; endsOn: string; timeZone: string },
  now = new Date(),
): string {
  const today = todayIn(workshop.timeZone, now);
  return workshopDays(workshop).includes(today) ? today : workshop.startsOn;
}

/**
 * Today in the workshop's own zone when it is not one of the workshop's days
 * (before it starts or after it ends), else null: check-ins made then are
 * confirmed first, since they are usually a wrong workshop or a wrong day.
 */
export function todayOutsideDays(
  workshop: { startsOn: string; endsOn: string; timeZone: string },
  now = new Date(),
): string | null {
  const today = todayIn(workshop.timeZone, now);
  return workshopDays(workshop).includes(today) ? null : today;
}

export type CheckInResult =
  | { status: "checked_in"; participantId: string; name: string; checkedInAt: Date }
  | { status: "already"; participantId: string; name: string; checkedInAt: Date }
  | { status: "not_participant" }
  | { status: "bad_day" }
  | { status: "outside_days"; today: string };

/**
 * Checks a participant in for one day, by their id (search-and-tick) or by
 * the code on their badge (QR or typed). The caller has already checked that
 * the actor runs this workshop. Doing it twice is harmless: the second time
 * reports when the person was checked in. On a day that is not one of the
 * workshop's (in its zone) nothing is written unless the facilitator confirmed.
 */
export async function checkIn(
  workshop: { id: string; startsOn: string; endsOn: string; timeZone: string },
  day: string,
  who: { participantId: string } | { badgeCode: string },
  { actorId, requestId }: ChangeAuthor,
  { outsideDaysConfirmed = false, now = new Date() }: { outsideDaysConfirmed?: boolean; now?: Date } = {},
): Promise<CheckInResult> {
  if (!workshopDays(workshop).includes(day)) return { status: "bad_day" };
  const today = todayOutsideDays(workshop, now);
  if (today && !outsideDaysConfirmed) return { status: "outside_days", today };
  let where: { id: string } | { badgeToken: string };
  if ("participantId" in who) where = { id: who.participantId };
  else {
    const token = badgeTokenFromCode(who.badgeCode);
    if (!token) return { status: "not_participant" };
    where = { badgeToken: token };
  }
  const method = "badgeCode" in who ? "qr" : "manual";
  const result = await db.$transaction(async (tx): Promise<CheckInResult> => {
    const participant = await tx.participant.findUnique({
      where,
      select: { id: true, name: true, workshopId: true, countryId: true },
    });
    // A badge from another workshop names nobody here; say so without saying who it belongs to.
    if (!participant || participant.workshopId !== workshop.id) return { status: "not_participant" };
    const existing = await tx.attendance.findUnique({
      where: { participantId_day: { participantId: participant.id, day } },
    });
    if (existing)
      return {
        status: "already",
        participantId: participant.id,
        name: participant.name,
        checkedInAt: existing.checkedInAt,
      };
    const row = await tx.attendance.create({
      data: { participantId: participant.id, day, checkedInById: actorId, method },
    });
    await recordAudit(tx, {
      actorId,
      action: "attendance.check_in",
      entityType: "participant",
      entityId: participant.id,
      countryId: participant.countryId,
      message: activityMessage(method === "qr" ? "checkedInByBadge" : "checkedInFromList", {
        name: participant.name,
        day: { day },
      }),
      requestId,
    });
    return {
      status: "checked_in",
      participantId: participant.id,
      name: participant.name,
      checkedInAt: row.checkedInAt,
    };
  });
  if (result.status === "checked_in")
    await emit({ type: "attendance.changed", workshopId: workshop.id, participantId: result.participantId });
  return result;
}

/** Takes back a check-in made by mistake. Returns false when there was none. */
export async function undoCheckIn(
  workshopId: string,
  participantId: string,
  day: string,
  { actorId, requestId }: ChangeAuthor,
): Promise<boolean> {
  const undone = await db.$transaction(async (tx) => {
    const row = await tx.attendance.findFirst({
      where: { participantId, day, participant: { workshopId } },
      include: { participant: { select: { name: true, countryId: true } } },
    });
    if (!row) return false;
    await tx.attendance.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      actorId,
      action: "attendance.undo",
      entityType: "participant",
      entityId: participantId,
      countryId: row.participant.countryId,
      message: activityMessage("checkInUndone", { name: row.participant.name, day: { day } }),
      requestId,
    });
    return true;
  });
  if (undone) await emit({ type: "attendance.changed", workshopId, participantId });
  return undone;
}

/**
 * The live board for one day: who is present (newest first) and counts per
 * day. Managers also get everyone still expected, for search-and-tick, and
 * which of those present are walk-ins.
 * Two queries, so every open screen can reload it on each check-in.
 */
export async function attendanceBoard(
  workshop: { id: string; startsOn: string; endsOn: string },
  day: string,
  options: { includeExpected: boolean },
) {
  const [present, perDay, expected] = await Promise.all([
    db.attendance.findMany({
      where: { day, participant: { workshopId: workshop.id } },
      orderBy: { checkedInAt: "desc" },
      select: {
        checkedInAt: true,
        method: true,
        participant: {
          select: {
            id: true,
            name: true,
            category: true,
            sex: true,
            registrationStatus: true,
            organisationName: true,
            country: { select: { code: true } },
          },
        },
      },
    }),
    db.attendance.groupBy({ by: ["day"], where: { participant: { workshopId: workshop.id } }, _count: true }),
    options.includeExpected
      ? db.participant.findMany({
          where: { workshopId: workshop.id, registrationStatus: { in: ["registered", "invited", "waitlisted"] } },
          orderBy: { name: "asc" },
          select: {
            id: true,
            name: true,
            registrationStatus: true,
            organisationName: true,
            country: { select: { code: true } },
          },
        })
      : Promise.resolve([]),
  ]);
  const countByDay = new Map(perDay.map((d) => [d.day, d._count]));
  const presentIds = new Set(present.map((a) => a.participant.id));
  return {
    day,
    days: workshopDays(workshop).map((d) => ({ day: d, present: countByDay.get(d) ?? 0 })),
    present: present.map(({ participant: { registrationStatus, ...p }, ...a }) => ({
      ...p,
      // Who came without registering is the facilitators' to know, like every registration status.
      walkIn: options.includeExpected && registrationStatus !== "registered",
      country: p.country?.code ?? null,
      checkedInAt: a.checkedInAt,
      method: a.method,
    })),
    byCategory: countBy(present, (a) => a.participant.category),
    byCountry: countBy(present, (a) => a.participant.country?.code ?? "—"),
    bySex: countBy(present, (a) => a.participant.sex),
    notYetPresent: expected
      .filter((p) => !presentIds.has(p.id))
      .map((p) => ({ ...p, country: p.country?.code ?? null })),
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => ({ name, count }));
}

// ---------------------------------------------------------------------------
// Statistics

/** The rows of the registration-and-attendance table, in the order a report reads them. */
const REGISTRATION_GROUPS = ["registered", "registered_attended", "no_show", "walk_in"] as const;

export type AttendanceStatistics = {
  days: string[];
  /** on the list as registered (they said they would come) */
  registered: number;
  /** registered and checked in on at least one day */
  registeredAttended: number;
  /** registered and never checked in */
  noShows: number;
  /** checked in on at least one day without being registered (invited, waitlisted or declined) */
  walkIns: number;
  /** everyone checked in on at least one day: registeredAttended + walkIns */
  attended: number;
  personDays: number;
  /** registered, registered and came, no-shows and walk-ins, each by sex (keys: REGISTRATION_GROUPS) */
  byRegistration: StatisticsRow[];
  /** people present on each day, by sex */
  byDay: StatisticsRow[];
  byCountry: StatisticsRow[];
  byCategory: StatisticsRow[];
  bySex: StatisticsRow[];
};

/**
 * Attendance counted from the check-ins themselves: who came (on any day),
 * disaggregated by sex as donors ask, by day, country and category. A person
 * checked in on two days counts once as attended and twice as person-days.
 * "Registered" is the registration status now (said they would come); a
 * walk-in is anyone checked in without it, so registered-and-attended plus
 * walk-ins is everyone who came, and registered-and-attended plus no-shows is
 * everyone registered.
 */
export async function attendanceStatistics(workshop: {
  id: string;
  startsOn: string;
  endsOn: string;
}): Promise<AttendanceStatistics> {
  const participants = await db.participant.findMany({
    where: { workshopId: workshop.id },
    select: {
      category: true,
      sex: true,
      registrationStatus: true,
      country: { select: { code: true } },
      attendance: { select: { day: true } },
    },
  });
  const days = workshopDays(workshop);
  const came = participants.filter((p) => p.attendance.length > 0);

  const byDay = days.map((day) => {
    const row: StatisticsRow = { key: day, attended: 0, bySex: noSexes(), personDays: 0 };
    for (const p of came) {
      if (!p.attendance.some((a) => a.day === day)) continue;
      row.attended += 1;
      row.personDays += 1;
      row.bySex[sexOf(p.sex)] += 1;
    }
    return row;
  });

  const isRegistered = (p: (typeof participants)[number]) => p.registrationStatus === "registered";
  const groups = {
    registered: participants.filter(isRegistered),
    registered_attended: came.filter(isRegistered),
    no_show: participants.filter((p) => isRegistered(p) && p.attendance.length === 0),
    walk_in: came.filter((p) => !isRegistered(p)),
  } satisfies Record<(typeof REGISTRATION_GROUPS)[number], unknown>;
  const byRegistration = REGISTRATION_GROUPS.map((key) => {
    const row: StatisticsRow = { key, attended: 0, bySex: noSexes(), personDays: 0 };
    for (const p of groups[key]) {
      row.attended += 1;
      row.bySex[sexOf(p.sex)] += 1;
      row.personDays += p.attendance.length;
    }
    return row;
  });
  return {
    days,
    registered: groups.registered.length,
    registeredAttended: groups.registered_attended.length,
    noShows: groups.no_show.length,
    walkIns: groups.walk_in.length,
    attended: came.length,
    byRegistration,
    personDays: came.reduce((sum, p) => sum + p.attendance.length, 0),
    byDay,
    ...tabulateAttendance(came),
  };
}

/** Who registered, by category, country and sex, and how many came each day: the workshop overview's summary. */
export async function participationSummary(workshopId: string) {
  const [registered, perDay] = await Promise.all([
    db.participant.findMany({
      where: { workshopId, registrationStatus: "registered" },
      select: { category: true, sex: true, country: { select: { code: true } } },
    }),
    db.attendance.groupBy({
      by: ["day"],
      where: { participant: { workshopId } },
      _count: true,
      orderBy: { day: "asc" },
    }),
  ]);
  return {
    registeredCount: registered.length,
    byCategory: countBy(registered, (p) => p.category),
    byCountry: countBy(registered, (p) => p.country?.code ?? "—"),
    bySex: countBy(registered, (p) => p.sex),
    attendanceDays: perDay.map((d) => ({ name: d.day, count: d._count })),
  };
}
