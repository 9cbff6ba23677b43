import type * as StorageModule from "~/collab/storage.server";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { emit } from "~/events.server";
import { documentLines } from "~/collab/content.server";
import { restoreDocumentVersion } from "~/collab/manager.server";
import { awarenessMessage, syncUpdateMessage } from "~/collab/protocol";
import * as documents from "~/collab/storage.server";
import * as versions from "~/collab/versions.server";
import { db } from "~/utils/db.server";
import { liveServer, typeParagraph, until } from "../support/collab-clients";
import { demo } from "../support/people";

/**
 * The document manager's own promises: one load per open document, a failed
 * load never served, unloading and compaction that lose nothing, access that
 * follows the permission function when it changes, named versions restored
 * live as a new change.
 */

const loads = vi.hoisted(() => ({ count: 0, failNext: false }));
vi.mock("~/collab/storage.server", async (importOriginal) => {
  const actual = await importOriginal<typeof StorageModule>();
  return {
    ...actual,
    // A slow disk, so that joins really overlap; and a disk that can fail once.
    loadYDoc: async (documentId: string) => {
      loads.count++;
      await new Promise((r) => setTimeout(r, 50));
      if (loads.failNext) {
        loads.failNext = false;
        throw new Error("the disk is on fire");
      }
      return actual.loadYDoc(documentId);
    },
  };
});

const live = liveServer({
  documentTimings: { unloadAfterMs: 100, compactAfterUpdates: 10, compactAfterIdleMs: 60_000 },
});

async function planDocument(code: string) {
  const plan = await db.actionPlan.findFirstOrThrow({ where: { country: { code } } });
  return { planId: plan.id, documentId: plan.documentId };
}

const editor = live.editor;

const storedText = async (documentId: string) =>
  (await documents.loadYDoc(documentId))!.doc.getXmlFragment("default").toString();
/** The versions people and restores kept (the demo plan starts out submitted: its as-submitted version is left out). */
const versionsKept = async (documentId: string) =>
  (await versions.listDocumentVersions(documentId)).filter((v) => v.kind !== "submitted");
const storedUpdates = (documentId: string) => db.documentUpdate.count({ where: { documentId } });

describe("loading and unloading", () => {
  it("loads a document once for joins that arrive together, and never serves a failed load", async () => {
    const { documentId } = await planDocument("TH");
    loads.failNext = true;
    const failed = await editor(demo.focalPoint("TH"), documentId);
    expect(failed.provider.status).toBe("error");
    expect(failed.provider.error).toBe("the document could not be opened; try again");

    const before = loads.count;
    const clients = await Promise.all(
      [demo.focalPoint("TH"), demo.taskForce("TH"), demo.secretariat].map((email) => editor(email, documentId)),
    );
    expect(loads.count - before).toBe(1);
    // The real content, not an empty document left over from the failure.
    for (const client of clients) expect(client.text()).toContain("Priorities for 2025-2027");
    for (const client of clients) client.close();
  });

  it("unloads a document nobody has open, compacts it, and a later join finds every edit", async () => {
    const { documentId } = await planDocument("MM");
    const fp = await editor(demo.focalPoint("MM"), documentId);
    for (let i = 0; i < 5; i++) typeParagraph(fp.doc, `before leaving ${i}`);
    await until(() => fp.provider.pending === 0);
    const written = fp.text();
    const before = loads.count;
    fp.close();
    await until(async () => (await storedUpdates(documentId)) === 0, 3_000);

    const tf = await editor(demo.taskForce("MM"), documentId);
    expect(loads.count - before).toBe(1);
    expect(tf.text()).toBe(written);
    tf.close();
  });

  it("keeps an edit that arrives while the document is about to unload", async () => {
    const { documentId } = await planDocument("MM");
    const first = await editor(demo.focalPoint("MM"), documentId);
    first.close();
    // Rejoin inside the unload delay and write at once.
    const second = await editor(demo.taskForce("MM"), documentId);
    typeParagraph(second.doc, "written during the unload delay");
    await until(() => second.provider.pending === 0);
    second.close();
    // Unloading folds the document into its snapshot: no update is left outside it.
    await until(async () => (await storedUpdates(documentId)) === 0, 3_000);
    expect(await storedText(documentId)).toContain("written during the unload delay");
  });
});

