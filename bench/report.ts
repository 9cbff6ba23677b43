/**
 * `npm run bench:report`: one period's progress report (issue 13: one period report in under 2 s).
 *
 * Builds a temporary SQLite database, the demo seed widened as the briefs' benchmark does (ten
 * countries × 30 sectors, every stage, BENCH_HISTORY milestone history rows, default 120,000, over
 * ten years), and gives the ILO/Korea CLM project ten years of its own records: its end moved to
 * today, every milestone of Cambodia, Laos and Myanmar linked to it, and BENCH_WORKSHOPS national
 * workshops (default 300) spread over the ten years, each with BENCH_PARTICIPANTS people checked in
 * (default 40, drawn from a pool of 2,000 so that people come back). Then, in this process (no
 * server), for a draft period of the last twelve months (counted when read, with the cumulative
 * figures counted over the whole ten years): the report counted and written as DOCX and XLSX.
 * It is run BENCH_RUNS times (default 3); the slowest run is the figure held against the bar.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { generateLargeDataSet, YEARS } from "./support/large-data-set";
import { createSeededDatabase, storedTime } from "./support/seeded-database";

const HISTORY_ROWS = Number(process.env.BENCH_HISTORY ?? 120_000);
const WORKSHOPS = Number(process.env.BENCH_WORKSHOPS ?? 300);
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 40);
const PEOPLE_POOL = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REPORT_BAR_SECONDS = 2;

const database = createSeededDatabase("report");
const { dbFile } = database;
Object.assign(process.env, database.env);

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Ten years of the CLM project's own records; returns the period to report on. */
function addProjectRecords() {
  const sqlite = new Database(dbFile);
  const project = sqlite.prepare(`SELECT id FROM Project WHERE code = 'ILO-KOR-CLM-MRS'`).get() as { id: string };
  const countries = sqlite
    .prepare(`SELECT c.id, c.code FROM ProjectCountry pc JOIN Country c ON c.id = pc.countryId WHERE pc.projectId = ?`)
    .all(project.id) as { id: string; code: string }[];
  const now = new Date();
  const start = now.getTime() - YEARS * 365.25 * 86_400_000;
  const period = { startsOn: day(new Date(now.getTime() - 365 * 86_400_000)), endsOn: day(now), id: "" };
  const addWorkshop = sqlite.prepare(
    `INSERT INTO Workshop (id, title, kind, hostCountryId, city, timeZone, startsOn, endsOn, projectId, createdAt, updatedAt) VALUES (?, ?, 'national_workshop', ?, ?, 'Asia/Bangkok', ?, ?, ?, ?, ?)`,
  );
  const addParticipant = sqlite.prepare(
    `INSERT INTO Participant (id, workshopId, name, email, category, countryId, sex, registrationStatus, badgeToken, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?)`,
  );
  const checkIn = sqlite.prepare(
    `INSERT INTO Attendance (id, participantId, day, checkedInAt, method) VALUES (?, ?, ?, ?, 'manual')`,
  );
  const categories = ["focal_point", "task_force", "employers", "workers"];
  sqlite.transaction(() => {
    sqlite.prepare(`UPDATE Project SET endsOn = ? WHERE id = ?`).run(day(now), project.id);
    sqlite
      .prepare(`UPDATE Milestone SET projectId = ? WHERE countryId IN (${countries.map(() => "?").join(", ")})`)
      .run(project.id, ...countries.map((c) => c.id));
    for (let w = 0; w < WORKSHOPS; w++) {
      const country = countries[w % countries.length]!;
      const on = day(new Date(start + (w / WORKSHOPS) * (now.getTime() - start)));
      const workshopId = crypto.randomUUID();
      const created = storedTime(now);
      addWorkshop.run(
        workshopId,
        `National workshop ${w + 1}`,
        country.id,
        "Phnom Penh",
        on,
        on,
        project.id,
        created,
        created,
      );
      for (let p = 0; p < PARTICIPANTS; p++) {
        const person = (w * 7 + p * 13) % PEOPLE_POOL;
        const participantId = crypto.randomUUID();
        addParticipant.run(
          participantId,
          workshopId,
          `Participant ${person}`,
          `person${person}@bench.test`,
          categories[person % categories.length],
          country.id,
          person % 2 ? "female" : "male",
          `bench-badge-${w}-${p}`,
          created,
          created,
        );
        checkIn.run(crypto.randomUUID(), participantId, on, created);
      }
    }
    period.id = crypto.randomUUID();
    sqlite
      .prepare(
        `INSERT INTO ReportingPeriod (id, projectId, kind, label, startsOn, endsOn, status, createdAt, updatedAt) VALUES (?, ?, 'year', 'Last twelve months', ?, ?, 'draft', ?, ?)`,
      )
      .run(period.id, project.id, period.startsOn, period.endsOn, storedTime(now), storedTime(now));
  })();
  sqlite.exec("ANALYZE");
  sqlite.close();
  return period;
}

