import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runJobNow } from "~/jobs/worker.server";
import { updateActionItemProgress } from "~/models/action-item.server";
import {
  applyPreviewedImport,
  expireProgressPreviews,
  keepPreviewedFile,
  PROGRESS_IMPORT_JOB,
} from "~/models/progress-import.server";
import { applyProgressImport, previewProgressImport } from "~/models/progress-spreadsheet.server";
import { exportProgressWorkbook, SHEET_COLUMNS } from "~/models/progress-sheet.server";
import { loader as pageLoader } from "~/routes/_app+/countries+/$code.progress";
import { loader as templateLoader } from "~/routes/_app+/countries+/$code.progress.template";
import { toCsv } from "~/utils/csv";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, userId } from "../support/requests";

/**
 * A country's progress spreadsheet: the exported template read back changes nothing; edited
 * rows are previewed (before → after, every problem) and applied in one transaction with
 * their history "from a spreadsheet"; bad files are refused whole, and nothing is written.
 */

const country = (code: string) => db.country.findUniqueOrThrow({ where: { code } });

async function template(code = "LA") {
  const { id } = await country(code);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exportProgressWorkbook(id, "en")) as unknown as ArrayBuffer);
  return { countryId: id, workbook, sheet: workbook.worksheets[0]! };
}

const col = (name: (typeof SHEET_COLUMNS)[number]) => SHEET_COLUMNS.indexOf(name) + 1;
const bytesOf = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());
const xlsx = async (workbook: ExcelJS.Workbook, name = "progress.xlsx") => ({ name, bytes: await bytesOf(workbook) });
/** Applies the workbook as Lao PDR's focal point. */
const applyAsFocalPoint = async (countryId: string, workbook: ExcelJS.Workbook) =>
  applyProgressImport(countryId, await xlsx(workbook), { actorId: await userId(demo.focalPoint("LA")) });

/** The sheet row of the first record of a kind ("Action item" / "Milestone"). */
function rowOfKind(sheet: ExcelJS.Worksheet, kind: string, skip = 0) {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, line) => {
    if (line > 1 && row.getCell(col("kind")).value === kind) rows.push(row);
  });
  return rows[skip]!;
}

/** The first action item's row and the first milestone's, with their ids. */
function firstOfEachKind(sheet: ExcelJS.Worksheet) {
  const item = rowOfKind(sheet, "Action item");
  const milestone = rowOfKind(sheet, "Milestone");
  return {
    item,
    milestone,
    itemId: String(item.getCell(col("id")).value),
    milestoneId: String(milestone.getCell(col("id")).value),
  };
}

/** A ZIP of stored (uncompressed) entries, with sizes it may lie about, as a bomb would. */
function storedZip(entries: { name: string; data: Uint8Array; declaredSize?: number }[]) {
  const parts: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint32(18, entry.data.length, true);
    local.setUint32(22, entry.declaredSize ?? entry.data.length, true);
    local.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint32(20, entry.data.length, true);
    central.setUint32(24, entry.declaredSize ?? entry.data.length, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, entry.data);
    directory.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + entry.data.length;
  }
  const directorySize = directory.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...directory, new Uint8Array(end.buffer)];
  const bytes = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

