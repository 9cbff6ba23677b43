import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../app/generated/prisma/client";
import { databaseUrl } from "../app/utils/database-url";
import { seedDemo } from "./seed/demo";
import { seedPeople } from "./seed/people";
import { seedReferenceData } from "./seed/reference";
import { seedResults } from "./seed/results";

/**
 * `tsx prisma/seed.ts` loads the reference data and the demo set into an empty
 * database. `--if-empty` does nothing when people already exist, so the start
 * command can run it every time; `--reference-only` skips the demo set (for
 * production). It never deletes anything.
 */
const args = new Set(process.argv.slice(2));
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });

async function main() {
  const started = Date.now();
  if ((await db.user.count()) > 0) {
    if (args.has("--if-empty")) {
      console.log("Seed: the database already has data; nothing to do.");
      return;
    }
    throw new Error(
      "The database already has people in it. Seed an empty database (delete the file or point DATABASE_URL elsewhere).",
    );
  }
  await seedReferenceData(db);
  if (!args.has("--reference-only")) {
    await seedPeople(db);
    await seedDemo(db);
    await seedResults(db);
  }
  console.log(`Seed: done in ${Date.now() - started} ms.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
