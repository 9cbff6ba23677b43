import * as decoding from "lib0/decoding";
import type { Server, Socket } from "socket.io";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { can } from "~/auth/permissions";
import { userOfCookieHeader } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import {
  appendUpdate,
  discardUpdate,
  documentOwner,
  DocumentNotFoundError,
  findDocumentVersion,
  loadYDoc,
  restoreUpdate,
  storeSnapshot,
  storeVersionRestore,
  type LoadedDocument,
} from "~/models/document.server";
import { logger } from "~/utils/logger.server";
import {
  awarenessMessage,
  DocumentIdSchema,
  JoinSchema,
  MAX_MESSAGE_BYTES,
  MAX_PRESENCE_BYTES,
  parseMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
  type DocumentClosed,
  type JoinReply,
  type MessageReply,
} from "./collab-protocol";

/**
 * The document manager: one Y.Doc per open document, loaded once, fed by
 * y-protocols messages from the sockets in its room.
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

export type DocumentTimings = {
  /** how long a document nobody has open stays in memory */
  unloadAfterMs: number;
  /** compact at once after this many stored updates… */
  compactAfterUpdates: number;
  /** …or after this long without a new one */
  compactAfterIdleMs: number;
};

const DEFAULT_TIMINGS: DocumentTimings = {
  unloadAfterMs: 10_000,
  compactAfterUpdates: 500,
  compactAfterIdleMs: 30_000,
};

// An update with no new structs and an empty delete set encodes as two zero bytes.
const EMPTY_UPDATE_LENGTH = 2;

/**
 * Presence goes out at most this often per document. Every editor's presence
 * is renewed every 15 seconds, and those renewals tend to come together: one
 * message per person to everyone in the document made a burst of N × N frames
 * (at 100 editors, 10,000 in a fifth of a second) that held up everyone's
 * typing. Changes that come within the interval go out merged, at its end.
 */
const AWARENESS_INTERVAL_MS = 50;

type Access = { readOnly: boolean; userId: string };
type AppSocket = Socket & { data: { user: SessionUser } };

class RefusedMessage extends Error {}

class DocumentRoom {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly sockets = new Map<string, Access>();
  /** awareness client ids announced by each socket, removed when it leaves */
  readonly awarenessClients = new Map<string, Set<number>>();
  /** writes queued or running; the room is never unloaded while this is above zero */
  busy = 0;
  updatesSinceCompaction = 0;
  /** the last stored update the document holds: every stored update up to it is applied */
  upToId: number;
  /** the last stored update folded into the stored snapshot */
  snapshotUpToId: number;
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
  /** settles once every update accepted so far is committed and applied */
  private lastCommit: Promise<unknown> = Promise.resolve();
  /** restores and compactions, one after another */
  private ordered: Promise<unknown> = Promise.resolve();
  /** updates committed in the current batch, sent to the room together once it has settled */
  private outgoing: { update: Uint8Array; socketId: string }[] = [];
  /** presence changed since the last presence message: awareness client id → the socket it came from */
  private awarenessChanges = new Map<number, string>();
  private awarenessTimer: ReturnType<typeof setTimeout> | undefined;
  private awarenessSentAt = -Infinity;

