import type { Server, Socket } from "socket.io";
import * as Y from "yjs";
import { userOfCookieHeader } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import { onDomainEvent, type DomainEvent } from "~/events.server";
import { logger } from "~/utils/logger.server";
import { argumentsAndReply } from "~/utils/socket-reply.server";
import { documentPermission } from "./access.server";
import { compactRoom, scheduleCompaction, type CompactionTimings } from "./compaction.server";
import {
  awarenessMessage,
  DocumentIdSchema,
  JoinSchema,
  MAX_MESSAGE_BYTES,
  parseMessage,
  syncStep1Message,
  syncStep2Message,
  type DocumentClosed,
  type JoinReply,
  type MessageReply,
} from "./protocol";
import { DocumentFull, RefusedMessage } from "./refused.server";
import { DocumentRoom, EMPTY_UPDATE_LENGTH, type Access } from "./room.server";
import { DocumentNotFoundError, loadYDoc } from "./storage.server";
import { findDocumentVersion, restoreUpdate, storeVersionRestore } from "./versions.server";

/**
 * The document manager: one DocumentRoom per open document, loaded once, and
 * the socket events of co-editing (the wire format is in protocol.ts): a
 * socket joins a document if the permission function lets it read it, as an
 * editor or read-only, and every message it sends is checked before anything
 * is stored or sent on. When what people may do changes (a plan endorsed, a
 * person's roles), the sockets concerned join again and are checked afresh.
 */

export type DocumentTimings = CompactionTimings & {
  /** how long a document nobody has open stays in memory */
  unloadAfterMs: number;
};

const DEFAULT_TIMINGS: DocumentTimings = {
  unloadAfterMs: 10_000,
  compactAfterUpdates: 500,
  compactAfterIdleMs: 30_000,
};

type AppSocket = Socket & { data: { user: SessionUser } };
type LeaveReply = { ok: true } | { ok: false; error: string };

const roomName = (documentId: string) => `doc:${documentId}`;

/**
 * Outgoing messages travel as Buffers: msgpack encodes those as plain binary,
 * which browsers decode to an ArrayBuffer (other typed arrays would arrive as
 * an extension type the browser's decoder wraps in an array).
 */
const wire = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

type RoomEntry = { loading: Promise<DocumentRoom>; room?: DocumentRoom };

// Kept on globalThis so that route modules reloaded in development restore through the live manager.
const globalForDocuments = globalThis as unknown as { focalpointDocuments?: DocumentManager };

export class DocumentManager {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly timings: DocumentTimings;
  /** Raised by every access change, so a join that was checked before it is checked again. */
  private accessGeneration = 0;
  private readonly stopListening: () => void;

  constructor(
    private readonly io: Server,
    timings: Partial<DocumentTimings> = {},
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.stopListening = onDomainEvent((event) => this.reactTo(event));
    globalForDocuments.focalpointDocuments = this;
  }

  /**
   * Who may edit or read changes at once: editors of an endorsed plan, of adopted minutes or of a
   * locked period's narrative become readers, and the other way round.
   */
  private async reactTo(event: DomainEvent) {
    if (event.type === "plan.status-changed" || event.type === "minutes.status-changed")
      await this.reauthorize({ documentId: event.documentId });
    if (event.type === "reporting-period.status-changed" && event.narrativeDocumentId)
      await this.reauthorize({ documentId: event.narrativeDocumentId });
    if (event.type === "person.access-changed") await this.reauthorize({ userId: event.userId });
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
    socket.on("doc:join", async (...args: unknown[]) => {
      const [[payload], reply] = argumentsAndReply<JoinReply>(args);
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
        const presence = room.presence.current();
        if (presence) socket.emit("doc:message", documentId, wire(awarenessMessage(presence)));
        if (generation !== this.accessGeneration) await this.closeMembership(socket, room);
      } catch (error) {
        if (error instanceof DocumentNotFoundError)
          return reply({ ok: false, error: "not allowed to open this document" });
        logger.error({ err: error, documentId }, "could not open document");
        reply({ ok: false, error: "the document could not be opened; try again" });
      }
    });

