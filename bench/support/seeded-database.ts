import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The text form Prisma's SQLite adapter stores for a DateTime, for rows a bench writes directly. */
export const storedTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Migrates the SQLite database in `file` (made if missing) and loads the demo seed into it. */
export function seedDemo(file: string) {
  const env = { ...process.env, DATABASE_URL: `file:${file}`, LOG_LEVEL: "silent" };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
}

/**
 * A temporary folder with a migrated SQLite database holding the demo seed, for a bench to widen
 * and measure. `env` points FocalPoint at it (database, data folder, quiet logs, no SMTP server):
 * pass it to a server the bench starts, or assign it to process.env before importing the app's
 * database client in the bench's own process. `remove()` deletes the folder.
 */
export function createSeededDatabase(bench: string) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `focalpoint-${bench}-bench-`));
  const dbFile = path.join(workDir, "bench.db");
  const env = {
    DATABASE_URL: `file:${dbFile}`,
    DATA_DIR: path.join(workDir, "data"),
    LOG_LEVEL: "silent",
    SMTP_HOST: "",
  };
  const remove = () => fs.rmSync(workDir, { recursive: true, force: true });
  try {
    seedDemo(dbFile);
  } catch (error) {
    remove();
    throw error;
  }
  return { workDir, dbFile, env, remove };
}
