import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Papa from "papaparse";
import { translatorFor } from "~/i18n/translate.server";
import { inspectZip } from "~/utils/zip-inspection";
import { MAX_SHEET_BYTES, MAX_SHEET_ROWS, SHEET_COLUMNS, type Column } from "./progress-sheet.server";

/**
 * Reading an edited progress spreadsheet (XLSX or CSV) into rows of cells, or refusing it with
 * a reason: too large, a zip bomb, macros, no sheet with the template's columns, merged cells,
 * an encoding or separator it cannot read. Nothing here writes.
 */

// ───────────────────────── reading a file ─────────────────────────

/** Why a whole file was refused (a key of plans:progressSheet.refused). */
export type SheetRefusal =
  | "empty"
  | "tooLarge"
  | "type"
  | "macros"
  | "zipBomb"
  | "unreadable"
  | "wrongSheet"
  | "mergedCells"
  | "encoding"
  | "tooManyRows";

export type SheetCells = { line: number; cells: Record<Column, string>; formulaWithoutValue: Column[] };
type ReadResult = { ok: true; rows: SheetCells[] } | { ok: false; error: SheetRefusal };

export const normaliseHeader = (value: string) => value.trim().toLowerCase().replace(/\s+/g, " ");

/** Each column's header in every language the template is written in. */
async function headerColumns(): Promise<Map<string, Column>> {
  const names = new Map<string, Column>();
  for (const locale of ["en", "id"] as const) {
    const t = await translatorFor(locale);
    for (const column of SHEET_COLUMNS) names.set(normaliseHeader(t(`plans:progressSheet.columns.${column}`)), column);
  }
  for (const column of SHEET_COLUMNS) names.set(column, column);
  return names;
}

/** The column of each position of a header row, or null when the template's columns are not all there. */
function matchHeader(header: string[], names: Map<string, Column>): (Column | null)[] | null {
  const positions = header.map((h) => names.get(normaliseHeader(h)) ?? null);
  const needed: Column[] = ["id", "status", "progress", "start", "due", "achieved", "notes", "version"];
  return needed.every((c) => positions.includes(c)) ? positions : null;
}

function rowOf(line: number, values: string[], positions: (Column | null)[], formulas: Set<number>): SheetCells {
  const cells = Object.fromEntries(SHEET_COLUMNS.map((c) => [c, ""])) as Record<Column, string>;
  const formulaWithoutValue: Column[] = [];
  positions.forEach((column, index) => {
    if (!column) return;
    cells[column] = (values[index] ?? "").trim();
    if (formulas.has(index)) formulaWithoutValue.push(column);
  });
  return { line, cells, formulaWithoutValue };
}

/** Each worksheet of a workbook as text: what the reading thread sends back. */
type SheetTexts = {
  header: string[];
  merged: boolean;
  tooManyRows: boolean;
  /** the rows after the header, each cell as text, with the positions of formulas that have no value */
  rows: { line: number; values: string[]; formulas: number[] }[];
};

/**
 * Reading an XLSX takes seconds of CPU for ten thousand rows: it runs in a thread of its own so
 * that co-editing and every other request carry on meanwhile, with a memory limit a hostile file
 * cannot pass. Plain JavaScript, like the commit thread, so it runs the same from the sources and
 * from the build. A cell's value becomes text: a formula by its cached result (none: flagged), rich
 * text by its characters, a date as its day (exceljs reads a day as midnight UTC), an error value
 * (#REF!) as nothing the import can use.
 */
