/**
 * `npm run db:migration -- <name>` writes a new migration from the changes to
 * prisma/schema.prisma since the last one.
 *
 * `prisma migrate dev` needs a shadow database, which Prisma 6's Rust-free
 * adapter mode cannot create. A diff between two schema files needs no
 * database at all, so prisma/migrated-schema.prisma keeps the schema as of the
 * latest migration and this script diffs it against today's.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9][a-z0-9_-]{1,60}$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits, - and _)");
  process.exit(2);
}

const current = "prisma/schema.prisma";
const migrated = "prisma/migrated-schema.prisma";
const output = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-schema-datamodel", migrated, "--to-schema-datamodel", current, "--script"],
  { encoding: "utf8" },
);
// The CLI announces its config on stdout; keep that out of the migration.
const sql = output
  .split("\n")
  .filter((line) => !line.startsWith("Loaded Prisma config"))
  .join("\n")
  .trim();

if (!sql || sql === "-- This is an empty migration.") {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma/migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
fs.copyFileSync(current, migrated);
console.log(`Wrote ${dir}/migration.sql. Apply it with: npx prisma migrate deploy`);
