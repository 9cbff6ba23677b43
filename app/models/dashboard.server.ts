/**
 * The Secretariat's monitoring dashboard and its CSV exports, built from the
 * shared read models (progress, attention, changes since a date). Every query
 * is limited to the countries the person may read.
 */
import { redirect } from "@remix-run/node";
import { readableCountryIds, type Actor } from "~/auth/permissions";
import { db, type Prisma } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { milestoneOverdue } from "~/domain/overdue";
import {
  MILESTONE_STATUSES,
  parseWord,
  PLAN_STATUSES,
  type MilestoneStatus,
  type PlanStatus,
} from "~/domain/vocabulary";
import { ATTENTION_SHOWN, needingAttention } from "./attention.server";
import { changesSince } from "./changes.server";
import { overdueMilestoneWhere } from "./overdue.server";
import { completedByQuarter, countProgress } from "./progress.server";
import {
  DEFAULT_CHANGES_DAYS,
  filteredCountryCodes,
  parseDashboardFilters,
  type DashboardFilters,
} from "~/forms/dashboard-filters";

// ───────────────────────── the monitoring dashboard ─────────────────────────

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** What every panel needs of a milestone. Few columns on purpose: the dashboard reads every milestone of the visible countries. */
type PipelineRow = {
  id: string;
  countryId: string;
  sectorId: string | null;
  stageCode: string;
  status: MilestoneStatus;
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

/** Reference data the dashboard names things with and checks its URL's codes against; small and read once per request. */
export async function dashboardReferenceData() {
  const [countries, sectors, stages] = await Promise.all([
    db.country.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } }),
    db.sector.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } }),
    db.milestoneStage.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, scope: true, name: true } }),
  ]);
  return { countries, sectors, stages };
}

/**
 * The filters of a dashboard, export or milestones address, checked against
 * the reference data. An old link carrying internal ids is answered with a
 * redirect to the same view's readable address.
 */
export async function dashboardFiltersFrom(request: Request) {
  const url = new URL(request.url);
  const parsed = parseDashboardFilters(url, await dashboardReferenceData());
  if (parsed.redirectSearch !== null) throw redirect(`${url.pathname}${parsed.redirectSearch}`);
  return { filters: parsed.filters, unknown: parsed.unknown };
}

/**
 * The countries a person sees on the dashboard: the readable ones, narrowed to
 * the country filter. A filter naming a country the person may not read gives
 * none, never that country.
 */
function visibleCountryIds(
  actor: Actor,
  countries: { id: string; code: string }[],
  filters: Pick<DashboardFilters, "country">,
): string[] {
  const readable = readableCountryIds(actor);
  const wanted = filteredCountryCodes(filters);
  return countries
    .filter(
      (c) =>
        (readable === "all" || readable.includes(c.id)) && (!wanted.length || wanted.includes(c.code.toLowerCase())),
    )
    .map((c) => c.id);
}

