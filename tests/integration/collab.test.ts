import { io as connect } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadYDoc } from "~/collab/storage.server";
import {
  awarenessMessage,
  MAX_MESSAGE_BYTES,
  MAX_PRESENCE_BYTES,
  parseMessage,
  syncUpdateMessage,
} from "~/collab/protocol";
import { SOCKET_PATH } from "~/realtime/topics";
import { db } from "~/utils/db.server";
import { liveServer, typeParagraph, until } from "../support/collab-clients";
import { demo } from "../support/people";

const live = liveServer();
let vnDocument: string;

beforeAll(async () => {
  vnDocument = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "VN" } } })).documentId;
});

const editor = (email: string) => live.editor(email, vnDocument);

describe("co-editing a plan narrative", () => {
  it("lets two editors type at once and both end with the same document; a reader sees it live", async () => {
    const fp = await editor(demo.focalPoint("VN"));
    const tf = await editor(demo.taskForce("VN"));
    const reader = await editor(demo.secretariat);
    expect([fp.provider.readOnly, tf.provider.readOnly, reader.provider.readOnly]).toEqual([false, false, true]);
    expect(fp.text()).toContain("Priorities for 2025-2027");
    let updatesReceived = 0;
    reader.socket.on("doc:message", (_documentId: string, message: ArrayBuffer) => {
      if (parseMessage(new Uint8Array(message)).kind === "sync-update") updatesReceived++;
    });

    for (let i = 0; i < 20; i++) {
      typeParagraph(fp.doc, `focal point line ${i}`);
      typeParagraph(tf.doc, `task force line ${i}`);
    }
    await until(() => fp.provider.pending === 0 && tf.provider.pending === 0);
    await until(() => fp.text() === tf.text() && tf.text() === reader.text());
    for (let i = 0; i < 20; i++) {
      expect(reader.text()).toContain(`focal point line ${i}`);
      expect(reader.text()).toContain(`task force line ${i}`);
    }
    // Edits committed in the same batch reach the others as one message.
    expect(updatesReceived).toBeLessThan(40);
    // What the server stored is what everyone sees.
    const stored = (await loadYDoc(vnDocument))!.doc;
    expect(stored.getXmlFragment("default").toString()).toBe(fp.text());
  });

  it("refuses a read-only person's update and nobody else receives it", async () => {
    const fp = await editor(demo.focalPoint("VN"));
    const tf = await editor(demo.taskForce("VN"));
    const reader = await editor(demo.secretariat);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(reader.doc));
    typeParagraph(forged, "written by someone who may only read");
    const update = Y.encodeStateAsUpdate(forged, Y.encodeStateVector(reader.doc));
    const reply = await reader.socket.emitWithAck("doc:message", vnDocument, syncUpdateMessage(update));
    expect(reply).toEqual({ ok: false, error: "this document is read-only for you" });
    // A later edit reaches the focal point after anything the server could have sent on before it.
    typeParagraph(tf.doc, "written after the refusal");
    await until(() => fp.text().includes("written after the refusal"));
    expect(fp.text()).not.toContain("someone who may only read");
    expect((await loadYDoc(vnDocument))!.doc.getXmlFragment("default").toString()).not.toContain(
      "someone who may only read",
    );
  });

  it("refuses a socket without a session before it can ask for any document", async () => {
    const anonymous = connect(live.url(), {
      path: SOCKET_PATH,
      parser: msgpackParser,
      transports: ["websocket"],
      reconnection: false,
    });
    live.closeAfter(() => anonymous.close());
    const error = await new Promise<Error>((resolve) => anonymous.once("connect_error", resolve));
    expect(error.message).toBe("unauthorized");
    expect(anonymous.connected).toBe(false);
  });

  it("refuses people of another country and documents that do not exist", async () => {
    const socket = await live.socket(demo.focalPoint("KH"));
    expect(await socket.emitWithAck("doc:join", { documentId: vnDocument })).toEqual({
      ok: false,
      error: "not allowed to open this document",
    });
    expect(await socket.emitWithAck("doc:join", { documentId: "doesnotexist0000" })).toEqual({
      ok: false,
      error: "not allowed to open this document",
    });
    expect(await socket.emitWithAck("doc:join", { documentId: "../../etc" })).toEqual({
      ok: false,
      error: "invalid join message",
    });
    // Messages for a document the socket has not joined are refused.
    expect(await socket.emitWithAck("doc:message", vnDocument, syncUpdateMessage(new Uint8Array([0, 0])))).toEqual({
      ok: false,
      error: "join the document first",
    });
  });

  it("answers malformed and oversized messages with an error to that client only", async () => {
    const fp = await editor(demo.focalPoint("VN"));
    const other = await editor(demo.taskForce("VN"));
    const before = other.text();
    let othersHeard = 0;
    other.socket.on("doc:message", () => othersHeard++);
    const garbage = await fp.socket.emitWithAck("doc:message", vnDocument, new Uint8Array([0, 2, 50, 1, 2, 3]));
    expect(garbage).toEqual({ ok: false, error: "the message could not be read" });
    // A well-framed sync message whose update is corrupt: refused before anything is stored.
    const storedBefore = await db.documentUpdate.count({ where: { documentId: vnDocument } });
    const corrupt = await fp.socket.emitWithAck(
      "doc:message",
      vnDocument,
      syncUpdateMessage(new Uint8Array([1, 1, 200, 1, 0, 99, 1, 2])),
    );
    expect(corrupt).toEqual({ ok: false, error: "the message could not be read" });
    expect(await db.documentUpdate.count({ where: { documentId: vnDocument } })).toBe(storedBefore);
    const notBinary = await fp.socket.emitWithAck("doc:message", vnDocument, "hello");
    expect(notBinary).toEqual({ ok: false, error: "a message must be binary" });
    const huge = await fp.socket.emitWithAck("doc:message", vnDocument, new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(huge.ok).toBe(false);
    expect(huge.error).toMatch(/too large/);
    // Presence the size of a document, which the server would send on to everyone at every renewal.
    const bloated = new awarenessProtocol.Awareness(new Y.Doc());
    bloated.setLocalState({ user: { name: "x".repeat(MAX_PRESENCE_BYTES) } });
    const presence = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(bloated, [bloated.clientID]));
    expect(await fp.socket.emitWithAck("doc:message", vnDocument, presence)).toEqual({
      ok: false,
      error: `presence too large (limit ${MAX_PRESENCE_BYTES} bytes)`,
    });
    bloated.destroy();
    // The document still works for everyone; this edit reaches the other after anything sent on before it.
    typeParagraph(fp.doc, "still working");
    await until(() => other.text().includes("still working"));
    expect(othersHeard).toBe(1);
    expect(other.text()).toBe(`${before}<paragraph>still working</paragraph>`);
  });

  it("merges edits made while offline when the connection returns", async () => {
    const fp = await editor(demo.focalPoint("VN"));
    const tf = await editor(demo.taskForce("VN"));
    fp.socket.disconnect();
    await until(() => fp.provider.status === "offline");
    typeParagraph(fp.doc, "typed on the bus without a connection");
    typeParagraph(tf.doc, "typed in the office meanwhile");
    await until(() => tf.provider.pending === 0);
    fp.socket.connect();
    await until(() => fp.text().includes("typed in the office meanwhile") && tf.text().includes("typed on the bus"));
    await until(() => fp.text() === tf.text());
  });
});
