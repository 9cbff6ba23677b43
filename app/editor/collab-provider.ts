import type { Socket } from "socket.io-client";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  awarenessMessage,
  parseMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
  toWire,
  type DocumentClosed,
  type JoinReply,
  type MessageReply,
} from "~/collab/protocol";
import { withWellFormedCarets } from "~/collab/presence";

/**
 * Keeps a Y.Doc in step with the server over the app's socket: joins the
 * document, runs the y-protocols sync (the client's step 1, the server's step 2
 * and step 1, the client's step 2 with whatever was typed offline), sends each
 * local update and waits for the server's acknowledgement that it is stored,
 * and carries presence (awareness). Runs in the browser and, for tests and
 * benchmarks, in Node with socket.io-client.
 */

export type CollabStatus = "connecting" | "saving" | "saved" | "offline" | "error";

const ACK_TIMEOUT_MS = 15_000;

export class CollabProvider {
  readonly awareness: awarenessProtocol.Awareness;
  status: CollabStatus = "connecting";
  readOnly = true;
  error: string | null = null;
  /** updates sent and not yet acknowledged as stored */
  pending = 0;
  private joined = false;
  private listeners = new Set<(provider: CollabProvider) => void>();

  constructor(
    readonly socket: Socket,
    readonly documentId: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
    socket.on("connect", this.onConnect);
    socket.on("disconnect", this.onDisconnect);
    socket.on("doc:message", this.onMessage);
    socket.on("doc:closed", this.onClosed);
    if (socket.connected) void this.join();
  }

  onChange(listener: (provider: CollabProvider) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(status: CollabStatus) {
    this.status = status;
    for (const listener of this.listeners) listener(this);
  }

  private async join() {
    this.setStatus("connecting");
    let reply: JoinReply;
    try {
      reply = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("doc:join", { documentId: this.documentId });
    } catch {
      return this.setStatus("offline");
    }
    if (!reply.ok) {
      this.error = reply.error;
      return this.setStatus("error");
    }
    this.readOnly = reply.readOnly;
    this.joined = true;
    this.error = null;
    await this.send(syncStep1Message(Y.encodeStateVector(this.doc)));
    // Announce our presence again: the server forgot it when we were away.
    if (this.awareness.getLocalState())
      await this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
  }

  private async send(message: Uint8Array): Promise<boolean> {
    if (!this.socket.connected || !this.joined) return false;
    this.pending++;
    this.setStatus("saving");
    let reply: MessageReply;
    try {
      reply = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("doc:message", this.documentId, toWire(message));
    } catch {
      // No answer: the next sync after reconnecting sends whatever the server lacks.
      reply = { ok: false, error: "no answer from the server" };
    }
    this.pending--;
    if (!reply.ok) {
      this.error = reply.error;
      this.setStatus(this.socket.connected ? "error" : "offline");
      return false;
    }
    if (this.pending === 0 && this.status === "saving") this.setStatus("saved");
    return true;
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this || this.readOnly) return;
    void this.send(syncUpdateMessage(update));
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this) return;
    const changed = [...added, ...updated, ...removed];
    void this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };

  private onMessage = (documentId: string, message: ArrayBuffer | Uint8Array) => {
    if (documentId !== this.documentId) return;
    const parsed = parseMessage(message instanceof Uint8Array ? message : new Uint8Array(message));
    switch (parsed.kind) {
      case "sync-step1":
        // The server asks for what it lacks: edits made while offline.
        if (!this.readOnly) void this.send(syncStep2Message(Y.encodeStateAsUpdate(this.doc, parsed.stateVector)));
        return;
      case "sync-step2":
      case "sync-update":
        Y.applyUpdate(this.doc, parsed.update, this);
        if (this.pending === 0 && this.status !== "error") this.setStatus("saved");
        return;
      case "awareness": {
        // The editor resolves every caret on each change and throws on a malformed one: drop those first.
        const presence = withWellFormedCarets(parsed.update);
        if (presence) awarenessProtocol.applyAwarenessUpdate(this.awareness, presence, this);
        return;
      }
    }
  };

  /** The server let go of us because our access changed: join again to learn what we may do now. */
  private onClosed = (closed: DocumentClosed) => {
    if (closed.documentId !== this.documentId) return;
    this.joined = false;
    if (this.socket.connected) void this.join();
  };

  private onConnect = () => void this.join();

  private onDisconnect = () => {
    this.joined = false;
    // Others' carets are stale until we are back.
    awarenessProtocol.removeAwarenessStates(
      this.awareness,
      [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID),
      this,
    );
    this.setStatus("offline");
  };

  destroy() {
    this.socket.emit("doc:leave", { documentId: this.documentId });
    this.socket.off("connect", this.onConnect);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off("doc:message", this.onMessage);
    this.socket.off("doc:closed", this.onClosed);
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.listeners.clear();
  }
}
