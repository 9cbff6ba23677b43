import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { databaseUrl } from "~/utils/database-url";
import { logger } from "~/utils/logger.server";

/**
 * Appending an update is the one write on every keystroke, and it must be
 * committed (fsync) before the edit is acknowledged. Three choices, measured:
 * - Through Prisma it costs about 2.6 ms of this process's time, against
 *   0.4 ms for a prepared statement on a better-sqlite3 connection of its own
 *   (500 appends, synchronous=FULL). The own connection matters for correctness
 *   too: Prisma's SQLite adapter runs every query on one connection, so a write
 *   made while another request's interactive transaction is open becomes part
 *   of that transaction and vanishes if it rolls back, after we would have
 *   acknowledged it.
 * - better-sqlite3 is synchronous, and an fsync on a busy disk took 2 ms at the
 *   median and 50 ms at the 99th percentile here: on the event loop that
 *   stalls every broadcast of every document. So the connection lives in a
 *   worker thread, which commits while the event loop carries on.
 * - Group commit (decision 009): one job is in flight at a time; updates that
 *   arrive meanwhile, of any document, wait and go together as the next batch,
 *   in ONE transaction with one fsync. Each append resolves once its batch is
 *   committed, jobs settle in the order they were queued and a batch keeps its
 *   order, so the appends of a document resolve in the order they were made.
 *   Snapshot writes (compaction, decision 011) are jobs of the same queue, so
 *   they never wait for a lock behind an append nor hold the event loop.
 * The worker never waits for a lock inside SQLite (busy_timeout 0); the job
 * is sent again after a short pause. Only for SQLite; any other database takes
 * the Prisma path, one write after another.
 */
type AppendRow = [documentId: string, update: Uint8Array, userId: string | null, createdAt: string];
export type SnapshotWrite = { documentId: string; snapshot: Uint8Array; upToId: number };
type QueuedAppend = { row: AppendRow; resolve: (id: number) => void; reject: (error: unknown) => void };
type CommitJob =
  | { kind: "append"; appends: QueuedAppend[] }
  | { kind: "snapshot"; write: SnapshotWrite; resolve: (folded: number) => void; reject: (error: unknown) => void };
type CommitReply =
  | { busy: true }
  | { ids: number[] }
  | { results: ({ id: number } | { error: string; code?: string })[] }
  | { folded: number }
  | { error: string; code?: string };
export type GroupCommit = {
  worker: Worker;
  /** jobs in the order they will be sent; appends made meanwhile join the last job if it is a batch */
  queue: CommitJob[];
  inFlight: CommitJob | null;
  scheduled: boolean;
  /** when the job at the head of the queue first found the database locked */
  busySince: number | null;
  busyAttempts: number;
};
const globalForCommit = globalThis as unknown as { focalpointGroupCommit?: GroupCommit | null };
const COMMIT_GIVES_UP_AFTER_MS = 10_000;