describe("storing updates", () => {
  it("compacts in the background after enough updates, with the content unchanged", async () => {
    const { documentId } = await planDocument("LA");
    const fp = await editor(demo.focalPoint("LA"), documentId);
    for (let i = 0; i < 25; i++) {
      typeParagraph(fp.doc, `line ${i}`);
      await until(() => fp.provider.pending === 0);
    }
    await until(async () => (await storedUpdates(documentId)) < 10);
    expect(await storedText(documentId)).toBe(fp.text());
  });

  it("stores nothing for an update that changes nothing", async () => {
    const { documentId } = await planDocument("LA");
    const fp = await editor(demo.focalPoint("LA"), documentId);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(fp.doc));
    const sv = Y.encodeStateVector(probe);
    typeParagraph(probe, "sent twice");
    const update = Y.encodeStateAsUpdate(probe, sv);
    const before = await storedUpdates(documentId);
    expect(await fp.socket.emitWithAck("doc:message", documentId, syncUpdateMessage(update))).toEqual({ ok: true });
    expect(await fp.socket.emitWithAck("doc:message", documentId, syncUpdateMessage(update))).toEqual({ ok: true });
    expect((await storedUpdates(documentId)) - before).toBe(1);
  });

  it("refuses an update whose earlier changes the server never received, to that client only", async () => {
    const { documentId } = await planDocument("LA");
    const fp = await editor(demo.focalPoint("LA"), documentId);
    const tf = await editor(demo.taskForce("LA"), documentId);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(fp.doc));
    typeParagraph(offline, "first, never sent");
    const afterFirst = Y.encodeStateVector(offline);
    typeParagraph(offline, "second, sent alone");
    const secondOnly = Y.encodeStateAsUpdate(offline, afterFirst);
    const before = await storedUpdates(documentId);
    const reply = await fp.socket.emitWithAck("doc:message", documentId, syncUpdateMessage(secondOnly));
    expect(reply).toEqual({ ok: false, error: "this update depends on changes the server does not have; sync again" });
    expect(await storedUpdates(documentId)).toBe(before);
    // A later edit reaches the task force after anything the server could have sent on before it.
    typeParagraph(fp.doc, "sent after the refusal");
    await until(() => tf.text().includes("sent after the refusal"));
    expect(tf.text()).not.toContain("second, sent alone");
  });
});

describe("compaction of an open document", () => {
  it("folds what is in memory while people type and a version is restored, losing nothing", async () => {
    const { documentId } = await planDocument("PH");
    const fp = await editor(demo.focalPoint("PH"), documentId);
    const tf = await editor(demo.taskForce("PH"), documentId);
    const fpUser = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("PH") } });
    const version = await versions.createDocumentVersion(documentId, "Before the compaction", { actorId: fpUser.id });
    // Thirty updates without waiting: compactions (every ten) run while later updates are still committing.
    for (let i = 0; i < 15; i++) {
      typeParagraph(fp.doc, `fp line ${i}`);
      typeParagraph(tf.doc, `tf line ${i}`);
    }
    await until(() => tf.text().includes("fp line 14"));
    const restored = restoreDocumentVersion(documentId, version.id, "Before restore", { actorId: fpUser.id });
    for (let i = 0; i < 10; i++) typeParagraph(fp.doc, i === 9 ? "typed during the restore" : `more ${i}`);
    expect(await restored).toBe(true);
    await until(() => fp.provider.pending === 0 && tf.provider.pending === 0 && fp.text() === tf.text());
    // A line the server took before the restore is replaced by it and kept in "Before restore";
    // one that came after stays in the document. Which of the two is a race; losing it is not allowed.
    const beforeRestore = await db.documentVersion.findFirstOrThrow({
      where: { documentId, name: "Before restore" },
      select: { state: true },
    });
    const kept = new Y.Doc();
    Y.applyUpdate(kept, beforeRestore.state);
    expect(fp.text() + kept.getXmlFragment("default").toString()).toContain("typed during the restore");
    await until(async () => (await storedUpdates(documentId)) < 10);
    expect(await storedText(documentId)).toBe(fp.text());
    const stored = await db.collaborativeDocument.findUniqueOrThrow({
      where: { id: documentId },
      select: { snapshotUpdateId: true },
    });
    expect(stored.snapshotUpdateId).toBeGreaterThan(0);
  });
});

