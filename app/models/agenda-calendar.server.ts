import { db } from "~/utils/db.server";
import { countryName } from "~/i18n/names";
import type { Translate } from "~/i18n/types";
import { byTimeThenOrder } from "./agenda.server";
import { instantToLocal, zoneOffsetMinutes } from "~/domain/time-zones";

/** A workshop's agenda as an iCalendar file (RFC 5545), for people's own calendars. */

type WorkshopTimes = { id: string; timeZone: string; startsOn: string; endsOn: string };

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after CRLF and a space, never inside a UTF-8 character (§3.1). */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");
/** 420 → "+0700" */
const icsOffset = (minutes: number) =>
  `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
/** A UTC instant as 20150810T013000Z */
const icsUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
/** Clock time in a zone as 20150810T083000 (a DATE-TIME with TZID) */
function icsLocal(instant: Date, timeZone: string) {
  const { day, time } = instantToLocal(instant, timeZone);
  return `${day.replace(/-/g, "")}T${time.replace(":", "")}00`;
}
/** Clock time at a fixed offset, for observance onsets, which are written in the offset in force before them. */
function icsAtOffset(instant: Date, offsetMinutes: number) {
  return icsUtc(new Date(instant.getTime() + offsetMinutes * 60_000)).replace("Z", "");
}

function shortZoneName(timeZone: string, instant: Date) {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
      .formatToParts(instant)
      .find((p) => p.type === "timeZoneName")?.value ?? ""
  );
}

/**
 * The offset changes of a zone between two instants, found from Intl: sample
 * every six hours, then narrow each change down to the minute.
 */
function zoneTransitions(timeZone: string, from: Date, to: Date) {
  const step = 6 * 3_600_000;
  const transitions: { at: Date; offsetFrom: number; offsetTo: number }[] = [];
  let previous = zoneOffsetMinutes(timeZone, from);
  for (let t = from.getTime() + step; t <= to.getTime(); t += step) {
    const offset = zoneOffsetMinutes(timeZone, new Date(t));
    if (offset === previous) continue;
    let low = t - step;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (zoneOffsetMinutes(timeZone, new Date(mid)) === previous) low = mid;
      else high = mid;
    }
    transitions.push({ at: new Date(high), offsetFrom: previous, offsetTo: offset });
    previous = offset;
  }
  return transitions;
}

/**
 * A VTIMEZONE for the years the workshop spans (§3.6.5). Zones without
 * daylight saving get one STANDARD observance; others get one observance per
 * change of offset in those years, DAYLIGHT for the higher offset.
 */
export function buildVTimeZone(timeZone: string, firstYear: number, lastYear: number): string[] {
  const from = new Date(Date.UTC(firstYear, 0, 1) - 14 * 3_600_000);
  const to = new Date(Date.UTC(lastYear + 1, 0, 1) + 14 * 3_600_000);
  const initial = zoneOffsetMinutes(timeZone, from);
  const transitions = zoneTransitions(timeZone, from, to);
  const standardOffset = Math.min(initial, ...transitions.map((t) => t.offsetTo));
  const observance = (onset: string, offsetFrom: number, offsetTo: number, at: Date) => {
    const kind = offsetTo > standardOffset ? "DAYLIGHT" : "STANDARD";
    const name = shortZoneName(timeZone, at);
    return [
      `BEGIN:${kind}`,
      `DTSTART:${onset}`,
      `TZOFFSETFROM:${icsOffset(offsetFrom)}`,
      `TZOFFSETTO:${icsOffset(offsetTo)}`,
      ...(name ? [`TZNAME:${escapeIcsText(name)}`] : []),
      `END:${kind}`,
    ];
  };
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${timeZone}`,
    ...observance(icsAtOffset(from, initial), initial, initial, from),
    ...transitions.flatMap((t) => observance(icsAtOffset(t.at, t.offsetFrom), t.offsetFrom, t.offsetTo, t.at)),
    "END:VTIMEZONE",
  ];
}

/**
 * The whole agenda as an iCalendar file (CRLF line ends, folded lines), one VEVENT per session; speakers' roles
 * and the host country in the language of `t` (the reader's, or the recipient's for an e-mail).
 */
export async function buildAgendaCalendar(
  workshop: WorkshopTimes & {
    title: string;
    venue: string;
    city: string;
    hostCountry: { code: string; name: string } | null;
  },
  options: { agendaUrl: string; uidDomain: string; t: Translate; now?: Date },
): Promise<string> {
  const sessions = await db.agendaSession.findMany({
    where: { workshopId: workshop.id },
    include: { speakers: { select: { name: true, role: true }, orderBy: { id: "asc" } } },
  });
  sessions.sort(byTimeThenOrder);
  const { t } = options;
  const host = workshop.hostCountry ? countryName(t, workshop.hostCountry) : null;
  const location = [workshop.venue, workshop.city, host].filter(Boolean).join(", ");
  const stamp = icsUtc(options.now ?? new Date());
  const years = sessions.length
    ? sessions.flatMap((s) => [
        Number(instantToLocal(s.startsAt, workshop.timeZone).day.slice(0, 4)),
        Number(instantToLocal(s.endsAt, workshop.timeZone).day.slice(0, 4)),
      ])
    : [Number(workshop.startsOn.slice(0, 4)), Number(workshop.endsOn.slice(0, 4))];
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//FocalPoint//Workshop agenda//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeIcsText(workshop.title)}`,
    `X-WR-TIMEZONE:${workshop.timeZone}`,
    ...buildVTimeZone(workshop.timeZone, Math.min(...years), Math.max(...years)),
    ...sessions.flatMap((s) => {
      const people = s.speakers.map((sp) => `${sp.name} (${t(`workshops:speakerRoles.${sp.role}`)})`).join(", ");
      const description = [s.description, people].filter(Boolean).join("\n\n");
      return [
        "BEGIN:VEVENT",
        `UID:agenda-session-${s.id}@${options.uidDomain}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;TZID=${workshop.timeZone}:${icsLocal(s.startsAt, workshop.timeZone)}`,
        `DTEND;TZID=${workshop.timeZone}:${icsLocal(s.endsAt, workshop.timeZone)}`,
        `SUMMARY:${escapeIcsText(s.title)}`,
        ...(description ? [`DESCRIPTION:${escapeIcsText(description)}`] : []),
        ...(location ? [`LOCATION:${escapeIcsText(location)}`] : []),
        `CATEGORIES:${escapeIcsText(s.sessionType.replace("_", " "))}`,
        `URL:${options.agendaUrl}`,
        "END:VEVENT",
      ];
    }),
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join("\r\n") + "\r\n";
}

/** "MRS Validation: Vientiane 2027" → "MRS-Validation-Vientiane-2027.ics", a name every system keeps. */
export function agendaCalendarFilename(workshopTitle: string) {
  const base = workshopTitle
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base || "agenda"}.ics`;
}
