import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { compactDocument, loadYDoc } from "~/models/document.server";
import { db } from "~/utils/db.server";
import { openEditor, typeParagraph, until } from "../support/collab-clients";

/**
 * The real server in its own process: acknowledged edits must survive a kill -9
 * in the middle of a session, and clients must converge again by themselves.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: path.resolve("."),
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "development", LOG_LEVEL: "warn", HMR_PORT: String(port + 1) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("durability", () => {
  it("keeps every acknowledged update across a kill -9, and clients converge after the restart", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const documentId = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "PH" } } })).documentId;
    const first = await startServer(port);

    const writer = await openEditor(url, "fp.ph@focalpoint.test", documentId);
    const colleague = await openEditor(url, "tf.ph@focalpoint.test", documentId);
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
    await until(() => writer.doc.getXmlFragment("default").toString() === colleague.doc.getXmlFragment("default").toString(), 10_000);

    const stored = (await loadYDoc(documentId))!.doc.getXmlFragment("default").toString();
    for (const line of acknowledged) expect(stored).toContain(line);
    expect(stored).toContain("typed while the server was down");

    for (const client of [writer, colleague]) {
      client.provider.destroy();
      client.socket.close();
    }
  }, 120_000);
});

describe("compaction", () => {
  it("folds stored updates into the snapshot without changing the document", async () => {
    const documentId = (await db.actionPlan.findFirstOrThrow({ where: { country: { code: "SG" } } })).documentId;
    const { doc } = (await loadYDoc(documentId))!;
    const before = doc.getXmlFragment("default").toString();
    const edit = new Y.Doc();
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(doc));
    typeParagraph(edit, "an edit to compact");
    const update = Y.encodeStateAsUpdate(edit, Y.encodeStateVector(doc));
    const row = await db.documentUpdate.create({ data: { documentId, update: Buffer.from(update) } });
    Y.applyUpdate(doc, update);
    await compactDocument(documentId, Y.encodeStateAsUpdate(doc), row.id);
    expect(await db.documentUpdate.count({ where: { documentId } })).toBe(0);
    const reloaded = (await loadYDoc(documentId))!.doc.getXmlFragment("default").toString();
    expect(reloaded).toBe(doc.getXmlFragment("default").toString());
    expect(reloaded).toContain("an edit to compact");
    expect(reloaded.startsWith(before.slice(0, 40))).toBe(true);
  });
});
