import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { freePort } from "./ports";

/**
 * For end-to-end specs that need a production server of their own on a copy of the
 * seeded demo data (they write to it, or change a person's language), and the
 * build's route manifest, which lists every route as the browser receives it.
 */

const BUILD_DIR = process.env.BUILD_DIR ?? "build";

export type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
  hasAction: boolean;
};

/** The build's route manifest: every route, and the folder of the browser's assets. */
export function buildManifest() {
  const assets = path.resolve(BUILD_DIR, "client/assets");
  const file = fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no route manifest in ${assets}: build first`);
  const sandbox = { window: {} as { __remixManifest?: { routes: Record<string, ManifestRoute> } } };
  vm.runInNewContext(fs.readFileSync(path.join(assets, file), "utf8"), sandbox);
  return { routes: sandbox.window.__remixManifest!.routes, assets };
}

/** A route's address pattern ("/workshops/:workshopId/agenda"), from its ancestors' paths. */
export function routePattern(routes: Record<string, ManifestRoute>, route: ManifestRoute): string {
  const ancestry = (r: ManifestRoute): ManifestRoute[] => (r.parentId ? [...ancestry(routes[r.parentId]!), r] : [r]);
  return `/${ancestry(route)
    .map((r) => r.path ?? "")
    .join("/")}`
    .replace(/\/+/g, "/")
    .replace(/(.)\/$/, "$1");
}

export type OwnServer = { server: ChildProcess; base: string; dbFile: string; log: string[] };

/**
 * Starts the production build on a free port with a copy of the demo data as seeded for this
 * run's end-to-end server (scripts/e2e-server.sh). `prepare` may write into the copy first.
 */
export async function startOwnServer(name: string, prepare?: (dbFile: string) => void): Promise<OwnServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const seeded = path.resolve(`tests/.tmp/e2e-${process.env.E2E_PORT ?? 3210}/seeded.db`);
  const dir = path.resolve(`tests/.tmp/${name}-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, "e2e.db");
  fs.copyFileSync(seeded, dbFile);
  prepare?.(dbFile);
  const server = spawn(process.execPath, [path.resolve(BUILD_DIR, "server.js")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DATABASE_URL: `file:${dbFile}`,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: base,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  for (const stream of [server.stdout!, server.stderr!])
    stream.on("data", (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean)));
  const started = Date.now();
  while (
    !(await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    if (Date.now() - started > 30_000) throw new Error(`server did not start:\n${log.join("\n")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { server, base, dbFile, log };
}
