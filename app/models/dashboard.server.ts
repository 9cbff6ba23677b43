/**
 * Monitoring queries for the Secretariat's dashboard and the milestone matrix:
 * counts per country, milestones needing attention, the country × sector matrix.
 * Every query is limited to the countries the person may read.
 */
import { readableCountryIds, type Actor } from "~/auth/permissions";
import { db, type Prisma } from "~/utils/db.server";
import { FIRST_DAY, overdueToday } from "~/utils/format";
import { milestoneOverdue } from "~/domain/overdue";
import { overdueMilestoneWhere } from "./overdue.server";
import { DEFAULT_CHANGES_DAYS, type DashboardFilters } from "./dashboard-filters";

export type MilestoneCounts = {
  total: number;
  completed: number;
  blocked: number;
  overdue: number;
  lastUpdate: Date | null;
};

/** Completed, blocked and overdue milestones per country. Overdue: a past target and not completed. */
export async function milestoneCounts(countryIds: string[]): Promise<Map<string, MilestoneCounts>> {
  const today = overdueToday();
  const rows = await db.milestone.findMany({
    where: { countryId: { in: countryIds } },
    select: { countryId: true, status: true, targetOn: true, updatedAt: true },
  });
  const counts = new Map<string, MilestoneCounts>(
    countryIds.map((id) => [id, { total: 0, completed: 0, blocked: 0, overdue: 0, lastUpdate: null }]),
  );
  for (const m of rows) {
    const c = counts.get(m.countryId)!;
    c.total++;
    if (m.status === "completed") c.completed++;
    if (m.status === "blocked") c.blocked++;
    if (milestoneOverdue(m, today)) c.overdue++;
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
  const today = overdueToday();
  return db.milestone.findMany({
    where: {
      countryId: readableCountryFilter(actor),
      OR: [{ status: "blocked" }, overdueMilestoneWhere(today)],
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
  const today = overdueToday();
  const readable = readableCountryFilter(actor);
  const countryIds = filter.countryId
    ? readable && !readable.in.includes(filter.countryId)
      ? { in: [] }
      : { in: [filter.countryId] }
    : readable;
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
  type Cell = {
    id: string;
    status: string;
    overdue: boolean;
    targetOn: string | null;
    achievedOn: string | null;
    aqrfLevel: number | null;
  };
  const rows = new Map<
    string,
    {
      key: string;
      country: { code: string; name: string };
      sector: string | null;
      order: number[];
      cells: Record<string, Cell>;
    }
  >();
  for (const m of milestones) {
    const key = `${m.country.code}:${m.sectorId ?? "country"}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        country: { code: m.country.code, name: m.country.name },
        sector: m.sector?.name ?? null,
        order: [m.country.sortOrder, m.sector?.sortOrder ?? -1],
        cells: {},
      };
      rows.set(key, row);
    }
    row.cells[m.stageCode] = {
      id: m.id,
      status: m.status,
      overdue: milestoneOverdue(m, today),
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

// ───────────────────────── the monitoring dashboard ─────────────────────────

/** ISO days in order, a missing day last. */
const compareDays = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** "2024-05-17" → "2024-Q2" */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every quarter from `first` to `last` inclusive, e.g. ["2024-Q3", "2024-Q4", "2025-Q1"]. */
export function quartersBetween(first: string, last: string): string[] {
  const toIndex = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const out: string[] = [];
  for (let i = toIndex(first); i <= toIndex(last); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/** What every panel needs of a milestone. Few columns on purpose: the dashboard reads every milestone of the visible countries. */
type PipelineRow = {
  id: string;
  countryId: string;
  sectorId: string | null;
  stageCode: string;
  status: string;
  targetOn: string | null;
  achievedOn: string | null;
};

/** A milestone as the list export shows it. */
type MilestoneRow = PipelineRow & {
  startedOn: string | null;
  aqrfLevel: number | null;
  partnerCountryId: string | null;
  updatedAt: Date;
  updatedBy: { name: string } | null;
};

/** Reference data the dashboard names things with; small and read once per request. */
async function referenceData() {
  const [countries, sectors, stages] = await Promise.all([
    db.country.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } }),
    db.sector.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.milestoneStage.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, scope: true, name: true } }),
  ]);
  return { countries, sectors, stages };
}

/**
 * The countries a person sees on the dashboard: the readable ones, narrowed to
 * the country filter. A filter naming a country the person may not read gives
 * none, never that country.
 */
function visibleCountryIds(actor: Actor, countries: { id: string }[], countryFilter: string | undefined): string[] {
  const readable = readableCountryIds(actor);
  return countries
    .map((c) => c.id)
    .filter((id) => (readable === "all" || readable.includes(id)) && (!countryFilter || id === countryFilter));
}

/**
 * Each country × sector pair's milestones in pipeline order, and its current
 * stage: the first one not completed (a finished pipeline shows its last stage).
 * Stage and status filters apply to the current stage: "blocked" shows the pairs
 * that are stuck, not every pair with some blocked stage in its past.
 */
function currentStages<M extends PipelineRow>(
  milestones: M[],
  stages: { code: string }[],
  filters: DashboardFilters,
  today: string,
) {
  const stageOrder = new Map(stages.map((s, i) => [s.code, i]));
  const pairs = new Map<string, M[]>();
  for (const m of milestones) {
    if (!m.sectorId) continue;
    const key = `${m.countryId}:${m.sectorId}`;
    const list = pairs.get(key);
    if (list) list.push(m);
    else pairs.set(key, [m]);
  }
  const out = new Map<string, { current: M; stages: M[] }>();
  for (const [key, list] of pairs) {
    list.sort((a, b) => stageOrder.get(a.stageCode)! - stageOrder.get(b.stageCode)!);
    const current = list.find((m) => m.status !== "completed") ?? list[list.length - 1]!;
    if (matchesFilters(current, filters, today)) out.set(key, { current, stages: list });
  }
  return out;
}

/** The same filters as matchesFilters, as a database condition, for the queries that aggregate in SQL. */
function filterWhere(countryIds: string[], filters: DashboardFilters, today: string): Prisma.MilestoneWhereInput {
  return {
    countryId: { in: countryIds },
    ...(filters.sector ? { sectorId: filters.sector } : {}),
    ...(filters.stage ? { stageCode: filters.stage } : {}),
    ...(filters.status === "overdue" ? overdueMilestoneWhere(today) : filters.status ? { status: filters.status } : {}),
  };
}

function matchesFilters(m: PipelineRow, filters: DashboardFilters, today: string) {
  if (filters.stage && m.stageCode !== filters.stage) return false;
  if (filters.status === "overdue") return milestoneOverdue(m, today);
  return !filters.status || m.status === filters.status;
}

/**
 * Everything the dashboard shows, for one person and one set of filters:
 * one query for the milestones (the panels are computed from it, so they
 * agree), the last update per country aggregated in SQL (dates are the costly
 * cells to read), the changes, and the small reference lists. `today` is
 * injectable for tests.
 */
export async function dashboardData(actor: Actor, filters: DashboardFilters, today = overdueToday()) {
  const reference = await referenceData();
  const countryIds = visibleCountryIds(actor, reference.countries, filters.country);
  const since = filters.since && filters.since <= today ? filters.since : daysBefore(today, DEFAULT_CHANGES_DAYS);

  // All stages of the visible pairs are needed to know each pair's current
  // stage, so only country and sector narrow the query; stage and status are
  // applied below.
  const [milestones, lastUpdates, lastRegionalMeeting, plans] = await Promise.all([
    loadPipeline(countryIds, filters.sector),
    db.milestone.groupBy({
      by: ["countryId"],
      where: { AND: [filterWhere(countryIds, filters, today), { status: { not: "not_started" } }] },
      _max: { updatedAt: true },
    }),
    db.workshop.findFirst({
      where: { kind: "regional_meeting", startsOn: { lte: today } },
      orderBy: { startsOn: "desc" },
      select: { title: true, startsOn: true },
    }),
    db.actionPlan.findMany({
      where: { countryId: { in: countryIds } },
      orderBy: { periodStart: "desc" },
      select: { id: true, status: true, countryId: true },
    }),
  ]);

  const countryById = new Map(reference.countries.map((c) => [c.id, c]));
  const sectorById = new Map(reference.sectors.map((s) => [s.id, s]));
  const matching = milestones.filter((m) => matchesFilters(m, filters, today));

  // ── the country × sector matrix: each pair's current stage ──
  type MatrixCell = {
    milestoneId: string;
    stageCode: string;
    status: string;
    overdue: boolean;
    completedStages: number;
  };
  const cells: Record<string, MatrixCell> = {};
  const sectorIdsInMatrix = new Set<string>();
  for (const [key, { current, stages }] of currentStages(milestones, reference.stages, filters, today)) {
    cells[key] = {
      milestoneId: current.id,
      stageCode: current.stageCode,
      status: current.status,
      overdue: milestoneOverdue(current, today),
      completedStages: stages.filter((m) => m.status === "completed").length,
    };
    sectorIdsInMatrix.add(current.sectorId!);
  }
  const matrix = {
    countries: countryIds.map((id) => countryById.get(id)!),
    sectors: reference.sectors.filter((s) => sectorIdsInMatrix.has(s.id)),
    cells,
  };

  // ── per country: share completed, overdue, blocked, last update ──
  const currentPlan = new Map<string, { id: string; status: string }>();
  for (const p of plans)
    if (!currentPlan.has(p.countryId)) currentPlan.set(p.countryId, { id: p.id, status: p.status });
  const lastUpdate = new Map(lastUpdates.map((u) => [u.countryId, u._max.updatedAt]));
  const perCountry = countryIds.map((id) => {
    const own = matching.filter((m) => m.countryId === id);
    return {
      country: countryById.get(id)!,
      plan: currentPlan.get(id) ?? null,
      total: own.length,
      completed: own.filter((m) => m.status === "completed").length,
      overdue: own.filter((m) => milestoneOverdue(m, today)).length,
      blocked: own.filter((m) => m.status === "blocked").length,
      lastUpdate: lastUpdate.get(id) ?? null,
    };
  });

  // ── overdue and blocked milestones, most overdue first, blocked without a target last ──
  const describe = (m: PipelineRow) => ({
    id: m.id,
    country: countryById.get(m.countryId)!,
    sector: m.sectorId ? (sectorById.get(m.sectorId)?.name ?? null) : null,
    stageCode: m.stageCode,
    status: m.status,
    overdue: milestoneOverdue(m, today),
    targetOn: m.targetOn,
  });
  const countryOrder = new Map(countryIds.map((id, i) => [id, i]));
  const needingAttention = matching
    .filter((m) => m.status === "blocked" || milestoneOverdue(m, today))
    // Plain string comparison: ISO days sort correctly, and localeCompare (collation) costs
    // milliseconds over the thousand-odd overdue milestones of a large data set.
    .sort(
      (a, b) => compareDays(a.targetOn, b.targetOn) || countryOrder.get(a.countryId)! - countryOrder.get(b.countryId)!,
    );
  // The page lists the first ones; the milestone-list export (status "overdue" or "blocked") has them all.
  const attention = { total: needingAttention.length, items: needingAttention.slice(0, ATTENTION_SHOWN).map(describe) };

  // ── completed milestones per country by quarter (cumulative), by actual date ──
  // A day stored before forms kept days within 1990-2100 counts from 1990, not from the year it names.
  const completedOn = (m: PipelineRow) => (m.achievedOn! < FIRST_DAY ? FIRST_DAY : m.achievedOn!);
  const completedDays = matching.filter((m) => m.status === "completed" && m.achievedOn).map(completedOn);
  const firstQuarter = completedDays.length
    ? quarterOf(completedDays.reduce((a, b) => (a < b ? a : b)))
    : quarterOf(today);
  const quarters = quartersBetween(firstQuarter, quarterOf(today));
  const series = countryIds.map((id) => {
    const perQuarter = new Map<string, number>();
    for (const m of matching) {
      if (m.countryId === id && m.status === "completed" && m.achievedOn)
        perQuarter.set(quarterOf(completedOn(m)), (perQuarter.get(quarterOf(completedOn(m))) ?? 0) + 1);
    }
    let running = 0;
    return { country: countryById.get(id)!, cumulative: quarters.map((q) => (running += perQuarter.get(q) ?? 0)) };
  });

  const changes = await changesSince(
    countryIds,
    since,
    filters.sector || filters.stage || filters.status ? matching.map((m) => m.id) : null,
    new Map(milestones.map((m) => [m.id, m])),
    { countryById, sectorById },
  );

  return {
    today,
    since,
    lastRegionalMeeting,
    countries: countryIds.map((id) => countryById.get(id)!),
    /** for the country filter: every country the person may read, whatever is filtered */
    readableCountries: visibleCountryIds(actor, reference.countries, undefined).map((id) => countryById.get(id)!),
    reference,
    matrix,
    perCountry,
    attention,
    progress: { quarters, series },
    changes,
  };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;

/** At most this many changes are listed; the count says how many there were. */
export const CHANGES_SHOWN = 200;
/** At most this many overdue or blocked milestones are listed on the page. */
export const ATTENTION_SHOWN = 25;

/**
 * Milestone history rows since a day, newest first, each with who, when and
 * every field from → to; grouped by country in the dashboard's country order.
 * `milestoneIds` narrows to the milestones matching the sector/stage/status filters.
 */
async function changesSince(
  countryIds: string[],
  since: string,
  milestoneIds: string[] | null,
  milestones: Map<string, PipelineRow>,
  names: {
    countryById: Map<string, { id: string; code: string; name: string }>;
    sectorById: Map<string, { name: string }>;
  },
) {
  const where = {
    entityType: "milestone",
    createdAt: { gte: new Date(`${since}T00:00:00Z`) },
    countryId: { in: countryIds },
    ...(milestoneIds ? { entityId: { in: milestoneIds } } : {}),
  };
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CHANGES_SHOWN,
      select: {
        id: true,
        entityId: true,
        countryId: true,
        summary: true,
        changes: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  const groups = countryIds
    .map((countryId) => ({
      country: names.countryById.get(countryId)!,
      changes: events
        .filter((e) => e.countryId === countryId)
        .map((e) => {
          const milestone = milestones.get(e.entityId);
          const fields = e.changes ? (JSON.parse(e.changes) as Record<string, [unknown, unknown]>) : {};
          return {
            id: e.id,
            at: e.createdAt,
            who: e.actor?.name ?? null,
            // the stored summary only names a milestone that no longer exists
            summary: milestone ? null : e.summary,
            // null when the milestone no longer exists; the summary still names it
            milestone: milestone
              ? {
                  id: milestone.id,
                  stageCode: milestone.stageCode,
                  sector: milestone.sectorId ? (names.sectorById.get(milestone.sectorId)?.name ?? null) : null,
                }
              : null,
            fields: Object.entries(fields).map(([field, [from, to]]) => ({
              field,
              from: printable(from),
              to: printable(to),
            })),
          };
        }),
    }))
    .filter((g) => g.changes.length > 0);
  return { total, shown: events.length, groups };
}

const printable = (v: unknown) =>
  v === null || v === undefined || v === "" ? null : typeof v === "object" ? JSON.stringify(v) : String(v);

// ───────────────────────── CSV exports ─────────────────────────

function loadPipeline(countryIds: string[], sectorId: string | undefined): Promise<PipelineRow[]> {
  return db.milestone.findMany({
    where: { countryId: { in: countryIds }, ...(sectorId ? { sectorId } : {}) },
    select: {
      id: true,
      countryId: true,
      sectorId: true,
      stageCode: true,
      status: true,
      targetOn: true,
      achievedOn: true,
    },
  });
}

/** The visible countries' milestones with everything the exports show, narrowed to one sector when asked. */
function loadMilestones(countryIds: string[], sectorId: string | undefined): Promise<MilestoneRow[]> {
  return db.milestone.findMany({
    where: { countryId: { in: countryIds }, ...(sectorId ? { sectorId } : {}) },
    select: {
      id: true,
      countryId: true,
      sectorId: true,
      stageCode: true,
      status: true,
      startedOn: true,
      targetOn: true,
      achievedOn: true,
      aqrfLevel: true,
      partnerCountryId: true,
      updatedAt: true,
      updatedBy: { select: { name: true } },
    },
  });
}

/** Every milestone matching the filters, in country, sector and pipeline order: the milestone-list export. */
export async function dashboardMilestoneList(actor: Actor, filters: DashboardFilters, today = overdueToday()) {
  const reference = await referenceData();
  const countryIds = visibleCountryIds(actor, reference.countries, filters.country);
  const rows = await loadMilestones(countryIds, filters.sector);
  const countryOrder = new Map(reference.countries.map((c, i) => [c.id, i]));
  const sectorOrder = new Map(reference.sectors.map((s, i) => [s.id, i]));
  const stageOrder = new Map(reference.stages.map((s, i) => [s.code, i]));
  const countryById = new Map(reference.countries.map((c) => [c.id, c]));
  const sectorById = new Map(reference.sectors.map((s) => [s.id, s]));
  return rows
    .filter((m) => matchesFilters(m, filters, today))
    .sort(
      (a, b) =>
        countryOrder.get(a.countryId)! - countryOrder.get(b.countryId)! ||
        (a.sectorId ? sectorOrder.get(a.sectorId)! : -1) - (b.sectorId ? sectorOrder.get(b.sectorId)! : -1) ||
        stageOrder.get(a.stageCode)! - stageOrder.get(b.stageCode)!,
    )
    .map((m) => ({
      ...m,
      country: countryById.get(m.countryId)!,
      sector: m.sectorId ? (sectorById.get(m.sectorId)?.name ?? null) : null,
      partner: m.partnerCountryId ? (countryById.get(m.partnerCountryId)?.name ?? null) : null,
      overdue: milestoneOverdue(m, today),
    }));
}

/**
 * The matrix as rows: one per country × priority sector pair shown on the
 * dashboard, with its current stage and the status of every stage.
 */
export async function dashboardMatrixRows(actor: Actor, filters: DashboardFilters, today = overdueToday()) {
  const reference = await referenceData();
  const countryIds = visibleCountryIds(actor, reference.countries, filters.country);
  const pairs = currentStages(await loadPipeline(countryIds, filters.sector), reference.stages, filters, today);
  const sectorStages = reference.stages.filter((s) => s.scope === "sector");
  const rows = [];
  for (const country of reference.countries) {
    if (!countryIds.includes(country.id)) continue;
    for (const sector of reference.sectors) {
      const pair = pairs.get(`${country.id}:${sector.id}`);
      if (!pair) continue;
      const byStage = new Map(pair.stages.map((m) => [m.stageCode, m.status]));
      rows.push({
        country,
        sector: sector.name,
        currentStage: pair.current.stageCode,
        currentStatus: pair.current.status,
        overdue: milestoneOverdue(pair.current, today),
        stagesCompleted: pair.stages.filter((m) => m.status === "completed").length,
        stageStatuses: sectorStages.map((s) => byStage.get(s.code) ?? null),
      });
    }
  }
  return { sectorStages, rows };
}
