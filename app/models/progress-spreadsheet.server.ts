import ExcelJS from "exceljs";
import Papa from "papaparse";
import { z } from "zod";
import { emit, type DomainEvent } from "~/events.server";
import {
  ACTION_ITEM_STATUSES,
  DEFAULT_LOCALE,
  isOneOf,
  LOCALES,
  MILESTONE_STATUSES,
  type Locale,
} from "~/domain/vocabulary";
import { ItemSheetSchema } from "~/forms/action-item";
import { milestoneFormSchema, type MilestoneInput } from "~/forms/milestone";
import { countryName, sectorName, stageName } from "~/i18n/names";
import { translatorFor } from "~/i18n/translate.server";
import type { Translate } from "~/i18n/types";
import { asPlainText } from "~/utils/csv";
import { db, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { dayExists, isCalendarDay, todayIn } from "~/utils/format";
import { itemProgressEvent, ItemChangedMeanwhile, saveItemProgressIn, type ItemSheetInput } from "./action-item.server";
import type { ChangeAuthor } from "./audit.server";
import { sendEmail } from "./email.server";
import { enqueueJob } from "./job.server";
import { ACTUAL_DATE_ZONE, milestoneEvent, MilestoneConflict, saveMilestoneIn } from "./milestone.server";
import { deleteStoredFile, readStoredFile, storeUpload } from "./stored-file.server";
import { inspectZip } from "~/utils/zip-inspection";

/**
 * A country's progress as a spreadsheet (issue 14): its open plans' action items and its
 * milestones exported as an XLSX template, and the edited file (XLSX or CSV) read back, checked
 * row by row in a preview that writes nothing, then applied in one transaction through the same
 * writes as the app's own forms. Each row carries the version (updatedAt) it was exported at:
 * a record saved in the app since then is a conflict, never overwritten.
 */

/** The largest file read: the upload limit; a 100 MB file is refused at the edge before this. */
const MAX_SHEET_BYTES = 10 * 1024 * 1024;
/** More rows than a country has records by far; beyond it the file is not its template. */
const MAX_SHEET_ROWS = 20_000;
/** From this many changed rows on, applying runs in the background and its outcome is e-mailed. */
export const BACKGROUND_ROWS = 1000;
const SHEET_NAME = "Progress";

export const SHEET_COLUMNS = [
  "id",
  "kind",
  "context",
  "title",
  "status",
  "progress",
  "start",
  "due",
  "achieved",
  "notes",
  "version",
] as const;
type Column = (typeof SHEET_COLUMNS)[number];
const EDITABLE: readonly Column[] = ["status", "progress", "start", "due", "achieved", "notes"];
type SheetField = "status" | "progress" | "start" | "due" | "achieved" | "notes";

type Kind = "item" | "milestone";

// ───────────────────────── the records of a country, as the sheet shows them ─────────────────────────

type SheetRecord = {
  id: string;
  kind: Kind;
  countryId: string;
  /** items of endorsed plans are read-only (plan.edit) */
  readOnly: boolean;
  planId: string | null;
  updatedAt: Date;
  values: Record<SheetField, string>;
  // a milestone's fields the sheet does not show, kept as they are
  stageCode: string | null;
  aqrfLevel: number | null;
  partnerCountryId: string | null;
  context: { plan?: string; sector?: { code: string; name: string } | null };
  title: { activity?: string; stage?: { code: string; name: string } };
};

const itemSelect = {
  id: true,
  activity: true,
  status: true,
  progress: true,
  startsOn: true,
  dueOn: true,
  progressNote: true,
  updatedAt: true,
  planId: true,
  plan: { select: { title: true, countryId: true, status: true } },
} as const;

const milestoneSelect = {
  id: true,
  countryId: true,
  status: true,
  startedOn: true,
  targetOn: true,
  achievedOn: true,
  notes: true,
  aqrfLevel: true,
  partnerCountryId: true,
  stageCode: true,
  updatedAt: true,
  stage: { select: { code: true, name: true } },
  sector: { select: { code: true, name: true } },
} as const;

type ItemRow = Prisma.ActionItemGetPayload<{ select: typeof itemSelect }>;

function itemRecord(item: ItemRow): SheetRecord {
  return {
    id: item.id,
    kind: "item",
    countryId: item.plan.countryId,
    readOnly: item.plan.status === "endorsed",
    planId: item.planId,
    updatedAt: item.updatedAt,
    values: {
      status: item.status,
      progress: String(item.progress),
      start: item.startsOn ?? "",
      due: item.dueOn ?? "",
      achieved: "",
      notes: item.progressNote,
    },
    stageCode: null,
    aqrfLevel: null,
    partnerCountryId: null,
    context: { plan: item.plan.title },
    title: { activity: item.activity },
  };
}

type MilestoneRow = Prisma.MilestoneGetPayload<{ select: typeof milestoneSelect }>;

function milestoneRecord(m: MilestoneRow): SheetRecord {
  return {
    id: m.id,
    kind: "milestone",
    countryId: m.countryId,
    readOnly: false,
    planId: null,
    updatedAt: m.updatedAt,
    values: {
      status: m.status,
      progress: "",
      start: m.startedOn ?? "",
      due: m.targetOn ?? "",
      achieved: m.achievedOn ?? "",
      notes: m.notes,
    },
    stageCode: m.stageCode,
    aqrfLevel: m.aqrfLevel,
    partnerCountryId: m.partnerCountryId,
    context: { sector: m.sector },
    title: { stage: m.stage },
  };
}

/** The rows of a country's template: its open plans' items, then its milestones. */
async function countryRecords(countryId: string): Promise<SheetRecord[]> {
  const [items, milestones] = await Promise.all([
    db.actionItem.findMany({
      where: { plan: { countryId, status: { not: "endorsed" } } },
      orderBy: [{ plan: { periodStart: "desc" } }, { sortOrder: "asc" }],
      select: itemSelect,
    }),
    db.milestone.findMany({
      where: { countryId },
      orderBy: [{ sector: { sortOrder: "asc" } }, { stage: { sortOrder: "asc" } }],
      select: milestoneSelect,
    }),
  ]);
  return [...items.map(itemRecord), ...milestones.map(milestoneRecord)];
}

/** The records a file names, whichever country they belong to (to tell "unknown" from "another country's"). */
async function recordsById(ids: string[]): Promise<Map<string, SheetRecord>> {
  const found = new Map<string, SheetRecord>();
  // SQLite allows some thousands of bound values per statement.
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const [items, milestones] = await Promise.all([
      db.actionItem.findMany({ where: { id: { in: chunk } }, select: itemSelect }),
      db.milestone.findMany({ where: { id: { in: chunk } }, select: milestoneSelect }),
    ]);
    for (const item of items) found.set(item.id, itemRecord(item));
    for (const m of milestones) found.set(m.id, milestoneRecord(m));
  }
  return found;
}

