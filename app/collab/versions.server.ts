import * as Y from "yjs";
import { YJS_FRAGMENT } from "./schema";
import { recordAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { documentOwner } from "./access.server";
import { DocumentNotFoundError, loadYDoc } from "./storage.server";

/**
 * Named versions of a co-edited document: the whole state kept under a name.
 * Restoring one is a new change on top of the history, never a rewrite of it
 * (DocumentManager.restoreVersion sends it to everyone in the document).
 */

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
