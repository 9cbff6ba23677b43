import { TZDate } from "@date-fns/tz";
import { HOST_TIME_ZONES } from "./time-zones";

/** Whether a person gets the weekly digest. */
export const DIGEST_CHOICES = ["weekly", "none"] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];

/** When a person has not chosen, the digest goes to those who keep a country's work current. */
export function digestByDefault(roles: readonly { role: string }[]): DigestChoice {
  return roles.some((r) => r.role === "focal_point" || r.role === "task_force") ? "weekly" : "none";
}

/** The zones a person may read their digest in: the Member States' own. */
export const DIGEST_TIME_ZONES = [...new Set(Object.values(HOST_TIME_ZONES))].sort() as [string, ...string[]];

/** A person's zone: their own choice, else their country's, else the Secretariat's (Jakarta). */
export function personTimeZone(chosen: string | null, countryCode: string | null | undefined): string {
  return chosen ?? (countryCode ? HOST_TIME_ZONES[countryCode] : undefined) ?? HOST_TIME_ZONES.ID!;
}

const DIGEST_HOUR = 7;
/** A digest missed at its hour (the server was down) still goes out later that Monday, never a week late. */
const LATE_BY_AT_MOST_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "2026-W49": the ISO week of a calendar day (ISO weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeekOf(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month, day);
  const thursday = new Date(date + (3 - ((new Date(date).getUTCDay() + 6) % 7)) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS));
  return `${weekYear}-W${String(week).padStart(2, "0")}`;
}

/**
 * The next digest of a person in `timeZone`: Monday 07:00 there, this week's until a day after
 * it, then next week's; `week` is the ISO week of that Monday, which names the digest once.
 */
export function nextDigest(timeZone: string, now: Date): { runAt: Date; week: string } {
  const local = new TZDate(now.getTime(), timeZone);
  const sinceMonday = (local.getDay() + 6) % 7;
  const mondayAt = (weeksAhead: number) =>
    new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate() - sinceMonday + 7 * weeksAhead,
      DIGEST_HOUR,
      0,
      0,
      0,
      timeZone,
    );
  let monday = mondayAt(0);
  if (now.getTime() >= monday.getTime() + LATE_BY_AT_MOST_MS) monday = mondayAt(1);
  return {
    runAt: new Date(monday.getTime()),
    week: isoWeekOf(monday.getFullYear(), monday.getMonth(), monday.getDate()),
  };
}