const seconds = (started: number) => (performance.now() - started) / 1000;

try {
  const counts = generateLargeDataSet(dbFile, HISTORY_ROWS);
  const { id: periodId } = addProjectRecords();
  const { db } = await import("~/utils/db.server");
  const { findPeriod, periodReport } = await import("~/models/project-report.server");
  const { findProject } = await import("~/models/project.server");
  const { periodReportDocument, periodReportSheets } = await import("~/models/period-report-document.server");
  const { docxBytes } = await import("~/models/document-export/docx.server");
  const { xlsxBytes } = await import("~/models/document-export/xlsx.server");
  const { translatorFor } = await import("~/i18n/translate.server");

  const period = (await findPeriod(periodId))!;
  const project = (await findProject(period.projectId))!;
  const t = await translatorFor("en");
  const runs: number[] = [];
  const phases = { counted: 0, docx: 0, xlsx: 0 };
  let sizes = { docx: 0, xlsx: 0, records: 0, cumulativePeople: 0 };
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const report = await periodReport(period);
    const counted = performance.now();
    const docx = await docxBytes(periodReportDocument(report, t, "en", { project, period, figuresOf: "all" }));
    const written = performance.now();
    const xlsx = await xlsxBytes(periodReportSheets(report, t, "en"));
    runs.push(seconds(started));
    phases.counted = Math.max(phases.counted, (counted - started) / 1000);
    phases.docx = Math.max(phases.docx, (written - counted) / 1000);
    phases.xlsx = Math.max(phases.xlsx, seconds(written));
    const indicators = report.outcomes.flatMap((o) => o.outputs.flatMap((output) => output.indicators));
    sizes = {
      docx: docx.length,
      xlsx: xlsx.length,
      records: indicators.reduce((n, i) => n + i.records.length, 0),
      cumulativePeople: Math.max(
        ...indicators.filter((i) => i.definition === "people_trained").map((i) => i.cumulative ?? 0),
      ),
    };
  }
  const worst = Math.max(...runs);
  console.log(
    `Period report on SQLite, in one process: ${counts.countries} countries, ${counts.milestones} milestones, ${counts.history} milestone history rows; the CLM project with ${WORKSHOPS} workshops × ${PARTICIPANTS} people checked in over ${YEARS} years; a draft period of the last twelve months.`,
  );
  console.log(
    `  one period report (counted with cumulative figures, ${sizes.records} records behind its figures, ${sizes.cumulativePeople} people trained to date; DOCX ${(sizes.docx / 1024).toFixed(0)} KB + XLSX ${(sizes.xlsx / 1024).toFixed(0)} KB): ${runs.map((s) => s.toFixed(2)).join(" / ")} s (bar: under ${REPORT_BAR_SECONDS} s) — ${worst < REPORT_BAR_SECONDS ? "ok" : "TOO SLOW"}`,
  );
  console.log(
    `    slowest phases: counting ${phases.counted.toFixed(2)} s, DOCX ${phases.docx.toFixed(2)} s, XLSX ${phases.xlsx.toFixed(2)} s`,
  );
  await db.$disconnect();
  if (worst >= REPORT_BAR_SECONDS) process.exitCode = 1;
} finally {
  database.remove();
}
