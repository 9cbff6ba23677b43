/**
 * A load process for `npm run bench:collab`: opens a share of the simulated
 * editors, lets the typing ones make edits at a steady rate, and reports how
 * long each edit took to reach every other client in this process.
 *
 * Each edit inserts "@<send time in ms>|" into a shared Y.Text; every client
 * that receives it records now − send time. Send and receive times come from
 * the same machine clock (performance.timeOrigin + performance.now()).
 *
 * For the memory run it instead opens its share of many documents (a few
 * clients in each), makes a few edits in each narrative and holds them open
 * until told to close.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { io } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import WebSocket from "ws";
import * as Y from "yjs";
import { CollabProvider } from "~/editor/collab-provider";
import { SOCKET_PATH } from "~/realtime/topics";

type Target = { target: "focalpoint" | "hocuspocus"; url: string };
type Config = Target & {
  documentId: string;
  cookies: string[];
  typing: number;
  editsPerSecond: number;
};
/** The memory run: many documents, a few clients in each, a few real edits each. */
type OpenDocuments = Target & { documents: { documentId: string; cookies: string[] }[]; editsPerClient: number };

const now = () => performance.timeOrigin + performance.now();
const MARK = /@(\d+\.\d+)\|/g;

function connectClient(target: Target, documentId: string, cookie: string, latencies: number[]) {
  const doc = new Y.Doc();
  const text = doc.getText("bench");
  const seen = new Set<string>();
  // Reads the marks from the update itself rather than from the text's delta, which walks the
  // whole text on every change: that cost grows with the run and would load the shared cores.
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === "bench") return;
    const received = now();
    for (const struct of Y.decodeUpdate(update).structs) {
      if (
        !(struct instanceof Y.Item) ||
        !(struct.content instanceof Y.ContentString) ||
        struct.id.client === doc.clientID
      )
        continue;
      for (const match of struct.content.str.matchAll(MARK)) {
        const mark = `${struct.id.client}:${match[1]}`;
        if (seen.has(mark)) continue;
        seen.add(mark);
        latencies.push(received - Number(match[1]));
      }
    }
  });
  if (target.target === "focalpoint") {
    const socket = io(target.url, {
      path: SOCKET_PATH,
      parser: msgpackParser,
      transports: ["websocket"],
      extraHeaders: { cookie },
    });
    const provider = new CollabProvider(socket, documentId, doc);
    return { doc, text, ready: () => provider.status === "saved", close: () => (provider.destroy(), socket.close()) };
  }
  const websocket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: websocket, name: documentId, document: doc });
  provider.attach();
  return { doc, text, ready: () => provider.isSynced, close: () => (provider.destroy(), websocket.destroy()) };
}

type Client = ReturnType<typeof connectClient>;

async function allReady(clients: Client[]) {
  const deadline = Date.now() + 90_000;
  while (!clients.every((c) => c.ready()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return clients.every((c) => c.ready());
}

/** Types a word at the start of the narrative's first paragraph, as the editor would. */
function editNarrative(doc: Y.Doc, word: string) {
  const paragraph = doc
    .getXmlFragment("default")
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph");
  const text = paragraph?.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText);
  if (text) text.insert(0, `${word} `);
  else doc.getXmlFragment("default").insert(0, [new Y.XmlText(word)]);
}

/** Documents opened at a time: people arrive over minutes, not all in one instant. */
const OPENING_WAVE = 5;

async function openDocuments(config: OpenDocuments) {
  const clients: Client[] = [];
  for (let i = 0; i < config.documents.length; i += OPENING_WAVE) {
    const wave = config.documents
      .slice(i, i + OPENING_WAVE)
      .flatMap(({ documentId, cookies }) => cookies.map((cookie) => connectClient(config, documentId, cookie, [])));
    clients.push(...wave);
    if (!(await allReady(wave))) return process.send?.({ ready: false });
  }
  for (let round = 0; round < config.editsPerClient; round++) {
    clients.forEach((client, i) => editNarrative(client.doc, `edit${round}-${i}`));
    await new Promise((r) => setTimeout(r, 200));
  }
  // Every edit stored and delivered before the server's memory is read.
  await allReady(clients);
  await new Promise((r) => setTimeout(r, 500));
  process.send?.({ ready: true });
  process.once("message", () => {
    for (const c of clients) c.close();
    setTimeout(() => process.exit(0), 200);
  });
}

type Command = { start?: Config; open?: OpenDocuments; go?: true; measure?: true; stop?: true };

process.on("message", async (message: Command) => {
  if (message.open) return openDocuments(message.open);
  if (message.start) {
    const config = message.start;
    const latencies: number[] = [];
    const clients = config.cookies.map((cookie) => connectClient(config, config.documentId, cookie, latencies));
    process.send?.({ ready: await allReady(clients) });

    let edits = 0;
    let updateBytes = 0;
    const timers: ReturnType<typeof setInterval>[] = [];
    process.on("message", (next: Command) => {
      // The warm-up (typing starts, code gets compiled) is over: what happened so far is not counted.
      if (next.measure) {
        latencies.length = 0;
        edits = 0;
        updateBytes = 0;
      }
      if (next.go) {
        clients.slice(0, config.typing).forEach((client, i) => {
          client.doc.on("update", (update: Uint8Array, origin: unknown) => {
            if (origin === "bench") updateBytes += update.byteLength;
          });
          // Spread the typists over the interval so edits do not arrive in bursts.
          setTimeout(
            () => {
              timers.push(
                setInterval(() => {
                  client.doc.transact(() => client.text.insert(client.text.length, `@${now().toFixed(3)}|`), "bench");
                  edits++;
                }, 1000 / config.editsPerSecond),
              );
            },
            (i * 1000) / config.editsPerSecond / Math.max(1, config.typing),
          );
        });
      }
      if (next.stop) {
        for (const timer of timers) clearInterval(timer);
        // Let the last edits arrive.
        setTimeout(() => {
          process.send?.({ latencies, edits, updateBytes });
          for (const c of clients) c.close();
          setTimeout(() => process.exit(0), 200);
        }, 1500);
      }
    });
  }
});
