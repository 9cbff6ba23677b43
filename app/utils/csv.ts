/**
 * CSV for spreadsheets, the one way every export is written: RFC 4180
 * quoting, CRLF line ends and a UTF-8 byte-order mark so Excel reads Khmer,
 * Lao, Thai or Vietnamese names correctly.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) are prefixed with an apostrophe: an exported name
 * such as "=HYPERLINK(...)" then shows as text instead of executing.
 *
 * Two variants: commas, and semicolons for spreadsheets set to a language
 * that writes decimals with a comma (Indonesian, Vietnamese, French…), where
 * Excel splits columns at ";" and reads "2,5" as a number. Instants are
 * written as "YYYY-MM-DD HH:MM" on the clock of a given zone (a workshop's
 * own), which every spreadsheet reads as a date and time.
 */

import { instantToLocal } from "~/domain/time-zones";

export type CsvCell = string | number | boolean | Date | null | undefined;
export type CsvFormat = { separator: "," | ";"; timeZone: string };

const COMMA_FORMAT: CsvFormat = { separator: ",", timeZone: "UTC" };
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula, with the apostrophe that makes it show as text. */
export function asPlainText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The query parameter that asks for the semicolon variant: `?separator=semicolon`. */
const SEPARATOR_PARAM = "separator";
const SEMICOLON = "semicolon";

/** "2026-12-03 15:00" on the clock of `timeZone`. */
function localDateTime(instant: Date, timeZone: string): string {
  const { day, time } = instantToLocal(instant, timeZone);
  return `${day} ${time}`;
}

export function csvCell(value: CsvCell, format: CsvFormat = COMMA_FORMAT): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = localDateTime(value, format.timeZone);
  // Numbers are data, not formulas: "-3" stays a number in the sheet; 2.5 is "2,5" where ";" separates.
  else if (typeof value === "number") text = format.separator === ";" ? String(value).replace(".", ",") : String(value);
  else {
    text = typeof value === "string" ? asPlainText(value) : String(value);
  }
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: header row first, then the rows, with the BOM. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  format: CsvFormat = COMMA_FORMAT,
): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, format)).join(format.separator));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The variant a download's address asks for, with instants on the clock of `timeZone`. */
export function csvFormatFrom(url: URL, timeZone: string): CsvFormat {
  return { separator: url.searchParams.get(SEPARATOR_PARAM) === SEMICOLON ? ";" : ",", timeZone };
}

/** The address of an export's semicolon variant (its other parameters kept). */
export function semicolonCsvHref(href: string): string {
  const [path, query = ""] = href.split("?");
  const params = new URLSearchParams(query);
  params.set(SEPARATOR_PARAM, SEMICOLON);
  return `${path}?${params.toString()}`;
}

/**
 * The download of one export, in the variant its address asks for: every CSV
 * route answers with this. `timeZone`: the clock its times are written on.
 * `filename` is ASCII; the semicolon variant's name says so.
 */
export function csvDownload(
  request: Request,
  {
    header,
    rows,
    filename,
    timeZone,
  }: { header: readonly string[]; rows: readonly (readonly CsvCell[])[]; filename: string; timeZone: string },
): Response {
  const format = csvFormatFrom(new URL(request.url), timeZone);
  const name = format.separator === ";" ? filename.replace(/\.csv$/, "-semicolon.csv") : filename;
  return new Response(toCsv(header, rows, format), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
