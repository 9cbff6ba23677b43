import type { Socket } from "socket.io-client";
import WebSocket from "ws";
import * as Y from "yjs";
import { beforeAll, describe, expect, it } from "vitest";
import { awarenessMessage, MAX_MESSAGE_BYTES, MAX_PRESENCE_BYTES, syncUpdateMessage } from "~/collab/protocol";
import { emit } from "~/events.server";
import { SOCKET_PATH, topic, type ChangeEvent } from "~/realtime/topics";
import { db } from "~/utils/db.server";
import { liveServer, typeParagraph, until } from "../support/collab-clients";
import { cookieFor } from "../support/requests";
import { demo } from "../support/people";

/**
 * Every event a socket can send (realtime/server.server.ts: subscribe,
 * unsubscribe; collab/manager.server.ts: doc:join, doc:leave, doc:message,
 * whose binary message is a sync step 1, a sync step 2, an update or presence)
 * is sent empty, huge, malformed, of the wrong type and at its limits. The
 * server answers each with a clear error, stores nothing, tells nobody, and
 * the people working beside the sender carry on.
 */

const live = liveServer();
let documentId: string;
let countryId: string;

beforeAll(async () => {
  const plan = await db.actionPlan.findFirstOrThrow({ where: { country: { code: "VN" } } });
  documentId = plan.documentId;
  countryId = plan.countryId;
});

type Reply = { ok: boolean; error?: string };
/** Sends an event with these arguments, as a client that does not play by the rules could. */
const ask = (socket: Socket, event: string, args: unknown[]) =>
  socket.timeout(5_000).emitWithAck(event, ...args) as Promise<Reply>;

/** What the database holds that a socket could have changed. */
const storedCounts = async () => ({
  updates: await db.documentUpdate.count(),
  versions: await db.documentVersion.count(),
  audit: await db.auditEvent.count(),
  snapshot: (await db.collaborativeDocument.findUniqueOrThrow({ where: { id: documentId } })).snapshotUpdateId,
});

// Values of every wrong kind, sent where an object, a string or bytes belong.
const nested = (levels: number): unknown => (levels === 0 ? "bottom" : { inner: nested(levels - 1) });
const wrongValues: unknown[] = [
  null,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  true,
  "",
  "x".repeat(300_000),
  [],
  [null, 1, "two"],
  {},
  { topics: null },
  { documentId: null },
  { documentId: ["abcdefghijk"] },
  nested(500),
  new Uint8Array(0),
];

/** Binary messages that are not a y-protocols frame the server can take. */
const malformedFrames: [string, Uint8Array][] = [
  ["empty", new Uint8Array(0)],
  ["unknown message type", new Uint8Array([7, 0])],
  ["unknown sync type", new Uint8Array([0, 9, 0])],
  ["length past the end", new Uint8Array([0, 2, 50, 1, 2, 3])],
  ["largest allowed, unreadable", new Uint8Array(MAX_MESSAGE_BYTES).fill(0xff)],
  ["corrupt update", syncUpdateMessage(new Uint8Array([1, 1, 200, 1, 0, 99, 1, 2]))],
  ["corrupt state vector", new Uint8Array([0, 0, 3, 0xff, 0xff, 0xff])],
  ["presence that is not JSON", awarenessMessage(new Uint8Array([1, 5, 1, 3, 123, 111, 111]))],
  ["presence counting entries it lacks", awarenessMessage(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))],
];

