import { EventEmitter } from "node:events";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { awarenessMessage } from "~/collab/protocol";
import { CollabProvider } from "~/editor/collab-provider";

/**
 * The browser's side of presence: whatever reaches it, the editor's caret
 * extension must never be handed a caret it cannot read (it resolves every
 * caret on each change, and one that throws breaks the editor for good).
 */

/** A socket that is not connected, through which the test plays the server. */
class ServerStandIn extends EventEmitter {
  connected = false;
}

function presenceUpdate(entries: { clientId: number; clock: number; state: string }[]) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return awarenessMessage(encoding.toUint8Array(encoder));
}

describe("presence in the browser", () => {
  it("keeps a person whose caret is malformed, without the caret, and ignores presence it cannot read", () => {
    const server = new ServerStandIn();
    const provider = new CollabProvider(server as never, "document0001", new Y.Doc());
    const user = { name: "Nguyen Thi Lan Anh", color: "#1b6e3a" };
    // As the editor's caret extension writes it: Yjs relative positions, empty fields null.
    const caret = {
      anchor: { type: null, tname: "default", item: null, assoc: 0 },
      head: { type: null, tname: null, item: { client: 7, clock: 3 }, assoc: 0 },
    };

    server.emit(
      "doc:message",
      "document0001",
      presenceUpdate([
        { clientId: 11, clock: 1, state: JSON.stringify({ user, cursor: { anchor: 42, head: {} } }) },
        { clientId: 12, clock: 1, state: JSON.stringify({ user, cursor: caret }) },
        { clientId: 13, clock: 1, state: JSON.stringify("not a presence") },
      ]),
    );
    const states = provider.awareness.getStates();
    expect(states.get(11)).toEqual({ user, cursor: null });
    expect(states.get(12)).toEqual({ user, cursor: caret });
    expect(states.has(13)).toBe(false);

    // Not JSON at all: nothing changes, nothing throws.
    expect(() =>
      server.emit("doc:message", "document0001", presenceUpdate([{ clientId: 11, clock: 2, state: "{oops" }])),
    ).not.toThrow();
    expect(provider.awareness.getStates().get(11)).toEqual({ user, cursor: null });
    provider.destroy();
  });
});
