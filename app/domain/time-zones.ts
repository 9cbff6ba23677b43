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