describe("the progress template, read back", () => {
  it("changes nothing when the exported template comes back unchanged, as XLSX or as a semicolon CSV", async () => {
    const { countryId, workbook, sheet } = await template();
    expect(sheet.rowCount).toBeGreaterThan(2);
    const auditBefore = await db.auditEvent.count();
    const preview = await previewProgressImport(countryId, await xlsx(workbook), "en");
    expect(preview).toMatchObject({ ok: true, changeCount: 0, problemCount: 0, rows: [] });
    expect(await applyAsFocalPoint(countryId, workbook)).toMatchObject({ ok: true, changed: 0, refused: 0 });

    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(SHEET_COLUMNS.map((c) => String(row.getCell(col(c)).value ?? ""))));
    const csv = toCsv(rows[0]!, rows.slice(1), { separator: ";", timeZone: "UTC" });
    const fromCsv = await previewProgressImport(
      countryId,
      { name: "progress.csv", bytes: new TextEncoder().encode(csv) },
      "en",
    );
    expect(fromCsv).toMatchObject({ ok: true, changeCount: 0, problemCount: 0 });
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("previews each change before → after, then applies them in one go, recorded as made from a spreadsheet", async () => {
    const { countryId, workbook, sheet } = await template();
    const { item, milestone, itemId, milestoneId } = firstOfEachKind(sheet);
    item.getCell(col("status")).value = "At risk";
    item.getCell(col("progress")).value = 35;
    item.getCell(col("notes")).value = '=HYPERLINK("http://evil.test")';
    milestone.getCell(col("due")).value = "2027-06-30";

    const preview = await previewProgressImport(countryId, await xlsx(workbook), "en");
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.changeCount).toBe(2);
    const itemRow = preview.rows.find((r) => r.id === itemId)!;
    expect(itemRow.changes.map((c) => [c.field, c.to])).toEqual(
      expect.arrayContaining([
        ["status", "at_risk"],
        ["progress", "35"],
        ["notes", '\'=HYPERLINK("http://evil.test")'],
      ]),
    );
    expect(preview.rows.find((r) => r.id === milestoneId)!.changes).toEqual([
      expect.objectContaining({ field: "due", to: "2027-06-30" }),
    ]);
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: itemId } })).not.toMatchObject({ status: "at_risk" });

    const actorId = await userId(demo.focalPoint("LA"));
    const appliedAt = new Date();
    expect(await applyProgressImport(countryId, await xlsx(workbook), { actorId })).toMatchObject({
      ok: true,
      changed: 2,
    });
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      status: "at_risk",
      progress: 35,
      progressNote: '\'=HYPERLINK("http://evil.test")',
      updatedById: actorId,
    });
    expect(await db.milestone.findUniqueOrThrow({ where: { id: milestoneId } })).toMatchObject({
      targetOn: "2027-06-30",
    });
    const history = await db.auditEvent.findMany({
      where: { entityId: { in: [itemId, milestoneId] }, actorId, createdAt: { gte: appliedAt } },
      orderBy: { id: "asc" },
    });
    expect(history.map((h) => h.messageKey)).toEqual(["itemUpdatedFromSpreadsheet", "milestoneUpdatedFromSpreadsheet"]);
    expect(history[0]!.summary).toMatch(/from a spreadsheet/);
  });

  it("lists every problem of a row and writes none of them, while the valid rows go in", async () => {
    const { countryId, workbook, sheet } = await template();
    const foreign = await db.milestone.findFirstOrThrow({ where: { country: { code: "VN" } } });
    const rows = [0, 1, 2].map((i) => rowOfKind(sheet, "Action item", i));
    const ms = [0, 1].map((i) => rowOfKind(sheet, "Milestone", i));
    const before = await db.actionItem.findMany({ where: { id: { in: rows.map((r) => String(r.getCell(1).value)) } } });
    rows[0]!.getCell(col("progress")).value = 150;
    rows[1]!.getCell(col("status")).value = "Finished-ish";
    rows[2]!.getCell(col("start")).value = "1900-01-01";
    rows[2]!.getCell(col("due")).value = "2026-02-30";
    ms[0]!.getCell(col("id")).value = "ckunknown000000000000000";
    ms[1]!.getCell(col("id")).value = foreign.id;

    const preview = await previewProgressImport(countryId, await xlsx(workbook), "en");
    if (!preview.ok) throw new Error(preview.error);
    const problemsOf = (line: number) => preview.rows.find((r) => r.line === line)?.problems;
    expect(problemsOf(rows[0]!.number)).toEqual(["plans:progressSheet.problem.progressOver100"]);
    expect(problemsOf(rows[1]!.number)).toEqual(["plans:progressSheet.problem.unknownStatus"]);
    expect(problemsOf(rows[2]!.number)).toEqual([
      "plans:progressSheet.problem.dateOutOfRange",
      "plans:progressSheet.problem.badDate",
    ]);
    expect(problemsOf(ms[0]!.number)).toEqual(["plans:progressSheet.problem.unknownId"]);
    expect(problemsOf(ms[1]!.number)).toEqual(["plans:progressSheet.problem.otherCountry"]);
    // another country's record is not described
    expect(preview.rows.find((r) => r.line === ms[1]!.number)).toMatchObject({ title: "", changes: [] });
    expect(preview.changeCount).toBe(0);

    expect(await applyAsFocalPoint(countryId, workbook)).toMatchObject({ ok: true, changed: 0, refused: 5 });
    expect(await db.actionItem.findMany({ where: { id: { in: before.map((b) => b.id) } } })).toEqual(before);
    expect(await db.milestone.findUniqueOrThrow({ where: { id: foreign.id } })).toEqual(foreign);
  });

  it("flags a record saved in the app after the export as a conflict, and does not overwrite it", async () => {
    const { countryId, workbook, sheet } = await template();
    const row = rowOfKind(sheet, "Action item");
    const itemId = String(row.getCell(col("id")).value);
    const scope = await db.actionItem.findUniqueOrThrow({ where: { id: itemId }, select: { planId: true } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await updateActionItemProgress(
      { id: itemId, planId: scope.planId, countryId },
      { status: "delayed", progress: 12, progressNote: "in the app" },
      await userId(demo.taskForce("LA")),
    );
    row.getCell(col("progress")).value = 90;

    const preview = await previewProgressImport(countryId, await xlsx(workbook), "en");
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.rows.find((r) => r.id === itemId)).toMatchObject({
      conflict: true,
      problems: ["plans:progressSheet.problem.conflict"],
    });
    await applyAsFocalPoint(countryId, workbook);
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
      progress: 12,
      progressNote: "in the app",
    });
  });

  it("leaves a record saved in the app after the preview, and still writes the other rows", async () => {
    const { countryId, workbook, sheet } = await template();
    const [edited, other] = [0, 1].map((i) => rowOfKind(sheet, "Action item", i));
    const [editedId, otherId] = [edited!, other!].map((row) => String(row.getCell(col("id")).value));
    edited!.getCell(col("progress")).value = 81;
    other!.getCell(col("progress")).value = 82;
    const file = await xlsx(workbook);
    expect(await previewProgressImport(countryId, file, "en")).toMatchObject({ ok: true, problemCount: 0 });

    // Between the preview and "apply", someone saves one of the two items in the app.
    const scope = await db.actionItem.findUniqueOrThrow({ where: { id: editedId }, select: { planId: true } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await updateActionItemProgress(
      { id: editedId, planId: scope.planId, countryId },
      { status: "delayed", progress: 13, progressNote: "saved meanwhile" },
      await userId(demo.taskForce("LA")),
    );
    expect(await applyProgressImport(countryId, file, { actorId: await userId(demo.focalPoint("LA")) })).toMatchObject({
      ok: true,
      changed: 1,
      refused: 1,
    });
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: editedId } })).toMatchObject({
      progress: 13,
      progressNote: "saved meanwhile",
    });
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: otherId } })).toMatchObject({ progress: 82 });
  });

  it("reads a formula by its cached value, and refuses one without a value", async () => {
    const { countryId, workbook, sheet } = await template();
    const [first, second] = [rowOfKind(sheet, "Action item", 0), rowOfKind(sheet, "Action item", 1)];
    first.getCell(col("progress")).value = { formula: "20+30", result: 50 } as ExcelJS.CellFormulaValue;
    second.getCell(col("progress")).value = { formula: "SUM(Z1:Z9)" } as ExcelJS.CellFormulaValue;
    const preview = await previewProgressImport(countryId, await xlsx(workbook), "en");
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.rows.find((r) => r.line === first.number)?.changes).toEqual([
      expect.objectContaining({ field: "progress", to: "50" }),
    ]);
    expect(preview.rows.find((r) => r.line === second.number)?.problems).toContain(
      "plans:progressSheet.problem.formula",
    );
  });
});

