/**
 * Prisma config for `prisma migrate diff --from-migrations` (scripts/new-migration.ts and the
 * migrations-match-schema test): prisma.config.ts's settings, with the migrations replayed into a throw-away
 * shadow SQLite file named by SHADOW_DATABASE_URL.
 *
 * Prisma 6.19's WebAssembly schema engine sends each migration file to the shadow database as a
 * single raw statement, which better-sqlite3 refuses when the file holds several; a migration
 * without parameters is therefore run as a script.
 */
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "../app/utils/database-url";

type ShadowAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connectToShadowDb"]>>;

function runsScripts(adapter: ShadowAdapter): ShadowAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

// As in prisma.config.ts: without it the CLI falls back to downloading a native engine.
process.env.DATABASE_URL = databaseUrl();

const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL;
if (!shadowDatabaseUrl) throw new Error("Set SHADOW_DATABASE_URL to a throw-away SQLite file.");

// Paths in a config file are taken from the file's folder; this one sits in scripts/.
const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations") },
  adapter: async () => {
    const factory = new PrismaBetterSQLite3({ url: shadowDatabaseUrl }, { shadowDatabaseUrl });
    const connectToShadowDb = factory.connectToShadowDb.bind(factory);
    factory.connectToShadowDb = async () => runsScripts(await connectToShadowDb());
    return factory;
  },
});
