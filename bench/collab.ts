/**
 * `npm run bench:collab`: N editors on one action plan, 20% of them typing
 * three edits a second, against FocalPoint (production build, SQLite, every
 * update stored before it is acknowledged) and against Hocuspocus 4.7 with its
 * SQLite extension as the reference, in the same run on the same machine.
 *
 * Prints, for N = 10, 50, 100, 200: p50/p95/p99 time from an edit to its
 * arrival at every other client, server CPU (share of one core) and memory
 * (RSS), and bytes per edit. Load clients run in their own processes; servers
 * listen on 127.0.0.1 only. Sizes and duration: BENCH_SIZES=10,50 BENCH_SECONDS=10
 * (measured) after BENCH_WARMUP_SECONDS=3 of typing that is not counted. BENCH_PROFILE=dir writes
 * CPU profiles of both servers and of the load processes there.
 *
 * Then memory per open document: BENCH_DOCUMENTS (200) action plans with the
 * seed's narrative, BENCH_CLIENTS_PER_DOCUMENT (2) clients in each making a few
 * edits, on a fresh server of each kind, after WARMUP_DOCUMENTS (10) opened the
 * same way: (RSS with them open − RSS before) / documents. BENCH_DOCUMENTS=0 skips it; BENCH_SIZES= (empty) runs only it.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import {
  EDITS_PER_SECOND,
  forkLoader,
  freePort,
  LOAD_PROCESSES,
  measure,
  processStats,
  profileArgs,
  SECONDS,
  startFocalPoint,
  template,
  TYPING_SHARE,
  WARMUP_SECONDS,
  workDir,
  type Result,
  type Target,
} from "./support/co-editing";
import { seedDemo, storedTime } from "./support/seeded-database";

const SIZES = (process.env.BENCH_SIZES ?? "10,50,100,200").split(",").filter(Boolean).map(Number);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 200);
const CLIENTS_PER_DOCUMENT = Number(process.env.BENCH_CLIENTS_PER_DOCUMENT ?? 2);
const EDITS_PER_CLIENT = 3;
// Opened first and kept open: what the first documents cost once (the commit thread, caches,
// compiled code) is then in "before", and the figure is what one more open document costs.
const WARMUP_DOCUMENTS = 10;

const benchDocumentId = (i: number) => `benchdocument${String(i).padStart(5, "0")}`;
const benchDocumentIds = () => Array.from({ length: WARMUP_DOCUMENTS + DOCUMENTS }, (_, i) => benchDocumentId(i));

/** The Viet Nam plan's seeded narrative: the content every document of the memory run starts with. */
function seededNarrative(): Buffer {
  const sqlite = new Database(template, { readonly: true });
  const row = sqlite
    .prepare(
      `SELECT d.snapshot AS snapshot FROM ActionPlan p JOIN Country c ON c.id = p.countryId JOIN CollaborativeDocument d ON d.id = p.documentId WHERE c.code = 'VN'`,
    )
    .get() as { snapshot: Buffer };
  sqlite.close();
  return row.snapshot;
}

/** Adds the memory run's plans (Viet Nam, one per made-up period) to the template, each with the seeded narrative. */
function addBenchPlans() {
  const sqlite = new Database(template);
  const narrative = seededNarrative();
  const country = (sqlite.prepare(`SELECT id FROM Country WHERE code = 'VN'`).get() as { id: string }).id;
  const now = storedTime(new Date());
  const addDocument = sqlite.prepare(
    `INSERT INTO CollaborativeDocument (id, kind, snapshot, snapshotUpdateId, createdAt, updatedAt) VALUES (?, 'action_plan_narrative', ?, 0, ?, ?)`,
  );
  const addPlan = sqlite.prepare(
    `INSERT INTO ActionPlan (id, countryId, title, periodStart, periodEnd, status, documentId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    benchDocumentIds().forEach((id, i) => {
      addDocument.run(id, narrative, now, now);
      addPlan.run(
        `benchplan${String(i).padStart(5, "0")}`,
        country,
        `Bench plan ${i}`,
        3000 + i,
        3002 + i,
        id,
        now,
        now,
      );
    });
  })();
  sqlite.close();
}

async function startHocuspocus(label: string, sessions: number): Promise<Target> {
  const db = path.join(workDir, `hocuspocus-${label}.sqlite`);
  // The memory run's documents, stored as the extension stores them, with the same narrative.
  const sqlite = new Database(db);
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))`,
  );
  const narrative = seededNarrative();
  const addDocument = sqlite.prepare(`INSERT INTO "documents" ("name", "data") VALUES (?, ?)`);
  sqlite.transaction(() => benchDocumentIds().forEach((id) => addDocument.run(id, narrative)))();
  sqlite.close();
  const port = await freePort();
  const server = fork(path.resolve("bench/hocuspocus-server.ts"), [], {
    execArgv: ["--import", "tsx", ...profileArgs("hocuspocus-server")],
    env: { ...process.env, PORT: String(port), BENCH_SQLITE: db },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  await new Promise((resolve) => server.once("message", resolve));
  const storedBytes = () => {
    if (!fs.existsSync(db)) return 0;
    const reader = new Database(db, { readonly: true });
    const row = reader.prepare(`SELECT COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM documents`).get() as {
      bytes: number;
    };
    reader.close();
    return row.bytes;
  };
  return {
    name: "hocuspocus",
    database: db,
    server,
    url: `ws://127.0.0.1:${port}`,
    documentId: "bench",
    cookies: Array.from({ length: sessions }, () => ""),
    storedBytes,
  };
}

type MemoryResult = {
  target: string;
  documents: number;
  clients: number;
  rssBefore: number;
  rssOpen: number;
  perDocumentKb: number;
};

/** RSS settles after a burst of allocations: the median of a few readings. */
async function settledRss(pid: number) {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 300));
    readings.push(processStats(pid).rssMb);
  }
  return readings.sort((a, b) => a - b)[2]!;
}

