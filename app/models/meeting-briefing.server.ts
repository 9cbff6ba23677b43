/**
 * A regional meeting's briefs (decision 023): which meeting (a regional_meeting workshop or a day
 * the Secretariat picks), since when (the previous meeting, changeable), the focal points' notes,
 * and freezing, after which the briefs are read from the snapshot kept as they were sent.
 */
import { can, readableCountryIds, type Actor } from "~/auth/permissions";
import { InputRefused } from "~/domain/input-refused";
import { BRIEF_NOTE_MAX } from "~/forms/brief-note";
import { activityMessage } from "~/i18n/activity";
import { db } from "~/utils/db.server";
import { isCalendarDay, overdueToday } from "~/utils/format";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { composeBriefs, type BriefWindow, type CountryBrief } from "./meeting-brief.server";

const MEETING_KIND = "regional_meeting";
/** "Since" without a previous meeting: a year before the meeting. */
const DEFAULT_SPAN_DAYS = 365;

export type Meeting = {
  /** what the URL carries: the workshop's id or the day */
  ref: string;
  key: string;
  workshopId: string | null;
  title: string | null;
  city: string | null;
  meetingOn: string;
};

/** The regional meetings among the workshops, newest first, for choosing one. */
export function listRegionalMeetings() {
  return db.workshop.findMany({
    where: { kind: MEETING_KIND },
    orderBy: { startsOn: "desc" },
    select: { id: true, title: true, city: true, startsOn: true },
  });
}

/** The meeting a URL names: a regional meeting's id or a day ("2027-03-16"); null when there is none. */
export async function findMeeting(ref: string): Promise<Meeting | null> {
  if (/^\d{4}-\d{2}-\d{2}$/.test(ref)) {
    if (!isCalendarDay(ref)) return null;
    return { ref, key: `day:${ref}`, workshopId: null, title: null, city: null, meetingOn: ref };
  }
  if (!/^[a-z0-9]{10,40}$/.test(ref)) return null;
  const workshop = await db.workshop.findFirst({
    where: { id: ref, kind: MEETING_KIND },
    select: { id: true, title: true, city: true, startsOn: true },
  });
  if (!workshop) return null;
  return {
    ref,
    key: `workshop:${workshop.id}`,
    workshopId: workshop.id,
    title: workshop.title,
    city: workshop.city || null,
    meetingOn: workshop.startsOn,
  };
}

/** The regional meeting before this one, whose day "since" defaults to and whose agreed actions are followed. */
function previousMeeting(meeting: Meeting) {
  return db.workshop.findFirst({
    where: {
      kind: MEETING_KIND,
      startsOn: { lt: meeting.meetingOn },
      ...(meeting.workshopId ? { id: { not: meeting.workshopId } } : {}),
    },
    orderBy: { startsOn: "desc" },
    select: { id: true, title: true, startsOn: true },
  });
}

const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The window a meeting's briefs cover. `sinceAsked` (from the page's "since" field) replaces the
 * previous meeting's day; it must be a real day before the meeting and not in the future.
 */
async function briefWindow(meeting: Meeting, sinceAsked: string | null, today = overdueToday()) {
  const previous = await previousMeeting(meeting);
  const since = sinceAsked ?? previous?.startsOn ?? daysBefore(meeting.meetingOn, DEFAULT_SPAN_DAYS);
  if (!isCalendarDay(since)) throw new InputRefused("since", "briefs:errors.sinceNotADay");
  if (since >= meeting.meetingOn)
    throw new InputRefused("since", "briefs:errors.sinceNotBeforeMeeting", { meetingOn: meeting.meetingOn });
  if (since > today) throw new InputRefused("since", "briefs:errors.sinceInFuture");
  const window: BriefWindow = { since, meetingOn: meeting.meetingOn, today, previousMeetingId: previous?.id ?? null };
  return { window, previous };
}

export type Briefing = {
  meeting: Meeting;
  since: string;
  previous: { title: string; startsOn: string } | null;
  /** when the briefs were counted: now, or when they were frozen */
  countedAt: string;
  frozen: { at: string; by: string | null } | null;
  briefs: CountryBrief[];
};

