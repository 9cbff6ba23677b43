/**
 * The co-editing load shared by `npm run bench:collab` and `npm run bench:import`: a FocalPoint
 * production server on a copy of a template database, N editors on one action plan in load
 * processes of their own (collab-clients.ts), 20% of them typing three edits a second, and the
 * time from an edit to its arrival at every other client. Sizes and duration: BENCH_SECONDS=12
 * (measured) after BENCH_WARMUP_SECONDS=3 of typing that is not counted. BENCH_PROFILE=dir writes
 * CPU profiles of the servers and of the load processes there.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { storedTime } from "./seeded-database";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
// Typing runs this long before anything is counted: the first second of a run (every typist starting
// at once, code not yet optimised) otherwise decides the p99 of either server.
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
export const LOAD_PROCESSES = 4;
export const TYPING_SHARE = 0.2;
export const EDITS_PER_SECOND = 3;
const CLOCK_TICKS = 100; // Linux USER_HZ

export const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "focalpoint-bench-"));
export const template = path.join(workDir, "template.db");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function processStats(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const cpuTicks = Number(stat[11]) + Number(stat[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
  return { cpuTicks, rssMb: rssKb / 1024 };
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A load process; with BENCH_PROFILE=dir it is profiled too (the clients' share of the latency is theirs). */
export const forkLoader = (target: Target["name"]) =>
  fork(path.resolve("bench/collab-clients.ts"), [], {
    execArgv: ["--import", "tsx", ...profileArgs(`${target}-clients`)],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });

export function profileArgs(name: string): string[] {
  const dir = process.env.BENCH_PROFILE;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dir, name)}`] : [];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

export type Target = {
  name: "focalpoint" | "hocuspocus";
  /** the server's database file */
  database: string;
  server: ChildProcess;
  url: string;
  documentId: string;
  cookies: string[];
  storedBytes: () => number;
};

// The extra plans of the memory run, added to the template: ids the document id check accepts.

export async function startFocalPoint(label: string, sessions: number): Promise<Target> {
  const db = path.join(workDir, `focalpoint-${label}.db`);
  fs.copyFileSync(template, db);
  const port = await freePort();
  const server = fork(path.resolve(process.env.BUILD_DIR ?? "build", "server.js"), [], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${db}`,
      DATA_DIR: workDir,
      LOG_LEVEL: "warn",
    },
    execArgv: profileArgs("focalpoint-server"),
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, "FocalPoint");
  const sqlite = new Database(db);
  const documentId = (
    sqlite
      .prepare(
        `SELECT p.documentId AS id FROM ActionPlan p JOIN Country c ON c.id = p.countryId WHERE c.code = 'VN' AND p.periodStart < 3000`,
      )
      .get() as { id: string }
  ).id;
  const editors = sqlite
    .prepare(`SELECT id FROM User WHERE email IN ('fp.vn@focalpoint.test', 'tf.vn@focalpoint.test')`)
    .all() as { id: string }[];
  const insert = sqlite.prepare(`INSERT INTO Session (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`);
  const cookies: string[] = [];
  const expires = storedTime(new Date(Date.now() + 86_400_000));
  for (let i = 0; i < sessions; i++) {
    const token = generateToken();
    insert.run(hashToken(token), editors[i % editors.length]!.id, expires, storedTime(new Date()));
    cookies.push(`fp_session=${token}`);
  }
  sqlite.close();
  const storedBytes = () => {
    const reader = new Database(db, { readonly: true });
    const row = reader
      .prepare(
        `SELECT (SELECT COALESCE(SUM(LENGTH("update")), 0) FROM DocumentUpdate WHERE documentId = ?) + (SELECT COALESCE(LENGTH(snapshot), 0) FROM CollaborativeDocument WHERE id = ?) AS bytes`,
      )
      .get(documentId, documentId) as { bytes: number };
    reader.close();
    return row.bytes;
  };
  return {
    name: "focalpoint",
    database: db,
    server,
    url: `http://127.0.0.1:${port}`,
    documentId,
    cookies,
    storedBytes,
  };
}

export type Result = {
  target: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  deliveries: number;
  edits: number;
  cpu: number;
  rssIdle: number;
  rssLoad: number;
  bytesPerEdit: number;
  storedBytes: number;
  storedPerEdit: number;
};

/**
 * N editors on the target's plan, measured for SECONDS after the warm-up; `alongside` (another
 * load, such as an import) starts with the measurement, which then lasts until it is over too.
 */
export async function measure(target: Target, n: number, alongside?: () => Promise<void>): Promise<Result> {
  const idle = processStats(target.server.pid!);
  const typing = Math.max(1, Math.round(n * TYPING_SHARE));
  const loaders = Array.from({ length: Math.min(LOAD_PROCESSES, n) }, () => forkLoader(target.name));
  // Clients and typists spread evenly over the load processes.
  const share = (total: number, i: number) => Math.floor(total / loaders.length) + (i < total % loaders.length ? 1 : 0);
  let offset = 0;
  const ready = loaders.map((loader, i) => {
    const count = share(n, i);
    const cookies = target.cookies.slice(offset, offset + count);
    offset += count;
    loader.send({
      start: {
        target: target.name,
        url: target.url,
        documentId: target.documentId,
        cookies,
        typing: share(typing, i),
        editsPerSecond: EDITS_PER_SECOND,
      },
    });
    return new Promise<boolean>((resolve) => loader.once("message", (m: { ready: boolean }) => resolve(m.ready)));
  });
  if (!(await Promise.all(ready)).every(Boolean)) throw new Error(`${target.name}: not every client synced`);
  for (const loader of loaders) loader.send({ go: true });
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  const storedBefore = target.storedBytes();
  const before = processStats(target.server.pid!);
  const started = Date.now();
  for (const loader of loaders) loader.send({ measure: true });
  await Promise.all([new Promise((r) => setTimeout(r, SECONDS * 1000)), alongside?.()]);
  const results = loaders.map(
    (loader) =>
      new Promise<{ latencies: number[]; edits: number; updateBytes: number }>((resolve) =>
        loader.once("message", resolve),
      ),
  );
  for (const loader of loaders) loader.send({ stop: true });
  const reports = await Promise.all(results);
  const after = processStats(target.server.pid!);
  const elapsed = (Date.now() - started) / 1000;
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const edits = reports.reduce((s, r) => s + r.edits, 0);
  const updateBytes = reports.reduce((s, r) => s + r.updateBytes, 0);
  target.server.kill("SIGTERM");
  await new Promise((resolve) => target.server.once("exit", resolve));
  return {
    target: target.name,
    n,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    deliveries: latencies.length,
    edits,
    cpu: (after.cpuTicks - before.cpuTicks) / CLOCK_TICKS / elapsed,
    rssIdle: idle.rssMb,
    rssLoad: after.rssMb,
    bytesPerEdit: edits ? updateBytes / edits : NaN,
    storedBytes: target.storedBytes(),
    storedPerEdit: edits ? (target.storedBytes() - storedBefore) / edits : NaN,
  };
}
