/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order
 * mark so Excel reads Khmer, Lao, Thai or Vietnamese names correctly.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) are prefixed with an apostrophe: an exported name
 * such as "=HYPERLINK(...)" then shows as text instead of executing.
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // Numbers are data, not formulas: "-3" stays a number in the sheet.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: header row first, then the rows, with the BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A download response for a CSV document. `filename` is ASCII. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
