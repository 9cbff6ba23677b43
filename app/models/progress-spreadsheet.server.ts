import { setTimeout as pause, setImmediate as yieldToEventLoop } from "node:timers/promises";
import { emit, type DomainEvent } from "~/events.server";
import type { Locale } from "~/domain/vocabulary";
import { ItemSheetSchema } from "~/forms/action-item";
import { milestoneFormSchema, type MilestoneInput } from "~/forms/milestone";
import { sectorName, stageName } from "~/i18n/names";
import { translatorFor } from "~/i18n/translate.server";
import { asPlainText } from "~/utils/csv";
import { db, type Prisma } from "~/utils/db.server";
import { dayExists, isCalendarDay, todayIn } from "~/utils/format";
import { itemProgressEvent, writeItemProgressIn, type ItemSheetInput } from "./action-item.server";
import { recordAudits, type AuditInput, type ChangeAuthor } from "./audit.server";
import { ACTUAL_DATE_ZONE, milestoneBeforeSelect, milestoneEvent, writeMilestoneIn } from "./milestone.server";
import {
  EDITABLE,
  recordsById,
  SHEET_COLUMNS,
  statusesOf,
  statusLabel,
  type Kind,
  type SheetField,
  type SheetRecord,
} from "./progress-sheet.server";
import { normaliseHeader, readSheet, type SheetCells, type SheetRefusal } from "./progress-sheet-reading.server";
/**
 * A country's progress as a spreadsheet (issue 14): its open plans' action items and its
 * milestones exported as an XLSX template, and the edited file (XLSX or CSV) read back, checked
 * row by row in a preview that writes nothing, then applied in one transaction through the same
 * writes as the app's own forms. Each row carries the version (updatedAt) it was exported at:
 * a record saved in the app since then is a conflict, never overwritten.
 */

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
  | { kind: "item"; line: number; id: string; planId: string; version: Date; input: ItemSheetInput }
  | { kind: "milestone"; line: number; id: string; version: Date; input: MilestoneInput };

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

const ROWS_BETWEEN_YIELDS = 200;

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

  for (const [index, { line, cells, formulaWithoutValue }] of meaningful.entries()) {
    // Ten thousand rows are a second of checking: other requests and co-editing get their turns.
    if (index > 0 && index % ROWS_BETWEEN_YIELDS === 0) await yieldToEventLoop();
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
          line,
          id: record.id,
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
      else write = { kind: "milestone", line, id: record.id, version: record.updatedAt, input: checked.data };
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
  { ok: true; changed: number; refused: number; total: number } | { ok: false; error: SheetRefusal };

/** How far an import got: the last row handled, and the records changed and rows refused up to it. */
type Tally = { throughLine: number; changed: number; refused: number };

/**
 * A background import writes its rows this many at a time, each batch a transaction of its own:
 * a transaction holds SQLite's write lock (and this process's other queries, see db.server.ts),
 * so ten thousand rows in one would stall co-editing and every page for seconds.
 */
const ROWS_PER_BACKGROUND_TRANSACTION = 50;
/** The least time between two batches of a background import, longer than the commit thread's longest retry pause. */
const LOCK_FREE_MS = 60;

/**
 * Applies every valid row of a file, each change recorded as made by the importing person from
 * a spreadsheet; rows with a problem are left. The rows are checked again here, and each record
 * is read again inside the transaction that writes it: one saved in the app since the export
 * (even since the preview) is a conflict, left as it is and counted as refused.
 * Without `batches`, the whole file is one transaction. With it (a background import), rows
 * after `afterLine` are written ROWS_PER_BACKGROUND_TRANSACTION at a time, and each
 * transaction records through `record` how far it got, so a restart continues where the last
 * committed one ended and no row is applied twice.
 */
export async function applyProgressImport(
  countryId: string,
  file: { name: string; bytes: Uint8Array },
  author: ChangeAuthor,
  batches?: { afterLine: number; record: (tx: Prisma.TransactionClient, tally: Tally) => Promise<void> },
): Promise<ApplyResult> {
  const read = await readSheet(file);
  if (!read.ok) return read;
  const rows = batches ? read.rows.filter((r) => r.line > batches.afterLine) : read.rows;
  const { preview, writes } = await checkRows(countryId, rows, () => "");
  const size = batches ? ROWS_PER_BACKGROUND_TRANSACTION : Math.max(preview.length, 1);
  const writeOfLine = new Map(writes.map((write) => [write.line, write]));
  let changed = 0;
  let refused = 0;
  for (let start = 0; start < preview.length; start += size) {
    const started = performance.now();
    const batch = preview.slice(start, start + size);
    const batchWrites = batch.flatMap((r) => writeOfLine.get(r.line) ?? []);
    const tally: Tally = {
      throughLine: batch.at(-1)!.line,
      changed: 0,
      refused: batch.filter((r) => r.problems.length > 0).length,
    };
    const events: DomainEvent[] = [];
    await db.$transaction(
      async (tx) => {
        const written = await writeRowsIn(tx, countryId, batchWrites, author);
        events.push(...written.events);
        tally.changed = written.events.length;
        tally.refused += written.conflicts;
        await batches?.record(tx, tally);
      },
      // a thousand rows are a few thousand statements: more than the default five seconds on a slow disk
      { timeout: 120_000 },
    );
    for (const event of events) await emit(event);
    changed += tally.changed;
    refused += tally.refused;
    // Batch after batch would hold the write lock almost without a break, and the co-editing
    // commit thread, which never waits for the lock but tries again within 50 ms, would starve.
    if (batches) await pause(Math.max(LOCK_FREE_MS, performance.now() - started));
  }
  return { ok: true, changed, refused, total: read.rows.length };
}

/**
 * Writes checked rows inside `tx` through the app's own writes, reading their records in two
 * statements and recording every history row in one. Returns the events to send once committed,
 * and how many rows were left because their record was saved after the file's version.
 */
async function writeRowsIn(tx: Prisma.TransactionClient, countryId: string, writes: Write[], author: ChangeAuthor) {
  const ids = (kind: Kind) => writes.filter((w) => w.kind === kind).map((w) => w.id);
  const items = new Map(
    (await tx.actionItem.findMany({ where: { id: { in: ids("item") } } })).map((item) => [item.id, item]),
  );
  const milestones = new Map(
    (await tx.milestone.findMany({ where: { id: { in: ids("milestone") } }, select: milestoneBeforeSelect })).map(
      (milestone) => [milestone.id, milestone],
    ),
  );
  const histories: AuditInput[] = [];
  const events: DomainEvent[] = [];
  let conflicts = 0;
  for (const write of writes) {
    const options = { ...author, fromSpreadsheet: true, expectedUpdatedAt: write.version };
    const unchangedSinceExport = (before?: { updatedAt: Date }): before is { updatedAt: Date } =>
      before?.updatedAt.getTime() === write.version.getTime();
    let history: AuditInput | null;
    if (write.kind === "item") {
      const before = items.get(write.id);
      if (!unchangedSinceExport(before)) {
        conflicts += 1;
        continue;
      }
      history = await writeItemProgressIn(tx, before, countryId, write.input, options);
      if (history) events.push(itemProgressEvent({ id: write.id, countryId, planId: write.planId }));
    } else {
      const before = milestones.get(write.id);
      if (!unchangedSinceExport(before)) {
        conflicts += 1;
        continue;
      }
      history = await writeMilestoneIn(tx, before, write.input, options);
      if (history) events.push(milestoneEvent(countryId, write.id));
    }
    if (history) histories.push(history);
  }
  await recordAudits(tx, histories);
  return { events, conflicts };
}
