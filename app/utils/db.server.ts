import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./database-url";

export type { Prisma } from "~/generated/prisma/client";

/** Whether a write failed on a unique constraint (Prisma's P2002): someone else wrote the same row first. */
export const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === "P2002";

/**
 * The SQLite adapter runs everything on one connection and locks only
 * transactions against each other: a statement from another request issued
 * while an interactive transaction is open would run inside it, and vanish if
 * that transaction rolled back after the statement had reported success. This
 * gate makes statements outside a transaction wait until no transaction is open.
 */
function gateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let idle: Promise<void> = Promise.resolve();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query: SqlQuery) => {
      await idle;
      return adapter.queryRaw(query);
    },
    executeRaw: async (query: SqlQuery) => {
      await idle;
      return adapter.executeRaw(query);
    },
    executeScript: async (script: string) => {
      await idle;
      return adapter.executeScript(script);
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    startTransaction: async (isolationLevel) => {
      // Claim the gate before BEGIN, so nothing issued from now on slips into the transaction.
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      const previous = idle;
      idle = previous.then(() => done);
      try {
        const transaction = await adapter.startTransaction(isolationLevel);
        const finish = (end: Promise<void>) => end.finally(release);
        return {
          provider: transaction.provider,
          adapterName: transaction.adapterName,
          options: transaction.options,
          queryRaw: (query: SqlQuery) => transaction.queryRaw(query),
          executeRaw: (query: SqlQuery) => transaction.executeRaw(query),
          commit: () => finish(transaction.commit()),
          rollback: () => finish(transaction.rollback()),
        };
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

function gatedFactory(factory: PrismaBetterSQLite3): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => gateTransactions(await factory.connect()),
    connectToShadowDb: async () => gateTransactions(await factory.connectToShadowDb()),
  };
}

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: gatedFactory(new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 10_000 })) });
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
