/**
 * `npm run db:migration -- <name>` writes a new migration from the changes to
 * prisma/schema.prisma since the last one.
 *
 * `prisma migrate dev` cannot run in Prisma 6's Rust-free adapter mode, so the
 * migration is the diff from what prisma/migrations builds (replayed into a
 * throw-away shadow SQLite file) to today's schema.
 */
import fs from "node:fs";
import path from "node:path";
import { sqlFromMigrationsToSchema } from "./migrations-diff";

const name = process.argv[2];
if (!name || !/^[a-z0-9][a-z0-9_-]{1,60}$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits, - and _)");
  process.exit(2);
}

const sql = sqlFromMigrationsToSchema();
if (!sql) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma/migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
console.log(`Wrote ${dir}/migration.sql. Apply it with: npx prisma migrate deploy`);