    socket.on("doc:leave", (...args: unknown[]) => {
      const [[payload], reply] = argumentsAndReply<LeaveReply>(args);
      const parsed = JoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "invalid leave message" });
      this.leave(socket, parsed.data.documentId);
      reply({ ok: true });
    });

    socket.on("doc:message", async (...args: unknown[]) => {
      const [[documentIdInput, message], reply] = argumentsAndReply<MessageReply>(args);
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
        // Deleted text may be what fills it: folding drops it, and the next change may fit.
        if (error instanceof DocumentFull) void compactRoom(room);
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
        // A malformed update throws in Y.diffUpdate (readers) or when it is read (editors), before anything is stored.
        if (access.readOnly) {
          // A reader's sync step 2 may legitimately carry nothing new; anything else is refused.
          if (Y.diffUpdate(parsed.update, Y.encodeStateVector(room.doc)).length > EMPTY_UPDATE_LENGTH)
            throw new RefusedMessage("this document is read-only for you");
          return reply({ ok: true });
        }
        // The room sends it to the others once it is committed.
        const changed = await room.storeAndApply(parsed.update, socket.data.user.id, socket.id);
        reply({ ok: true });
        if (changed) scheduleCompaction(room, this.timings);
        return;
      }
      case "awareness": {
        room.presence.receive(parsed.update, { socketId: socket.id, user: socket.data.user });
        return reply({ ok: true });
      }
    }
  }

  private leave(socket: Socket, documentId: string) {
    const room = this.rooms.get(documentId)?.room;
    if (!room?.sockets.delete(socket.id)) return;
    void socket.leave(roomName(documentId));
    room.presence.leave(socket.id);
    if (room.sockets.size === 0) this.scheduleUnload(room);
  }

  /** Ends a socket's membership; the client joins again and is checked afresh (DocumentCloseReason). */
  private async closeMembership(socket: Socket, room: DocumentRoom) {
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
    void (room.compacting ?? Promise.resolve()).then(() => compactRoom(room)).finally(() => room.destroy());
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
        if (socket) await this.closeMembership(socket, entry.room);
      }
    }
  }

  /**
   * Restores a named version as a new change, in order with everyone's edits,
   * and sends it to everyone in the document, keeping what it replaces as a
   * version named `beforeName`. Returns false when the document already shows
   * that version (nothing is stored).
   */
  async restoreVersion(
    documentId: string,
    versionId: string,
    beforeName: string,
    actor: { actorId: string; requestId?: string | null },
  ): Promise<boolean> {
    const version = await findDocumentVersion(documentId, versionId);
    if (!version) throw new DocumentNotFoundError(versionId);
    const room = await this.room(documentId);
    try {
      return await room.inOrder(async () => {
        const update = restoreUpdate(room.doc, version.state);
        if (!update) return false;
        const before = { state: Y.encodeStateAsUpdate(room.doc), name: beforeName };
        room.applyRestore(update, await storeVersionRestore(documentId, update, version, before, actor));
        scheduleCompaction(room, this.timings);
        return true;
      });
    } finally {
      if (room.sockets.size === 0) this.scheduleUnload(room);
    }
  }

  /** On shutdown: every open document compacted, once the updates in flight are stored. */
  async closeAll() {
    this.stopListening();
    if (globalForDocuments.focalpointDocuments === this) globalForDocuments.focalpointDocuments = undefined;
    const rooms = [...this.rooms.values()].flatMap((entry) => (entry.room ? [entry.room] : []));
    await Promise.all(rooms.map((room) => room.settled().then(() => compactRoom(room))));
  }
}

/**
 * Restores a named version as a new change. With the real-time server running
 * it goes through the open document, so everyone sees it at once; without one
 * (scripts, tests of routes) nobody has the document open and it is stored directly.
 * What the document showed before is kept as a version named `beforeName`
 * ("Before restore 3 Dec 2026, 14:05"), so the restore can be undone by restoring it.
 * Returns false when the document already shows that version.
 */
export async function restoreDocumentVersion(
  documentId: string,
  versionId: string,
  beforeName: string,
  actor: { actorId: string; requestId?: string | null },
): Promise<boolean> {
  const documents = globalForDocuments.focalpointDocuments;
  if (documents) return documents.restoreVersion(documentId, versionId, beforeName, actor);
  const [version, loaded] = await Promise.all([findDocumentVersion(documentId, versionId), loadYDoc(documentId)]);
  if (!version || !loaded) throw new DocumentNotFoundError(versionId);
  const update = restoreUpdate(loaded.doc, version.state);
  const before = { state: Y.encodeStateAsUpdate(loaded.doc), name: beforeName };
  loaded.doc.destroy();
  if (!update) return false;
  await storeVersionRestore(documentId, update, version, before, actor);
  return true;
}