// ───────────────────────── export ─────────────────────────

const statusesOf = (kind: Kind) => (kind === "item" ? ACTION_ITEM_STATUSES : MILESTONE_STATUSES);
const statusLabel = (t: Translate, kind: Kind, status: string) =>
  t(kind === "item" ? `common:actionItemStatuses.${status}` : `common:milestoneStatuses.${status}`, {
    defaultValue: status,
  });

const READ_ONLY_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5E7EB" } };

/** The template of a country's progress, in the reader's language, as XLSX bytes. */
export async function exportProgressWorkbook(countryId: string, locale: Locale): Promise<Buffer> {
  const t = await translatorFor(locale);
  const records = await countryRecords(countryId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "FocalPoint";
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  const widths: Record<Column, number> = {
    id: 28,
    kind: 14,
    context: 28,
    title: 44,
    status: 16,
    progress: 11,
    start: 13,
    due: 13,
    achieved: 13,
    notes: 48,
    version: 26,
  };
  sheet.columns = SHEET_COLUMNS.map((column) => ({
    key: column,
    header: t(`plans:progressSheet.columns.${column}`),
    width: widths[column],
    hidden: column === "version",
    // dates stay "YYYY-MM-DD" text, which every spreadsheet and the import read the same way
    style: ["start", "due", "achieved", "notes"].includes(column) ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const record of records) {
    const row = sheet.addRow({
      id: record.id,
      kind: t(`plans:progressSheet.kinds.${record.kind}`),
      context:
        record.context.plan ??
        (record.context.sector ? sectorName(t, record.context.sector) : t("plans:progressSheet.countryLevel")),
      title: record.title.activity ?? stageName(t, record.title.stage!, { long: true }),
      status: statusLabel(t, record.kind, record.values.status),
      progress: record.kind === "item" ? Number(record.values.progress) : null,
      start: record.values.start,
      due: record.values.due,
      achieved: record.values.achieved,
      notes: record.values.notes,
      version: record.updatedAt.toISOString(),
    });
    for (const column of SHEET_COLUMNS) {
      const cell = row.getCell(column);
      const editable =
        EDITABLE.includes(column) &&
        !(record.kind === "item" && column === "achieved") &&
        !(record.kind === "milestone" && column === "progress");
      cell.protection = { locked: !editable };
      if (!editable) cell.fill = READ_ONLY_FILL;
    }
    const labels = statusesOf(record.kind).map((s) => statusLabel(t, record.kind, s));
    row.getCell("status").dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [`"${labels.join(",")}"`],
      showErrorMessage: true,
      errorTitle: t("plans:progressSheet.columns.status"),
      error: t("plans:progressSheet.statusHint"),
    };
    if (record.kind === "item")
      row.getCell("progress").dataValidation = {
        type: "whole",
        operator: "between",
        allowBlank: false,
        formulae: [0, 100],
        showErrorMessage: true,
        error: t("plans:progressSheet.progressHint"),
      };
  }
  for (const column of SHEET_COLUMNS) sheet.getRow(1).getCell(column).fill = READ_ONLY_FILL;
  // Protection without a password: a guide against editing the context by mistake, not a lock.
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    autoFilter: true,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ───────────────────────── reading a file ─────────────────────────

/** Why a whole file was refused (a key of plans:progressSheet.refused). */
type SheetRefusal =
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

type SheetCells = { line: number; cells: Record<Column, string>; formulaWithoutValue: Column[] };
type ReadResult = { ok: true; rows: SheetCells[] } | { ok: false; error: SheetRefusal };

const normaliseHeader = (value: string) => value.trim().toLowerCase().replace(/\s+/g, " ");

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

/** "2026-03-01" for a day a spreadsheet stored as a date (exceljs reads it as midnight UTC). */
const dayOf = (date: Date) => (Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10));

/** A cell's value as text: a formula by its cached result, rich text by its characters. */
function cellText(value: ExcelJS.CellValue): { text: string; formulaWithoutValue: boolean } {
  if (value === null || value === undefined) return { text: "", formulaWithoutValue: false };
  if (value instanceof Date) return { text: dayOf(value), formulaWithoutValue: false };
  if (typeof value !== "object") return { text: String(value), formulaWithoutValue: false };
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null || (typeof result === "object" && !(result instanceof Date)))
      return { text: "", formulaWithoutValue: true };
    return cellText(result as ExcelJS.CellValue);
  }
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join(""), formulaWithoutValue: false };
  if ("text" in value) return { text: String(value.text), formulaWithoutValue: false };
  // an error value (#REF!, #DIV/0!) is nothing the import can use
  return { text: "", formulaWithoutValue: true };
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

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const zip = inspectZip(bytes);
  if (!zip.ok) return { ok: false, error: zip.problem };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, error: "unreadable" };
  }
  const names = await headerColumns();
  for (const sheet of workbook.worksheets) {
    const header: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value).text));
    const positions = matchHeader(header, names);
    if (!positions) continue;
    if ((sheet.model.merges ?? []).length > 0) return { ok: false, error: "mergedCells" };
    if (sheet.rowCount - 1 > MAX_SHEET_ROWS) return { ok: false, error: "tooManyRows" };
    const rows: SheetCells[] = [];
    sheet.eachRow((row, line) => {
      if (line === 1) return;
      const values: string[] = [];
      const formulas = new Set<number>();
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const { text, formulaWithoutValue } = cellText(cell.value);
        values[col - 1] = text;
        if (formulaWithoutValue) formulas.add(col - 1);
      });
      rows.push(rowOf(line, values, positions, formulas));
    });
    return { ok: true, rows };
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
async function readSheet(file: { name: string; bytes: Uint8Array }): Promise<ReadResult> {
  if (file.bytes.length === 0) return { ok: false, error: "empty" };
  if (file.bytes.length > MAX_SHEET_BYTES) return { ok: false, error: "tooLarge" };
  const extension = file.name.toLowerCase().split(".").pop();
  if (extension === "xlsm" || extension === "xltm" || extension === "xlsb") return { ok: false, error: "macros" };
  if (extension === "xlsx") return readXlsx(file.bytes);
  if (extension === "csv" || extension === "txt") return readCsv(file.bytes);
  return { ok: false, error: "type" };
}

