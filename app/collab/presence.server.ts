import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { awarenessMessage, MAX_PRESENCE_BYTES } from "./protocol";
import { colourFor, encodePresence, readPresence, wellFormedCaret, type PresenceEntry } from "./presence";
import { RefusedMessage } from "./refused.server";

/**
 * Who is in an open document, and where their caret is (decision 014).
 *
 * The server decides what presence says: a socket writes only the presence
 * ids (Yjs client ids) it introduced in this document, never another person's;
 * the name and colour come from the session, whatever the browser sent; a
 * caret that is not a pair of well-formed positions is dropped. Any other
 * field is not passed on. Someone else's id is refused whole, so nobody can
 * rename or remove another person; the same person's id moves to their new
 * connection (a reconnect that came before the server noticed the old one had
 * gone).
 *
 * Presence goes out at most every AWARENESS_INTERVAL_MS per document (decision
 * 011): every editor's presence is renewed every 15 seconds, and those
 * renewals tend to come together; one message per person to everyone in the
 * document made a burst of N × N frames (at 100 editors, 10,000 in a fifth of
 * a second) that held up everyone's typing. Changes that come within the
 * interval go out merged, at its end.
 */

const AWARENESS_INTERVAL_MS = 50;

/** Presence ids one socket may introduce in one document: a browser tab uses one. */
const MAX_PRESENCE_IDS_PER_SOCKET = 4;

export type PresenceSender = { socketId: string; user: { id: string; name: string } };

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /** the presence ids each socket introduced, removed when it leaves */
  private readonly idsOfSocket = new Map<string, Set<number>>();
  /** who introduced each presence id */
  private readonly holders = new Map<number, { socketId: string; userId: string }>();
  /** presence changed since the last presence message: presence id → the socket it came from */
  private changes = new Map<number, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sentAt = -Infinity;

  constructor(
    doc: Y.Doc,
    /** sends a message to everyone in the document, or everyone but one socket */
    private readonly broadcast: (message: Uint8Array, exceptSocketId?: string) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  /** Everyone's presence as one update, for a socket that has just joined; null when nobody is there. */
  current(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Takes a socket's presence update as the server allows it (see above); throws RefusedMessage otherwise. */
  receive(update: Uint8Array, sender: PresenceSender) {
    if (update.byteLength > MAX_PRESENCE_BYTES)
      throw new RefusedMessage(`presence too large (limit ${MAX_PRESENCE_BYTES} bytes)`);
    let entries: PresenceEntry[];
    try {
      entries = readPresence(update);
    } catch {
      throw new RefusedMessage("the presence could not be read");
    }
    const own = this.idsOfSocket.get(sender.socketId) ?? new Set<number>();
    const introduced = new Set<number>();
    for (const { clientId } of entries) {
      const holder = this.holders.get(clientId);
      if (holder?.socketId === sender.socketId) continue;
      if (holder && holder.userId !== sender.user.id) throw new RefusedMessage("this presence is someone else's");
      introduced.add(clientId);
    }
    if (own.size + introduced.size > MAX_PRESENCE_IDS_PER_SOCKET)
      throw new RefusedMessage(`a connection may show at most ${MAX_PRESENCE_IDS_PER_SOCKET} presences`);
    for (const clientId of introduced) {
      const previous = this.holders.get(clientId);
      if (previous) this.idsOfSocket.get(previous.socketId)?.delete(clientId);
      this.holders.set(clientId, { socketId: sender.socketId, userId: sender.user.id });
      own.add(clientId);
    }
    this.idsOfSocket.set(sender.socketId, own);
    const person = { name: sender.user.name, color: colourFor(sender.user.id) };
    const allowed = entries.map(({ clientId, clock, state }) => ({
      clientId,
      clock,
      state:
        state === null
          ? null
          : { user: person, cursor: wellFormedCaret((state as { cursor?: unknown } | undefined)?.cursor) },
    }));
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresence(allowed), sender.socketId);
    this.queue(
      entries.map((entry) => entry.clientId),
      sender.socketId,
    );
  }

  /** The socket left the document: its presence goes, for everyone. */
  leave(socketId: string) {
    const ids = this.idsOfSocket.get(socketId);
    if (!ids) return;
    this.idsOfSocket.delete(socketId);
    for (const id of ids) this.holders.delete(id);
    // Only ids the awareness knows: an update it ignored (an old clock) left no entry to remove.
    const known = [...ids].filter((id) => this.awareness.meta.has(id));
    if (known.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, known, "leave");
    this.queue(known, socketId);
  }

  /** Sends presence changes to the others: at once if none went out within AWARENESS_INTERVAL_MS, else merged at its end. */
  private queue(ids: Iterable<number>, socketId: string) {
    for (const id of ids) this.changes.set(id, socketId);
    if (this.timer) return;
    const wait = this.sentAt + AWARENESS_INTERVAL_MS - performance.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  private send() {
    this.timer = undefined;
    // Only ids the awareness knows: an update it ignored (an old clock) left no entry to encode.
    const ids = [...this.changes.keys()].filter((id) => this.awareness.meta.has(id));
    const senders = new Set(this.changes.values());
    this.changes.clear();
    if (ids.length === 0) return;
    this.sentAt = performance.now();
    // From one socket: everyone else. From several: everyone, each sender getting its own state back, which the awareness ignores.
    this.broadcast(
      awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)),
      senders.size === 1 ? [...senders][0] : undefined,
    );
  }

  destroy() {
    clearTimeout(this.timer);
    this.awareness.destroy();
  }
}
