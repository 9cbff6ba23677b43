import { z } from "zod";
import { emit, type DomainEvent } from "~/events.server";
import { DEFAULT_LOCALE, isOneOf, LOCALES, type Locale } from "~/domain/vocabulary";
import { ItemSheetSchema } from "~/forms/action-item";
import { milestoneFormSchema, type MilestoneInput } from "~/forms/milestone";
import { countryName, sectorName, stageName } from "~/i18n/names";
import { translatorFor } from "~/i18n/translate.server";
import { asPlainText } from "~/utils/csv";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { dayExists, isCalendarDay, todayIn } from "~/utils/format";
import { itemProgressEvent, ItemChangedMeanwhile, saveItemProgressIn, type ItemSheetInput } from "./action-item.server";
import type { ChangeAuthor } from "./audit.server";
import { sendEmail } from "./email.server";
import { enqueueJob } from "./job.server";
import { ACTUAL_DATE_ZONE, milestoneEvent, MilestoneConflict, saveMilestoneIn } from "./milestone.server";
import { deleteStoredFile, readStoredFile, storeUpload } from "./stored-file.server";
import {
  BACKGROUND_ROWS,
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
