import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testTmpDir: string;
  }
}

/**
 * Builds one migrated and seeded SQLite database before the test run; every
 * test file then works on its own copy (tests/setup/setup-test-env.ts). Each
 * run has its own folder, so two runs on one machine do not disturb each other.
 */
export default function setup(project: TestProject) {
  const tmpDir = path.resolve("tests/.tmp", `run-${process.pid}`);
  const template = path.join(tmpDir, "template.db");
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `file:${template}`, LOG_LEVEL: "silent" };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
  // Fold the WAL into the main file so a plain copy carries everything.
  execFileSync("node", [
    "-e",
    `const D=require("better-sqlite3");const d=new D(${JSON.stringify(template)});d.pragma("wal_checkpoint(TRUNCATE)");d.pragma("journal_mode=DELETE");d.close()`,
  ]);
  project.provide("testTmpDir", tmpDir);
  return () => fs.rmSync(tmpDir, { recursive: true, force: true });
}
