import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import { db, type Prisma } from "~/utils/db.server";
import { InputRefused } from "~/domain/input-refused";
import { instantToLocal, localToInstant } from "~/domain/time-zones";
import type { SessionType, SpeakerRole } from "~/domain/vocabulary";
import type { AgendaSessionInput } from "~/forms/agenda-session";

/**
 * A workshop's agenda. Facilitators enter days and clock times in the
 * workshop's own time zone; sessions are stored as UTC instants (plus the
 * workshop day they belong to), so "on now", iCalendar and any viewer's clock
 * agree. Within a day, sessions are ordered by start time, then by sortOrder
 * for sessions that start together.
 */

/** Every calendar day from the first to the last, inclusive. */
export function workshopDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  const [y, m, d] = startsOn.split("-").map(Number) as [number, number, number];
  for (let cursor = new Date(Date.UTC(y, m - 1, d)); ; cursor = new Date(cursor.getTime() + 86_400_000)) {
    const day = cursor.toISOString().slice(0, 10);
    if (day > endsOn) break;
    days.push(day);
  }
  return days;
}

// ───────────────────────── reading the agenda ─────────────────────────

type WorkshopTimes = { id: string; timeZone: string; startsOn: string; endsOn: string };

export type AgendaSessionView = {
  id: string;
  day: string;
  startsAt: string;
  endsAt: string;
  startTime: string;
  endTime: string;
  title: string;
  description: string;
  sessionType: SessionType;
  speakers: { name: string; role: SpeakerRole; userId: string | null }[];
  /** titles of the sessions of the same day whose times overlap this one */
  overlapsWith: string[];
};

/** Which sessions of one day overlap which, by id. Touching (one ends as the next starts) is not an overlap. */
function findOverlaps(sessions: { id: string; title: string; startsAt: Date; endsAt: Date }[]): Map<string, string[]> {
  const overlaps = new Map<string, string[]>();
  for (const [i, a] of sessions.entries()) {
    for (const b of sessions.slice(i + 1)) {
      if (a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
        overlaps.set(a.id, [...(overlaps.get(a.id) ?? []), b.title]);
        overlaps.set(b.id, [...(overlaps.get(b.id) ?? []), a.title]);
      }
    }
  }
  return overlaps;
}

export const byTimeThenOrder = (a: { startsAt: Date; sortOrder: number }, b: { startsAt: Date; sortOrder: number }) =>
  a.startsAt.getTime() - b.startsAt.getTime() || a.sortOrder - b.sortOrder;

/** The agenda day by day (every day of the workshop, even empty ones), with overlaps found. */
export async function getAgenda(workshop: WorkshopTimes) {
  const sessions = await db.agendaSession.findMany({
    where: { workshopId: workshop.id },
    include: { speakers: { select: { name: true, role: true, userId: true }, orderBy: { id: "asc" } } },
  });
  sessions.sort(byTimeThenOrder);
  const days = workshopDays(workshop.startsOn, workshop.endsOn);
  // A session left on a day outside the dates (the dates can only be narrowed when none is) still shows.
  for (const s of sessions) if (!days.includes(s.day)) days.push(s.day);
  days.sort();
  return days.map((day) => {
    const ofDay = sessions.filter((s) => s.day === day);
    const overlaps = findOverlaps(ofDay);
    return {
      day,
      sessions: ofDay.map((s): AgendaSessionView => ({
        id: s.id,
        day: s.day,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        startTime: instantToLocal(s.startsAt, workshop.timeZone).time,
        endTime: instantToLocal(s.endsAt, workshop.timeZone).time,
        title: s.title,
        description: s.description,
        sessionType: s.sessionType as SessionType,
        speakers: s.speakers.map((sp) => ({ name: sp.name, role: sp.role as SpeakerRole, userId: sp.userId })),
        overlapsWith: overlaps.get(s.id) ?? [],
      })),
    };
  });
}