async function notesOf(meetingKey: string) {
  const notes = await db.meetingBriefNote.findMany({
    where: { briefing: { meetingKey } },
    select: { countryId: true, body: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  return new Map(
    notes.map((n) => [n.countryId, { body: n.body, by: n.updatedBy?.name ?? null, on: n.updatedAt.toISOString() }]),
  );
}

function frozenBriefing(meetingKey: string) {
  return db.meetingBriefing.findFirst({
    where: { meetingKey, frozenAt: { not: null } },
    select: { snapshot: true, frozenAt: true, frozenBy: { select: { name: true } } },
  });
}

/**
 * The briefs of the countries the viewer may read (never another country's), in the countries'
 * order; `only` narrows to one country. Frozen briefs come from their snapshot, whatever `sinceAsked`.
 */
export async function readBriefing(
  viewer: Actor,
  meeting: Meeting,
  sinceAsked: string | null,
  only: string | null = null,
): Promise<Briefing> {
  const readable = readableCountryIds(viewer);
  const shown = (countryId: string) =>
    (readable === "all" || readable.includes(countryId)) && (only === null || only === countryId);
  const frozen = await frozenBriefing(meeting.key);
  if (frozen?.snapshot) {
    const sent = JSON.parse(frozen.snapshot) as Omit<Briefing, "meeting" | "frozen">;
    return {
      ...sent,
      meeting,
      frozen: { at: frozen.frozenAt!.toISOString(), by: frozen.frozenBy?.name ?? null },
      briefs: sent.briefs.filter((b) => shown(b.country.id)),
    };
  }
  const { window, previous } = await briefWindow(meeting, sinceAsked);
  const countries = (
    await db.country.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } })
  ).filter((c) => shown(c.id));
  return {
    meeting,
    since: window.since,
    previous: previous ? { title: previous.title, startsOn: previous.startsOn } : null,
    countedAt: new Date().toISOString(),
    frozen: null,
    briefs: await composeBriefs(countries, window, await notesOf(meeting.key)),
  };
}

/** Whether the meeting's briefs are frozen, for the permission check of a note. */
async function isFrozen(meeting: Meeting) {
  return (await frozenBriefing(meeting.key)) !== null;
}

/** The meeting's row, made the first time a note is written or the briefs are frozen. */
function briefingRow(tx: Pick<typeof db, "meetingBriefing">, meeting: Meeting) {
  return tx.meetingBriefing.upsert({
    where: { meetingKey: meeting.key },
    create: { meetingKey: meeting.key, workshopId: meeting.workshopId, meetingOn: meeting.meetingOn },
    update: {},
    select: { id: true, frozenAt: true },
  });
}

/**
 * Saves a country's note for the meeting (an empty note removes it). Refused once the briefs
 * are frozen, checked again inside the transaction, and to anyone but the country's editors.
 */
export async function saveBriefNote(
  viewer: Actor,
  meeting: Meeting,
  country: { id: string; code: string; name: string },
  body: string,
  author: ChangeAuthor,
) {
  const text = body.trim();
  if (text.length > BRIEF_NOTE_MAX)
    throw new InputRefused("note", "briefs:errors.noteTooLong", { max: BRIEF_NOTE_MAX });
  await db.$transaction(async (tx) => {
    const row = await briefingRow(tx, meeting);
    if (!can(viewer, "brief.note", { countryId: country.id, frozen: row.frozenAt !== null }))
      throw new InputRefused("note", row.frozenAt ? "briefs:errors.frozen" : "briefs:errors.notYours");
    const where = { briefingId_countryId: { briefingId: row.id, countryId: country.id } };
    if (text === "") await tx.meetingBriefNote.deleteMany({ where: where.briefingId_countryId });
    else
      await tx.meetingBriefNote.upsert({
        where,
        create: { briefingId: row.id, countryId: country.id, body: text, updatedById: author.actorId },
        update: { body: text, updatedById: author.actorId },
      });
    await recordAudit(tx, {
      actorId: author.actorId,
      requestId: author.requestId,
      action: "brief.note",
      entityType: "meeting_briefing",
      entityId: row.id,
      countryId: country.id,
      message: activityMessage("briefNoteSaved", { country: { country }, day: { day: meeting.meetingOn } }),
    });
  });
}

/**
 * Freezes the meeting's briefs as they are now: every country's brief is kept, so the page and
 * every export read the same from then on. Refused when already frozen.
 */
export async function freezeBriefing(viewer: Actor, meeting: Meeting, sinceAsked: string | null, author: ChangeAuthor) {
  if (!can(viewer, "briefs.freeze")) throw new InputRefused("form", "briefs:errors.notYours");
  if (await isFrozen(meeting)) throw new InputRefused("form", "briefs:errors.alreadyFrozen");
  const { meeting: _, frozen: __, ...sent } = await readBriefing(viewer, meeting, sinceAsked);
  await db.$transaction(async (tx) => {
    const row = await briefingRow(tx, meeting);
    // Two people freezing at once: the second finds the first's snapshot and writes nothing.
    const { count } = await tx.meetingBriefing.updateMany({
      where: { id: row.id, frozenAt: null },
      data: { frozenAt: new Date(), frozenById: author.actorId, sinceOn: sent.since, snapshot: JSON.stringify(sent) },
    });
    if (count === 0) throw new InputRefused("form", "briefs:errors.alreadyFrozen");
    await recordAudit(tx, {
      actorId: author.actorId,
      requestId: author.requestId,
      action: "briefs.freeze",
      entityType: "meeting_briefing",
      entityId: row.id,
      message: activityMessage("briefsFrozen", { day: { day: meeting.meetingOn } }),
    });
  });
}
