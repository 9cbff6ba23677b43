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
import { refusalMessage } from "./app/i18n/refusal-message.server";
import { bodyLimit, refusalFor, type Refusal } from "./app/utils/request-edge.server";

/**
 * One process, one port: Remix (Vite middleware in development, the build in
 * production) and socket.io on the same HTTP server.
 */

type ServerEntry = {
  attachRealtime: (server: http.Server) => { close: () => Promise<void> };
  startHousekeeping: () => { stop: () => void };
  startJobWorker: () => { stop: () => Promise<void> };
  startNotices: () => { stop: () => void };
};

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

// ───────────────────────── the edge (decision 013) ─────────────────────────
// What no page reads is refused here, before Remix: methods other than GET,
// HEAD and POST (405), forms posted from another site (403), bodies that are
// not forms (415), and bodies larger than a form may be (413), counted as they
// arrive whatever Content-Length says.

/** After refusing a body, the connection is closed once the client has had time to read why. */
const LINGER_MS = 2_000;

const languageOf = (req: express.Request) => ({
  cookie: req.get("cookie"),
  acceptLanguage: req.get("accept-language"),
});

const hasBody = (req: express.Request) =>
  req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;

/** Closes the connection of a refused body once the client has had time to read the answer (at once, a client still sending would be reset first). */
function closeAfterAnswer(req: express.Request, res: express.Response) {
  const close = () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  if (res.writableFinished) close();
  else res.on("finish", close);
}

/**
 * Answers a request whose body the app will not read. Node would close the connection the moment this
 * answer is written, while the client may still be sending, and the client would then see a reset
 * instead of the answer: kept open, the rest of the body is read and dropped, for LINGER_MS at most.
 */
function answerUnread(req: express.Request, res: express.Response, status: number, message: string) {
  if (hasBody(req)) {
    res.shouldKeepAlive = true;
    closeAfterAnswer(req, res);
  }
  res.status(status).type("text/plain").send(message);
}

async function refuse(req: express.Request, res: express.Response, refusal: Refusal) {
  const message = await refusalMessage(refusal.problem, languageOf(req));
  if (refusal.status === 405) res.setHeader("Allow", "GET, HEAD, POST");
  answerUnread(req, res, refusal.status, message);
}

/** 413, and no more reading. Whatever the app still answers for this request is dropped (remixHandler below). */
function refuseTooLarge(req: express.Request, res: express.Response) {
  if (res.headersSent) return closeAfterAnswer(req, res);
  res.on("error", () => {}); // a late write by the app after this answer is no crash
  answerUnread(req, res, 413, res.locals.tooLargeMessage as string);
}

app.use((req, res, next) => {
  const refusal = refusalFor({
    method: req.method,
    contentType: req.get("content-type"),
    origin: req.get("origin"),
    secFetchSite: req.get("sec-fetch-site"),
    host: req.get("host"),
    forwardedHost: req.get("x-forwarded-host"),
  });
  (async () => {
    if (refusal) return refuse(req, res, refusal);
    if (!hasBody(req)) return next();
    // Ready before the body arrives: the refusal is sent from inside the stream's events.
    res.locals.tooLargeMessage = await refusalMessage("tooLarge", languageOf(req));
    if (Number(req.get("content-length") ?? 0) > bodyLimit(req.get("content-type"))) return refuseTooLarge(req, res);
    next();
  })().catch(next);
});

/**
 * Counts the body on the stream Remix's adapter reads (the request itself),
 * attached in the same tick as the adapter's own reader, so not a byte passes
 * uncounted and nothing is buffered here. Past the limit, the adapter's body
 * stream is failed (an action's form never parses a cut-off body) and 413 is sent.
 */
function countRequestBody(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (!hasBody(req)) return next();
  const limit = bodyLimit(req.get("content-type"));
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= limit) return;
    req.off("data", count);
    if (req.listenerCount("error") > 0) req.emit("error", new Error("request body larger than the limit"));
    refuseTooLarge(req, res);
  };
  req.on("data", count);
  next();
}

if (vite) {
  app.use(vite.middlewares);
} else {
  // Fingerprinted assets never change; everything else is revalidated hourly.
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
}

const remix = createRequestHandler({
  build: vite ? loadBuild : await loadBuild(),
  getLoadContext: (req, res) => ({
    requestId: res.locals.requestId as string,
    clientIp: req.ip ?? null,
    cspNonce: res.locals.cspNonce as string,
  }),
});
// An answer (or error) of the app for a request the edge has already answered has nowhere to go.
const remixHandler: express.RequestHandler = (req, res, next) =>
  remix(req, res, (error?: unknown) => (res.headersSent ? undefined : next(error)));
app.all("*", countRequestBody, remixHandler);

const server = http.createServer(app);
const build = await loadBuild();
const entry = build.entry.module as unknown as ServerEntry;
const realtime = entry.attachRealtime(server);
const housekeeping = entry.startHousekeeping();
const jobWorker = entry.startJobWorker();
const notices = entry.startNotices();

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
  housekeeping.stop();
  notices.stop();
  await jobWorker.stop();
  await realtime.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await vite?.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
