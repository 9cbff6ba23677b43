/**
 * A Member State's brief for a regional meeting (issue 13, decision 023), counted from the records
 * at the moment it is read: the plan and its progress, the milestones that moved since the last
 * meeting, what is overdue and blocked, what became of the last meeting's agreed actions for the
 * country, what the country asked for, and its focal point's note. Language-neutral data (codes,
 * statuses, days) so that the page, the DOCX and the XLSX render it in the reader's language and a
 * frozen brief can be stored as it was sent. Every query is filtered by the one country's id.
 */
import { ACTION_ITEM_FINISHED, actionItemOverdue, milestoneOverdue } from "~/domain/overdue";
import { db } from "~/utils/db.server";
import { countProgress } from "./progress.server";

type Coded = { code: string; name: string };
type MilestoneName = { sector: Coded | null; stage: Coded };

export type CountryBrief = {
  country: { id: string; code: string; name: string };
  plan: {
    title: string;
    status: string;
    periodStart: number;
    periodEnd: number;
    items: number;
    itemsDone: number;
    /** the items' average progress, 0-100 */
    progress: number;
  } | null;
  milestones: { total: number; completed: number; blocked: number; overdue: number };
  /** milestones whose status moved between "since" and the meeting, before → after, by the day of the last move */
  moved: (MilestoneName & { on: string; from: string | null; to: string | null })[];
  overdueMilestones: (MilestoneName & { targetOn: string; status: string })[];
  blockedMilestones: (MilestoneName & { notes: string })[];
  overdueItems: { activity: string; dueOn: string; status: string; progress: number }[];
  /** the previous meeting's agreed actions assigned to the country; item null when none is in its plan */
  agreedActions: {
    text: string;
    dueOn: string | null;
    item: { activity: string; status: string; progress: number; dueOn: string | null; overdue: boolean } | null;
  }[];
  /** comments the country's focal points and task force wrote on its records between "since" and the meeting */
  requests: { on: string; who: string; body: string }[];
  note: { body: string; by: string | null; on: string } | null;
};

/** What a brief covers: changes from `since` up to the meeting's day; overdue as of `today`. */
export type BriefWindow = { since: string; meetingOn: string; today: string; previousMeetingId: string | null };

/** At most this many requests per brief: a brief is one page. */
const REQUESTS_SHOWN = 8;
/** The roles whose comments are the country speaking. */
const COUNTRY_VOICES = ["focal_point", "task_force"];

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

async function planOf(countryId: string): Promise<CountryBrief["plan"]> {
  const plan = await db.actionPlan.findFirst({
    where: { countryId },
    orderBy: { periodStart: "desc" },
    select: {
      title: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      items: { select: { status: true, progress: true } },
    },
  });
  if (!plan) return null;
  const { items, ...rest } = plan;
  const progress = items.length ? Math.round(items.reduce((sum, i) => sum + i.progress, 0) / items.length) : 0;
  return {
    ...rest,
    items: items.length,
    itemsDone: items.filter((i) => i.status === ACTION_ITEM_FINISHED).length,
    progress,
  };
}

async function milestonesOf(countryId: string, today: string) {
  const milestones = await db.milestone.findMany({
    where: { countryId },
    orderBy: [{ sector: { sortOrder: "asc" } }, { stage: { sortOrder: "asc" } }],
    select: {
      status: true,
      targetOn: true,
      notes: true,
      stage: { select: { code: true, name: true } },
      sector: { select: { code: true, name: true } },
    },
  });
  return {
    counts: countProgress(milestones, today),
    overdue: milestones
      .filter((m) => milestoneOverdue(m, today))
      .map((m) => ({ sector: m.sector, stage: m.stage, targetOn: m.targetOn!, status: m.status })),
    blocked: milestones
      .filter((m) => m.status === "blocked")
      .map((m) => ({ sector: m.sector, stage: m.stage, notes: m.notes })),
  };
}

/**
 * Every milestone whose status moved between "since" and the meeting, once, as its status before
 * the first move → after the last, on the day of the last; a milestone that came back to where it
 * was has not moved. Read from the milestone history (the rows "changes since" lists): the first
 * and last status change of each milestone in the window, so ten years of history cost a few
 * hundred rows rather than every change.
 */
