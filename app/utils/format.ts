/**
 * Dates and numbers in the reader's language (Intl, no extra library). Calendar
 * days are ISO "YYYY-MM-DD" strings and are formatted as such, never shifted
 * by a time zone.
 */

import { OVERDUE_ZONE } from "~/domain/overdue";
import { instantToLocal } from "~/domain/time-zones";

// ASEAN documents write English dates the British way ("10 August 2015").
const INTL_LOCALES: Record<string, string> = { en: "en-GB", id: "id-ID" };
const intl = (locale: string) => INTL_LOCALES[locale] ?? locale;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** "2025-08-10" → "10 Aug 2025" (en) / "10 Agu 2025" (id). */
export function formatDay(day: string | null | undefined, locale: string, style: "medium" | "long" = "medium"): string {
  if (!day) return "";
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  const date = new Date(Date.UTC(y, m - 1, d));
  return formatter(
    `day:${locale}:${style}`,
    () => new Intl.DateTimeFormat(intl(locale), { dateStyle: style, timeZone: "UTC" }),
  ).format(date);
}

/** An instant, shown in a given IANA zone (the viewer's own by default). */
export function formatDateTime(value: Date | string, locale: string, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return formatter(
    `dt:${locale}:${timeZone ?? ""}`,
    () => new Intl.DateTimeFormat(intl(locale), { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(date);
}

export function formatTime(value: Date | string, locale: string, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return formatter(
    `t:${locale}:${timeZone ?? ""}`,
    () => new Intl.DateTimeFormat(intl(locale), { timeStyle: "short", timeZone }),
  ).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return formatter(`n:${locale}`, () => new Intl.NumberFormat(intl(locale))).format(value);
}

/** 0.375 → "38%" */
export function formatPercent(fraction: number, locale: string): string {
  return formatter(
    `p:${locale}`,
    () => new Intl.NumberFormat(intl(locale), { style: "percent", maximumFractionDigits: 0 }),
  ).format(fraction);
}

/** Today's calendar day in a zone, as "YYYY-MM-DD". */
export function todayIn(timeZone = "UTC", now = new Date()): string {
  return instantToLocal(now, timeZone).day;
}

/** Today's day in the zone that decides "overdue" (see OVERDUE_ZONE in app/domain/overdue.ts). */
export function overdueToday(now = new Date()): string {
  return todayIn(OVERDUE_ZONE, now);
}

/** "Indochina Time (Asia/Bangkok)": a zone named the way people read it, with its IANA id. */
export function timeZoneLabel(timeZone: string, locale: string, at = new Date()): string {
  const long = formatter(
    `zone:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(intl(locale), { timeZone, timeZoneName: "long" }),
  )
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return long ? `${long} (${timeZone})` : timeZone;
}

/**
 * The days this app holds, unless a field narrows them further: from 1990 (before
 * the first ASEAN skills meetings) to 2100. A year such as 0000 or 2205 is a
 * typo, and a day stored that far out makes every chart span millennia.
 */
export const FIRST_DAY = "1990-01-01";
const LAST_DAY = "2100-12-31";

/** "2027-02-31" parses (as 3 March) but is no day of any calendar: a real day reads back the same. */
export function dayExists(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A day that exists and lies within the days this app holds (FIRST_DAY to LAST_DAY). */
export function isCalendarDay(value: string): boolean {
  return dayExists(value) && value >= FIRST_DAY && value <= LAST_DAY;
}