// ───────────────────────── the preview ─────────────────────────

/** What one row of the file would do; problems are translation keys. */
export type PreviewRow = {
  line: number;
  id: string;
  kind: Kind | null;
  title: string;
  changes: { field: SheetField; from: string; to: string }[];
  problems: string[];
  conflict: boolean;
};
type Write =
  | { kind: "item"; id: string; countryId: string; planId: string; version: Date; input: ItemSheetInput }
  | { kind: "milestone"; id: string; countryId: string; version: Date; input: MilestoneInput };

export type ProgressPreview =
  | { ok: true; rows: PreviewRow[]; total: number; changeCount: number; problemCount: number; unchangedCount: number }
  | { ok: false; error: SheetRefusal };

const problem = (key: string) => `plans:progressSheet.problem.${key}`;

/** A status written as its code or its label in either language, for the record's kind. */
async function statusReader() {
  const labels = new Map<string, string>();
  for (const locale of ["en", "id"] as const) {
    const t = await translatorFor(locale);
    for (const kind of ["item", "milestone"] as const)
      for (const status of statusesOf(kind))
        labels.set(`${kind}:${normaliseHeader(statusLabel(t, kind, status))}`, status);
  }
  return (kind: Kind, text: string) => {
    const value = normaliseHeader(text);
    if ((statusesOf(kind) as readonly string[]).includes(value)) return value;
    return labels.get(`${kind}:${value}`) ?? null;
  };
}

