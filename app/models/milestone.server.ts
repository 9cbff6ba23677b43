import { readableCountryIds, type Actor } from "~/auth/permissions";
import { db } from "~/utils/db.server";
import { todayIn } from "~/utils/format";

export type MilestoneCounts = { total: number; completed: number; blocked: number; overdue: number; lastUpdate: Date | null };

/** Completed, blocked and overdue milestones per country. Overdue: a past target and not completed. */
export async function milestoneCounts(countryIds: string[]): Promise<Map<string, MilestoneCounts>> {
  const today = todayIn();
  const rows = await db.milestone.findMany({
    where: { countryId: { in: countryIds } },
    select: { countryId: true, status: true, targetOn: true, updatedAt: true },
  });
  const counts = new Map<string, MilestoneCounts>(countryIds.map((id) => [id, { total: 0, completed: 0, blocked: 0, overdue: 0, lastUpdate: null }]));
  for (const m of rows) {
    const c = counts.get(m.countryId)!;
    c.total++;
    if (m.status === "completed") c.completed++;
    if (m.status === "blocked") c.blocked++;
    if (m.status !== "completed" && m.targetOn && m.targetOn < today) c.overdue++;
    if (m.status !== "not_started" && (!c.lastUpdate || m.updatedAt > c.lastUpdate)) c.lastUpdate = m.updatedAt;
  }
  return counts;
}

/** The countries a person may follow, as a Prisma filter value. */
export function readableCountryFilter(actor: Actor): { in: string[] } | undefined {
  const readable = readableCountryIds(actor);
  return readable === "all" ? undefined : { in: readable };
}

/** Overdue and blocked milestones in the countries the person may read, most overdue first. */
export async function milestonesNeedingAttention(actor: Actor, take = 12) {
  const today = todayIn();
  return db.milestone.findMany({
    where: {
      countryId: readableCountryFilter(actor),
      OR: [{ status: "blocked" }, { status: { not: "completed" }, targetOn: { lt: today } }],
    },
    orderBy: [{ targetOn: "asc" }],
    take,
    select: {
      id: true,
      status: true,
      targetOn: true,
      stage: { select: { code: true, name: true } },
      sector: { select: { name: true } },
      country: { select: { code: true, name: true } },
    },
  });
}

export type MatrixFilter = { countryId?: string; sectorId?: string };

/**
 * The country × sector pipeline: one row per priority sector of each readable
 * country, one cell per MRS stage; and each country's country-level milestones.
 */
export async function milestoneMatrix(actor: Actor, filter: MatrixFilter = {}) {
  const today = todayIn();
  const readable = readableCountryFilter(actor);
  const countryIds = filter.countryId ? (readable && !readable.in.includes(filter.countryId) ? { in: [] } : { in: [filter.countryId] }) : readable;
  const [stages, milestones] = await Promise.all([
    db.milestoneStage.findMany({ orderBy: { sortOrder: "asc" } }),
    db.milestone.findMany({
      where: { countryId: countryIds, OR: filter.sectorId ? [{ sectorId: filter.sectorId }] : undefined },
      select: {
        id: true,
        status: true,
        targetOn: true,
        achievedOn: true,
        stageCode: true,
        sectorId: true,
        aqrfLevel: true,
        country: { select: { id: true, code: true, name: true, sortOrder: true } },
        sector: { select: { name: true, sortOrder: true } },
      },
    }),
  ]);
  type Cell = { id: string; status: string; overdue: boolean; targetOn: string | null; achievedOn: string | null; aqrfLevel: number | null };
  const rows = new Map<string, { key: string; country: { code: string; name: string }; sector: string | null; order: number[]; cells: Record<string, Cell> }>();
  for (const m of milestones) {
    const key = `${m.country.code}:${m.sectorId ?? "country"}`;
    let row = rows.get(key);
    if (!row) {
      row = { key, country: { code: m.country.code, name: m.country.name }, sector: m.sector?.name ?? null, order: [m.country.sortOrder, m.sector?.sortOrder ?? -1], cells: {} };
      rows.set(key, row);
    }
    row.cells[m.stageCode] = {
      id: m.id,
      status: m.status,
      overdue: m.status !== "completed" && Boolean(m.targetOn && m.targetOn < today),
      targetOn: m.targetOn,
      achievedOn: m.achievedOn,
      aqrfLevel: m.aqrfLevel,
    };
  }
  const sorted = [...rows.values()].sort((a, b) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]!);
  return {
    sectorStages: stages.filter((s) => s.scope === "sector"),
    countryStages: stages.filter((s) => s.scope === "country"),
    sectorRows: sorted.filter((r) => r.sector !== null),
    countryRows: filter.sectorId ? [] : sorted.filter((r) => r.sector === null),
  };
}

export function listSectors() {
  return db.sector.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
}
