/**
 * The reference for `npm run bench:collab`: Hocuspocus (the Tiptap team's
 * collaboration server) with its SQLite extension, on 127.0.0.1 only.
 * Started by bench/collab.ts as its own process.
 */
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

const port = Number(process.env.PORT);
const database = process.env.BENCH_SQLITE!;

const server = new Server({
  port,
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions: [new SQLite({ database })],
});
await server.listen();
process.send?.({ ready: true });
