import * as Y from "yjs";
import { logger } from "~/utils/logger.server";
import { checkShape, decodeUpdate, MAX_DOCUMENT_BYTES, PendingItems } from "./limits.server";
import { RoomPresence } from "./presence.server";
import { syncUpdateMessage } from "./protocol";
import { DocumentFull, RefusedMessage } from "./refused.server";
import { appendUpdate, discardUpdate, type LoadedDocument } from "./storage.server";

/**
 * One open document: the Y.Doc, loaded once, fed by the updates of the sockets
 * in its room, and who is in it (RoomPresence).
 *
 * Durability rule: an update is committed to the database before it is applied,
 * acknowledged or broadcast. Updates are checked as they arrive and committed
 * in groups (appendUpdate: one transaction for everything that arrived
 * together, across documents); the in-memory document applies them only once
 * committed, in the order they were accepted, so it never holds anything the
 * database lacks: a document can be dropped from memory at any moment and
 * loaded again without loss. For the same reason compaction folds the
 * document in memory into the stored snapshot (decision 011): nothing is read
 * back from the database on the event loop.
 */

// An update with no new structs and an empty delete set encodes as two zero bytes.
export const EMPTY_UPDATE_LENGTH = 2;

export type Access = { readOnly: boolean; userId: string };

export class DocumentRoom {
  readonly doc: Y.Doc;
  readonly presence: RoomPresence;
  readonly sockets = new Map<string, Access>();
  /** writes queued or running; the room is never unloaded while this is above zero */
  busy = 0;
  updatesSinceCompaction = 0;
  /** the last stored update the document holds: every stored update up to it is applied */
  upToId: number;
  /** the last stored update folded into the stored snapshot */
  snapshotUpToId: number;
  /** what the document takes in the database: its snapshot and the applied updates after it */
  storedBytes: number;
  compacting: Promise<void> | null = null;
  compactTimer: ReturnType<typeof setTimeout> | undefined;
  unloadTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * How far the accepted updates reach, per Yjs client, beyond what the
   * document holds: updates wait for their group commit before they are
   * applied, and the next one from the same typist, which builds on them,
   * must be checked against them. Cleared once nothing is in flight.
   */
  private readonly accepted = new Map<number, number>();
  /** the items of those updates, for the shape check of the updates built on them */
  private readonly pending = new PendingItems();
  /** bytes of the updates accepted and not yet committed */
  private pendingBytes = 0;
  /** settles once every update accepted so far is committed and applied */
  private lastCommit: Promise<unknown> = Promise.resolve();
  /** restores and compactions, one after another */
  private ordered: Promise<unknown> = Promise.resolve();
  /** updates committed in the current batch, sent to the room together once it has settled */
  private outgoing: { update: Uint8Array; socketId: string }[] = [];

  constructor(
    readonly id: string,
    loaded: LoadedDocument,
    /** sends a message to everyone in the document, or everyone but one socket */
    private readonly broadcast: (message: Uint8Array, exceptSocketId?: string) => void,
  ) {
    this.doc = loaded.doc;
    this.upToId = loaded.upToId;
    this.snapshotUpToId = loaded.snapshotUpToId;
    this.storedBytes = loaded.storedBytes;
    this.presence = new RoomPresence(this.doc, broadcast);
  }

