/**
 * The large data set the benchmarks share: the demo seed, widened to all ten AMS × 30 priority
 * sectors with every pipeline stage and ten years of milestone history (`historyRows` AuditEvent
 * rows spread evenly up to today), added to a demo database (seeded-database.ts).
 */
import Database from "better-sqlite3";
import { storedTime } from "./seeded-database";

const SECTORS = 30;
export const YEARS = 10;

/** A small deterministic generator, so two runs measure the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Widen the demo data: 30 sectors prioritised by every country, every stage
 * present, and historyRows history rows spread over ten years up to today.
 */
export function generateLargeDataSet(dbFile: string, historyRows: number) {
  const sqlite = new Database(dbFile);
  sqlite.pragma("journal_mode = WAL");
  const rand = random(20260101);
  const now = new Date();
  const countries = sqlite.prepare(`SELECT id, code FROM Country ORDER BY sortOrder`).all() as {
    id: string;
    code: string;
  }[];
  const stages = sqlite.prepare(`SELECT code, scope FROM MilestoneStage ORDER BY sortOrder`).all() as {
    code: string;
    scope: string;
  }[];
  const sectorStages = stages.filter((s) => s.scope === "sector").map((s) => s.code);
  const countryStages = stages.filter((s) => s.scope === "country").map((s) => s.code);
  const editors = new Map(
    countries.map((c) => [
      c.id,
      (
        sqlite
          .prepare(`SELECT id FROM User WHERE email IN (?, ?)`)
          .all(`fp.${c.code.toLowerCase()}@focalpoint.test`, `tf.${c.code.toLowerCase()}@focalpoint.test`) as {
          id: string;
        }[]
      ).map((u) => u.id),
    ]),
  );
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const tenYearsAgo = now.getTime() - YEARS * 365.25 * 86_400_000;
  const at = (fraction: number) => new Date(tenYearsAgo + fraction * (now.getTime() - tenYearsAgo));

  sqlite.transaction(() => {
    // sectors up to 30
    const existing = (sqlite.prepare(`SELECT COUNT(*) AS n FROM Sector`).get() as { n: number }).n;
    const addSector = sqlite.prepare(
      `INSERT INTO Sector (id, code, name, isRmcs, sortOrder, createdAt) VALUES (?, ?, ?, 0, ?, ?)`,
    );
    for (let i = existing; i < SECTORS; i++)
      addSector.run(
        `benchsector${String(i).padStart(4, "0")}`,
        `bench-sector-${i}`,
        `Bench sector ${i + 1}`,
        100 + i,
        storedTime(now),
      );
    const sectors = sqlite.prepare(`SELECT id FROM Sector ORDER BY sortOrder LIMIT ?`).all(SECTORS) as { id: string }[];

    // every country prioritises every sector, with every stage
    const prioritise = sqlite.prepare(
      `INSERT OR IGNORE INTO CountrySector (id, countryId, sectorId, prioritisedOn, createdAt) VALUES (?, ?, ?, ?, ?)`,
    );
    const exists = sqlite.prepare(`SELECT id FROM Milestone WHERE countryId = ? AND stageCode = ? AND sectorId IS ?`);
    const addMilestone = sqlite.prepare(
      `INSERT INTO Milestone (id, countryId, stageCode, sectorId, status, startedOn, targetOn, achievedOn, notes, updatedById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
    );
    let n = 0;
    const addPipeline = (countryId: string, sectorId: string | null, stageCodes: string[]) => {
      const reached = Math.floor(rand() * (stageCodes.length + 1));
      stageCodes.forEach((stageCode, index) => {
        if (exists.get(countryId, stageCode, sectorId)) return;
        const status =
          index < reached
            ? "completed"
            : index === reached
              ? rand() < 0.15
                ? "blocked"
                : "in_progress"
              : "not_started";
        const achieved = status === "completed" ? at(((index + 1) / (stageCodes.length + 1)) * rand()) : null;
        const target = status === "completed" ? achieved : status === "not_started" ? null : at(0.85 + rand() * 0.3);
        const started = status === "not_started" ? null : at(rand() * 0.5);
        const updated = achieved ?? (status === "not_started" ? at(0) : at(0.9 + rand() * 0.1));
        const editor = editors.get(countryId)![Math.floor(rand() * 2)] ?? null;
        addMilestone.run(
          `benchmilestone${String(n++).padStart(6, "0")}`,
          countryId,
          stageCode,
          sectorId,
          status,
          started ? day(started) : null,
          target ? day(target) : null,
          achieved ? day(achieved) : null,
          status === "not_started" ? null : editor,
          storedTime(at(0)),
          storedTime(updated),
        );
      });
    };
    for (const country of countries) {
      for (const sector of sectors) {
        prioritise.run(
          `benchprio${country.code.toLowerCase()}${sector.id.slice(-10)}`,
          country.id,
          sector.id,
          day(at(rand() * 0.3)),
          storedTime(now),
        );
        addPipeline(country.id, sector.id, sectorStages);
      }
      addPipeline(country.id, null, countryStages);
    }

    // ten years of history: status moves, target changes and notes, spread evenly up to today
    const milestones = sqlite.prepare(`SELECT id, countryId, stageCode FROM Milestone`).all() as {
      id: string;
      countryId: string;
      stageCode: string;
    }[];
    const addEvent = sqlite.prepare(
      `INSERT INTO AuditEvent (id, actorId, action, entityType, entityId, countryId, summary, changes, createdAt) VALUES (?, ?, 'milestone.update', 'milestone', ?, ?, ?, ?, ?)`,
    );
    const statuses = ["not_started", "in_progress", "blocked", "in_progress", "completed"];
    for (let i = 0; i < historyRows; i++) {
      const m = milestones[Math.floor(rand() * milestones.length)]!;
      const when = at(i / historyRows);
      const kind = rand();
      const from = statuses[Math.floor(rand() * 4)]!;
      const changes =
        kind < 0.6
          ? { status: [from, statuses[statuses.indexOf(from) + 1]] }
          : kind < 0.85
            ? { targetOn: [day(at(rand())), day(at(rand()))] }
            : { notes: ["", "Validation workshop postponed; assessors' training moved to the next quarter."] };
      addEvent.run(
        `benchevent${String(i).padStart(7, "0")}`,
        editors.get(m.countryId)![i % 2] ?? null,
        m.id,
        m.countryId,
        `${m.stageCode}: ${Object.keys(changes)[0]} changed`,
        JSON.stringify(changes),
        storedTime(when),
      );
    }
  })();
  const counts = {
    countries: countries.length,
    sectors: (sqlite.prepare(`SELECT COUNT(*) AS n FROM Sector`).get() as { n: number }).n,
    milestones: (sqlite.prepare(`SELECT COUNT(*) AS n FROM Milestone`).get() as { n: number }).n,
    history: (
      sqlite.prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE entityType = 'milestone'`).get() as { n: number }
    ).n,
  };
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.exec("ANALYZE");
  sqlite.close();
  return counts;
}
