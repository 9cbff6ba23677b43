import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The SQL that takes a database built by prisma/migrations to prisma/schema.prisma, empty when they
 * agree. Prisma replays the migrations into a throw-away shadow SQLite file
 * (scripts/migrations-diff.config.ts explains why that needs its own config).
 */
export function sqlFromMigrationsToSchema(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focalpoint-shadow-"));
  try {
    const output = execFileSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--config",
        "scripts/migrations-diff.config.ts",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      {
        encoding: "utf8",
        env: { ...process.env, SHADOW_DATABASE_URL: `file:${path.join(dir, "shadow.db")}` },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // The CLI announces its config on stdout; keep that out of the migration.
    const sql = output
      .split("\n")
      .filter((line) => !line.startsWith("Loaded Prisma config"))
      .join("\n")
      .trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