describe("files refused whole, before a row is read", () => {
  const refusalOf = async (file: { name: string; bytes: Uint8Array }) => {
    const { id } = await country("LA");
    const preview = await previewProgressImport(id, file, "en");
    return preview.ok ? "accepted" : preview.error;
  };

  it("refuses macros, zip bombs, too large files, wrong sheets, merged cells and CSV in other encodings", async () => {
    const { workbook, sheet } = await template();
    expect(await refusalOf(await xlsx(workbook, "progress.xlsm"))).toBe("macros");
    const xml = new TextEncoder().encode("<x/>");
    expect(await refusalOf({ name: "p.xlsx", bytes: storedZip([{ name: "xl/vbaProject.bin", data: xml }]) })).toBe(
      "macros",
    );
    expect(
      await refusalOf({
        name: "p.xlsx",
        bytes: storedZip([{ name: "xl/worksheets/sheet1.xml", data: xml, declaredSize: 2_000_000_000 }]),
      }),
    ).toBe("zipBomb");
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}.xml`, data: xml }));
    expect(await refusalOf({ name: "p.xlsx", bytes: storedZip(many) })).toBe("zipBomb");
    expect(await refusalOf({ name: "p.xlsx", bytes: new Uint8Array(11 * 1024 * 1024) })).toBe("tooLarge");
    expect(await refusalOf({ name: "p.xlsx", bytes: new TextEncoder().encode("not a zip at all") })).toBe("unreadable");
    expect(await refusalOf({ name: "p.pdf", bytes: xml })).toBe("type");

    const other = new ExcelJS.Workbook();
    other.addWorksheet("Budget").addRow(["Item", "Cost"]);
    expect(await refusalOf(await xlsx(other))).toBe("wrongSheet");

    sheet.unprotect();
    sheet.mergeCells(`J2:J3`);
    expect(await refusalOf(await xlsx(workbook))).toBe("mergedCells");

    const header = SHEET_COLUMNS.join(",");
    const utf16 = new Uint8Array([0xff, 0xfe, ...new TextEncoder().encode(header)]);
    expect(await refusalOf({ name: "p.csv", bytes: utf16 })).toBe("encoding");
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${header}\nx,`), 0xe9]);
    expect(await refusalOf({ name: "p.csv", bytes: latin1 })).toBe("encoding");
    expect(await refusalOf({ name: "p.csv", bytes: new TextEncoder().encode(SHEET_COLUMNS.join("|")) })).toBe(
      "wrongSheet",
    );
  });
});

