import ExcelJS from "exceljs";
import { ACTION_ITEM_STATUSES, MILESTONE_STATUSES, type Locale } from "~/domain/vocabulary";
import { sectorName, stageName } from "~/i18n/names";
import { translatorFor } from "~/i18n/translate.server";
import type { Translate } from "~/i18n/types";
import { db, type Prisma } from "~/utils/db.server";

/**
 * The progress spreadsheet's shape (issue 14): its columns, a country's records as its rows,
 * and the XLSX template a country downloads. Reading an edited file back is in
 * progress-sheet-reading.server.ts; the preview and apply in progress-spreadsheet.server.ts.
 */

/** The largest file read: the upload limit; a 100 MB file is refused at the edge before this. */
export const MAX_SHEET_BYTES = 10 * 1024 * 1024;
/** More rows than a country has records by far; beyond it the file is not its template. */
export const MAX_SHEET_ROWS = 20_000;
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
export type Column = (typeof SHEET_COLUMNS)[number];
export const EDITABLE: readonly Column[] = ["status", "progress", "start", "due", "achieved", "notes"];
export type SheetField = "status" | "progress" | "start" | "due" | "achieved" | "notes";

export type Kind = "item" | "milestone";

// ───────────────────────── the records of a country, as the sheet shows them ─────────────────────────

export type SheetRecord = {
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
export async function recordsById(ids: string[]): Promise<Map<string, SheetRecord>> {
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

export const statusesOf = (kind: Kind) => (kind === "item" ? ACTION_ITEM_STATUSES : MILESTONE_STATUSES);
export const statusLabel = (t: Translate, kind: Kind, status: string) =>
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