describe("presence", () => {
  type Client = { provider: { awareness: { getStates(): Map<number, Record<string, unknown>> } }; doc: Y.Doc };
  /** What a client sees of the others: each one's name and the clock its caret's head points at. */
  const seen = (client: Client) =>
    [...client.provider.awareness.getStates()]
      .filter(([id]) => id !== client.doc.clientID)
      .map(([, state]) => {
        const caret = state.cursor as { head?: { item?: { clock?: unknown } } } | null | undefined;
        return `${(state.user as { name?: string } | undefined)?.name} at ${caret?.head?.item?.clock ?? "-"}`;
      })
      .sort();
  /** What a client holds as another's presence state. */
  const stateOf = (client: Client, other: Client) => client.provider.awareness.getStates().get(other.doc.clientID);
  /** A caret as the editor writes it: two Yjs relative positions into the document, empty fields null. */
  const caretAt = (clock: number) => ({
    anchor: { type: null, tname: "default", item: null, assoc: 0 },
    head: { type: null, tname: null, item: { client: 1, clock }, assoc: -1 },
  });
  /** A presence update written by hand, as a browser that does not play by the rules could send it. */
  const presenceMessage = (clientId: number, clock: number, state: unknown) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
    return awarenessMessage(encoding.toUint8Array(encoder));
  };
  const nameOf = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).name;
  let bruneiDocument: string;
  /** Editors of Brunei's plan for one test: they leave when it ends, passed or not. */
  const inBruneiPlan = async (...emails: string[]) => {
    bruneiDocument = (await planDocument("BN")).documentId;
    const people = await Promise.all(emails.map((email) => editor(email, bruneiDocument)));
    onTestFinished(() => people.forEach((person) => person.close()));
    type Editor = (typeof people)[number];
    return people as [Editor, Editor, Editor];
  };

  it("reaches everyone, merges a burst into a few messages, and goes when the person leaves", async () => {
    const { documentId } = await planDocument("ID");
    const people = await Promise.all(
      [demo.focalPoint("ID"), demo.taskForce("ID"), demo.secretariat].map((email) => editor(email, documentId)),
    );
    const [fp, tf, secretariat] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
    const [fpName, tfName] = await Promise.all([nameOf(demo.focalPoint("ID")), nameOf(demo.taskForce("ID"))]);
    let presenceMessages = 0;
    secretariat.socket.on("doc:message", (_id: string, message: ArrayBuffer) => {
      if (new Uint8Array(message)[0] === 1) presenceMessages++;
    });

    // Twenty caret moves from two people within a few milliseconds: everyone ends with the latest, in a few messages.
    for (let i = 0; i < 10; i++) {
      fp.provider.awareness.setLocalStateField("cursor", caretAt(i));
      tf.provider.awareness.setLocalStateField("cursor", caretAt(100 + i));
    }
    await until(() => seen(secretariat).join() === [`${fpName} at 9`, `${tfName} at 109`].sort().join());
    await until(() => seen(fp).join() === `${tfName} at 109` && seen(tf).join() === `${fpName} at 9`);
    expect(presenceMessages).toBeGreaterThan(0);
    expect(presenceMessages).toBeLessThan(6);

    fp.close();
    await until(() => seen(secretariat).join() === `${tfName} at 109` && seen(tf).length === 0);
  });

  it("shows each person under the name and colour of their session, whatever their browser says", async () => {
    const [fp, tf] = await inBruneiPlan(demo.focalPoint("BN"), demo.taskForce("BN"));
    fp.provider.awareness.setLocalStateField("user", {
      name: "Administrator (spoofed)",
      color: "red; background-image: url(https://example.com/)",
    });
    fp.provider.awareness.setLocalStateField("cursor", caretAt(3));
    const fpName = await nameOf(demo.focalPoint("BN"));
    await until(() => seen(tf).join() === `${fpName} at 3`);
    expect(stateOf(tf, fp)?.user).toEqual({ name: fpName, color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
  });

  it("refuses presence under another person's id: a reader can neither rename nor remove them", async () => {
    const [fp, tf, reader] = await inBruneiPlan(demo.focalPoint("BN"), demo.taskForce("BN"), demo.secretariat);
    const fpName = await nameOf(demo.focalPoint("BN"));
    // As the editor does: the person's name and colour, and their caret.
    fp.provider.awareness.setLocalState({ user: { name: fpName, color: "#1b6e3a" }, cursor: caretAt(5) });
    await until(() => seen(tf).join() === `${fpName} at 5`);

    const spoofed = presenceMessage(fp.doc.clientID, 1_000, { user: { name: "Administrator (spoofed)" } });
    expect(await reader.socket.emitWithAck("doc:message", bruneiDocument, spoofed)).toEqual({
      ok: false,
      error: "this presence is someone else's",
    });
    const removal = presenceMessage(fp.doc.clientID, 1_001, null);
    expect(await reader.socket.emitWithAck("doc:message", bruneiDocument, removal)).toEqual({
      ok: false,
      error: "this presence is someone else's",
    });
    // The reader's own presence, sent after, reaches the task force after anything sent on before it.
    reader.provider.awareness.setLocalStateField("cursor", caretAt(7));
    const readerName = await nameOf(demo.secretariat);
    await until(() => seen(tf).includes(`${readerName} at 7`));
    expect(seen(tf)).toEqual([`${fpName} at 5`, `${readerName} at 7`].sort());
  });

  it("drops a malformed caret before anyone's editor has to read it, and keeps the person", async () => {
    const [fp, tf] = await inBruneiPlan(demo.focalPoint("BN"), demo.taskForce("BN"));
    const fpName = await nameOf(demo.focalPoint("BN"));
    const user = { name: fpName, color: "#1b6e3a" };
    fp.provider.awareness.setLocalState({ user, cursor: caretAt(7) });
    await until(() => seen(tf).join() === `${fpName} at 7`);
    /** Sends fp's presence as written by hand; resolves once tf has it. */
    let clock = 1_000;
    const sendPresence = async (state: unknown) => {
      const sent = clock++;
      const message = presenceMessage(fp.doc.clientID, sent, state);
      expect(await fp.socket.emitWithAck("doc:message", bruneiDocument, message)).toEqual({ ok: true });
      await until(() => tf.provider.awareness.meta.get(fp.doc.clientID)?.clock === sent);
    };

    for (const cursor of [
      { anchor: 42, head: { item: { client: -1, clock: "x" } } },
      {},
      { anchor: { tname: "somewhere else" }, head: { tname: "somewhere else" } },
    ]) {
      await sendPresence({ user, cursor });
      expect(stateOf(tf, fp)?.cursor).toBeNull();
      expect(seen(tf)).toEqual([`${fpName} at -`]);
      // Back to a real caret before the next try.
      await sendPresence({ user, cursor: caretAt(7) });
      expect(seen(tf)).toEqual([`${fpName} at 7`]);
    }
  });
});