describe("hostile input on every socket event", () => {
  it("answers each with a clear error, stores nothing, and tells nobody", async () => {
    const colleague = await live.editor(demo.taskForce("VN"), documentId);
    const follower = await live.socket(demo.secretariat);
    expect(await ask(follower, "subscribe", [{ topics: [topic.country(countryId)] }])).toMatchObject({ ok: true });
    const heardByColleague: unknown[] = [];
    colleague.socket.on("doc:message", (...args: unknown[]) => heardByColleague.push(args));
    const heardByFollower: ChangeEvent[] = [];
    follower.on("changed", (event: ChangeEvent) => heardByFollower.push(event));
    const textBefore = colleague.text();
    const storedBefore = await storedCounts();

    // An editor of the document: whatever it may do, it does not get to do it this way.
    const attacker = await live.socket(demo.focalPoint("VN"));
    const expectRefusal = async (event: string, args: unknown[], error: RegExp) => {
      const reply = await ask(attacker, event, args);
      expect(reply.ok, `${event} ${JSON.stringify(args).slice(0, 80)}`).toBe(false);
      expect(reply.error, `${event} ${JSON.stringify(args).slice(0, 80)}`).toMatch(error);
    };

    for (const value of [undefined, ...wrongValues]) {
      const args = value === undefined ? [] : [value];
      await expectRefusal("subscribe", args, /^invalid subscribe message: /);
      await expectRefusal("unsubscribe", args, /^invalid unsubscribe message: /);
      await expectRefusal("doc:join", args, /^invalid join message$/);
      await expectRefusal("doc:leave", args, /^invalid leave message$/);
      await expectRefusal("doc:message", args, /^invalid document id$/);
      await expectRefusal("doc:message", [documentId, ...args], /^a message must be binary$|^join the document first$/);
      await expectRefusal("doc:message", [value, syncUpdateMessage(new Uint8Array([0, 0]))], /^invalid document id$/);
    }

    // Topics at and past their limits.
    const unknownCountries = Array.from({ length: 51 }, (_, i) => `country:nosuchcountry${String(i).padStart(3, "0")}`);
    await expectRefusal("subscribe", [{ topics: unknownCountries.slice(0, 50) }], /^not allowed to follow country:/);
    await expectRefusal("subscribe", [{ topics: unknownCountries }], /^invalid subscribe message: /);
    await expectRefusal("subscribe", [{ topics: [`plan:${"a".repeat(41)}`] }], /^invalid subscribe message: /);
    await expectRefusal("subscribe", [{ topics: ["country:short"] }], /^invalid subscribe message: /);
    // Document ids at and past their limits.
    await expectRefusal("doc:join", [{ documentId: "a".repeat(9) }], /^invalid join message$/);
    await expectRefusal("doc:join", [{ documentId: "a".repeat(41) }], /^invalid join message$/);
    await expectRefusal("doc:join", [{ documentId: "a".repeat(10) }], /^not allowed to open this document$/);
    await expectRefusal("doc:join", [{ documentId: "a".repeat(40) }], /^not allowed to open this document$/);
    await expectRefusal("doc:join", [{ documentId: documentId.toUpperCase() }], /^invalid join message$/);
    // Messages for a document the socket has not joined.
    await expectRefusal(
      "doc:message",
      [documentId, syncUpdateMessage(new Uint8Array([0, 0]))],
      /^join the document first$/,
    );

    // Joined as an editor: malformed, oversized and boundary frames.
    expect(await ask(attacker, "doc:join", [{ documentId }])).toMatchObject({ ok: true, readOnly: false });
    for (const [what, frame] of malformedFrames) {
      const reply = await ask(attacker, "doc:message", [documentId, frame]);
      expect(reply, what).toEqual({
        ok: false,
        error: expect.stringMatching(/^the message could not be read$|^the presence could not be read$/),
      });
    }
    await expectRefusal("doc:message", [documentId, new Uint8Array(MAX_MESSAGE_BYTES + 1)], /^message too large/);
    const bloatedPresence = new Uint8Array(MAX_PRESENCE_BYTES + 1);
    await expectRefusal("doc:message", [documentId, awarenessMessage(bloatedPresence)], /^presence too large/);
    // Extra arguments change nothing.
    await expectRefusal("doc:join", [{ documentId: "x" }, "extra", 42], /^invalid join message$/);
    // An event nobody listens to is ignored, and answered by nothing.
    await expect(attacker.timeout(300).emitWithAck("doc:nonsense", { documentId })).rejects.toThrow();

    // Every reply came before anything could have been stored.
    expect(await storedCounts()).toEqual(storedBefore);

    // The socket followed nothing through all that, and the server still serves it and everyone else. What
    // reaches the others now comes after anything the barrage could have sent them: they heard only this.
    const heardByAttacker: ChangeEvent[] = [];
    attacker.on("changed", (event: ChangeEvent) => heardByAttacker.push(event));
    await emit({ type: "country.changed", countryId });
    await until(() => heardByFollower.some((event) => event.entity === "country"));
    expect(heardByFollower).toMatchObject([{ entity: "country", id: countryId }]);
    expect(heardByAttacker).toEqual([]);
    expect(await ask(attacker, "doc:join", [{ documentId }])).toMatchObject({ ok: true });
    const typed = new Y.Doc();
    Y.applyUpdate(typed, Y.encodeStateAsUpdate(colleague.doc));
    const known = Y.encodeStateVector(typed);
    typeParagraph(typed, "still working after the barrage");
    const update = syncUpdateMessage(Y.encodeStateAsUpdate(typed, known));
    expect(await ask(attacker, "doc:message", [documentId, update])).toEqual({ ok: true });
    await until(() => colleague.text().includes("still working after the barrage"));
    expect(heardByColleague).toHaveLength(1);
    expect(colleague.text()).toBe(`${textBefore}<paragraph>still working after the barrage</paragraph>`);
  });

  it("drops a connection that sends more than a message may hold, or a frame it cannot decode, and no other", async () => {
    const colleague = await live.editor(demo.taskForce("VN"), documentId);
    const storedBefore = await storedCounts();

    // Over socket.io's own limit (1 MB): the sender is disconnected.
    const flooder = await live.socket(demo.focalPoint("VN"));
    const dropped = new Promise((resolve) => flooder.once("disconnect", resolve));
    flooder.emit("doc:message", documentId, new Uint8Array(1_100_000));
    await dropped;

    // A frame whose msgpack nests 100,000 levels deep, written by hand (the client's encoder would not).
    const raw = new WebSocket(`${live.url().replace("http", "ws")}${SOCKET_PATH}/?EIO=4&transport=websocket`, {
      headers: { cookie: await cookieFor(demo.focalPoint("VN")) },
    });
    live.closeAfter(() => raw.close());
    const opened = new Promise((resolve) => raw.once("message", resolve));
    await opened;
    // socket.io CONNECT to "/": { type: 0, nsp: "/" }
    raw.send(Buffer.from([0x82, 0xa4, ...Buffer.from("type"), 0x00, 0xa3, ...Buffer.from("nsp"), 0xa1, 0x2f]));
    await new Promise((resolve) => raw.once("message", resolve));
    const depth = 100_000;
    const event = Buffer.concat([
      // { type: 2, nsp: "/", data: ["subscribe", [[[…]]]] }
      Buffer.from([0x83, 0xa4, ...Buffer.from("type"), 0x02, 0xa3, ...Buffer.from("nsp"), 0xa1, 0x2f]),
      Buffer.from([0xa4, ...Buffer.from("data"), 0x92, 0xa9, ...Buffer.from("subscribe")]),
      Buffer.alloc(depth, 0x91),
      Buffer.from([0x90]),
    ]);
    const closed = new Promise((resolve) => raw.once("close", resolve));
    raw.send(event);
    await closed;

    // Nobody else noticed: the colleague is still connected, and the server still takes and stores edits.
    expect(colleague.socket.connected).toBe(true);
    typeParagraph(colleague.doc, "after the flood");
    await until(() => colleague.provider.pending === 0 && colleague.provider.status === "saved");
    expect((await storedCounts()).updates).toBe(storedBefore.updates + 1);
    const later = await live.editor(demo.secretariat, documentId);
    expect(later.text()).toContain("after the flood");
  });
});
