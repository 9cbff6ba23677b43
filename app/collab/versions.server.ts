import { activityMessage } from "~/i18n/activity";
import * as Y from "yjs";
import { YJS_FRAGMENT } from "./schema";
import { recordAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { documentOwner } from "./access.server";
import { DocumentNotFoundError, loadYDoc } from "./storage.server";
import { keepVersionIn } from "~/models/document-version.server";
import { DOCUMENT_VERSION_KINDS, parseWord } from "~/domain/vocabulary";

/**
 * Named versions of a co-edited document: the whole state kept under a name.
 * Restoring one is a new change on top of the history, never a rewrite of it
 * (DocumentManager.restoreVersion sends it to everyone in the document), and
 * keeps what it replaces as a version of its own, so a restore can be undone.
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
      message: activityMessage("versionKept", { name }),
      requestId,
    });
    return version;
  });
}

/** Newest first, without their content. */
export async function listDocumentVersions(documentId: string) {
  const versions = await db.documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      kind: true,
      note: true,
      createdAt: true,
      createdBy: { select: { id: true, name: true } },
    },
  });
  return versions.map((v) => ({ ...v, kind: parseWord(DOCUMENT_VERSION_KINDS, v.kind) }));
}

/** The newest version kept by a submission, with its covering note; null before the first. */
export async function findSubmittedVersion(documentId: string) {
  const version = await db.documentVersion.findFirst({
    where: { documentId, kind: "submitted" },
    orderBy: { createdAt: "desc" },
    select: { id: true, note: true, state: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  return version ? { ...version, state: new Uint8Array(version.state) } : null;
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

/**
 * Stores the update that restores a version, with its history row and, first, what the
 * document showed before (`before`, kept as a version named `beforeName`), in one transaction.
 */
export async function storeVersionRestore(
  documentId: string,
  update: Uint8Array,
  version: { id: string; name: string },
  before: { state: Uint8Array; name: string },
  { actorId, requestId }: Actor,
): Promise<number> {
  const owner = await documentOwner(documentId);
  return db.$transaction(async (tx) => {
    await keepVersionIn(tx, documentId, { ...before, kind: "before_restore" }, actorId);
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
      message: activityMessage("versionRestored", { name: version.name }),
      changes: { version: [null, version.id] },
      requestId,
    });
    return row.id;
  });
}
