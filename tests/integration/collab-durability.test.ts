import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { compactDocument } from "~/collab/compaction.server";
import { restoreDocumentVersion } from "~/collab/manager.server";
import { appendUpdate, loadYDoc } from "~/collab/storage.server";
import { createDocumentVersion } from "~/collab/versions.server";
import { db } from "~/utils/db.server";
import { openEditor, typeParagraph, until } from "../support/collab-clients";
import { freePort } from "../support/ports";
import { demo } from "../support/people";

/**
 * The real server in its own process: acknowledged edits must survive a kill -9
 * in the middle of a session, and clients must converge again by themselves.
 */

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve("."),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      HMR_PORT: String(port + 1),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  const healthy = () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
  await until(healthy, 60_000);
  return child;
}

describe("durability", () => {
  it("keeps every acknowledged update across a kill -9, and clients converge after the restart", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const documentId = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "PH" } } })).documentId;
    const first = await startServer(port);

    const writer = await openEditor(url, demo.focalPoint("PH"), documentId);
    const colleague = await openEditor(url, demo.taskForce("PH"), documentId);
    const acknowledged: string[] = [];
    for (let i = 0; i < 40; i++) {
      typeParagraph(writer.doc, `acknowledged line ${i}`);
      await until(() => writer.provider.pending === 0);
      acknowledged.push(`acknowledged line ${i}`);
    }
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));

    // Edits made while the server is down stay local until it is back.
    typeParagraph(colleague.doc, "typed while the server was down");
    await startServer(port);
    await until(() => writer.provider.status === "saved" && colleague.provider.status === "saved", 20_000);
    await until(
      () => writer.doc.getXmlFragment("default").toString() === colleague.doc.getXmlFragment("default").toString(),
      10_000,
    );

    const stored = (await loadYDoc(documentId))!.doc.getXmlFragment("default").toString();
    for (const line of acknowledged) expect(stored).toContain(line);
    expect(stored).toContain("typed while the server was down");

    for (const client of [writer, colleague]) {
      client.provider.destroy();
      client.socket.close();
    }
  }, 120_000);
});

describe("storing an update", () => {
  it("waits for another request's write transaction, without blocking the server or becoming part of it", async () => {
    const documentId = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "MM" } } })).documentId;
    const edit = new Y.Doc();
    typeParagraph(edit, "stored while the database was busy");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holdsTheLock = new Promise<void>((resolve) => (locked = resolve));
    const busy = db
      .$transaction(async (tx) => {
        await tx.auditEvent.create({
          data: { action: "test.hold", entityType: "test", entityId: "1", summary: "holds the write lock" },
        });
        locked();
        await held;
        throw new Error("rolled back");
      })
      .catch((error: Error) => error.message);
    await holdsTheLock;
    let stored = false;
    const append = appendUpdate(documentId, Y.encodeStateAsUpdate(edit), null).then((id) => ((stored = true), id));
    // The server keeps answering meanwhile: this timer fires while the append waits.
    await new Promise((r) => setTimeout(r, 50));
    expect(stored).toBe(false);
    release();
    expect(await busy).toBe("rolled back");
    const id = await append;
    // The other transaction's rollback did not take the acknowledged update with it.
    expect(await db.documentUpdate.findUnique({ where: { id }, select: { documentId: true } })).toEqual({ documentId });
    expect(await db.auditEvent.count({ where: { action: "test.hold" } })).toBe(0);
  });
});

describe("group commit", () => {
  it("stores appends of several documents made together, and those made while a commit is under way, in the order they were made", async () => {
    const plans = await db.actionPlan.findMany({
      where: { country: { code: { in: ["KH", "LA", "BN"] } } },
      select: { documentId: true },
    });
    expect(plans).toHaveLength(3);
    const editors = plans.map(() => new Y.Doc());
    const resolved: number[] = [];
    const issued: { documentId: string; text: string; stored: Promise<number> }[] = [];
    const append = (round: number) =>
      plans.forEach(({ documentId }, d) => {
        const sv = Y.encodeStateVector(editors[d]!);
        const text = `group commit ${round} in document ${d}`;
        typeParagraph(editors[d]!, text);
        const index = issued.length;
        const stored = appendUpdate(documentId, Y.encodeStateAsUpdate(editors[d]!, sv), null).then(
          (id) => (resolved.push(index), id),
        );
        issued.push({ documentId, text, stored });
      });
    for (let round = 0; round < 20; round++) append(round);
    // The first batch is now in flight: these form the next one.
    await new Promise((r) => setImmediate(r));
    for (let round = 20; round < 30; round++) append(round);

    const ids = await Promise.all(issued.map((i) => i.stored));
    // Stored and settled in the order made: per document, and overall.
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(resolved).toEqual(issued.map((_, i) => i));
    for (const { documentId } of plans) {
      const stored = (await loadYDoc(documentId))!.doc.getXmlFragment("default").toString();
      for (const { text } of issued.filter((i) => i.documentId === documentId)) expect(stored).toContain(text);
    }
  });
});

describe("compaction", () => {
  it("folds stored updates into the snapshot without changing the document, and leaves later updates alone", async () => {
    const documentId = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "SG" } } })).documentId;
    const { doc } = (await loadYDoc(documentId))!;
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc));
    editor.on("update", (update: Uint8Array) => void appendUpdate(documentId, update, null));
    for (let i = 0; i < 30; i++) typeParagraph(editor, `an edit to compact ${i}`);
    // Deleted text too: the snapshot keeps the result, not the history.
    editor.getXmlFragment("default").delete(0, 1);
    await until(async () => (await db.documentUpdate.count({ where: { documentId } })) === 31);
    const expected = editor.getXmlFragment("default").toString();

    expect(await compactDocument(documentId)).toBe(31);
    expect(await db.documentUpdate.count({ where: { documentId } })).toBe(0);
    expect((await loadYDoc(documentId))!.doc.getXmlFragment("default").toString()).toBe(expected);

    // An update stored after a compaction is kept beside the snapshot; compacting again folds it.
    typeParagraph(editor, "after the compaction");
    await until(async () => (await db.documentUpdate.count({ where: { documentId } })) === 1);
    expect((await loadYDoc(documentId))!.doc.getXmlFragment("default").toString()).toContain("after the compaction");
    expect(await compactDocument(documentId)).toBe(1);
    expect(await compactDocument(documentId)).toBe(0);
    expect((await loadYDoc(documentId))!.doc.getXmlFragment("default").toString()).toBe(
      editor.getXmlFragment("default").toString(),
    );
  });
});

describe("restoring a version without the real-time server", () => {
  it("stores the restore as a new update, so the next load shows the old content", async () => {
    const documentId = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "VN" } } })).documentId;
    const actor = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("VN") } });
    const original = (await loadYDoc(documentId))!.doc;
    const version = await createDocumentVersion(documentId, "Original", { actorId: actor.id });
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(original));
    const sv = Y.encodeStateVector(editor);
    typeParagraph(editor, "to be undone by the restore");
    await appendUpdate(documentId, Y.encodeStateAsUpdate(editor, sv), actor.id);

    expect(await restoreDocumentVersion(documentId, version.id, "Before restore", { actorId: actor.id })).toBe(true);
    expect((await loadYDoc(documentId))!.doc.getXmlFragment("default").toString()).toBe(
      original.getXmlFragment("default").toString(),
    );
  });
});
