/**
 * A load process for `npm run bench:collab`: opens a share of the simulated
 * editors, lets the typing ones make edits at a steady rate, and reports how
 * long each edit took to reach every other client in this process.
 *
 * Each edit inserts "@<send time in ms>|" into a shared Y.Text; every client
 * that receives it records now − send time. Send and receive times come from
 * the same machine clock (performance.timeOrigin + performance.now()).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { io } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import WebSocket from "ws";
import * as Y from "yjs";
import { CollabProvider } from "~/editor/collab-provider";
import { SOCKET_PATH } from "~/realtime/topics";

type Config = {
  target: "focalpoint" | "hocuspocus";
  url: string;
  documentId: string;
  cookies: string[];
  typing: number;
  editsPerSecond: number;
};

const now = () => performance.timeOrigin + performance.now();
const MARK = /@(\d+\.\d+)\|/g;

function connectClient(config: Config, index: number, latencies: number[]) {
  const doc = new Y.Doc();
  const text = doc.getText("bench");
  text.observe((event) => {
    if (event.transaction.local) return;
    const received = now();
    for (const op of event.delta) {
      if (typeof op.insert !== "string") continue;
      for (const match of op.insert.matchAll(MARK)) latencies.push(received - Number(match[1]));
    }
  });
  if (config.target === "focalpoint") {
    const socket = io(config.url, {
      path: SOCKET_PATH,
      parser: msgpackParser,
      transports: ["websocket"],
      extraHeaders: { cookie: config.cookies[index]! },
    });
    const provider = new CollabProvider(socket, config.documentId, doc);
    return { doc, text, ready: () => provider.status === "saved", close: () => (provider.destroy(), socket.close()) };
  }
  const websocket = new HocuspocusProviderWebsocket({ url: config.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: websocket, name: config.documentId, document: doc });
  provider.attach();
  return { doc, text, ready: () => provider.isSynced, close: () => (provider.destroy(), websocket.destroy()) };
}

process.on("message", async (message: { start?: Config; go?: number; stop?: true }) => {
  if (message.start) {
    const config = message.start;
    const latencies: number[] = [];
    const clients = config.cookies.map((_, i) => connectClient(config, i, latencies));
    const deadline = Date.now() + 60_000;
    while (!clients.every((c) => c.ready()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    process.send?.({ ready: clients.every((c) => c.ready()) });

    let edits = 0;
    let updateBytes = 0;
    const timers: ReturnType<typeof setInterval>[] = [];
    process.on("message", (next: { go?: number; stop?: true }) => {
      if (next.go) {
        latencies.length = 0;
        clients.slice(0, config.typing).forEach((client, i) => {
          client.doc.on("update", (update: Uint8Array, origin: unknown) => {
            if (origin === "bench") updateBytes += update.byteLength;
          });
          // Spread the typists over the interval so edits do not arrive in bursts.
          setTimeout(() => {
            timers.push(
              setInterval(() => {
                client.doc.transact(() => client.text.insert(client.text.length, `@${now().toFixed(3)}|`), "bench");
                edits++;
              }, 1000 / config.editsPerSecond),
            );
          }, (i * 1000) / config.editsPerSecond / Math.max(1, config.typing));
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