  constructor(
    readonly id: string,
    loaded: LoadedDocument,
    /** sends a message to everyone in the document, or everyone but one socket */
    private readonly broadcast: (message: Uint8Array, exceptSocketId?: string) => void,
  ) {
    this.doc = loaded.doc;
    this.upToId = loaded.upToId;
    this.snapshotUpToId = loaded.snapshotUpToId;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
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
      if (--this.busy === 0) this.accepted.clear();
    });
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
    const { from, to } = Y.parseUpdateMeta(update);
    // An update that starts after what we hold would sit in the document as
    // pending structs forever, and in every later load: refuse it instead.
    for (const [client, clock] of from) {
      if (clock > (known.get(client) ?? 0))
        throw new RefusedMessage("this update depends on changes the server does not have; sync again");
    }
    // Reads the whole update, so a malformed one throws here, before anything is stored.
    const fresh = Y.diffUpdate(update, Y.encodeStateVector(known));
    // Nothing new: acknowledged once what it repeats is committed.
    if (fresh.length <= EMPTY_UPDATE_LENGTH) return this.lastCommit.then(() => false);
    for (const [client, clock] of to) if (clock > (known.get(client) ?? 0)) this.accepted.set(client, clock);
    const committed = this.track(
      appendUpdate(this.id, update, userId).then(
        (updateId) => {
          try {
            Y.applyUpdate(this.doc, update, "client");
          } catch (error) {
            void discardUpdate(updateId).catch((err) =>
              logger.error({ err, documentId: this.id, updateId }, "could not discard an update that failed to apply"),
            );
            this.accepted.clear();
            throw error;
          }
          this.upToId = Math.max(this.upToId, updateId);
          this.updatesSinceCompaction++;
          this.queueBroadcast(update, socketId);
          return true;
        },
        (error) => {
          // Later updates built on this one must now be refused (and synced again) rather than stored without it.
          this.accepted.clear();
          throw error;
        },
      ),
    );
    this.lastCommit = committed.catch(() => undefined);
    return committed;
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

  /** Sends presence changes to the others: at once if none went out within AWARENESS_INTERVAL_MS, else merged at its end. */
  queueAwareness(clients: Iterable<number>, socketId: string) {
    for (const id of clients) this.awarenessChanges.set(id, socketId);
    if (this.awarenessTimer) return;
    const wait = this.awarenessSentAt + AWARENESS_INTERVAL_MS - performance.now();
    if (wait <= 0) this.sendAwareness();
    else this.awarenessTimer = setTimeout(() => this.sendAwareness(), wait);
  }

  private sendAwareness() {
    this.awarenessTimer = undefined;
    // Only ids the awareness knows: an update it ignored (an old clock) left no entry to encode.
    const clients = [...this.awarenessChanges.keys()].filter((id) => this.awareness.meta.has(id));
    const senders = new Set(this.awarenessChanges.values());
    this.awarenessChanges.clear();
    if (clients.length === 0) return;
    this.awarenessSentAt = performance.now();
    // From one socket: everyone else. From several: everyone, each sender getting its own state back, which the awareness ignores.
    this.broadcast(
      awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)),
      senders.size === 1 ? [...senders][0] : undefined,
    );
  }

  destroy() {
    clearTimeout(this.compactTimer);
    clearTimeout(this.unloadTimer);
    clearTimeout(this.awarenessTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

export type DocumentPermission = { canRead: boolean; canWrite: boolean };

/** Who may read and write a document is decided by what it belongs to. */
export async function documentPermission(user: SessionUser, documentId: string): Promise<DocumentPermission | null> {
  const owner = await documentOwner(documentId);
  if (!owner) return null;
  switch (owner.kind) {
    case "action_plan":
      return {
        canRead: can(user, "plan.read", { countryId: owner.countryId }),
        canWrite: can(user, "plan.edit", { countryId: owner.countryId, planStatus: owner.planStatus }),
      };
    case "workshop_minutes":
      return {
        canRead: can(user, "workshop.read", { countryId: owner.countryId }),
        canWrite: can(user, "workshop.manage", { countryId: owner.countryId, facilitatorIds: owner.facilitatorIds }),
      };
    case "unknown":
      return { canRead: false, canWrite: false };
  }
}

const roomName = (documentId: string) => `doc:${documentId}`;

/**
 * Outgoing messages travel as Buffers: msgpack encodes those as plain binary,
 * which browsers decode to an ArrayBuffer (other typed arrays would arrive as
 * an extension type the browser's decoder wraps in an array).
 */
const wire = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

type RoomEntry = { loading: Promise<DocumentRoom>; room?: DocumentRoom };

export class DocumentManager {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly timings: DocumentTimings;
  /** Raised by every access change, so a join that was checked before it is checked again. */
  private accessGeneration = 0;

  constructor(
    private readonly io: Server,
    timings: Partial<DocumentTimings> = {},
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  /** The open document, loading it once however many sockets ask at the same time. */
  private room(documentId: string): Promise<DocumentRoom> {
    const open = this.rooms.get(documentId);
    if (open) return open.loading;
    const entry: RoomEntry = {
      loading: loadYDoc(documentId).then((loaded) => {
        if (!loaded) throw new DocumentNotFoundError(documentId);
        const room = roomName(documentId);
        entry.room = new DocumentRoom(documentId, loaded, (message, exceptSocketId) => {
          const recipients = exceptSocketId ? this.io.to(room).except(exceptSocketId) : this.io.to(room);
          recipients.emit("doc:message", documentId, wire(message));
        });
        return entry.room;
      }),
    };
    // A failed load is forgotten at once, so the next join tries again instead of being served an empty document.
    entry.loading.catch(() => {
      if (this.rooms.get(documentId) === entry) this.rooms.delete(documentId);
    });
    this.rooms.set(documentId, entry);
    return entry.loading;
  }

  /** The person behind a socket as they are now: roles may have changed since the socket connected. */
  private async currentUser(socket: AppSocket): Promise<SessionUser | null> {
    const user = await userOfCookieHeader(socket.handshake.headers.cookie);
    if (user) socket.data.user = user;
    return user;
  }

  register(socket: AppSocket) {
    socket.on("doc:join", async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (r: JoinReply) => void) : () => {};
      const parsed = JoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "invalid join message" });
      const { documentId } = parsed.data;
      try {
        const generation = this.accessGeneration;
        const user = await this.currentUser(socket);
        if (!user) {
          reply({ ok: false, error: "your session has ended; sign in again" });
          socket.disconnect(true);
          return;
        }
        const permission = await documentPermission(user, documentId);
        if (!permission?.canRead) return reply({ ok: false, error: "not allowed to open this document" });
        const room = await this.room(documentId);
        // The socket may have gone while we waited; a membership now would keep the document open forever.
        if (!socket.connected) return;
        clearTimeout(room.unloadTimer);
        const readOnly = !permission.canWrite;
        room.sockets.set(socket.id, { readOnly, userId: user.id });
        await socket.join(roomName(documentId));
        reply({ ok: true, readOnly });
        // The client starts the sync with its step 1; the current presence of others is sent at once.
        const states = [...room.awareness.getStates().keys()];
        if (states.length)
          socket.emit(
            "doc:message",
            documentId,
            wire(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, states))),
          );
        if (generation !== this.accessGeneration) await this.close(socket, room);
      } catch (error) {
        if (error instanceof DocumentNotFoundError)
          return reply({ ok: false, error: "not allowed to open this document" });
        logger.error({ err: error, documentId }, "could not open document");
        reply({ ok: false, error: "the document could not be opened; try again" });
      }
    });

    socket.on("doc:leave", async (payload: unknown) => {
      const parsed = JoinSchema.safeParse(payload);
      if (parsed.success) this.leave(socket, parsed.data.documentId);
    });

    socket.on("doc:message", async (documentIdInput: unknown, message: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (r: MessageReply) => void) : () => {};
      const documentId = DocumentIdSchema.safeParse(documentIdInput);
      if (!documentId.success) return reply({ ok: false, error: "invalid document id" });
      // msgpack hands binary over as an ArrayBuffer (or a Buffer, depending on the runtime).
      const bytes =
        message instanceof Uint8Array ? message : message instanceof ArrayBuffer ? new Uint8Array(message) : null;
      if (!bytes) return reply({ ok: false, error: "a message must be binary" });
      if (bytes.byteLength > MAX_MESSAGE_BYTES)
        return reply({ ok: false, error: `message too large (limit ${MAX_MESSAGE_BYTES} bytes)` });
      const room = this.rooms.get(documentId.data)?.room;
      const access = room?.sockets.get(socket.id);
      if (!room || !access) return reply({ ok: false, error: "join the document first" });
      try {
        await this.handleMessage(socket, room, access, bytes, reply);
      } catch (error) {
        logger.warn({ err: error, documentId: room.id, userId: socket.data.user.id }, "refused a document message");
        reply({ ok: false, error: error instanceof RefusedMessage ? error.message : "the message could not be read" });
      }
    });

    socket.on("disconnect", () => {
      for (const [documentId, entry] of this.rooms) {
        if (entry.room?.sockets.has(socket.id)) this.leave(socket, documentId);
      }
    });
  }

  private async handleMessage(
    socket: AppSocket,
    room: DocumentRoom,
    access: Access,
    message: Uint8Array,
    reply: (r: MessageReply) => void,
  ) {
    const parsed = parseMessage(message);
    switch (parsed.kind) {
      case "sync-step1": {
        // Wait for accepted updates to be committed so the answer includes them.
        await room.settled();
        socket.emit(
          "doc:message",
          room.id,
          wire(syncStep2Message(Y.encodeStateAsUpdate(room.doc, parsed.stateVector))),
        );
        socket.emit("doc:message", room.id, wire(syncStep1Message(Y.encodeStateVector(room.doc))));
        return reply({ ok: true });
      }
      case "sync-step2":
      case "sync-update": {
        // A malformed update throws in Y.diffUpdate (readers) or Y.parseUpdateMeta (editors), before anything is stored.
        if (access.readOnly) {
          // A reader's sync step 2 may legitimately carry nothing new; anything else is refused.
          if (Y.diffUpdate(parsed.update, Y.encodeStateVector(room.doc)).length > EMPTY_UPDATE_LENGTH)
            throw new RefusedMessage("this document is read-only for you");
          return reply({ ok: true });
        }
        // The room sends it to the others once it is committed.
        const changed = await room.storeAndApply(parsed.update, socket.data.user.id, socket.id);
        reply({ ok: true });
        if (changed) this.scheduleCompaction(room);
        return;
      }
      case "awareness": {
        if (parsed.update.byteLength > MAX_PRESENCE_BYTES)
          throw new RefusedMessage(`presence too large (limit ${MAX_PRESENCE_BYTES} bytes)`);
        const clients = awarenessClientIds(parsed.update);
        awarenessProtocol.applyAwarenessUpdate(room.awareness, parsed.update, socket.id);
        const own = room.awarenessClients.get(socket.id) ?? new Set<number>();
        for (const id of clients) own.add(id);
        room.awarenessClients.set(socket.id, own);
        room.queueAwareness(clients, socket.id);
        return reply({ ok: true });
      }
    }
  }

  private leave(socket: Socket, documentId: string) {
    const room = this.rooms.get(documentId)?.room;
    if (!room?.sockets.delete(socket.id)) return;
    void socket.leave(roomName(documentId));
    // Only ids the room knows: an update the awareness ignored (an old clock) left no entry to remove.
    const clients = [...(room.awarenessClients.get(socket.id) ?? [])].filter((id) => room.awareness.meta.has(id));
    room.awarenessClients.delete(socket.id);
    if (clients.length) {
      awarenessProtocol.removeAwarenessStates(room.awareness, clients, "leave");
      room.queueAwareness(clients, socket.id);
    }
    if (room.sockets.size === 0) this.scheduleUnload(room);
  }

  /** Ends a socket's membership; the client joins again and is checked afresh (DocumentCloseReason). */
  private async close(socket: Socket, room: DocumentRoom) {
    this.leave(socket, room.id);
    socket.emit("doc:closed", { documentId: room.id, reason: "access_changed" } satisfies DocumentClosed);
  }

  private scheduleUnload(room: DocumentRoom) {
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.unload(room), this.timings.unloadAfterMs);
    room.unloadTimer.unref?.();
  }

  /**
   * Forgets a document nobody has open, folded into its snapshot first.
   * Everything it holds is already stored, so a join right after simply loads
   * it again; a write still queued (a restore, say) postpones the unload
   * rather than racing it.
   */
  private unload(room: DocumentRoom) {
    if (room.sockets.size > 0) return;
    if (room.busy > 0) return this.scheduleUnload(room);
    if (this.rooms.get(room.id)?.room !== room) return;
    this.rooms.delete(room.id);
    // A compaction already running may have started before the last updates: fold again after it.
    void (room.compacting ?? Promise.resolve()).then(() => this.compact(room)).finally(() => room.destroy());
  }

  private scheduleCompaction(room: DocumentRoom) {
    clearTimeout(room.compactTimer);
    if (room.updatesSinceCompaction >= this.timings.compactAfterUpdates) {
      void this.compact(room);
      return;
    }
    room.compactTimer = setTimeout(() => void this.compact(room), this.timings.compactAfterIdleMs);
    room.compactTimer.unref?.();
  }

  /**
   * Folds the stored updates into the snapshot, one compaction per document at
   * a time, never in a reply's path. The snapshot is the document in memory,
   * taken in order with restores (DocumentRoom.inOrder), when it holds every
   * stored update up to room.upToId; the commit thread writes it.
   */
  private compact(room: DocumentRoom): Promise<void> {
    clearTimeout(room.compactTimer);
    room.compacting ??= (async () => {
      room.updatesSinceCompaction = 0;
      try {
        await room.inOrder(async () => {
          const upToId = room.upToId;
          if (upToId <= room.snapshotUpToId) return;
          await storeSnapshot(room.id, Y.encodeStateAsUpdate(room.doc), upToId);
          room.snapshotUpToId = upToId;
        });
      } catch (error) {
        logger.error({ err: error, documentId: room.id }, "compaction failed; the updates stay stored");
      } finally {
        room.compacting = null;
      }
    })();
    return room.compacting;
  }

  /**
   * After what people may do changed (a plan endorsed or reopened, a person's
   * roles edited): the matching sockets are closed with "access_changed" and
   * their clients join again, which decides read-only, editor or refused.
   */
  async reauthorize(match: { documentId?: string; userId?: string }) {
    this.accessGeneration++;
    for (const [documentId, entry] of this.rooms) {
      if (!entry.room || (match.documentId && documentId !== match.documentId)) continue;
      for (const [socketId, access] of [...entry.room.sockets]) {
        if (match.userId && access.userId !== match.userId) continue;
        const socket = this.io.sockets.sockets.get(socketId);
        if (socket) await this.close(socket, entry.room);
      }
    }
  }

  /**
   * Restores a named version as a new change, in order with everyone's edits,
   * and sends it to everyone in the document. Returns false when the document
   * already shows that version (nothing is stored).
   */
  async restoreVersion(
    documentId: string,
    versionId: string,
    actor: { actorId: string; requestId?: string | null },
  ): Promise<boolean> {
    const version = await findDocumentVersion(documentId, versionId);
    if (!version) throw new DocumentNotFoundError(versionId);
    const room = await this.room(documentId);
    try {
      return await room.inOrder(async () => {
        const update = restoreUpdate(room.doc, version.state);
        if (!update) return false;
        const updateId = await storeVersionRestore(documentId, update, version, actor);
        Y.applyUpdate(room.doc, update, "restore");
        room.upToId = Math.max(room.upToId, updateId);
        room.updatesSinceCompaction++;
        this.io.to(roomName(documentId)).emit("doc:message", documentId, wire(syncUpdateMessage(update)));
        this.scheduleCompaction(room);
        return true;
      });
    } finally {
      if (room.sockets.size === 0) this.scheduleUnload(room);
    }
  }

  /** On shutdown: every open document compacted, once the updates in flight are stored. */
  async closeAll() {
    const rooms = [...this.rooms.values()].flatMap((entry) => (entry.room ? [entry.room] : []));
    await Promise.all(rooms.map((room) => room.settled().then(() => this.compact(room))));
  }
}

/** The client ids an awareness update speaks for: count, then (clientID, clock, state JSON) each. */
function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const ids: number[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids;
}
