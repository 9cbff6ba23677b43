import { TZDate } from "@date-fns/tz";

/** Where each Member State's clocks are, so a new workshop's zone follows its host country. */
export const HOST_TIME_ZONES: Record<string, string> = {
  BN: "Asia/Brunei",
  KH: "Asia/Phnom_Penh",
  ID: "Asia/Jakarta",
  LA: "Asia/Vientiane",
  MY: "Asia/Kuala_Lumpur",
  MM: "Asia/Yangon",
  PH: "Asia/Manila",
  SG: "Asia/Singapore",
  TH: "Asia/Bangkok",
  VN: "Asia/Ho_Chi_Minh",
};

/**
 * An IANA zone the runtime knows, spelled the way it was given (Intl would
 * rename Asia/Ho_Chi_Minh to its old alias Asia/Saigon), with the letter case
 * fixed when it matches a known zone. Offsets such as "+07:00" are refused:
 * they know nothing of daylight saving.
 */
export function normaliseTimeZone(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed !== "UTC" && !/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(trimmed)) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: trimmed });
  } catch {
    return null;
  }
  const known = [...Object.values(HOST_TIME_ZONES), ...Intl.supportedValuesOf("timeZone")];
  return known.find((zone) => zone.toLowerCase() === trimmed.toLowerCase()) ?? trimmed;
}

// ───────────────────────── wall-clock time in a zone ─────────────────────────

const partsCache = new Map<string, Intl.DateTimeFormat>();
function zoneParts(timeZone: string) {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** The workshop day ("YYYY-MM-DD") and clock time ("HH:MM") of an instant in a zone. */
export function instantToLocal(instant: Date, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    zoneParts(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant at which the clocks of `timeZone` show `time` on `day`, or null
 * when no such moment exists (the hour skipped when clocks go forward).
 * For the repeated hour when clocks go back, the later occurrence is taken.
 */
export function localToInstant(day: string, time: string, timeZone: string): Date | null {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const instant = new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
  const back = instantToLocal(instant, timeZone);
  return back.day === day && back.time === time ? instant : null;
}

/** Offset of a zone from UTC at an instant, in minutes (Asia/Bangkok: 420). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const { day, time } = instantToLocal(instant, timeZone);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return Math.round((Date.UTC(y, m - 1, d, hh, mm) - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}
