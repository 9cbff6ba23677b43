import { io as connect, type Socket } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import * as Y from "yjs";
import { createSession } from "~/auth/session.server";
import { CollabProvider } from "~/editor/collab-provider";
import { SOCKET_PATH } from "~/realtime/topics";
import { db } from "~/utils/db.server";

/** A signed-in socket.io client, as a browser tab of that person would open it. */
export async function connectAs(url: string, email: string): Promise<Socket> {
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

/** Appends a paragraph with `text` to the document, as typing in the editor would. */
export function typeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
}
