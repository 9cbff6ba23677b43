import * as Y from "yjs";
import { db } from "~/utils/db.server";

/**
 * Storage of co-edited documents. A document's state is its snapshot plus every
 * stored update with a higher id; compaction folds updates into the snapshot.
 * Updates are written one by one, each committed (SQLite WAL, synchronous=FULL)
 * before the edit is acknowledged.
 */

export type StoredDocument = { snapshot: Uint8Array | null; updates: { id: number; update: Uint8Array }[] };

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
    updates: updates.map((u) => ({ id: u.id, update: new Uint8Array(u.update) })),
  };
}

/** A Y.Doc with the stored state, and the id of the last update it contains. */
export async function loadYDoc(documentId: string): Promise<{ doc: Y.Doc; lastUpdateId: number } | null> {
  const stored = await loadDocument(documentId);
  if (!stored) return null;
  const doc = new Y.Doc({ gc: true });
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return { doc, lastUpdateId: stored.updates.at(-1)?.id ?? 0 };
}

/** Stores one update durably and returns its id. */
export async function appendUpdate(documentId: string, update: Uint8Array, userId: string | null): Promise<number> {
  const row = await db.documentUpdate.create({ data: { documentId, update: Buffer.from(update), userId }, select: { id: true } });
  return row.id;
}

/**
 * Replaces the snapshot with `state` (which must contain every update up to
 * `upToId`) and removes those updates, in one transaction.
 */
export async function compactDocument(documentId: string, state: Uint8Array, upToId: number) {
  await db.$transaction([
    db.collaborativeDocument.update({ where: { id: documentId }, data: { snapshot: Buffer.from(state), snapshotUpdateId: upToId } }),
    db.documentUpdate.deleteMany({ where: { documentId, id: { lte: upToId } } }),
  ]);
}

export type DocumentOwner = { kind: "action_plan"; planId: string; countryId: string; planStatus: string } | { kind: "unknown" };

/** What a document belongs to, which decides who may read and write it. */
export async function documentOwner(documentId: string): Promise<DocumentOwner | null> {
  const document = await db.collaborativeDocument.findUnique({
    where: { id: documentId },
    select: { actionPlan: { select: { id: true, countryId: true, status: true } } },
  });
  if (!document) return null;
  if (document.actionPlan) return { kind: "action_plan", planId: document.actionPlan.id, countryId: document.actionPlan.countryId, planStatus: document.actionPlan.status };
  return { kind: "unknown" };
}
