import * as decoding from "lib0/decoding";
import type { Server, Socket } from "socket.io";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { appendUpdate, compactDocument, documentOwner, loadYDoc } from "~/models/document.server";
import { logger } from "~/utils/logger.server";
import {
  awarenessMessage,
  DocumentIdSchema,
  JoinSchema,
  MAX_MESSAGE_BYTES,
  parseMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
  type JoinReply,
  type MessageReply,
} from "./collab-protocol";

/**
 * The document manager: one Y.Doc per open document, loaded once, fed by
 * y-protocols messages from the sockets in its room.
 *
 * Durability rule: an update is committed to the database before it is applied,
 * acknowledged or broadcast. Per document, updates are handled one after
 * another (a promise chain), so the in-memory document and the stored rows
 * never disagree about which updates they hold, and compaction can fold
 * exactly what the document contains.
 */

const UNLOAD_AFTER_MS = 10_000;
const COMPACT_AFTER_UPDATES = 200;
const COMPACT_AFTER_IDLE_MS = 30_000;
// An update with no new structs and an empty delete set encodes as two zero bytes.
const EMPTY_UPDATE_LENGTH = 2;

type Access = { readOnly: boolean };
type AppSocket = Socket & { data: { user: SessionUser } };

class DocumentRoom {
  readonly awareness: awarenessProtocol.Awareness;
  readonly sockets = new Map<string, Access>();
  /** awareness client ids announced by each socket, removed when it leaves */
  readonly awarenessClients = new Map<string, Set<number>>();
  private chain: Promise<unknown> = Promise.resolve();
  private updatesSinceCompaction = 0;
  private compactTimer: ReturnType<typeof setTimeout> | undefined;
  unloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private lastUpdateId: number,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  /** Runs `task` after every earlier task of this document has finished. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Stores the update, then applies it. Returns false when it brought nothing new. */
  async storeAndApply(update: Uint8Array, userId: string): Promise<boolean> {
    return this.serial(async () => {
      const fresh = Y.diffUpdate(update, Y.encodeStateVector(this.doc));
      if (fresh.length <= EMPTY_UPDATE_LENGTH) return false;
      this.lastUpdateId = await appendUpdate(this.id, update, userId);
      Y.applyUpdate(this.doc, update, "client");
      this.updatesSinceCompaction++;
      this.scheduleCompaction();
      return true;
    });
  }

  private scheduleCompaction() {
    clearTimeout(this.compactTimer);
    if (this.updatesSinceCompaction >= COMPACT_AFTER_UPDATES) {
      void this.compact();
      return;
    }
    this.compactTimer = setTimeout(() => void this.compact(), COMPACT_AFTER_IDLE_MS);
    this.compactTimer.unref?.();
  }

  /** Folds stored updates into the snapshot, in the background and in order with writes. */
  compact(): Promise<void> {
    clearTimeout(this.compactTimer);
    return this.serial(async () => {
      if (this.updatesSinceCompaction === 0) return;
      await compactDocument(this.id, Y.encodeStateAsUpdate(this.doc), this.lastUpdateId);
      this.updatesSinceCompaction = 0;
    }).catch((error) => logger.error({ err: error, documentId: this.id }, "compaction failed; updates stay stored"));
  }
}

export type DocumentPermission = { canRead: boolean; canWrite: boolean };

/** Who may read and write a document is decided by what it belongs to. */
export async function documentPermission(user: SessionUser, documentId: string): Promise<DocumentPermission | null> {
  const owner = await documentOwner(documentId);
  if (!owner) return null;
  if (owner.kind === "action_plan") {
    return {
      canRead: can(user, "plan.read", { countryId: owner.countryId }),
      canWrite: can(user, "plan.edit", { countryId: owner.countryId, planStatus: owner.planStatus }),
    };
  }
  return { canRead: false, canWrite: false };
}

const roomName = (documentId: string) => `doc:${documentId}`;

/**
 * Outgoing messages travel as Buffers: msgpack encodes those as plain binary,
 * which browsers decode to an ArrayBuffer (other typed arrays would arrive as
 * an extension type the browser's decoder wraps in an array).
 */
