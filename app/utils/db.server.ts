import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./database-url";

export type Db = PrismaClient;
export type { Prisma } from "~/generated/prisma/client";

function createClient(): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 10_000 }) });
  return client;
}

// One client per process; kept on globalThis so development reloads reuse it.
const globalForDb = globalThis as unknown as { focalpointDb?: PrismaClient; focalpointDbReady?: Promise<void> };
export const db: PrismaClient = (globalForDb.focalpointDb ??= createClient());

/**
 * WAL lets readers proceed during a write; synchronous=FULL makes every
 * committed transaction survive power loss, which is what lets us acknowledge
 * an edit as soon as its write commits.
 */
export function prepareDatabase(): Promise<void> {
  globalForDb.focalpointDbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return globalForDb.focalpointDbReady;
}