/** A day typed in the sheet: problems for a day that does not exist or lies outside the years the app holds. */
function dayProblem(value: string): string | null {
  if (value === "" || isCalendarDay(value)) return null;
  return dayExists(value) ? problem("dateOutOfRange") : problem("badDate");
}

/** Checks every row of a file against the country's records; nothing is written. */
async function checkRows(countryId: string, rows: SheetCells[], title: (r: SheetRecord) => string) {
  const meaningful = rows.filter((r) => SHEET_COLUMNS.some((c) => r.cells[c] !== ""));
  const records = await recordsById([...new Set(meaningful.map((r) => r.cells.id).filter(Boolean))]);
  const readStatus = await statusReader();
  const countryIds = (await db.country.findMany({ select: { id: true } })).map((c) => c.id);
  const today = todayIn(ACTUAL_DATE_ZONE);
  const seen = new Set<string>();
  const preview: PreviewRow[] = [];
  const writes: Write[] = [];

  for (const { line, cells, formulaWithoutValue } of meaningful) {
    const problems: string[] = [];
    const record = records.get(cells.id);
    const row: PreviewRow = { line, id: cells.id, kind: null, title: "", changes: [], problems, conflict: false };
    preview.push(row);
    if (!record) {
      problems.push(problem(cells.id ? "unknownId" : "missingId"));
      continue;
    }
    if (record.countryId !== countryId) {
      // another country's record: nothing of it is shown
      problems.push(problem("otherCountry"));
      continue;
    }
    row.kind = record.kind;
    row.title = title(record);
    if (seen.has(record.id)) problems.push(problem("duplicate"));
    seen.add(record.id);
    if (record.readOnly) problems.push(problem("readOnly"));
    if (formulaWithoutValue.some((c) => EDITABLE.includes(c))) problems.push(problem("formula"));

    const status = readStatus(record.kind, cells.status);
    if (!status) problems.push(problem("unknownStatus"));
    for (const column of ["start", "due", "achieved"] as const) {
      const p = dayProblem(cells[column]);
      if (p && !problems.includes(p)) problems.push(p);
    }
    let progress = record.values.progress;
    if (record.kind === "item") {
      progress = cells.progress;
      if (!/^\d+(\.0+)?$/.test(progress))
        problems.push(problem(/^-/.test(progress) ? "progressRange" : "progressNumber"));
      else if (Number(progress) > 100) problems.push(problem("progressOver100"));
      else progress = String(Number(progress));
    }
    // Text that would run as a formula in a spreadsheet is kept as text: a changed note gets the apostrophe.
    const notes = cells.notes === record.values.notes ? cells.notes : asPlainText(cells.notes);
    const after: Record<SheetField, string> = {
      status: status ?? cells.status,
      progress,
      start: cells.start,
      due: cells.due,
      achieved: record.kind === "milestone" ? cells.achieved : "",
      notes,
    };
    row.changes = (Object.keys(after) as SheetField[])
      .filter((field) => after[field] !== record.values[field])
      .map((field) => ({ field, from: record.values[field], to: after[field] }));
    if (problems.length > 0) continue;

    let write: Write | null = null;
    if (record.kind === "item") {
      const checked = ItemSheetSchema.safeParse({
        status: after.status,
        progress: after.progress,
        progressNote: after.notes,
        startsOn: after.start,
        dueOn: after.due,
      });
      if (!checked.success) checked.error.issues.forEach((i) => problems.push(prefixed(i.message)));
      else
        write = {
          kind: "item",
          id: record.id,
          countryId,
          planId: record.planId!,
          version: record.updatedAt,
          input: checked.data,
        };
    } else {
      const checked = milestoneFormSchema({ stageCode: record.stageCode!, countryId, countryIds, today }).safeParse({
        status: after.status,
        startedOn: after.start,
        targetOn: after.due,
        achievedOn: after.achieved,
        aqrfLevel: record.aqrfLevel?.toString() ?? "",
        partnerCountryId: record.partnerCountryId ?? "",
        notes: after.notes,
      });
      if (!checked.success) checked.error.issues.forEach((i) => problems.push(prefixed(i.message)));
      else write = { kind: "milestone", id: record.id, countryId, version: record.updatedAt, input: checked.data };
    }
    if (!write || row.changes.length === 0) continue;
    // Saved in the app after the export: the file's values would overwrite someone's newer work.
    if (cells.version !== record.updatedAt.toISOString()) {
      row.conflict = true;
      problems.push(problem("conflict"));
      continue;
    }
    writes.push(write);
  }
  return { preview, writes };
}