async function movedOf(countryId: string, window: BriefWindow) {
  const where = {
    entityType: "milestone",
    countryId,
    createdAt: { gte: new Date(`${window.since}T00:00:00Z`), lt: new Date(`${window.meetingOn}T00:00:00Z`) },
    changes: { contains: '"status"' },
  };
  const spans = await db.auditEvent.groupBy({
    by: ["entityId"],
    where,
    _min: { createdAt: true },
    _max: { createdAt: true },
  });
  if (spans.length === 0) return [];
  const ends = await db.auditEvent.findMany({
    where: {
      ...where,
      entityId: { in: spans.map((s) => s.entityId) },
      createdAt: { ...where.createdAt, in: spans.flatMap((s) => [s._min.createdAt!, s._max.createdAt!]) },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { entityId: true, changes: true, createdAt: true },
  });
  const statusOf = (changes: string | null) => {
    const status = changes ? (JSON.parse(changes) as Record<string, [unknown, unknown]>).status : undefined;
    return (status ?? [null, null]).map((v) => (typeof v === "string" && v ? v : null)) as [
      string | null,
      string | null,
    ];
  };
  const moves = new Map<string, { from: string | null; to: string | null; at: Date }>();
  for (const span of spans) {
    const own = ends.filter((e) => e.entityId === span.entityId);
    const first = own.find((e) => e.createdAt.getTime() === span._min.createdAt!.getTime());
    const last = own.findLast((e) => e.createdAt.getTime() === span._max.createdAt!.getTime());
    if (first && last)
      moves.set(span.entityId, { from: statusOf(first.changes)[0], to: statusOf(last.changes)[1], at: last.createdAt });
  }
  const moved = [...moves].filter(([, m]) => m.from !== m.to);
  const milestones = new Map(
    (
      await db.milestone.findMany({
        where: { id: { in: moved.map(([id]) => id) } },
        select: {
          id: true,
          stage: { select: { code: true, name: true } },
          sector: { select: { code: true, name: true } },
        },
      })
    ).map((m) => [m.id, m]),
  );
  return moved
    .flatMap(([id, m]) => {
      const milestone = milestones.get(id);
      return milestone
        ? [{ sector: milestone.sector, stage: milestone.stage, from: m.from, to: m.to, on: dayOf(m.at) }]
        : [];
    })
    .sort((a, b) => a.on.localeCompare(b.on));
}

async function overdueItemsOf(countryId: string, today: string) {
  const items = await db.actionItem.findMany({
    where: { plan: { countryId }, status: { not: ACTION_ITEM_FINISHED }, dueOn: { lt: today } },
    orderBy: { dueOn: "asc" },
    select: { activity: true, dueOn: true, status: true, progress: true },
  });
  return items.map((i) => ({ ...i, dueOn: i.dueOn! }));
}

async function agreedActionsOf(countryId: string, window: BriefWindow, today: string) {
  if (!window.previousMeetingId) return [];
  const assignments = await db.outcomeAssignment.findMany({
    where: { countryId, outcome: { workshopId: window.previousMeetingId, kind: "agreed_action" } },
    orderBy: { outcome: { createdAt: "asc" } },
    select: {
      outcome: { select: { text: true, dueOn: true } },
      actionItem: { select: { activity: true, status: true, progress: true, dueOn: true } },
    },
  });
  return assignments.map(({ outcome, actionItem }) => ({
    ...outcome,
    item: actionItem ? { ...actionItem, overdue: actionItemOverdue(actionItem, today) } : null,
  }));
}

async function requestsOf(countryId: string, window: BriefWindow) {
  const comments = await db.comment.findMany({
    where: {
      countryId,
      deletedAt: null,
      createdAt: { gte: new Date(`${window.since}T00:00:00Z`), lt: new Date(`${window.meetingOn}T00:00:00Z`) },
      author: { roles: { some: { countryId, role: { in: COUNTRY_VOICES } } } },
    },
    orderBy: { createdAt: "desc" },
    take: REQUESTS_SHOWN,
    select: { body: true, createdAt: true, author: { select: { name: true } } },
  });
  return comments.map((c) => ({ on: dayOf(c.createdAt), who: c.author.name, body: c.body }));
}

/** One country's brief; `note` is the focal point's note for this meeting, when written. */
async function composeCountryBrief(
  country: CountryBrief["country"],
  window: BriefWindow,
  note: CountryBrief["note"],
): Promise<CountryBrief> {
  const [plan, milestones, moved, overdueItems, agreedActions, requests] = await Promise.all([
    planOf(country.id),
    milestonesOf(country.id, window.today),
    movedOf(country.id, window),
    overdueItemsOf(country.id, window.today),
    agreedActionsOf(country.id, window, window.today),
    requestsOf(country.id, window),
  ]);
  return {
    country,
    plan,
    milestones: milestones.counts,
    moved,
    overdueMilestones: milestones.overdue,
    blockedMilestones: milestones.blocked,
    overdueItems,
    agreedActions,
    requests,
    note,
  };
}

/** Every country's brief, in the countries' order. */
export async function composeBriefs(
  countries: readonly CountryBrief["country"][],
  window: BriefWindow,
  notes: ReadonlyMap<string, NonNullable<CountryBrief["note"]>>,
): Promise<CountryBrief[]> {
  const briefs: CountryBrief[] = [];
  // One country at a time: SQLite answers on one connection, and ten at once only queue.
  for (const country of countries)
    briefs.push(await composeCountryBrief(country, window, notes.get(country.id) ?? null));
  return briefs;
}

/** The figures of the regional pack's summary table, one row per brief. */
export function briefFigures(brief: CountryBrief) {
  return {
    milestonesCompleted: brief.milestones.completed,
    milestonesTotal: brief.milestones.total,
    moved: brief.moved.length,
    overdue: brief.overdueMilestones.length + brief.overdueItems.length,
    blocked: brief.blockedMilestones.length,
    agreedDone: brief.agreedActions.filter((a) => a.item?.status === ACTION_ITEM_FINISHED).length,
    agreedTotal: brief.agreedActions.length,
    requests: brief.requests.length,
  };
}