/** Opens documents in load processes of their own; returns a function that closes them. */
async function openDocuments(
  target: Target,
  documents: { documentId: string; cookies: string[] }[],
  processes: number,
) {
  const loaders = Array.from({ length: processes }, () => forkLoader(target.name));
  const ready = loaders.map((loader, i) => {
    loader.send({
      open: {
        target: target.name,
        url: target.url,
        documents: documents.filter((_, d) => d % loaders.length === i),
        editsPerClient: EDITS_PER_CLIENT,
      },
    });
    return new Promise<boolean>((resolve) => loader.once("message", (m: { ready: boolean }) => resolve(m.ready)));
  });
  if (!(await Promise.all(ready)).every(Boolean)) throw new Error(`${target.name}: not every document opened`);
  return async () => {
    for (const loader of loaders) loader.send({ close: true });
    await Promise.all(loaders.map((loader) => new Promise((resolve) => loader.once("exit", resolve))));
  };
}

async function measureMemory(target: Target): Promise<MemoryResult> {
  const pid = target.server.pid!;
  const documents = benchDocumentIds().map((documentId, i) => ({
    documentId,
    cookies: target.cookies.slice(i * CLIENTS_PER_DOCUMENT, (i + 1) * CLIENTS_PER_DOCUMENT),
  }));
  const closeWarmup = await openDocuments(target, documents.slice(0, WARMUP_DOCUMENTS), 1);
  const rssBefore = await settledRss(pid);
  const closeMeasured = await openDocuments(target, documents.slice(WARMUP_DOCUMENTS), LOAD_PROCESSES);
  const rssOpen = await settledRss(pid);
  await closeMeasured();
  await closeWarmup();
  target.server.kill("SIGTERM");
  await new Promise((resolve) => target.server.once("exit", resolve));
  return {
    target: target.name,
    documents: DOCUMENTS,
    clients: DOCUMENTS * CLIENTS_PER_DOCUMENT,
    rssBefore,
    rssOpen,
    perDocumentKb: ((rssOpen - rssBefore) * 1024) / DOCUMENTS,
  };
}

const serverName = (target: string) => (target === "focalpoint" ? "FocalPoint" : "Hocuspocus 4.7");

async function main() {
  if (!fs.existsSync(path.resolve(process.env.BUILD_DIR ?? "build", "server.js")))
    throw new Error("Build first: npm run build");
  seedDemo(template);
  if (DOCUMENTS > 0) addBenchPlans();
  console.log(
    `bench:collab — ${os.cpus().length} cores, ${SECONDS}s measured per run after ${WARMUP_SECONDS}s of warm-up, ${TYPING_SHARE * 100}% of editors typing ${EDITS_PER_SECOND} edits/s, ${LOAD_PROCESSES} load processes\n`,
  );
  const results: Result[] = [];
  for (const n of SIZES) {
    for (const start of [startFocalPoint, startHocuspocus]) {
      const target = await start(String(n), n);
      const result = await measure(target, n);
      results.push(result);
      console.log(
        `${result.target.padEnd(10)} N=${String(n).padStart(3)}  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  ` +
          `cpu ${(result.cpu * 100).toFixed(0)}%  rss ${result.rssIdle.toFixed(0)}→${result.rssLoad.toFixed(0)} MB  ${result.edits} edits, ${result.deliveries} deliveries`,
      );
    }
  }
  console.log(
    "\n| N | server | p50 ms | p95 ms | p99 ms | CPU (one core) | RSS idle → under load | update bytes per edit | stored per edit (after the server's last store) | stored at end |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.n} | ${serverName(r.target)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.cpu * 100).toFixed(0)}% | ${r.rssIdle.toFixed(0)} → ${r.rssLoad.toFixed(0)} MB | ${r.bytesPerEdit.toFixed(0)} | ${r.storedPerEdit.toFixed(0)} | ${(r.storedBytes / 1024).toFixed(0)} KiB |`,
    );
  }
  if (DOCUMENTS > 0) {
    const memory: MemoryResult[] = [];
    for (const start of [startFocalPoint, startHocuspocus]) {
      const result = await measureMemory(await start("memory", (WARMUP_DOCUMENTS + DOCUMENTS) * CLIENTS_PER_DOCUMENT));
      memory.push(result);
      console.log(
        `${result.target.padEnd(10)} ${result.documents} documents, ${result.clients} clients  rss ${result.rssBefore.toFixed(0)}→${result.rssOpen.toFixed(0)} MB  ${result.perDocumentKb.toFixed(0)} KiB per open document`,
      );
    }
    console.log(
      `\n| open documents (${CLIENTS_PER_DOCUMENT} clients each, ${EDITS_PER_CLIENT} edits per client) | server | RSS with ${WARMUP_DOCUMENTS} open | RSS with them open too | per open document |`,
    );
    console.log("|---|---|---|---|---|");
    for (const m of memory) {
      console.log(
        `| ${m.documents} | ${serverName(m.target)} | ${m.rssBefore.toFixed(0)} MB | ${m.rssOpen.toFixed(0)} MB | ${m.perDocumentKb.toFixed(0)} KiB |`,
      );
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(workDir, { recursive: true, force: true });
  process.exit(1);
});