/** Messages of the forms' rules are keys of the common namespace unless they name theirs. */
const prefixed = (message: string) => (message.includes(":") ? message : `common:${message}`);

/** How many preview rows a page lists: every row with a change or a problem, up to this many. */
const SHOWN_ROWS = 500;

async function titler(locale: Locale) {
  const t = await translatorFor(locale);
  return (r: SheetRecord) =>
    r.title.activity ??
    stageName(t, r.title.stage!, { long: true }) + (r.context.sector ? ` (${sectorName(t, r.context.sector)})` : "");
}

/** The preview of an uploaded file for a country: what each row would change, and every problem. */
export async function previewProgressImport(
  countryId: string,
  file: { name: string; bytes: Uint8Array },
  locale: Locale,
): Promise<ProgressPreview> {
  const read = await readSheet(file);
  if (!read.ok) return read;
  const { preview } = await checkRows(countryId, read.rows, await titler(locale));
  const eventful = preview.filter((r) => r.changes.length > 0 || r.problems.length > 0);
  const problemCount = preview.filter((r) => r.problems.length > 0).length;
  return {
    ok: true,
    rows: eventful.slice(0, SHOWN_ROWS),
    total: preview.length,
    problemCount,
    changeCount: eventful.length - problemCount,
    unchangedCount: preview.length - eventful.length,
  };
}

