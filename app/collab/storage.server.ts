import * as Y from "yjs";
import { db } from "~/utils/db.server";
import { commitAppend, commitSnapshot, groupCommit } from "./commit-worker.server";

/**
 * Storage of co-edited documents. A document's state is its snapshot plus every
 * stored update with a higher id; compaction folds updates into the snapshot.
 * Updates are committed (SQLite WAL, synchronous=FULL) before the edit is
 * acknowledged, those that arrive together in one transaction (group commit,
 * commit-worker.server.ts). History is never rewritten: a restored version is a
 * new update on top of everything before it.
 */

type StoredDocument = {
  snapshot: Uint8Array | null;
  snapshotUpdateId: number;
  updates: { id: number; update: Uint8Array }[];
};

async function loadDocument(documentId: string): Promise<StoredDocument | null> {
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
 * snapshot; `storedBytes`, what the document takes in the database (its
 * snapshot and the updates after it).
 */
export type LoadedDocument = { doc: Y.Doc; upToId: number; snapshotUpToId: number; storedBytes: number };

export async function loadYDoc(documentId: string): Promise<LoadedDocument | null> {
  const stored = await loadDocument(documentId);
  if (!stored) return null;
  return {
    doc: buildDoc(stored),
    upToId: stored.updates.at(-1)?.id ?? stored.snapshotUpdateId,
    snapshotUpToId: stored.snapshotUpdateId,
    storedBytes: stored.updates.reduce((sum, u) => sum + u.update.byteLength, stored.snapshot?.byteLength ?? 0),
  };
}

/** The current stored state of a document. */
export async function currentDocumentState(documentId: string): Promise<Uint8Array | null> {
  const loaded = await loadYDoc(documentId);
  if (!loaded) return null;
  const state = Y.encodeStateAsUpdate(loaded.doc);
  loaded.doc.destroy();
  return state;
}

const globalForPrisma = globalThis as unknown as { focalpointPrismaWrites?: Promise<unknown> };

/** Writes through Prisma one after another, in the order asked (any database but SQLite). */
function inPrismaOrder<T>(write: () => Promise<T>): Promise<T> {
  const done = (globalForPrisma.focalpointPrismaWrites ?? Promise.resolve()).then(write);
  globalForPrisma.focalpointPrismaWrites = done.catch(() => undefined);
  return done;
}

/**
 * Stores one update durably: resolves with its id once the transaction that
 * holds it is committed. Appends made while a job is in flight (or in the
 * same turn of the event loop) share the next transaction.
 */
export function appendUpdate(documentId: string, update: Uint8Array, userId: string | null): Promise<number> {
  const group = groupCommit();
  if (group) return commitAppend(group, documentId, update, userId);
  return inPrismaOrder(() =>
    db.documentUpdate
      .create({ data: { documentId, update: Buffer.from(update), userId }, select: { id: true } })
      .then((row) => row.id),
  );
}

/** Takes back an update that was stored but could not be applied (it would break every later load). */
export async function discardUpdate(updateId: number) {
  await db.documentUpdate.deleteMany({ where: { id: updateId } });
}

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
  if (group) return commitSnapshot(group, { documentId, snapshot, upToId });
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

export class DocumentNotFoundError extends Error {}