/** One session of this workshop (null for a session of another workshop). */
export function getAgendaSession(workshopId: string, sessionId: string) {
  return db.agendaSession.findFirst({
    where: { id: sessionId, workshopId },
    include: { speakers: { select: { name: true, role: true, userId: true }, orderBy: { id: "asc" } } },
  });
}

/** Where a new session most likely goes: right after the day's last session, for an hour; else 09:00–10:00. */
export async function suggestSlot(workshop: WorkshopTimes, day: string) {
  const last = await db.agendaSession.findFirst({
    where: { workshopId: workshop.id, day },
    orderBy: { endsAt: "desc" },
    select: { endsAt: true },
  });
  if (!last) return { startTime: "09:00", endTime: "10:00" };
  const start = instantToLocal(last.endsAt, workshop.timeZone);
  const end = instantToLocal(new Date(last.endsAt.getTime() + 3_600_000), workshop.timeZone);
  // Near midnight an hour would spill into the next day; leave the end for the facilitator to choose.
  return { startTime: start.time, endTime: end.day === day ? end.time : "" };
}

/** People of the directory a facilitator can name as speakers (free names are allowed too). */
export function speakerDirectory() {
  return db.user.findMany({
    where: { status: "active" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, organisation: { select: { acronym: true, name: true } } },
  });
}

// ───────────────────────── changing the agenda ─────────────────────────

/** Day inside the workshop, times that exist in its zone, and an end after the start; otherwise nothing is written. */
function sessionInstants(workshop: WorkshopTimes, input: AgendaSessionInput) {
  if (input.day < workshop.startsOn || input.day > workshop.endsOn)
    throw new InputRefused("day", "workshops:sessionForm.dayOutside");
  const startsAt = localToInstant(input.day, input.startTime, workshop.timeZone);
  if (!startsAt) throw new InputRefused("startTime", "workshops:sessionForm.noSuchTime");
  const endsAt = localToInstant(input.day, input.endTime, workshop.timeZone);
  if (!endsAt) throw new InputRefused("endTime", "workshops:sessionForm.noSuchTime");
  if (endsAt <= startsAt) throw new InputRefused("endTime", "workshops:sessionForm.endBeforeStart");
  return { startsAt, endsAt };
}

/** Named people become links to their directory entry when exactly one active person has that name. */
async function speakerRows({ speakers: rows }: AgendaSessionInput, tx: Prisma.TransactionClient) {
  if (rows.length === 0) return [];
  const people = await tx.user.findMany({
    where: { status: "active", name: { in: rows.map((r) => r.name) } },
    select: { id: true, name: true },
  });
  return rows.map((r) => {
    const matches = people.filter((p) => p.name === r.name);
    return { name: r.name, role: r.role, userId: matches.length === 1 ? matches[0]!.id : null };
  });
}

/** The titles of other sessions of the day that a session's times overlap, for the warning after saving. */
/** A session's title and times as the history tells them; the day is formatted for each reader. */
function sessionTimes(input: AgendaSessionInput) {
  return { title: input.title, day: { day: input.day }, start: input.startTime, end: input.endTime };
}

async function overlapsOf(workshopId: string, sessionId: string, day: string) {
  const ofDay = await db.agendaSession.findMany({
    where: { workshopId, day },
    select: { id: true, title: true, startsAt: true, endsAt: true },
  });
  return findOverlaps(ofDay).get(sessionId) ?? [];
}