describe("access that changes while people are in the document", () => {
  it("turns editors into readers when the plan is endorsed, and back when it is reopened", async () => {
    const { planId, documentId } = await planDocument("KH");
    await db.actionPlan.update({ where: { id: planId }, data: { status: "draft" } });
    const fp = await editor(demo.focalPoint("KH"), documentId);
    const tf = await editor(demo.taskForce("KH"), documentId);
    expect(fp.provider.readOnly).toBe(false);

    await db.actionPlan.update({ where: { id: planId }, data: { status: "endorsed" } });
    await emit({ type: "plan.status-changed", countryId: "", planId, documentId, transition: "endorse", actorId: "" });
    await until(() => fp.provider.readOnly && tf.provider.readOnly && fp.provider.status === "saved");

    // The server refuses a write from the endorsed plan's former editor, whatever the client believes.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(fp.doc));
    const sv = Y.encodeStateVector(forged);
    typeParagraph(forged, "written after endorsement");
    const reply = await fp.socket.emitWithAck(
      "doc:message",
      documentId,
      syncUpdateMessage(Y.encodeStateAsUpdate(forged, sv)),
    );
    expect(reply).toEqual({ ok: false, error: "this document is read-only for you" });
    expect(tf.text()).not.toContain("written after endorsement");

    await db.actionPlan.update({ where: { id: planId }, data: { status: "draft" } });
    await emit({ type: "plan.status-changed", countryId: "", planId, documentId, transition: "reopen", actorId: "" });
    await until(() => !fp.provider.readOnly && !tf.provider.readOnly);
    typeParagraph(fp.doc, "written after reopening");
    await until(() => tf.text().includes("written after reopening"));
  });

  it("closes the document for a person who lost their role, and only for them", async () => {
    const { documentId } = await planDocument("PH");
    const fp = await editor(demo.focalPoint("PH"), documentId);
    const tf = await editor(demo.taskForce("PH"), documentId);
    const tfUser = await db.user.findUniqueOrThrow({ where: { email: demo.taskForce("PH") } });
    await db.roleAssignment.deleteMany({ where: { userId: tfUser.id } });
    await emit({ type: "person.access-changed", userId: tfUser.id });
    await until(() => tf.provider.status === "error");
    expect(tf.provider.error).toBe("not allowed to open this document");

    typeParagraph(fp.doc, "the focal point carries on");
    await until(() => fp.provider.pending === 0);
    // Asked after the edit was stored, the server's answer to the task force comes after anything sent on to them.
    expect(await tf.socket.emitWithAck("doc:join", { documentId })).toEqual({
      ok: false,
      error: "not allowed to open this document",
    });
    expect(tf.text()).not.toContain("the focal point carries on");
  });
});

