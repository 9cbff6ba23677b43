import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { ViteDevServer } from "vite";
import { prepareDatabase, db } from "./app/utils/db.server";
import { env } from "./app/utils/env.server";
import { logger } from "./app/utils/logger.server";

/**
 * One process, one port: Remix (Vite middleware in development, the build in
 * production) and socket.io on the same HTTP server.
 */

type RealtimeEntry = { attachRealtime: (server: http.Server) => { close: () => Promise<void> } };

const config = env();
const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");
const production = config.NODE_ENV === "production";

const vite: ViteDevServer | undefined = production
  ? undefined
  : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true }, appType: "custom" }));

async function loadBuild(): Promise<ServerBuild> {
  if (vite) return (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  return (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
}

await prepareDatabase();

const app = express();
app.disable("x-powered-by");
if (config.TRUST_PROXY === "true") app.set("trust proxy", true);

// A request id and one JSON log line per request.
app.use((req, res, next) => {
  const requestId = (req.get("x-request-id") ?? "").slice(0, 100) || crypto.randomUUID();
  res.locals.requestId = requestId;
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path.startsWith("/assets/") || req.path.startsWith("/@") || req.path.startsWith("/node_modules/")) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info(
      { requestId, method: req.method, path: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
      "request",
    );
  });
  next();
});

// Nothing a person sends is bigger than one upload (10 MB, app/models/stored-file.server.ts) and its
// form: refuse larger bodies before anything reads them into memory.
const MAX_REQUEST_BYTES = 11 * 1024 * 1024;
app.use((req, res, next) => {
  if (Number(req.get("content-length") ?? 0) <= MAX_REQUEST_BYTES) return next();
  res.status(413).type("text/plain").send("This request is too large: a file may be at most 10 MB.");
});

app.use(
  helmet({
    // Vite's development client injects inline scripts; the CSP guards production.
    contentSecurityPolicy: production
      ? {
          useDefaults: true,
          directives: {
            "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
            "connect-src": ["'self'"],
            "img-src": ["'self'", "data:", "blob:"],
            "upgrade-insecure-requests": config.PUBLIC_URL.startsWith("https://") ? [] : null,
          },
        }
      : false,
    strictTransportSecurity: config.PUBLIC_URL.startsWith("https://"),
    crossOriginEmbedderPolicy: false,
  }),
);
app.use(compression());

if (vite) {
  app.use(vite.middlewares);
} else {
  // Fingerprinted assets never change; everything else is revalidated hourly.
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
}

app.all(
  "*",
  createRequestHandler({
    build: vite ? loadBuild : await loadBuild(),
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId as string,
      clientIp: req.ip ?? null,
      cspNonce: res.locals.cspNonce as string,
    }),
  }),
);

const server = http.createServer(app);
const build = await loadBuild();
const realtime = (build.entry.module as unknown as RealtimeEntry).attachRealtime(server);

server.listen(config.PORT, config.HOST, () => {
  logger.info(
    { url: config.PUBLIC_URL, port: config.PORT, host: config.HOST, mode: config.NODE_ENV },
    "FocalPoint is listening",
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await realtime.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await vite?.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
