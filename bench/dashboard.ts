/**
 * `npm run bench:dashboard`: the Secretariat's dashboard on a large data set.
 *
 * Builds a temporary SQLite database: the demo seed, widened to all ten AMS ×
 * 30 priority sectors with every pipeline stage (2,100 sector milestones plus
 * the country-level ones) and ten years of milestone history (BENCH_HISTORY,
 * default 120,000 AuditEvent rows). Starts the production build on 127.0.0.1
 * with it, signed in as the Secretariat (who reads every country: the largest
 * dashboard there is), and prints:
 *
 * - loader server time p50/p95, read from the page's Server-Timing header
 *   (`loader;dur=…`, measured inside the dashboard loader from the start of the
 *   session check to the end of its queries), over BENCH_REQUESTS sequential
 *   requests for each of several filter combinations. This is the loader
 *   alone: it leaves out rendering and the network, which the next figures include.
 * - requests per second and client-side latency p50/p95 for the whole dashboard
 *   page (document request: root and layout loaders, server rendering) with
 *   BENCH_CONNECTIONS concurrent clients for BENCH_SECONDS seconds.
 *
 * Target: loader p95 under 50 ms for the unfiltered view.
 */
import { fork, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { createSeededDatabase } from "./support/seeded-database";

const SECTORS = 30;
const HISTORY_ROWS = Number(process.env.BENCH_HISTORY ?? 120_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const YEARS = 10;
const TARGET_P95_MS = 50;

const database = createSeededDatabase("dashboard");
const { dbFile } = database;
const storedTime = (date: Date) => date.toISOString().replace("Z", "+00:00");
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** A small deterministic generator, so two runs measure the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Widen the demo data: 30 sectors prioritised by every country, every stage
 * present, and HISTORY_ROWS history rows spread over ten years up to today.
 */
function generateLargeDataSet() {
  const sqlite = new Database(dbFile);
  sqlite.pragma("journal_mode = WAL");
  const rand = random(20260101);
  const now = new Date();
  const countries = sqlite.prepare(`SELECT id, code FROM Country ORDER BY sortOrder`).all() as {
    id: string;
    code: string;
  }[];
  const stages = sqlite.prepare(`SELECT code, scope FROM MilestoneStage ORDER BY sortOrder`).all() as {
    code: string;
    scope: string;
  }[];
  const sectorStages = stages.filter((s) => s.scope === "sector").map((s) => s.code);
  const countryStages = stages.filter((s) => s.scope === "country").map((s) => s.code);
  const editors = new Map(
    countries.map((c) => [
      c.id,
      (
        sqlite
          .prepare(`SELECT id FROM User WHERE email IN (?, ?)`)
          .all(`fp.${c.code.toLowerCase()}@focalpoint.test`, `tf.${c.code.toLowerCase()}@focalpoint.test`) as {
          id: string;
        }[]
      ).map((u) => u.id),
    ]),
  );
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const tenYearsAgo = now.getTime() - YEARS * 365.25 * 86_400_000;
  const at = (fraction: number) => new Date(tenYearsAgo + fraction * (now.getTime() - tenYearsAgo));

  sqlite.transaction(() => {
    // sectors up to 30
    const existing = (sqlite.prepare(`SELECT COUNT(*) AS n FROM Sector`).get() as { n: number }).n;
    const addSector = sqlite.prepare(
      `INSERT INTO Sector (id, code, name, isRmcs, sortOrder, createdAt) VALUES (?, ?, ?, 0, ?, ?)`,
    );
    for (let i = existing; i < SECTORS; i++)
      addSector.run(
        `benchsector${String(i).padStart(4, "0")}`,
        `bench-sector-${i}`,
        `Bench sector ${i + 1}`,
        100 + i,
        storedTime(now),
      );
    const sectors = sqlite.prepare(`SELECT id FROM Sector ORDER BY sortOrder LIMIT ?`).all(SECTORS) as { id: string }[];

    // every country prioritises every sector, with every stage
    const prioritise = sqlite.prepare(
      `INSERT OR IGNORE INTO CountrySector (id, countryId, sectorId, prioritisedOn, createdAt) VALUES (?, ?, ?, ?, ?)`,
    );
    const exists = sqlite.prepare(`SELECT id FROM Milestone WHERE countryId = ? AND stageCode = ? AND sectorId IS ?`);
    const addMilestone = sqlite.prepare(
      `INSERT INTO Milestone (id, countryId, stageCode, sectorId, status, startedOn, targetOn, achievedOn, notes, updatedById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
    );
    let n = 0;
    const addPipeline = (countryId: string, sectorId: string | null, stageCodes: string[]) => {
      const reached = Math.floor(rand() * (stageCodes.length + 1));
      stageCodes.forEach((stageCode, index) => {
        if (exists.get(countryId, stageCode, sectorId)) return;
        const status =
          index < reached
            ? "completed"
            : index === reached
              ? rand() < 0.15
                ? "blocked"
                : "in_progress"
              : "not_started";
        const achieved = status === "completed" ? at(((index + 1) / (stageCodes.length + 1)) * rand()) : null;
        const target = status === "completed" ? achieved : status === "not_started" ? null : at(0.85 + rand() * 0.3);
        const started = status === "not_started" ? null : at(rand() * 0.5);
        const updated = achieved ?? (status === "not_started" ? at(0) : at(0.9 + rand() * 0.1));
        const editor = editors.get(countryId)![Math.floor(rand() * 2)] ?? null;
        addMilestone.run(
          `benchmilestone${String(n++).padStart(6, "0")}`,
          countryId,
          stageCode,
          sectorId,
          status,
          started ? day(started) : null,
          target ? day(target) : null,
          achieved ? day(achieved) : null,
          status === "not_started" ? null : editor,
          storedTime(at(0)),
          storedTime(updated),
        );
      });
    };
    for (const country of countries) {
      for (const sector of sectors) {
        prioritise.run(
          `benchprio${country.code.toLowerCase()}${sector.id.slice(-10)}`,
          country.id,
          sector.id,
          day(at(rand() * 0.3)),
          storedTime(now),
        );
        addPipeline(country.id, sector.id, sectorStages);
      }
      addPipeline(country.id, null, countryStages);
    }

    // ten years of history: status moves, target changes and notes, spread evenly up to today
    const milestones = sqlite.prepare(`SELECT id, countryId, stageCode FROM Milestone`).all() as {
      id: string;
      countryId: string;
      stageCode: string;
    }[];
    const addEvent = sqlite.prepare(
      `INSERT INTO AuditEvent (id, actorId, action, entityType, entityId, countryId, summary, changes, createdAt) VALUES (?, ?, 'milestone.update', 'milestone', ?, ?, ?, ?, ?)`,
    );
    const statuses = ["not_started", "in_progress", "blocked", "in_progress", "completed"];
    for (let i = 0; i < HISTORY_ROWS; i++) {
      const m = milestones[Math.floor(rand() * milestones.length)]!;
      const when = at(i / HISTORY_ROWS);
      const kind = rand();
      const from = statuses[Math.floor(rand() * 4)]!;
      const changes =
        kind < 0.6
          ? { status: [from, statuses[statuses.indexOf(from) + 1]] }
          : kind < 0.85
            ? { targetOn: [day(at(rand())), day(at(rand()))] }
            : { notes: ["", "Validation workshop postponed; assessors' training moved to the next quarter."] };
      addEvent.run(
        `benchevent${String(i).padStart(7, "0")}`,
        editors.get(m.countryId)![i % 2] ?? null,
        m.id,
        m.countryId,
        `${m.stageCode}: ${Object.keys(changes)[0]} changed`,
        JSON.stringify(changes),
        storedTime(when),
      );
    }
  })();
  const counts = {
    countries: countries.length,
    sectors: (sqlite.prepare(`SELECT COUNT(*) AS n FROM Sector`).get() as { n: number }).n,
    milestones: (sqlite.prepare(`SELECT COUNT(*) AS n FROM Milestone`).get() as { n: number }).n,
    history: (
      sqlite.prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE entityType = 'milestone'`).get() as { n: number }
    ).n,
  };
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("ANALYZE");
  sqlite.close();
  return counts;
}

function signIn(email: string): string {
  const sqlite = new Database(dbFile);
  const user = sqlite.prepare(`SELECT id FROM User WHERE email = ?`).get(email) as { id: string };
  const token = generateToken();
  sqlite
    .prepare(`INSERT INTO Session (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`)
    .run(hashToken(token), user.id, storedTime(new Date(Date.now() + 86_400_000)), storedTime(new Date()));
  sqlite.close();
  return `fp_session=${token}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ server: ChildProcess; url: string }> {
  const port = await freePort();
  const server = fork(path.resolve(process.env.BUILD_DIR ?? "build", "server.js"), [], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...database.env,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (
    !(await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    if (Date.now() - started > 60_000) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { server, url };
}

/** One dashboard request; the loader's own time from Server-Timing, and the whole request's time seen by the client. */
async function requestDashboard(url: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie, "accept-language": "en" }, redirect: "manual" });
  await response.arrayBuffer();
  const total = performance.now() - started;
  if (response.status !== 200) throw new Error(`dashboard answered ${response.status}`);
  const loader = /loader;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
  if (!loader) throw new Error("no Server-Timing header on the dashboard");
  return { loader: Number(loader[1]), total };
}

async function loaderTimes(base: string, cookie: string, query: string) {
  for (let i = 0; i < 20; i++) await requestDashboard(`${base}/dashboard${query}`, cookie); // warm-up: JIT, SQLite page cache
  const loader: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const r = await requestDashboard(`${base}/dashboard${query}`, cookie);
    loader.push(r.loader);
    total.push(r.total);
  }
  loader.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  return {
    p50: percentile(loader, 50),
    p95: percentile(loader, 95),
    pageP50: percentile(total, 50),
    pageP95: percentile(total, 95),
  };
}

async function throughput(base: string, cookie: string) {
  const deadline = performance.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        try {
          latencies.push((await requestDashboard(`${base}/dashboard`, cookie)).total);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    requests: latencies.length,
    errors,
  };
}

async function main() {
  console.log(`Widening the demo data in ${database.workDir} …`);
  const counts = generateLargeDataSet();
  console.log(
    `  ${counts.countries} countries, ${counts.sectors} sectors, ${counts.milestones} milestones, ${counts.history} milestone history rows over ${YEARS} years`,
  );
  const cookie = signIn("secretariat@focalpoint.test");
  const { server, url } = await startServer();
  try {
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const views: [string, string][] = [
      ["all countries, no filter (changes: last 30 days)", ""],
      ["all countries, changes over the last year", `?since=${yearAgo}`],
      ["status = blocked, changes over the last year", `?status=blocked&since=${yearAgo}`],
      ["one country", "?country=kh"],
      ["the CLMV group, status = blocked or overdue", "?country=clmv&status=blocked,overdue"],
      ["one sector, stage = testing", "?sector=welding&stage=testing_certification"],
    ];
    console.log(
      `\nDashboard loader, server time from Server-Timing (${REQUESTS} sequential requests each; "page" is the whole request seen by the client)`,
    );
    let headline = NaN;
    for (const [name, query] of views) {
      const r = await loaderTimes(url, cookie, query);
      if (!query) headline = r.p95;
      console.log(
        `  ${name.padEnd(50)} loader p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms   page p50 ${r.pageP50.toFixed(1)} ms  p95 ${r.pageP95.toFixed(1)} ms`,
      );
    }
    const load = await throughput(url, cookie);
    console.log(`\nDashboard page under load: ${CONNECTIONS} concurrent clients for ${SECONDS} s`);
    console.log(
      `  ${load.rps.toFixed(1)} requests/s, latency p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms (${load.requests} requests, ${load.errors} errors)`,
    );
    console.log(
      `\nTarget: loader p95 < ${TARGET_P95_MS} ms → ${headline < TARGET_P95_MS ? "met" : "NOT met"} (${headline.toFixed(1)} ms), on ${os.cpus().length} CPU(s) (${os.loadavg()[0]!.toFixed(1)} load average: other work on the machine shows here)`,
    );
    process.exitCode = headline < TARGET_P95_MS ? 0 : 1;
  } finally {
    server.kill("SIGTERM");
    // BENCH_KEEP=1 keeps the database for profiling the queries by hand.
    if (process.env.BENCH_KEEP) console.log(`Kept ${dbFile}`);
    else database.remove();
  }
}

await main();
