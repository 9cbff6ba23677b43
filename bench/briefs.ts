/**
 * `npm run bench:briefs`: the regional pack and one brief (issue 13: the pack for ten countries
 * from ten years of history in under 10 s; one brief in under 2 s).
 *
 * Builds a temporary SQLite database, the demo seed widened as the dashboard's benchmark does
 * (ten countries × 30 sectors, every stage, BENCH_HISTORY milestone history rows, default 120,000,
 * over ten years), plus BENCH_COMMENTS comments by the countries' focal points, and in this
 * process (no server) prints, for the 2027 regional meeting counted since the 2015 one (the
 * whole ten years):
 *
 * - the regional pack: every brief counted, written as the pack document, DOCX and XLSX;
 * - one brief: Viet Nam's, counted, written as its document and DOCX.
 * Each is run BENCH_RUNS times (default 3); the slowest run is the figure held against the bar.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { generateLargeDataSet, YEARS } from "./support/large-data-set";
import { createSeededDatabase, storedTime } from "./support/seeded-database";

const HISTORY_ROWS = Number(process.env.BENCH_HISTORY ?? 120_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PACK_BAR_SECONDS = 10;
const BRIEF_BAR_SECONDS = 2;

const database = createSeededDatabase("briefs");
const { dbFile } = database;
Object.assign(process.env, database.env);

/** Comments by each country's focal point on its milestones, spread over the ten years. */
function addComments() {
  const sqlite = new Database(dbFile);
  const authors = sqlite
    .prepare(
      `SELECT r.userId AS userId, r.countryId AS countryId FROM RoleAssignment r WHERE r.role = 'focal_point' AND r.countryId IS NOT NULL`,
    )
    .all() as { userId: string; countryId: string }[];
  const milestoneOf = sqlite.prepare(`SELECT id FROM Milestone WHERE countryId = ? LIMIT 1 OFFSET ?`);
  const add = sqlite.prepare(
    `INSERT INTO Comment (id, authorId, entityType, entityId, countryId, body, createdAt) VALUES (?, ?, 'milestone', ?, ?, ?, ?)`,
  );
  const start = Date.now() - YEARS * 365.25 * 86_400_000;
  sqlite.transaction(() => {
    for (let i = 0; i < COMMENTS; i++) {
      const author = authors[i % authors.length]!;
      const milestone = milestoneOf.get(author.countryId, i % 200) as { id: string } | undefined;
      if (!milestone) continue;
      const at = new Date(start + (i / COMMENTS) * (Date.now() - start));
      add.run(
        crypto.randomUUID(),
        author.userId,
        milestone.id,
        author.countryId,
        `We ask for an assessor training (${i}).`,
        storedTime(at),
      );
    }
  })();
  sqlite.close();
}

const seconds = (started: number) => (performance.now() - started) / 1000;

try {
  const counts = generateLargeDataSet(dbFile, HISTORY_ROWS);
  addComments();
  const { db } = await import("~/utils/db.server");
  const { findMeeting, readBriefing } = await import("~/models/meeting-briefing.server");
  const { briefDocument, packDocument, packSummarySheet } = await import("~/models/brief-document.server");
  const { docxBytes } = await import("~/models/document-export/docx.server");
  const { xlsxBytes } = await import("~/models/document-export/xlsx.server");
  const { translatorFor } = await import("~/i18n/translate.server");

  const { id } = await db.user.findUniqueOrThrow({ where: { email: "secretariat@focalpoint.test" } });
  const secretariat = { id, roles: [{ role: "secretariat" as const, countryId: null }] };
  const workshop = await db.workshop.findFirstOrThrow({ where: { kind: "regional_meeting", startsOn: "2027-03-16" } });
  const meeting = (await findMeeting(workshop.id))!;
  const vn = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
  const t = await translatorFor("en");

  const pack: number[] = [];
  const brief: number[] = [];
  const phases = { counted: 0, docx: 0, xlsx: 0 };
  let packSizes = { docx: 0, xlsx: 0, moved: 0 };
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    const briefing = await readBriefing(secretariat, meeting, null);
    const counted = performance.now();
    const docx = await docxBytes(packDocument(t, "en", briefing));
    const written = performance.now();
    const xlsx = await xlsxBytes([packSummarySheet(t, briefing)]);
    pack.push(seconds(started));
    phases.counted = Math.max(phases.counted, (counted - started) / 1000);
    phases.docx = Math.max(phases.docx, (written - counted) / 1000);
    phases.xlsx = Math.max(phases.xlsx, seconds(written));
    packSizes = {
      docx: docx.length,
      xlsx: xlsx.length,
      moved: briefing.briefs.reduce((n, b) => n + b.moved.length, 0),
    };

    started = performance.now();
    const one = await readBriefing(secretariat, meeting, null, vn.id);
    await docxBytes(briefDocument(t, "en", one, one.briefs[0]!));
    brief.push(seconds(started));
  }
  const worstPack = Math.max(...pack);
  const worstBrief = Math.max(...brief);
  console.log(
    `Meeting briefs on SQLite, in one process: ${counts.countries} countries, ${counts.milestones} milestones, ${counts.history} milestone history rows and ${COMMENTS} comments over ${YEARS} years; the 2027 meeting counted since 2015.`,
  );
  console.log(
    `  regional pack (10 briefs counted, DOCX ${(packSizes.docx / 1024).toFixed(0)} KB + XLSX, ${packSizes.moved} milestones moved): ${pack.map((s) => s.toFixed(2)).join(" / ")} s (bar: under ${PACK_BAR_SECONDS} s) — ${worstPack < PACK_BAR_SECONDS ? "ok" : "TOO SLOW"}`,
  );
  console.log(
    `    slowest phases: counting ${phases.counted.toFixed(2)} s, DOCX ${phases.docx.toFixed(2)} s, XLSX ${phases.xlsx.toFixed(2)} s`,
  );
  console.log(
    `  one brief (Viet Nam, counted and DOCX): ${brief.map((s) => s.toFixed(2)).join(" / ")} s (bar: under ${BRIEF_BAR_SECONDS} s) — ${worstBrief < BRIEF_BAR_SECONDS ? "ok" : "TOO SLOW"}`,
  );
  await db.$disconnect();
  if (worstPack >= PACK_BAR_SECONDS || worstBrief >= BRIEF_BAR_SECONDS) process.exitCode = 1;
} finally {
  database.remove();
}