describe("who may use a country's spreadsheet", () => {
  it("is its focal points and task force, not another country's, the Secretariat or an observer", async () => {
    const open = async (email: string, loader: typeof pageLoader | typeof templateLoader, path: string) => {
      const result = await settle(async () =>
        loader({ request: await requestAs(email, path), params: { code: "LA" }, context: routeContext }),
      );
      return result instanceof Response ? result.status : 200;
    };
    expect(await open(demo.focalPoint("LA"), pageLoader, "/countries/LA/progress")).toBe(200);
    expect(await open(demo.focalPoint("LA"), templateLoader, "/countries/LA/progress/template")).toBe(200);
    for (const email of [demo.focalPoint("VN"), demo.observer, demo.secretariat]) {
      expect(await open(email, pageLoader, "/countries/LA/progress"), email).toBe(403);
      expect(await open(email, templateLoader, "/countries/LA/progress/template"), email).toBe(403);
    }
  });

  it("applies a previewed file only for the person who uploaded it", async () => {
    const { countryId, workbook, sheet } = await template();
    rowOfKind(sheet, "Action item").getCell(col("progress")).value = 77;
    const bytes = await bytesOf(workbook);
    const kept = await keepPreviewedFile(
      countryId,
      new File([bytes], "progress.xlsx"),
      5,
      await userId(demo.focalPoint("LA")),
    );
    expect(await applyPreviewedImport(kept.id, countryId, { actorId: await userId(demo.taskForce("LA")) })).toEqual({
      outcome: "expired",
    });
    expect(
      await applyPreviewedImport(kept.id, countryId, { actorId: await userId(demo.focalPoint("LA")) }),
    ).toMatchObject({
      outcome: "applied",
      result: { ok: true, changed: 1 },
    });
    expect(await applyPreviewedImport(kept.id, countryId, { actorId: await userId(demo.focalPoint("LA")) })).toEqual({
      outcome: "expired",
    });
    expect(await db.progressImport.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({
      status: "applied",
      changed: 1,
      fileId: null,
    });
  });
});

describe("a large file", () => {
  it("is applied in the background, its outcome e-mailed to the importer and kept for the page", async () => {
    const { countryId, workbook, sheet } = await template();
    rowOfKind(sheet, "Action item").getCell(col("progress")).value = 66;
    for (let i = 0; i < 1000; i++) sheet.addRow([`ckmissing${String(i).padStart(16, "0")}`]);
    const fpLa = await userId(demo.focalPoint("LA"));
    const kept = await keepPreviewedFile(
      countryId,
      new File([await bytesOf(workbook)], "big.xlsx"),
      sheet.rowCount - 1,
      fpLa,
    );
    expect(await applyPreviewedImport(kept.id, countryId, { actorId: fpLa })).toMatchObject({ outcome: "queued" });
    const job = await db.job.findFirstOrThrow({
      where: { kind: PROGRESS_IMPORT_JOB, key: `${PROGRESS_IMPORT_JOB}:${kept.id}` },
    });
    expect(await runJobNow(job.id)).toBe("finished");
    expect(await db.progressImport.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({
      status: "applied",
      changed: 1,
      refused: 1000,
    });
    const mail = await db.emailMessage.findFirstOrThrow({
      where: { to: demo.focalPoint("LA"), key: `${PROGRESS_IMPORT_JOB}:${kept.id}` },
    });
    expect(mail.text).toMatch(/1 records changed; 1000 rows were left/);
  });

  it("is written in batches that a restart continues after the last committed one, applying no row twice", async () => {
    const { countryId, workbook, sheet } = await template();
    const { item, milestone, itemId, milestoneId } = firstOfEachKind(sheet);
    item.getCell(col("progress")).value = 77;
    milestone.getCell(col("notes")).value = "Second batch";
    // 300 unknown rows right after the item put the milestone several batches later.
    sheet.spliceRows(item.number + 1, 0, ...Array.from({ length: 300 }, (_, i) => [`ckmissing${i}`]));
    const file = await xlsx(workbook);
    const author = { actorId: await userId(demo.focalPoint("LA")) };
    const committed: { throughLine: number; changed: number; refused: number }[] = [];
    const since = new Date();

    // The process dies while writing the second batch: its transaction rolls back, the first stays.
    const dying = {
      afterLine: 0,
      record: async (_tx: unknown, tally: (typeof committed)[number]) => {
        if (committed.length === 1) throw new Error("the process died");
        committed.push(tally);
      },
    };
    await expect(applyProgressImport(countryId, file, author, dying)).rejects.toThrow("the process died");
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ progress: 77 });
    expect(await db.milestone.findUniqueOrThrow({ where: { id: milestoneId } })).not.toMatchObject({
      notes: "Second batch",
    });

    const resumed = {
      afterLine: committed[0]!.throughLine,
      record: async (_tx: unknown, tally: (typeof committed)[number]) => void committed.push(tally),
    };
    expect(await applyProgressImport(countryId, file, author, resumed)).toMatchObject({ ok: true });
    expect(await db.milestone.findUniqueOrThrow({ where: { id: milestoneId } })).toMatchObject({
      notes: "Second batch",
    });
    expect(committed.reduce((n, t) => n + t.changed, 0)).toBe(2);
    expect(committed.reduce((n, t) => n + t.refused, 0)).toBe(300);
    const history = await db.auditEvent.findMany({
      where: { entityId: { in: [itemId, milestoneId] }, ...author, createdAt: { gte: since } },
    });
    expect(history.map((h) => h.entityId).sort()).toEqual([itemId, milestoneId].sort());
  });
});

describe("a preview nobody applies", () => {
  it("is removed with its file after a day, and can no longer be applied", async () => {
    const { countryId, workbook } = await template();
    const fpLa = await userId(demo.focalPoint("LA"));
    const kept = await keepPreviewedFile(countryId, new File([await bytesOf(workbook)], "left.xlsx"), 30, fpLa);
    const { fileId } = await db.progressImport.findUniqueOrThrow({ where: { id: kept.id } });

    expect(await expireProgressPreviews(new Date(Date.now() + 23 * 3_600_000))).toBe(0);
    expect(await expireProgressPreviews(new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await db.progressImport.findUnique({ where: { id: kept.id } })).toBeNull();
    expect(await db.storedFile.findUnique({ where: { id: fileId! } })).toBeNull();
    expect(await applyPreviewedImport(kept.id, countryId, { actorId: fpLa })).toEqual({ outcome: "expired" });
  });
});
