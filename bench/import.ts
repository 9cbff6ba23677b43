/**
 * `npm run bench:import`: a country's progress spreadsheet of BENCH_ROWS (default 1,000) rows,
 * every row changed (issue 14: previewed in under 5 s, applied in under 10 s).
 *
 * Builds a temporary SQLite database, the demo seed plus enough action items in Lao PDR's open
 * plan, exports the template, changes every item's progress in the file, and in this process
 * (no server) prints the preview time (reading the XLSX, checking each row against the
 * database) and the apply time (one transaction, a history row per record, events emitted).
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000);
const PREVIEW_BAR_SECONDS = 5;
const APPLY_BAR_SECONDS = 10;

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "focalpoint-import-bench-"));
const dbFile = path.join(workDir, "bench.db");
Object.assign(process.env, {
  DATABASE_URL: `file:${dbFile}`,
  DATA_DIR: path.join(workDir, "data"),
  LOG_LEVEL: "silent",
  SMTP_HOST: "",
});

/** The demo seed, then action items in Lao PDR's open plan up to ROWS rows in its template. */
function seed() {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: process.env, stdio: "pipe" });
  const sqlite = new Database(dbFile);
  const plan = sqlite
    .prepare(
      `SELECT p.id FROM ActionPlan p JOIN Country c ON c.id = p.countryId WHERE c.code = 'LA' AND p.status != 'endorsed' LIMIT 1`,
    )
    .get() as { id: string };
  const now = new Date().toISOString().replace("Z", "+00:00");
  const item = sqlite.prepare(
    `INSERT INTO ActionItem (id, planId, activity, status, progress, sortOrder, createdAt, updatedAt)
     VALUES (?, ?, ?, 'not_started', 0, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) item.run(crypto.randomUUID(), plan.id, `Bench activity ${i}`, 1000 + i, now, now);
  })();
  sqlite.close();
}

const seconds = (started: number) => (performance.now() - started) / 1000;

try {
  seed();
  const { previewProgressImport, applyProgressImport } = await import("~/models/progress-spreadsheet.server");
  const { exportProgressWorkbook } = await import("~/models/progress-sheet.server");
  const { db } = await import("~/utils/db.server");
  const country = await db.country.findUniqueOrThrow({ where: { code: "LA" } });
  const person = await db.user.findUniqueOrThrow({ where: { email: "fp.la@focalpoint.test" } });

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exportProgressWorkbook(country.id, "en")) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  let edited = 0;
  sheet.eachRow((row, line) => {
    if (line === 1 || row.getCell(2).value !== "Action item" || edited >= ROWS) return;
    row.getCell(6).value = 50;
    row.getCell(5).value = "On track";
    edited += 1;
  });
  const file = { name: "bench.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
  const sizeKb = Math.round(file.bytes.length / 1024);

  let started = performance.now();
  const preview = await previewProgressImport(country.id, file, "en");
  const previewSeconds = seconds(started);
  if (!preview.ok) throw new Error(`preview refused: ${preview.error}`);

  started = performance.now();
  const applied = await applyProgressImport(country.id, file, { actorId: person.id });
  const applySeconds = seconds(started);
  if (!applied.ok) throw new Error(`apply refused: ${applied.error}`);

  const ok = previewSeconds < PREVIEW_BAR_SECONDS && applySeconds < APPLY_BAR_SECONDS;
  console.log(`Progress spreadsheet of ${preview.total} rows (${sizeKb} KB XLSX, ${edited} rows changed), SQLite:`);
  console.log(
    `  preview: ${previewSeconds.toFixed(2)} s, ${preview.changeCount} changes, ${preview.problemCount} problems (bar: under ${PREVIEW_BAR_SECONDS} s) — ${previewSeconds < PREVIEW_BAR_SECONDS ? "ok" : "TOO SLOW"}`,
  );
  console.log(
    `  apply:   ${applySeconds.toFixed(2)} s, ${applied.changed} records changed in one transaction (bar: under ${APPLY_BAR_SECONDS} s) — ${applySeconds < APPLY_BAR_SECONDS ? "ok" : "TOO SLOW"}`,
  );
  await db.$disconnect();
  if (!ok) process.exitCode = 1;
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