export type ApplyResult =
  | { ok: true; changed: number; refused: number; total: number }
  | { ok: false; error: SheetRefusal | "changedMeanwhile" };

/**
 * Applies every valid row of a file in one transaction, each change recorded as made by the
 * importing person from a spreadsheet; rows with a problem or a conflict are left. The rows are
 * checked again here, so what changed since the preview is caught.
 */
export async function applyProgressImport(
  countryId: string,
  file: { name: string; bytes: Uint8Array },
  author: ChangeAuthor,
): Promise<ApplyResult> {
  const read = await readSheet(file);
  if (!read.ok) return read;
  const { preview, writes } = await checkRows(countryId, read.rows, () => "");
  const events: DomainEvent[] = [];
  try {
    await db.$transaction(
      async (tx) => {
        const options = { ...author, fromSpreadsheet: true };
        for (const write of writes) {
          if (write.kind === "item") {
            const item = { id: write.id, countryId, planId: write.planId };
            if (await saveItemProgressIn(tx, item, write.input, { ...options, expectedUpdatedAt: write.version }))
              events.push(itemProgressEvent(item));
          } else if (await saveMilestoneIn(tx, write.id, write.input, { ...options, expectedUpdatedAt: write.version }))
            events.push(milestoneEvent(countryId, write.id));
        }
      },
      // a thousand rows are a few thousand statements: more than the default five seconds on a slow disk
      { timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof ItemChangedMeanwhile || error instanceof MilestoneConflict)
      return { ok: false, error: "changedMeanwhile" };
    throw error;
  }
  for (const event of events) await emit(event);
  return {
    ok: true,
    changed: events.length,
    refused: preview.filter((r) => r.problems.length > 0).length,
    total: preview.length,
  };
}

// ───────────────────────── an import's life: previewed, applied at once or queued, reported ─────────────────────────

export const PROGRESS_IMPORT_JOB = "progress-import";

/**
 * Keeps an uploaded file between its preview and "apply": stored like any upload, with a
 * record that only the person who uploaded it may apply, for the country it was previewed for.
 */
export async function keepPreviewedFile(countryId: string, file: File, rowCount: number, actorId: string) {
  return db.$transaction(async (tx) => {
    const stored = await storeUpload(file, actorId, tx);
    return tx.progressImport.create({
      data: { countryId, actorId, fileId: stored.id, filename: stored.filename, rowCount },
      select: { id: true },
    });
  });
}

/** A previewed import of this person for this country, with its file, or null. */
function previewedImport(importId: string, countryId: string, actorId: string) {
  return db.progressImport.findFirst({
    where: { id: importId, countryId, actorId, status: "previewed", fileId: { not: null } },
    select: { id: true, rowCount: true, filename: true, file: { select: { id: true, storageKey: true } } },
  });
}

async function storedBytes(storageKey: string): Promise<Uint8Array | null> {
  const stream = readStoredFile(storageKey);
  return stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : null;
}

export type StartedImport =
  { outcome: "applied"; result: ApplyResult } | { outcome: "queued" } | { outcome: "expired" };

/**
 * Applies a previewed import: at once, or, for a file of BACKGROUND_ROWS rows or more, by a
 * background job whose outcome is e-mailed to the person and shown on the country's page.
 */
export async function applyPreviewedImport(
  importId: string,
  countryId: string,
  author: ChangeAuthor,
): Promise<StartedImport> {
  const found = await previewedImport(importId, countryId, author.actorId);
  if (!found?.file) return { outcome: "expired" };
  // Taken in one conditional update: a second click (or tab) finds it no longer previewed.
  const { count } = await db.progressImport.updateMany({
    where: { id: found.id, status: "previewed" },
    data: { status: "queued" },
  });
  if (count === 0) return { outcome: "expired" };
  if (found.rowCount >= BACKGROUND_ROWS) {
    await enqueueJob({ kind: PROGRESS_IMPORT_JOB, key: `${PROGRESS_IMPORT_JOB}:${found.id}`, payload: { importId } });
    return { outcome: "queued" };
  }
  const result = await runImport(found.id, found.filename, found.file, countryId, author);
  return { outcome: "applied", result };
}

async function runImport(
  importId: string,
  filename: string,
  file: { id: string; storageKey: string },
  countryId: string,
  author: ChangeAuthor,
): Promise<ApplyResult> {
  const bytes = await storedBytes(file.storageKey);
  const result: ApplyResult = bytes
    ? await applyProgressImport(countryId, { name: filename, bytes }, author)
    : { ok: false, error: "unreadable" };
  await db.$transaction(async (tx) => {
    await tx.progressImport.update({
      where: { id: importId },
      data: result.ok
        ? { status: "applied", changed: result.changed, refused: result.refused, finishedAt: new Date(), fileId: null }
        : { status: "failed", error: result.error, finishedAt: new Date(), fileId: null },
    });
    await deleteStoredFile(file.id, tx);
  });
  return result;
}

const JobPayload = z.object({ importId: z.string().min(1).max(40) });

/** The background job: applies the import, then e-mails its outcome to the person who started it. */
export async function runProgressImportJob(payload: unknown) {
  const { importId } = JobPayload.parse(payload);
  const found = await db.progressImport.findUnique({
    where: { id: importId },
    select: {
      id: true,
      status: true,
      filename: true,
      countryId: true,
      actorId: true,
      file: { select: { id: true, storageKey: true } },
      country: { select: { code: true, name: true } },
      actor: { select: { email: true, locale: true } },
    },
  });
  // Already applied by an earlier run that died before finishing the job: nothing twice.
  if (!found || found.status !== "queued" || !found.file) return;
  const result = await runImport(found.id, found.filename, found.file, found.countryId, { actorId: found.actorId });
  const locale = isOneOf(LOCALES, found.actor.locale) ? found.actor.locale : DEFAULT_LOCALE;
  const t = await translatorFor(locale);
  const country = countryName(t, found.country);
  const link = `${env().PUBLIC_URL}/countries/${found.country.code}/progress`;
  await sendEmail({
    to: found.actor.email,
    key: `${PROGRESS_IMPORT_JOB}:${found.id}`,
    subject: t("plans:progressSheet.email.subject", { country }),
    text: result.ok
      ? t("plans:progressSheet.email.body", {
          filename: found.filename,
          country,
          changed: result.changed,
          refused: result.refused,
          link,
        })
      : t("plans:progressSheet.email.failedBody", {
          filename: found.filename,
          country,
          reason: t(
            result.error === "changedMeanwhile"
              ? "plans:progressSheet.changedMeanwhile"
              : `plans:progressSheet.refused.${result.error}`,
          ),
          link,
        }),
  });
}

/** The latest imports of a country, for its page. */
export function recentProgressImports(countryId: string) {
  return db.progressImport.findMany({
    where: { countryId, status: { not: "previewed" } },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: {
      id: true,
      filename: true,
      status: true,
      changed: true,
      refused: true,
      error: true,
      createdAt: true,
      finishedAt: true,
      actor: { select: { name: true } },
    },
  });
}