export async function createAgendaSession(
  workshop: WorkshopTimes,
  input: AgendaSessionInput,
  { actorId, requestId }: ChangeAuthor,
) {
  const { startsAt, endsAt } = sessionInstants(workshop, input);
  const session = await db.$transaction(async (tx) => {
    const last = await tx.agendaSession.aggregate({
      where: { workshopId: workshop.id, day: input.day },
      _max: { sortOrder: true },
    });
    const session = await tx.agendaSession.create({
      data: {
        workshopId: workshop.id,
        day: input.day,
        startsAt,
        endsAt,
        title: input.title,
        description: input.description,
        sessionType: input.sessionType,
        sortOrder: (last._max.sortOrder ?? -1) + 1,
        speakers: { create: await speakerRows(input, tx) },
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "agenda.create",
      entityType: "agenda_session",
      entityId: session.id,
      message: activityMessage("sessionAdded", sessionTimes(input)),
      requestId,
    });
    return session;
  });
  await emit({ type: "agenda-session.changed", workshopId: workshop.id, sessionId: session.id });
  return { session, overlapsWith: await overlapsOf(workshop.id, session.id, input.day) };
}

export async function updateAgendaSession(
  workshop: WorkshopTimes,
  sessionId: string,
  input: AgendaSessionInput,
  { actorId, requestId }: ChangeAuthor,
) {
  const { startsAt, endsAt } = sessionInstants(workshop, input);
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.agendaSession.findFirst({ where: { id: sessionId, workshopId: workshop.id } });
    if (!before) return null;
    const moved = before.day !== input.day;
    const sortOrder = moved
      ? ((
          await tx.agendaSession.aggregate({
            where: { workshopId: workshop.id, day: input.day },
            _max: { sortOrder: true },
          })
        )._max.sortOrder ?? -1) + 1
      : before.sortOrder;
    await tx.agendaSpeaker.deleteMany({ where: { sessionId } });
    const after = await tx.agendaSession.update({
      where: { id: sessionId },
      data: {
        day: input.day,
        startsAt,
        endsAt,
        title: input.title,
        description: input.description,
        sessionType: input.sessionType,
        sortOrder,
        speakers: { create: await speakerRows(input, tx) },
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "agenda.update",
      entityType: "agenda_session",
      entityId: sessionId,
      message: activityMessage("sessionChanged", sessionTimes(input)),
      changes: {
        ...changedFields(before, {
          day: after.day,
          title: after.title,
          description: after.description,
          sessionType: after.sessionType,
        }),
        ...changedFields(
          { startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString() },
          { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
        ),
      },
      requestId,
    });
    return after;
  });
  if (!updated) return null;
  await emit({ type: "agenda-session.changed", workshopId: workshop.id, sessionId });
  return { session: updated, overlapsWith: await overlapsOf(workshop.id, sessionId, input.day) };
}

export async function deleteAgendaSession(workshopId: string, sessionId: string, { actorId, requestId }: ChangeAuthor) {
  const deleted = await db.$transaction(async (tx) => {
    const session = await tx.agendaSession.findFirst({ where: { id: sessionId, workshopId } });
    if (!session) return null;
    await tx.agendaSession.delete({ where: { id: sessionId } });
    await recordAudit(tx, {
      actorId,
      action: "agenda.delete",
      entityType: "agenda_session",
      entityId: sessionId,
      message: activityMessage("sessionRemoved", { title: session.title, day: { day: session.day } }),
      requestId,
    });
    return session;
  });
  if (deleted) await emit({ type: "agenda-session.changed", workshopId, sessionId });
  return deleted;
}

type Slot = { id: string; startsAt: Date; endsAt: Date; sortOrder: number };

/**
 * `later` moves in front of `earlier`, and the two trade places in the
 * timetable: `later` starts when `earlier` started, `earlier` follows after the
 * same break there was between them, so each keeps its length and the pair
 * still ends when it ended. Sessions that start together only change order;
 * overlapping ones trade start times.
 */
function swapSlots(earlier: Slot, later: Slot): [Slot, Slot] {
  if (earlier.startsAt.getTime() === later.startsAt.getTime()) return [later, earlier];
  const laterLength = later.endsAt.getTime() - later.startsAt.getTime();
  const earlierLength = earlier.endsAt.getTime() - earlier.startsAt.getTime();
  const gap = later.startsAt.getTime() - earlier.endsAt.getTime();
  const laterStart = earlier.startsAt.getTime();
  const earlierStart = gap >= 0 ? laterStart + laterLength + gap : later.startsAt.getTime();
  return [
    { ...later, startsAt: new Date(laterStart), endsAt: new Date(laterStart + laterLength) },
    { ...earlier, startsAt: new Date(earlierStart), endsAt: new Date(earlierStart + earlierLength) },
  ];
}

/**
 * Move a session to another position within its day (drag and drop, or one
 * step with the move up / move down buttons). The sessions it passes shift by
 * its length, keeping their own lengths and the breaks between them: the
 * timetable stays consistent and the day keeps its overall span.
 * Returns the session's new position and times, or null if it is not in this workshop.
 */
export async function moveAgendaSession(
  workshop: WorkshopTimes,
  sessionId: string,
  toIndex: number,
  { actorId, requestId }: ChangeAuthor,
) {
  const result = await db.$transaction(async (tx) => {
    const session = await tx.agendaSession.findFirst({
      where: { id: sessionId, workshopId: workshop.id },
      select: { day: true, title: true },
    });
    if (!session) return null;
    const ofDay = (
      await tx.agendaSession.findMany({
        where: { workshopId: workshop.id, day: session.day },
        select: { id: true, startsAt: true, endsAt: true, sortOrder: true },
      })
    ).sort(byTimeThenOrder);
    const from = ofDay.findIndex((s) => s.id === sessionId);
    const to = Math.max(0, Math.min(ofDay.length - 1, toIndex));
    const slots: Slot[] = [...ofDay];
    for (let i = from; i > to; i--) [slots[i - 1], slots[i]] = swapSlots(slots[i - 1]!, slots[i]!);
    for (let i = from; i < to; i++) [slots[i], slots[i + 1]] = swapSlots(slots[i]!, slots[i + 1]!);
    for (const [index, slot] of slots.entries()) {
      const before = ofDay.find((s) => s.id === slot.id)!;
      if (
        before.startsAt.getTime() !== slot.startsAt.getTime() ||
        before.endsAt.getTime() !== slot.endsAt.getTime() ||
        before.sortOrder !== index
      ) {
        await tx.agendaSession.update({
          where: { id: slot.id },
          data: { startsAt: slot.startsAt, endsAt: slot.endsAt, sortOrder: index },
        });
      }
    }
    if (from !== to) {
      await recordAudit(tx, {
        actorId,
        action: "agenda.reorder",
        entityType: "agenda_session",
        entityId: sessionId,
        message: activityMessage("sessionMoved", {
          from: from + 1,
          to: to + 1,
          day: { day: session.day },
          title: session.title,
        }),
        requestId,
      });
    }
    const moved = slots[to]!;
    return {
      changed: from !== to,
      position: to + 1,
      of: slots.length,
      startTime: instantToLocal(moved.startsAt, workshop.timeZone).time,
      endTime: instantToLocal(moved.endsAt, workshop.timeZone).time,
      title: session.title,
    };
  });
  if (result?.changed) await emit({ type: "agenda-session.changed", workshopId: workshop.id, sessionId });
  return result;
}

/**
 * After a workshop's time zone is corrected, its sessions keep their clock
 * times ("09:00" stays 09:00 in the new zone): their instants are recomputed.
 * Runs inside the caller's transaction. Returns false when a clock time does
 * not exist in the new zone (a skipped hour), so the caller can refuse.
 */
export async function keepClockTimesInNewZone(
  tx: Prisma.TransactionClient,
  workshopId: string,
  fromZone: string,
  toZone: string,
): Promise<boolean> {
  const sessions = await tx.agendaSession.findMany({
    where: { workshopId },
    select: { id: true, startsAt: true, endsAt: true },
  });
  for (const s of sessions) {
    const start = instantToLocal(s.startsAt, fromZone);
    const end = instantToLocal(s.endsAt, fromZone);
    const startsAt = localToInstant(start.day, start.time, toZone);
    const endsAt = localToInstant(end.day, end.time, toZone);
    if (!startsAt || !endsAt) return false;
    await tx.agendaSession.update({ where: { id: s.id }, data: { startsAt, endsAt } });
  }
  return true;
}
