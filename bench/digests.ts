/**
 * `npm run bench:digests`: the weekly digests of 1,000 people (issue 14: built and queued in
 * under 30 s).
 *
 * Builds a temporary SQLite database, the demo seed plus BENCH_PEOPLE (default 1,000) focal
 * points and task-force members spread over the ten countries, in both languages, and in this
 * process (no server) prints:
 *
 * - queue: the scheduler queueing every person's digest (one Job row each, keyed by week);
 * - build and record: the worker running every digest job, which reads the person's country
 *   work, the changes since the last digest and the coming workshops, writes the text in their
 *   language and records the e-mail in the outbox (no SMTP server: delivery is not measured).
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { createSeededDatabase } from "./support/seeded-database";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000);
const TARGET_SECONDS = 30;

const database = createSeededDatabase("digest");
Object.assign(process.env, database.env);

/** PEOPLE focal points and task-force members, spread over the countries, half in each language. */
function addPeople() {
  const sqlite = new Database(database.dbFile);
  const countries = sqlite.prepare(`SELECT id FROM Country ORDER BY sortOrder`).all() as { id: string }[];
  const now = new Date().toISOString().replace("Z", "+00:00");
  const person = sqlite.prepare(
    `INSERT INTO User (id, email, name, locale, status, passwordHash, countryId, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'active', 'not-a-real-hash', ?, ?, ?)`,
  );
  const role = sqlite.prepare(
    `INSERT INTO RoleAssignment (id, userId, role, countryId, createdAt) VALUES (?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const id = crypto.randomUUID();
      const country = countries[i % countries.length]!.id;
      person.run(id, `bench.${i}@focalpoint.test`, `Bench Person ${i}`, i % 2 ? "id" : "en", country, now, now);
      role.run(crypto.randomUUID(), id, i % 3 ? "task_force" : "focal_point", country, now);
    }
  })();
  sqlite.close();
}

const seconds = (started: number) => (performance.now() - started) / 1000;

try {
  addPeople();
  const { scheduleDigests } = await import("~/models/digest.server");
  const { runDueJobs } = await import("~/jobs/worker.server");
  const { db } = await import("~/utils/db.server");

  // Every person's next Monday 07:00, wherever they are, is before this instant: all are due.
  const inAWeek = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
  let started = performance.now();
  const queued = await scheduleDigests(inAWeek);
  const queueSeconds = seconds(started);
  await db.job.updateMany({ where: { kind: "digest" }, data: { runAt: new Date() } });

  started = performance.now();
  const ran = await runDueJobs(undefined, { limit: Number.MAX_SAFE_INTEGER });
  const buildSeconds = seconds(started);
  const recorded = await db.emailMessage.count({ where: { key: { startsWith: "digest:" } } });
  const failed = await db.job.count({ where: { failedAt: { not: null } } });
  const total = queueSeconds + buildSeconds;

  console.log(`Digests for ${PEOPLE} people (plus the demo accounts) on SQLite, in one process:`);
  console.log(`  queued:            ${queued} digest jobs in ${queueSeconds.toFixed(2)} s`);
  console.log(
    `  built and recorded: ${recorded} e-mails (${ran} jobs run, ${failed} failed) in ${buildSeconds.toFixed(2)} s`,
  );
  console.log(`  per digest:        ${((buildSeconds * 1000) / Math.max(ran, 1)).toFixed(1)} ms`);
  console.log(
    `  total:             ${total.toFixed(2)} s (bar: under ${TARGET_SECONDS} s) — ${total < TARGET_SECONDS ? "ok" : "TOO SLOW"}`,
  );
  await db.$disconnect();
  if (total >= TARGET_SECONDS || failed > 0) process.exitCode = 1;
} finally {
  database.remove();
}