const wire = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class DocumentManager {
  private readonly rooms = new Map<string, Promise<DocumentRoom>>();

  constructor(private readonly io: Server) {}

  /** The open document, loading it once however many sockets ask at the same time. */
  private room(documentId: string): Promise<DocumentRoom> {
    let pending = this.rooms.get(documentId);
    if (!pending) {
      pending = loadYDoc(documentId).then((loaded) => {
        if (!loaded) throw new Error("document not found");
        return new DocumentRoom(documentId, loaded.doc, loaded.lastUpdateId);
      });
      // A failed load is forgotten, so the next join tries again instead of serving an empty document.
      pending.catch(() => this.rooms.delete(documentId));
      this.rooms.set(documentId, pending);
    }
    return pending;
  }

  private openRoom(documentId: string): Promise<DocumentRoom> | undefined {
    return this.rooms.get(documentId);
  }

  register(socket: AppSocket) {
    socket.on("doc:join", async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (r: JoinReply) => void) : () => {};
      const parsed = JoinSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "invalid join message" });
      const { documentId } = parsed.data;
      try {
        const permission = await documentPermission(socket.data.user, documentId);
        if (!permission?.canRead) return reply({ ok: false, error: "not allowed to open this document" });
        const room = await this.room(documentId);
        clearTimeout(room.unloadTimer);
        room.sockets.set(socket.id, { readOnly: !permission.canWrite });
        await socket.join(roomName(documentId));
        reply({ ok: true, readOnly: !permission.canWrite });
        // The client starts the sync with its step 1; the current presence of others is sent at once.
        const states = [...room.awareness.getStates().keys()];
        if (states.length) socket.emit("doc:message", documentId, wire(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, states))));
      } catch (error) {
        logger.error({ err: error, documentId }, "could not open document");
        reply({ ok: false, error: "the document could not be opened; try again" });
      }
    });

    socket.on("doc:leave", async (payload: unknown) => {
      const parsed = JoinSchema.safeParse(payload);
      if (parsed.success) await this.leave(socket, parsed.data.documentId);
    });

    socket.on("doc:message", async (documentIdInput: unknown, message: unknown, ack?: unknown) => {
      const reply = typeof ack === "function" ? (ack as (r: MessageReply) => void) : () => {};
      const documentId = DocumentIdSchema.safeParse(documentIdInput);
      if (!documentId.success) return reply({ ok: false, error: "invalid document id" });
      // msgpack hands binary over as an ArrayBuffer (or a Buffer, depending on the runtime).
      const bytes = message instanceof Uint8Array ? message : message instanceof ArrayBuffer ? new Uint8Array(message) : null;
      if (!bytes) return reply({ ok: false, error: "a message must be binary" });
      if (bytes.byteLength > MAX_MESSAGE_BYTES) return reply({ ok: false, error: `message too large (limit ${MAX_MESSAGE_BYTES} bytes)` });
      const pending = this.openRoom(documentId.data);
      const room = pending ? await pending.catch(() => undefined) : undefined;
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
      for (const [documentId, pending] of this.rooms) {
        void pending
          .then((room) => (room.sockets.has(socket.id) ? this.leave(socket, documentId) : undefined))
          .catch(() => undefined);
      }
    });
  }

  private async handleMessage(socket: AppSocket, room: DocumentRoom, access: Access, message: Uint8Array, reply: (r: MessageReply) => void) {
    const parsed = parseMessage(message);
    switch (parsed.kind) {
      case "sync-step1": {
        // Wait for pending writes so the answer includes them.
        await room.serial(async () => undefined);
        socket.emit("doc:message", room.id, wire(syncStep2Message(Y.encodeStateAsUpdate(room.doc, parsed.stateVector))));
        socket.emit("doc:message", room.id, wire(syncStep1Message(Y.encodeStateVector(room.doc))));
        return reply({ ok: true });
      }
      case "sync-step2":
      case "sync-update": {
        // Throws on a malformed update before anything is stored.
        Y.decodeUpdate(parsed.update);
        const brings = Y.diffUpdate(parsed.update, Y.encodeStateVector(room.doc)).length > EMPTY_UPDATE_LENGTH;
        if (access.readOnly) {
          if (brings) throw new RefusedMessage("this document is read-only for you");
          return reply({ ok: true });
        }
        const changed = await room.storeAndApply(parsed.update, socket.data.user.id);
        reply({ ok: true });
        if (changed) socket.to(roomName(room.id)).emit("doc:message", room.id, wire(syncUpdateMessage(parsed.update)));
        return;
      }
      case "awareness": {
        const clients = awarenessClientIds(parsed.update);
        awarenessProtocol.applyAwarenessUpdate(room.awareness, parsed.update, socket.id);
        const own = room.awarenessClients.get(socket.id) ?? new Set<number>();
        for (const id of clients) own.add(id);
        room.awarenessClients.set(socket.id, own);
        socket.to(roomName(room.id)).emit("doc:message", room.id, wire(message));
        return reply({ ok: true });
      }
    }
  }

  private async leave(socket: AppSocket, documentId: string) {
    const pending = this.openRoom(documentId);
    if (!pending) return;
    const room = await pending;
    room.sockets.delete(socket.id);
    await socket.leave(roomName(documentId));
    const clients = [...(room.awarenessClients.get(socket.id) ?? [])];
    room.awarenessClients.delete(socket.id);
    if (clients.length) {
      awarenessProtocol.removeAwarenessStates(room.awareness, clients, "leave");
      this.io.to(roomName(documentId)).emit("doc:message", documentId, wire(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients))));
    }
    if (room.sockets.size === 0) {
      room.unloadTimer = setTimeout(() => void this.unload(room), UNLOAD_AFTER_MS);
      room.unloadTimer.unref?.();
    }
  }

  /** Compacts and forgets a document nobody has open; a join during compaction keeps it. */
  private async unload(room: DocumentRoom) {
    await room.compact();
    if (room.sockets.size === 0 && this.rooms.get(room.id)) {
      this.rooms.delete(room.id);
      room.awareness.destroy();
      room.doc.destroy();
    }
  }

  /** Tells the sockets in a document whether they may still write, after a plan changed state. */
  async refreshAccess(documentId: string) {
    const pending = this.openRoom(documentId);
    if (!pending) return;
    const room = await pending;
    for (const [socketId] of room.sockets) {
      const socket = this.io.sockets.sockets.get(socketId) as AppSocket | undefined;
      if (!socket) continue;
      const permission = await documentPermission(socket.data.user, documentId);
      if (!permission?.canRead) {
        await this.leave(socket, documentId);
        socket.emit("doc:access", { documentId, readOnly: true, closed: true });
        continue;
      }
      room.sockets.set(socketId, { readOnly: !permission.canWrite });
      socket.emit("doc:access", { documentId, readOnly: !permission.canWrite });
    }
  }

  /** On shutdown: every open document compacted (its updates are already stored). */
  async close() {
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(rooms.map((room) => room?.compact()));
  }
}

class RefusedMessage extends Error {}

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