/** The ids of the sectors the filter names, or undefined for every sector. */
function filteredSectorIds(sectors: { id: string; code: string }[], filters: DashboardFilters): string[] | undefined {
  return filters.sector.length ? sectors.filter((s) => filters.sector.includes(s.code)).map((s) => s.id) : undefined;
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
function filterWhere(
  countryIds: string[],
  sectorIds: string[] | undefined,
  filters: DashboardFilters,
  today: string,
): Prisma.MilestoneWhereInput {
  const statuses = filters.status.filter((s) => s !== "overdue");
  const statusWhere: Prisma.MilestoneWhereInput[] = [
    ...(statuses.length ? [{ status: { in: statuses } }] : []),
    ...(filters.status.includes("overdue") ? [overdueMilestoneWhere(today)] : []),
  ];
  return {
    ...milestonesOf(countryIds, sectorIds),
    ...(filters.stage.length ? { stageCode: { in: filters.stage } } : {}),
    ...(statusWhere.length ? { OR: statusWhere } : {}),
  };
}

/** Values of one filter are alternatives: "blocked,overdue" is what is blocked or overdue. */
function matchesFilters(m: PipelineRow, filters: DashboardFilters, today: string) {
  if (filters.stage.length && !filters.stage.includes(m.stageCode)) return false;
  if (!filters.status.length) return true;
  return filters.status.some((s) => (s === "overdue" ? milestoneOverdue(m, today) : m.status === s));
}

/**
 * Everything the dashboard shows, for one person and one set of filters:
 * one query for the milestones (the panels are computed from it, so they
 * agree), the last update per country aggregated in SQL (dates are the costly
 * cells to read), the changes, and the small reference lists. `today` is
 * injectable for tests.
 */
export async function dashboardData(actor: Actor, filters: DashboardFilters, today = overdueToday()) {
  const reference = await dashboardReferenceData();
  const countryIds = visibleCountryIds(actor, reference.countries, filters);
  const sectorIds = filteredSectorIds(reference.sectors, filters);
  const since = filters.since && filters.since <= today ? filters.since : daysBefore(today, DEFAULT_CHANGES_DAYS);

  // All stages of the visible pairs are needed to know each pair's current
  // stage, so only country and sector narrow the query; stage and status are
  // applied below.
  const [milestones, lastUpdates, lastRegionalMeeting, plans] = await Promise.all([
    loadPipeline(countryIds, sectorIds),
    db.milestone.groupBy({
      by: ["countryId"],
      where: { AND: [filterWhere(countryIds, sectorIds, filters, today), { status: { not: "not_started" } }] },
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
    status: MilestoneStatus;
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
  const currentPlan = new Map<string, { id: string; status: PlanStatus }>();
  for (const p of plans)
    if (!currentPlan.has(p.countryId))
      currentPlan.set(p.countryId, { id: p.id, status: parseWord(PLAN_STATUSES, p.status) });
  const lastUpdate = new Map(lastUpdates.map((u) => [u.countryId, u._max.updatedAt]));
  const perCountry = countryIds.map((id) => ({
    country: countryById.get(id)!,
    plan: currentPlan.get(id) ?? null,
    ...countProgress(
      matching.filter((m) => m.countryId === id),
      today,
    ),
    lastUpdate: lastUpdate.get(id) ?? null,
  }));

  // ── overdue and blocked milestones ──
  // The page lists the first ones; the milestone-list export (status "overdue" or "blocked") has them all.
  const attentionRows = needingAttention(matching, countryIds, today);
  const attention = {
    total: attentionRows.length,
    items: attentionRows.slice(0, ATTENTION_SHOWN).map((m) => ({
      id: m.id,
      country: countryById.get(m.countryId)!,
      sector: m.sectorId ? (sectorById.get(m.sectorId) ?? null) : null,
      stageCode: m.stageCode,
      status: m.status,
      overdue: milestoneOverdue(m, today),
      targetOn: m.targetOn,
    })),
  };

  // ── completed milestones per country by quarter (cumulative), by actual date ──
  const completed = completedByQuarter(matching, countryIds, today);
  const progress = {
    quarters: completed.quarters,
    series: completed.series.map((s) => ({ country: countryById.get(s.countryId)!, cumulative: s.cumulative })),
  };

  const changes = await changesSince(
    countryIds.map((id) => countryById.get(id)!),
    since,
    filters.sector.length || filters.stage.length || filters.status.length ? matching.map((m) => m.id) : null,
  );

  return {
    today,
    since,
    lastRegionalMeeting,
    countries: countryIds.map((id) => countryById.get(id)!),
    /** for the country filter: every country the person may read, whatever is filtered */
    readableCountries: visibleCountryIds(actor, reference.countries, { country: [] }).map((id) => countryById.get(id)!),
    reference,
    matrix,
    perCountry,
    attention,
    progress,
    changes,
  };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;

// ───────────────────────── CSV exports ─────────────────────────

/** The milestones of these countries, of these sectors when asked. */
const milestonesOf = (countryIds: string[], sectorIds: string[] | undefined) => ({
  countryId: { in: countryIds },
  ...(sectorIds ? { sectorId: { in: sectorIds } } : {}),
});
/** What a milestone's place in the pipeline needs: where it is, its stage, its status and its days. */
const PIPELINE_FIELDS = {
  id: true,
  countryId: true,
  sectorId: true,
  stageCode: true,
  status: true,
  targetOn: true,
  achievedOn: true,
} as const;

async function loadPipeline(countryIds: string[], sectorIds: string[] | undefined): Promise<PipelineRow[]> {
  const rows = await db.milestone.findMany({ where: milestonesOf(countryIds, sectorIds), select: PIPELINE_FIELDS });
  return rows.map((m) => ({ ...m, status: parseWord(MILESTONE_STATUSES, m.status) }));
}

/** The visible countries' milestones with everything the exports show, narrowed to the filtered sectors. */
async function loadMilestones(countryIds: string[], sectorIds: string[] | undefined): Promise<MilestoneRow[]> {
  const rows = await db.milestone.findMany({
    where: milestonesOf(countryIds, sectorIds),
    select: {
      ...PIPELINE_FIELDS,
      startedOn: true,
      aqrfLevel: true,
      partnerCountryId: true,
      updatedAt: true,
      updatedBy: { select: { name: true } },
    },
  });
  return rows.map((m) => ({ ...m, status: parseWord(MILESTONE_STATUSES, m.status) }));
}

/** Every milestone matching the filters, in country, sector and pipeline order: the milestone-list export. */
export async function dashboardMilestoneList(actor: Actor, filters: DashboardFilters, today = overdueToday()) {
  const reference = await dashboardReferenceData();
  const countryIds = visibleCountryIds(actor, reference.countries, filters);
  const rows = await loadMilestones(countryIds, filteredSectorIds(reference.sectors, filters));
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
      sector: m.sectorId ? (sectorById.get(m.sectorId) ?? null) : null,
      partner: m.partnerCountryId ? (countryById.get(m.partnerCountryId) ?? null) : null,
      overdue: milestoneOverdue(m, today),
    }));
}

/**
 * The matrix as rows: one per country × priority sector pair shown on the
 * dashboard, with its current stage and the status of every stage.
 */
export async function dashboardMatrixRows(actor: Actor, filters: DashboardFilters, today = overdueToday()) {
  const reference = await dashboardReferenceData();
  const countryIds = visibleCountryIds(actor, reference.countries, filters);
  const pipeline = await loadPipeline(countryIds, filteredSectorIds(reference.sectors, filters));
  const pairs = currentStages(pipeline, reference.stages, filters, today);
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
        sector,
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
