import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as Y from "yjs";
import { YJS_FRAGMENT } from "~/editor/schema";
import { databaseUrl } from "~/utils/database-url";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { recordAudit } from "./audit.server";

/**
 * Storage of co-edited documents. A document's state is its snapshot plus every
 * stored update with a higher id; compaction folds updates into the snapshot.
 * Updates are committed (SQLite WAL, synchronous=FULL) before the edit is
 * acknowledged, those that arrive together in one transaction (group commit). History is never rewritten: a restored
 * version is a new update on top of everything before it.
 */

export type StoredDocument = {
  snapshot: Uint8Array | null;
  snapshotUpdateId: number;
  updates: { id: number; update: Uint8Array }[];
};

export async function loadDocument(documentId: string): Promise<StoredDocument | null> {
  const document = await db.collaborativeDocument.findUnique({
    where: { id: documentId },
    select: { snapshot: true, snapshotUpdateId: true },
  });
  if (!document) return null;
  const updates = await db.documentUpdate.findMany({
    where: { documentId, id: { gt: document.snapshotUpdateId } },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  return {
    snapshot: document.snapshot ? new Uint8Array(document.snapshot) : null,
    snapshotUpdateId: document.snapshotUpdateId,
    updates: updates.map((u) => ({ id: u.id, update: new Uint8Array(u.update) })),
  };
}

function buildDoc(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc;
}

/**
 * A Y.Doc with the stored state, with how far it reaches: `upToId`, the last
 * stored update it holds, and `snapshotUpToId`, the last one folded into the
 * snapshot.
 */
export type LoadedDocument = { doc: Y.Doc; upToId: number; snapshotUpToId: number };

export async function loadYDoc(documentId: string): Promise<LoadedDocument | null> {
  const stored = await loadDocument(documentId);
  if (!stored) return null;
  return {
    doc: buildDoc(stored),
    upToId: stored.updates.at(-1)?.id ?? stored.snapshotUpdateId,
    snapshotUpToId: stored.snapshotUpdateId,
  };
}

// ───────────────────────── the hot path: group commit ─────────────────────────

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
type SnapshotWrite = { documentId: string; snapshot: Uint8Array; upToId: number };
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
type GroupCommit = {
  worker: Worker;
  /** jobs in the order they will be sent; appends made meanwhile join the last job if it is a batch */
  queue: CommitJob[];
  inFlight: CommitJob | null;
  scheduled: boolean;
  /** when the job at the head of the queue first found the database locked */
  busySince: number | null;
  busyAttempts: number;
};
const globalForCommit = globalThis as unknown as {
  focalpointGroupCommit?: GroupCommit | null;
  focalpointPrismaWrites?: Promise<unknown>;
};
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

function groupCommit(): GroupCommit | null {
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

/** Writes through Prisma one after another, in the order asked (any database but SQLite). */
function inPrismaOrder<T>(write: () => Promise<T>): Promise<T> {
  const done = (globalForCommit.focalpointPrismaWrites ?? Promise.resolve()).then(write);
  globalForCommit.focalpointPrismaWrites = done.catch(() => undefined);
  return done;
}

/**
 * Stores one update durably: resolves with its id once the transaction that
 * holds it is committed. Appends made while a job is in flight (or in the
 * same turn of the event loop) share the next transaction.
 */
export function appendUpdate(documentId: string, update: Uint8Array, userId: string | null): Promise<number> {
  const group = groupCommit();
  if (!group) {
    return inPrismaOrder(() =>
      db.documentUpdate
        .create({ data: { documentId, update: Buffer.from(update), userId }, select: { id: true } })
        .then((row) => row.id),
    );
  }
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

/** Takes back an update that was stored but could not be applied (it would break every later load). */
export async function discardUpdate(updateId: number) {
  await db.documentUpdate.deleteMany({ where: { id: updateId } });
}

// ───────────────────────── compaction ─────────────────────────

/**
 * Makes `snapshot` the document's stored state up to update `upToId` and
 * deletes the updates it folds, in one transaction, unless a snapshot at least
 * as recent is already stored. The caller vouches that `snapshot` holds every
 * stored update of the document up to `upToId`. Appends only add rows with
 * higher ids, so they are never held up by the folding. Returns how many
 * updates were folded.
 */
export function storeSnapshot(documentId: string, snapshot: Uint8Array, upToId: number): Promise<number> {
  const group = groupCommit();
  if (group)
    return new Promise((resolve, reject) =>
      enqueue(group, { kind: "snapshot", write: { documentId, snapshot, upToId }, resolve, reject }),
    );
  return inPrismaOrder(() =>
    db.$transaction(async (tx) => {
      const { count } = await tx.collaborativeDocument.updateMany({
        where: { id: documentId, snapshotUpdateId: { lt: upToId } },
        data: { snapshot: Buffer.from(snapshot), snapshotUpdateId: upToId },
      });
      if (count === 0) return 0;
      return (await tx.documentUpdate.deleteMany({ where: { documentId, id: { lte: upToId } } })).count;
    }),
  );
}

/**
 * Folds a document's stored updates into its snapshot, from the database: for
 * a document nobody has open (an open one is folded from memory by the
 * document manager). Folding goes through a garbage-collected Y.Doc rather
 * than Y.mergeUpdates: on 4,000 typing updates with deletions that gave a 27%
 * smaller snapshot in a third of the time, because deleted text is dropped.
 * Returns how many updates were folded.
 */
export async function compactDocument(documentId: string): Promise<number> {
  const loaded = await loadYDoc(documentId);
  if (!loaded) return 0;
  const snapshot = Y.encodeStateAsUpdate(loaded.doc);
  loaded.doc.destroy();
  return loaded.upToId > loaded.snapshotUpToId ? storeSnapshot(documentId, snapshot, loaded.upToId) : 0;
}

// ───────────────────────── owners and permission ─────────────────────────

export type DocumentOwner =
  | { kind: "action_plan"; planId: string; countryId: string; planStatus: string }
  | { kind: "workshop_minutes"; workshopId: string; countryId: string | null; facilitatorIds: string[] }
  | { kind: "unknown" };

/** What a document belongs to, which decides who may read and write it. */
export async function documentOwner(documentId: string): Promise<DocumentOwner | null> {
  const document = await db.collaborativeDocument.findUnique({
    where: { id: documentId },
    select: {
      actionPlan: { select: { id: true, countryId: true, status: true } },
      workshop: { select: { id: true, hostCountryId: true, facilitators: { select: { userId: true } } } },
    },
  });
  if (!document) return null;
  if (document.actionPlan)
    return {
      kind: "action_plan",
      planId: document.actionPlan.id,
      countryId: document.actionPlan.countryId,
      planStatus: document.actionPlan.status,
    };
  if (document.workshop) {
    return {
      kind: "workshop_minutes",
      workshopId: document.workshop.id,
      countryId: document.workshop.hostCountryId,
      facilitatorIds: document.workshop.facilitators.map((f) => f.userId),
    };
  }
  return { kind: "unknown" };
}

// ───────────────────────── named versions ─────────────────────────

export class DocumentNotFoundError extends Error {}

type Actor = { actorId: string; requestId?: string | null };

/** Keeps the document as it is now under a name ("Before the Bangkok meeting"). */
export async function createDocumentVersion(documentId: string, name: string, { actorId, requestId }: Actor) {
  // Every update is stored before it is applied anywhere, so the stored state is the newest there is.
  const [loaded, owner] = await Promise.all([loadYDoc(documentId), documentOwner(documentId)]);
  if (!loaded || !owner) throw new DocumentNotFoundError(documentId);
  const state = Buffer.from(Y.encodeStateAsUpdate(loaded.doc));
  loaded.doc.destroy();
  return db.$transaction(async (tx) => {
    const version = await tx.documentVersion.create({
      data: { documentId, name, state, createdById: actorId },
      select: { id: true, name: true, createdAt: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "document.version",
      entityType: "document",
      entityId: documentId,
      countryId: "countryId" in owner ? owner.countryId : null,
      summary: `Version kept: ${name}`,
      requestId,
    });
    return version;
  });
}

/** Newest first, without their content. */
export function listDocumentVersions(documentId: string) {
  return db.documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, createdBy: { select: { id: true, name: true } } },
  });
}

export async function findDocumentVersion(documentId: string, versionId: string) {
  const version = await db.documentVersion.findFirst({
    where: { id: versionId, documentId },
    select: { id: true, name: true, state: true, createdAt: true },
  });
  return version ? { ...version, state: new Uint8Array(version.state) } : null;
}

/**
 * The update that makes `current` show what `versionState` showed: inside one
 * transaction on a copy of the current document, the fragment's content is
 * replaced by copies of the old content. Applied on top of the current history
 * it is an ordinary change, so every client converges on it, and nothing that
 * happened before is lost. Null when the document already shows that content.
 */
export function restoreUpdate(current: Y.Doc, versionState: Uint8Array): Uint8Array | null {
  const old = new Y.Doc();
  Y.applyUpdate(old, versionState);
  const oldFragment = old.getXmlFragment(YJS_FRAGMENT);
  const working = new Y.Doc();
  Y.applyUpdate(working, Y.encodeStateAsUpdate(current));
  const fragment = working.getXmlFragment(YJS_FRAGMENT);
  let update: Uint8Array | null = null;
  if (fragment.toString() !== oldFragment.toString()) {
    const before = Y.encodeStateVector(working);
    working.transact(() => {
      fragment.delete(0, fragment.length);
      // Tiptap documents hold elements and text only (no XmlHook).
      fragment.insert(
        0,
        oldFragment.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
      );
    });
    update = Y.encodeStateAsUpdate(working, before);
  }
  old.destroy();
  working.destroy();
  return update;
}

/** Stores the update that restores a version, with its history row, in one transaction. */
export async function storeVersionRestore(
  documentId: string,
  update: Uint8Array,
  version: { id: string; name: string },
  { actorId, requestId }: Actor,
): Promise<number> {
  const owner = await documentOwner(documentId);
  return db.$transaction(async (tx) => {
    const row = await tx.documentUpdate.create({
      data: { documentId, update: Buffer.from(update), userId: actorId },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "document.restore",
      entityType: "document",
      entityId: documentId,
      countryId: owner && "countryId" in owner ? owner.countryId : null,
      summary: `Version restored: ${version.name}`,
      changes: { version: [null, version.id] },
      requestId,
    });
    return row.id;
  });
}

/** A document's text as lines (one per paragraph, heading, list item or table cell), for comparing versions. */
export function documentLines(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) return;
    const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
    if (children.some((child) => child instanceof Y.XmlText)) {
      const text = children
        .map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, "") : ""))
        .join("")
        .trim();
      if (text) lines.push(text);
      return;
    }
    for (const child of children) walk(child);
  };
  walk(doc.getXmlFragment(YJS_FRAGMENT));
  doc.destroy();
  return lines;
}

/** The current stored state of a document. */
export async function currentDocumentState(documentId: string): Promise<Uint8Array | null> {
  const loaded = await loadYDoc(documentId);
  if (!loaded) return null;
  const state = Y.encodeStateAsUpdate(loaded.doc);
  loaded.doc.destroy();
  return state;
}
