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
import { generateLargeDataSet, YEARS } from "./support/large-data-set";
import { createSeededDatabase, storedTime } from "./support/seeded-database";

const HISTORY_ROWS = Number(process.env.BENCH_HISTORY ?? 120_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET_P95_MS = 50;

const database = createSeededDatabase("dashboard");
const { dbFile } = database;
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

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
  const counts = generateLargeDataSet(dbFile, HISTORY_ROWS);
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
