import * as Y from "yjs";
import { logger } from "~/utils/logger.server";
import type { DocumentRoom } from "./room.server";
import { loadYDoc, storeSnapshot } from "./storage.server";

/**
 * Compaction folds a document's stored updates into its snapshot, in the
 * background, never in a reply's path. Folding goes through a
 * garbage-collected Y.Doc rather than Y.mergeUpdates: on 4,000 typing updates
 * with deletions that gave a 27% smaller snapshot in a third of the time,
 * because deleted text is dropped.
 */

export type CompactionTimings = {
  /** compact at once after this many stored updates… */
  compactAfterUpdates: number;
  /** …or after this long without a new one */
  compactAfterIdleMs: number;
};

/**
 * Folds a closed document's stored updates into its snapshot, from the
 * database (an open one is folded from memory, compactRoom). Returns how many
 * updates were folded.
 */
export async function compactDocument(documentId: string): Promise<number> {
  const loaded = await loadYDoc(documentId);
  if (!loaded) return 0;
  const snapshot = Y.encodeStateAsUpdate(loaded.doc);
  loaded.doc.destroy();
  return loaded.upToId > loaded.snapshotUpToId ? storeSnapshot(documentId, snapshot, loaded.upToId) : 0;
}

/** After a stored update: compact at once after enough of them, else once the document has been quiet a while. */
export function scheduleCompaction(room: DocumentRoom, timings: CompactionTimings) {
  clearTimeout(room.compactTimer);
  if (room.updatesSinceCompaction >= timings.compactAfterUpdates) {
    void compactRoom(room);
    return;
  }
  room.compactTimer = setTimeout(() => void compactRoom(room), timings.compactAfterIdleMs);
  room.compactTimer.unref?.();
}

/**
 * Folds an open document into its snapshot, one compaction per document at a
 * time (decision 011). The snapshot is the document in memory, taken in order
 * with restores (DocumentRoom.inOrder), when it holds every stored update up
 * to room.upToId; the commit thread writes it.
 */
export function compactRoom(room: DocumentRoom): Promise<void> {
  clearTimeout(room.compactTimer);
  room.compacting ??= (async () => {
    room.updatesSinceCompaction = 0;
    try {
      await room.inOrder(async () => {
        const upToId = room.upToId;
        if (upToId <= room.snapshotUpToId) return;
        const snapshot = Y.encodeStateAsUpdate(room.doc);
        const bytesFolded = room.storedBytes;
        await storeSnapshot(room.id, snapshot, upToId);
        room.snapshotUpToId = upToId;
        // Updates applied while the snapshot was written stay stored beside it.
        room.storedBytes = snapshot.byteLength + (room.storedBytes - bytesFolded);
      });
    } catch (error) {
      logger.error({ err: error, documentId: room.id }, "compaction failed; the updates stay stored");
    } finally {
      room.compacting = null;
    }
  })();
  return room.compacting;
}