/** The committing thread: plain JavaScript, so it runs the same from the sources and from the build. */
const COMMIT_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const connection = new Database(workerData.file, { timeout: 0 });
// Per-connection settings, which take no lock; WAL itself is a property of the file, set by prepareDatabase.
connection.pragma("synchronous = FULL");
connection.pragma("foreign_keys = ON");
const bytes = (view) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
const insert = connection.prepare('INSERT INTO "DocumentUpdate" ("documentId", "update", "userId", "createdAt") VALUES (?, ?, ?, ?)');
const store = (row) => Number(insert.run(row[0], bytes(row[1]), row[2], row[3]).lastInsertRowid);
// BEGIN IMMEDIATE: a locked database shows at the start, before anything of the batch is written.
const commit = connection.transaction((rows) => rows.map(store)).immediate;
// A snapshot replaces an older one only: whatever is folded into a newer one stays folded.
const replaceSnapshot = connection.prepare('UPDATE "CollaborativeDocument" SET "snapshot" = ?, "snapshotUpdateId" = ? WHERE "id" = ? AND "snapshotUpdateId" < ?');
const deleteFolded = connection.prepare('DELETE FROM "DocumentUpdate" WHERE "documentId" = ? AND "id" <= ?');
const writeSnapshot = connection.transaction(({ documentId, snapshot, upToId }) =>
  replaceSnapshot.run(bytes(snapshot), upToId, documentId, upToId).changes === 0 ? 0 : deleteFolded.run(documentId, upToId).changes,
).immediate;
const isBusy = (error) => String(error && error.code).startsWith("SQLITE_BUSY");
const failure = (error) => ({ error: String(error && error.message), code: error && error.code });
parentPort.on("message", (job) => {
  try {
    if (job.snapshot) return parentPort.postMessage({ folded: writeSnapshot(job.snapshot) });
    parentPort.postMessage({ ids: commit(job.rows) });
  } catch (error) {
    if (isBusy(error)) return parentPort.postMessage({ busy: true });
    if (job.snapshot) return parentPort.postMessage(failure(error));
    // One bad row (its document deleted meanwhile, say) must not fail the others: each on its own.
    parentPort.postMessage({
      results: job.rows.map((row) => {
        try {
          return { id: commit([row])[0] };
        } catch (own) {
          return failure(own);
        }
      }),
    });
  }
});
`;

/** The commit thread, started on first use; null when the database is not a SQLite file (writes then go through Prisma). */
export function groupCommit(): GroupCommit | null {
  if (globalForCommit.focalpointGroupCommit !== undefined) return globalForCommit.focalpointGroupCommit;
  const url = databaseUrl();
  if (!url.startsWith("file:") || url === "file::memory:") return (globalForCommit.focalpointGroupCommit = null);
  const worker = new Worker(COMMIT_WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file: path.resolve(url.slice("file:".length)),
    },
  });
  const group: GroupCommit = { worker, queue: [], inFlight: null, scheduled: false, busySince: null, busyAttempts: 0 };
  // Holds the process open only while a job is in flight.
  worker.unref();
  worker.on("message", (reply: CommitReply) => settleJob(group, reply));
  worker.on("error", (error) => {
    logger.error({ err: error }, "the document commit thread failed; it starts again with the next write");
    if (globalForCommit.focalpointGroupCommit === group) globalForCommit.focalpointGroupCommit = undefined;
    for (const job of [...(group.inFlight ? [group.inFlight] : []), ...group.queue]) rejectJob(job, error);
    group.inFlight = null;
    group.queue = [];
  });
  return (globalForCommit.focalpointGroupCommit = group);
}

// The text form Prisma's SQLite adapter stores for a DateTime, so both paths write the same.
const storedTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

class CommitFailed extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function rejectJob(job: CommitJob, error: unknown) {
  if (job.kind === "append") for (const append of job.appends) append.reject(error);
  else job.reject(error);
}

/** Sends the job at the head of the queue, unless one is in flight (it is then sent when that one settles). */
function sendNext(group: GroupCommit) {
  group.scheduled = false;
  if (group.inFlight) return;
  const job = group.queue.shift();
  if (!job) return;
  group.inFlight = job;
  group.worker.ref();
  group.worker.postMessage(
    job.kind === "append" ? { rows: job.appends.map((append) => append.row) } : { snapshot: job.write },
  );
}

function settleJob(group: GroupCommit, reply: CommitReply) {
  const job = group.inFlight!;
  group.inFlight = null;
  group.worker.unref();
  if ("busy" in reply) {
    group.busySince ??= Date.now();
    if (Date.now() - group.busySince <= COMMIT_GIVES_UP_AFTER_MS) {
      // Still first in line; a batch takes along the appends queued behind it.
      const next = group.queue[0];
      if (job.kind === "append" && next?.kind === "append") {
        group.queue.shift();
        job.appends.push(...next.appends);
      }
      group.queue.unshift(job);
      group.scheduled = true;
      setTimeout(() => sendNext(group), Math.min(2 ** group.busyAttempts++, 50));
      return;
    }
    rejectJob(job, new CommitFailed("the database stayed locked", "SQLITE_BUSY"));
  } else if (job.kind === "snapshot") {
    if ("folded" in reply) job.resolve(reply.folded);
    else
      job.reject(
        new CommitFailed("error" in reply ? reply.error : "unexpected reply", "code" in reply ? reply.code : undefined),
      );
  } else if ("ids" in reply) {
    job.appends.forEach((append, i) => append.resolve(reply.ids[i]!));
  } else if ("results" in reply) {
    job.appends.forEach((append, i) => {
      const result = reply.results[i]!;
      if ("id" in result) append.resolve(result.id);
      else append.reject(new CommitFailed(result.error, result.code));
    });
  }
  group.busySince = null;
  group.busyAttempts = 0;
  sendNext(group);
}

function enqueue(group: GroupCommit, job: CommitJob) {
  group.queue.push(job);
  if (group.inFlight || group.scheduled) return;
  // Wait for the rest of this turn of the event loop: messages read together go together.
  group.scheduled = true;
  setImmediate(() => sendNext(group));
}

/**
 * Queues one update for the next batch (the last job, if it is a batch);
 * resolves with its id once that batch is committed.
 */
export function commitAppend(
  group: GroupCommit,
  documentId: string,
  update: Uint8Array,
  userId: string | null,
): Promise<number> {
  // A message's bytes are usually a view into the socket's whole read buffer, which
  // posting to the thread would copy entirely: send only the update's own bytes.
  const own = update.byteLength === update.buffer.byteLength ? update : update.slice();
  return new Promise((resolve, reject) => {
    const row: AppendRow = [documentId, own, userId, storedTimestamp(new Date())];
    const last = group.queue.at(-1);
    if (last?.kind === "append") last.appends.push({ row, resolve, reject });
    else enqueue(group, { kind: "append", appends: [{ row, resolve, reject }] });
  });
}

/** Queues a snapshot write; resolves with how many updates it folded. */
export function commitSnapshot(group: GroupCommit, write: SnapshotWrite): Promise<number> {
  return new Promise((resolve, reject) => enqueue(group, { kind: "snapshot", write, resolve, reject }));
}