const XLSX_READER = `
const { parentPort, workerData } = require("node:worker_threads");
const ExcelJS = require(workerData.exceljs);
const dayOf = (date) => (Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10));
function cellText(value) {
  if (value === null || value === undefined) return { text: "", formulaWithoutValue: false };
  if (value instanceof Date) return { text: dayOf(value), formulaWithoutValue: false };
  if (typeof value !== "object") return { text: String(value), formulaWithoutValue: false };
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (result === undefined || result === null || (typeof result === "object" && !(result instanceof Date)))
      return { text: "", formulaWithoutValue: true };
    return cellText(result);
  }
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join(""), formulaWithoutValue: false };
  if ("text" in value) return { text: String(value.text), formulaWithoutValue: false };
  return { text: "", formulaWithoutValue: true };
}
function sheetTexts(sheet) {
  const header = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value).text));
  const merged = (sheet.model.merges || []).length > 0;
  const tooManyRows = sheet.rowCount - 1 > workerData.maxRows;
  const rows = [];
  if (!merged && !tooManyRows)
    sheet.eachRow((row, line) => {
      if (line === 1) return;
      const values = [];
      const formulas = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const { text, formulaWithoutValue } = cellText(cell.value);
        values[col - 1] = text;
        if (formulaWithoutValue) formulas.push(col - 1);
      });
      rows.push({ line, values, formulas });
    });
  return { header, merged, tooManyRows, rows };
}
const workbook = new ExcelJS.Workbook();
workbook.xlsx
  .load(Buffer.from(workerData.bytes))
  .then(() => parentPort.postMessage({ sheets: workbook.worksheets.map(sheetTexts) }))
  .catch(() => parentPort.postMessage({ sheets: null }));
`;

/** The workbook's sheets as text, read in a thread of its own; null when it cannot be read. */
function readWorkbookInThread(bytes: Uint8Array): Promise<SheetTexts[] | null> {
  return new Promise((resolve) => {
    const worker = new Worker(XLSX_READER, {
      eval: true,
      workerData: { exceljs: createRequire(import.meta.url).resolve("exceljs"), bytes, maxRows: MAX_SHEET_ROWS },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    worker.once("message", (reply: { sheets: SheetTexts[] | null }) => {
      resolve(reply.sheets);
      void worker.terminate();
    });
    // Out of memory or any other failure of the thread: the file cannot be read.
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const zip = inspectZip(bytes);
  if (!zip.ok) return { ok: false, error: zip.problem };
  const sheets = await readWorkbookInThread(bytes);
  if (!sheets) return { ok: false, error: "unreadable" };
  const names = await headerColumns();
  for (const sheet of sheets) {
    const positions = matchHeader(sheet.header, names);
    if (!positions) continue;
    if (sheet.merged) return { ok: false, error: "mergedCells" };
    if (sheet.tooManyRows) return { ok: false, error: "tooManyRows" };
    return {
      ok: true,
      rows: sheet.rows.map((row) => rowOf(row.line, row.values, positions, new Set(row.formulas))),
    };
  }
  return { ok: false, error: "wrongSheet" };
}

async function readCsv(bytes: Uint8Array): Promise<ReadResult> {
  // UTF-16 (Excel's "Unicode text") and legacy code pages are refused rather than guessed at.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, error: "encoding" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, error: "encoding" };
  }
  // Commas, or semicolons and tabs where a spreadsheet's language writes decimals with a comma.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"] });
  const [header, ...body] = parsed.data;
  if (!header) return { ok: false, error: "empty" };
  const positions = matchHeader(header, await headerColumns());
  if (!positions) return { ok: false, error: "wrongSheet" };
  if (body.length > MAX_SHEET_ROWS) return { ok: false, error: "tooManyRows" };
  // Our own CSV exports put an apostrophe before formula-looking text: it is not part of the value.
  const unescaped = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
  return { ok: true, rows: body.map((values, i) => rowOf(i + 2, values.map(unescaped), positions, new Set())) };
}

/** The rows of an uploaded spreadsheet, or why the whole file was refused before any row is read. */
export async function readSheet(file: { name: string; bytes: Uint8Array }): Promise<ReadResult> {
  if (file.bytes.length === 0) return { ok: false, error: "empty" };
  if (file.bytes.length > MAX_SHEET_BYTES) return { ok: false, error: "tooLarge" };
  const extension = file.name.toLowerCase().split(".").pop();
  if (extension === "xlsm" || extension === "xltm" || extension === "xlsb") return { ok: false, error: "macros" };
  if (extension === "xlsx") return readXlsx(file.bytes);
  if (extension === "csv" || extension === "txt") return readCsv(file.bytes);
  return { ok: false, error: "type" };
}
