import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./app/utils/database-url";

// Prisma 6.19.3 in its Rust-free mode: the CLI's schema engine runs as
// WebAssembly through the driver adapter, so nothing is downloaded (see
// docs/decisions/001-prisma-6-rust-free.md).

// The schema's env("DATABASE_URL") must resolve, or the CLI falls back to
// downloading a native query engine; give it the same default as the app.
process.env.DATABASE_URL = databaseUrl();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: databaseUrl() }),
});
