import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import * as Y from "yjs";
import { afterAll, beforeAll } from "vitest";
import { createSession } from "~/auth/session.server";
import { CollabProvider } from "~/editor/collab-provider";
import { attachRealtime } from "~/realtime/server.server";
import { SOCKET_PATH } from "~/realtime/topics";
import { db, prepareDatabase } from "~/utils/db.server";

/** A signed-in socket.io client, as a browser tab of that person would open it. */
async function connectAs(url: string, email: string): Promise<Socket> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const { token } = await createSession(user.id);
  const socket = connect(url, {
    path: SOCKET_PATH,
    parser: msgpackParser,
    transports: ["websocket"],
    extraHeaders: { cookie: `fp_session=${token}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** A headless editor: its own Y.Doc kept in sync by the real provider. */
export async function openEditor(url: string, email: string, documentId: string) {
  const socket = await connectAs(url, email);
  const doc = new Y.Doc();
  const provider = new CollabProvider(socket, documentId, doc);
  await until(() => provider.status === "saved" || provider.status === "error");
  return { socket, doc, provider, text: () => doc.getXmlFragment("default").toString() };
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Appends a paragraph with `text` to the document (or its fragment), as typing in the editor would. */
export function typeParagraph(document: Y.Doc | Y.XmlFragment, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = document instanceof Y.Doc ? document.getXmlFragment("default") : document;
  fragment.insert(fragment.length, [paragraph]);
}

/**
 * A real-time server of the test file's own on a free port: started before the tests of the file
 * (or of the describe block it is called in), closed after them with every client they opened.
 */
export function liveServer(options: Parameters<typeof attachRealtime>[1] = {}) {
  let server: http.Server | undefined;
  let realtime: ReturnType<typeof attachRealtime> | undefined;
  let url = "";
  const closers: (() => void)[] = [];
  beforeAll(async () => {
    await prepareDatabase();
    const listening = http.createServer();
    realtime = attachRealtime(listening, options);
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    server = listening;
    url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const close of closers) close();
    await realtime?.close();
    server?.close();
  });
  return {
    /** The server's address, known once the tests run. */
    url: () => url,
    /** Runs `close` when the server closes. */
    closeAfter: (close: () => void) => void closers.push(close),
    /** A signed-in socket, closed with the server. */
    socket: async (email: string) => {
      const socket = await connectAs(url, email);
      closers.push(() => socket.close());
      return socket;
    },
    /** A headless editor of the document, closed with the server; `close` ends it sooner. */
    editor: async (email: string, documentId: string) => {
      const opened = await openEditor(url, email, documentId);
      const close = () => {
        opened.provider.destroy();
        opened.socket.close();
      };
      closers.push(close);
      return { ...opened, close };
    },
  };
}