  /** What the document holds once every accepted update is applied, as a state vector. */
  private knownState(): Map<number, number> {
    const known = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const [client, clock] of this.accepted) if (clock > (known.get(client) ?? 0)) known.set(client, clock);
    return known;
  }

  /** Resolves once every update accepted before this call is stored and applied. */
  settled(): Promise<unknown> {
    return this.lastCommit;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.busy++;
    return work.finally(() => {
      if (--this.busy === 0) this.forgetAccepted();
    });
  }

  private forgetAccepted() {
    this.accepted.clear();
    this.pending.clear();
  }

  /** Refuses an update that adds to a full document, or adds what checkShape refuses; one that only deletes passes. */
  private checkLimits(update: Uint8Array, items: Y.Item[], check: () => void) {
    if (items.length === 0) return;
    if (this.storedBytes + this.pendingBytes + update.byteLength > MAX_DOCUMENT_BYTES)
      throw new DocumentFull(
        `the document is full (${MAX_DOCUMENT_BYTES / 1024 / 1024} MB); remove something before adding more`,
      );
    check();
  }

  /**
   * Checks the update, stores it, then applies it and sends it to the others
   * in the document; resolves once it is committed (its group commit may hold
   * updates of other documents and of this one). Commits resolve in the order
   * the updates were accepted, and the in-memory document holds only committed
   * updates, so it can be dropped and loaded again at any moment.
   * Resolves false when it brought nothing new (nothing is stored).
   */
  storeAndApply(update: Uint8Array, userId: string, socketId: string): Promise<boolean> {
    const known = this.knownState();
    // Reads the whole update, so a malformed one throws here, before anything is stored.
    const decoded = decodeUpdate(update);
    // An update that starts after what we hold would sit in the document as
    // pending structs forever, and in every later load: refuse it instead.
    for (const [client, clock] of decoded.from) {
      if (clock > (known.get(client) ?? 0))
        throw new RefusedMessage("this update depends on changes the server does not have; sync again");
    }
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(known));
    // Nothing new: acknowledged once what it repeats is committed.
    if (fresh.length <= EMPTY_UPDATE_LENGTH) return this.lastCommit.then(() => false);
    // What the document would be with it applied stays within the limits.
    this.checkLimits(update, decoded.items, () => checkShape(decoded, this.doc, this.pending, known));
    for (const [client, clock] of decoded.to) if (clock > (known.get(client) ?? 0)) this.accepted.set(client, clock);
    this.pending.add(decoded.items);
    this.pendingBytes += update.byteLength;
    const settle = () => {
      this.pending.remove(decoded.items);
      this.pendingBytes -= update.byteLength;
    };
    const committed = this.track(
      appendUpdate(this.id, update, userId).then(
        (updateId) => {
          settle();
          try {
            Y.applyUpdate(this.doc, update, "client");
          } catch (error) {
            void discardUpdate(updateId).catch((err) =>
              logger.error({ err, documentId: this.id, updateId }, "could not discard an update that failed to apply"),
            );
            this.forgetAccepted();
            throw error;
          }
          this.upToId = Math.max(this.upToId, updateId);
          this.storedBytes += update.byteLength;
          this.updatesSinceCompaction++;
          this.queueBroadcast(update, socketId);
          return true;
        },
        (error) => {
          settle();
          // Later updates built on this one must now be refused (and synced again) rather than stored without it.
          this.forgetAccepted();
          throw error;
        },
      ),
    );
    this.lastCommit = committed.catch(() => undefined);
    return committed;
  }

  /** A restored version, stored as update `updateId`: applied and sent to everyone in the document. */
  applyRestore(update: Uint8Array, updateId: number) {
    Y.applyUpdate(this.doc, update, "restore");
    this.upToId = Math.max(this.upToId, updateId);
    this.storedBytes += update.byteLength;
    this.updatesSinceCompaction++;
    this.broadcast(syncUpdateMessage(update));
  }

  /**
   * A batch settles all its updates at once (appendUpdate resolves them one
   * after another in the same turn), so the broadcast waits for the end of
   * that turn's promise callbacks and sends this document's updates of the
   * batch as one merged message: under load, when batches grow, every
   * recipient gets one message instead of many.
   */
  private queueBroadcast(update: Uint8Array, socketId: string) {
    if (this.outgoing.push({ update, socketId }) === 1) queueMicrotask(() => this.sendBroadcast());
  }

  private sendBroadcast() {
    const outgoing = this.outgoing;
    this.outgoing = [];
    const senders = new Set(outgoing.map((o) => o.socketId));
    const update = outgoing.length === 1 ? outgoing[0]!.update : Y.mergeUpdates(outgoing.map((o) => o.update));
    // One sender: everyone else. Several: everyone, each sender receiving its own edit inside the merge, which Yjs skips.
    this.broadcast(syncUpdateMessage(update), senders.size === 1 ? outgoing[0]!.socketId : undefined);
  }

  /**
   * Runs a task once every update accepted before it is committed and applied,
   * and after every earlier task: restores and compactions. While it runs, no
   * stored update of the document is missing from memory except those still
   * committing, which have higher ids than any applied one.
   */
  inOrder<T>(task: () => Promise<T>): Promise<T> {
    const result = this.track(this.ordered.then(() => this.lastCommit).then(task));
    this.ordered = result.catch(() => undefined);
    return result;
  }

  destroy() {
    clearTimeout(this.compactTimer);
    clearTimeout(this.unloadTimer);
    this.presence.destroy();
    this.doc.destroy();
  }
}