describe("named versions", () => {
  it("restores a version as a new change that every open client receives, keeping the history", async () => {
    const { documentId } = await planDocument("BN");
    const fp = await editor(demo.focalPoint("BN"), documentId);
    const reader = await editor(demo.secretariat, documentId);
    const fpUser = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("BN") } });
    const original = fp.text();

    const version = await versions.createDocumentVersion(documentId, "Before the Bangkok meeting", {
      actorId: fpUser.id,
    });
    expect((await versionsKept(documentId)).map((v) => v.name)).toEqual(["Before the Bangkok meeting"]);

    fp.doc.getXmlFragment("default").delete(0, 2);
    typeParagraph(fp.doc, "a paragraph added after the version");
    await until(() => reader.text().includes("a paragraph added after the version"));
    const updatesBefore = await storedUpdates(documentId);

    expect(await restoreDocumentVersion(documentId, version.id, "Before restore", { actorId: fpUser.id })).toBe(true);
    await until(() => fp.text() === original && reader.text() === original);
    expect(await storedText(documentId)).toBe(original);
    // A new update on top of the history, not a rewrite of it.
    expect(await storedUpdates(documentId)).toBeGreaterThan(updatesBefore);
    // What the restore replaced is kept as a version of its own, in the same transaction.
    const kept = await versionsKept(documentId);
    expect(kept.map((v) => [v.name, v.kind])).toEqual([
      ["Before restore", "before_restore"],
      ["Before the Bangkok meeting", "named"],
    ]);
    const replaced = await versions.findDocumentVersion(documentId, kept[0]!.id);
    expect(documentLines(replaced!.state)).toContain("a paragraph added after the version");
    // Restoring what is already there stores nothing, and keeps nothing.
    expect(await restoreDocumentVersion(documentId, version.id, "Before restore", { actorId: fpUser.id })).toBe(false);
    expect(await versionsKept(documentId)).toHaveLength(2);

    // Everyone can keep editing on top of the restored text.
    typeParagraph(fp.doc, "after the restore");
    await until(() => reader.text().includes("after the restore"));

    const history = await db.auditEvent.findMany({
      where: { entityType: "document", entityId: documentId },
      orderBy: { createdAt: "asc" },
    });
    expect(history.map((e) => [e.action, e.summary, e.actorId])).toEqual([
      ["document.version", "Version kept: Before the Bangkok meeting", fpUser.id],
      ["document.restore", "Version restored: Before the Bangkok meeting", fpUser.id],
    ]);
  });

  it("refuses a version of another document", async () => {
    const bn = await planDocument("BN");
    const vn = await planDocument("VN");
    const [version] = await versions.listDocumentVersions(bn.documentId);
    await expect(
      restoreDocumentVersion(vn.documentId, version!.id, "Before restore", { actorId: "nobody" }),
    ).rejects.toBeInstanceOf(documents.DocumentNotFoundError);
  });
});
