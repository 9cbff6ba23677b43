import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/focalpoint.db";

/**
 * The SQLite database URL, with its parent folder created so that a fresh
 * clone starts without any manual step. Relative paths are taken from the
 * working directory (the project root for every npm script).
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return url;
}
