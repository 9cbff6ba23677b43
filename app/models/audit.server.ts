import { storedActivity, type ActivityMessage } from "~/i18n/activity";
import { translatorFor } from "~/i18n/translate.server";
import type { Prisma } from "~/utils/db.server";
import { db } from "~/utils/db.server";

type Tx = Prisma.TransactionClient | typeof db;

/** Who makes a change, and the request it came in: what every audited write needs to know. */
export type ChangeAuthor = { actorId: string; requestId?: string | null };

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  countryId?: string | null;
  changes?: Record<string, [unknown, unknown]>;
  requestId?: string | null;
  /** What activity feeds show, in each reader's language; its English rendering is kept as the summary. */
  message: ActivityMessage;
};

/** One history row per write, inside the same transaction as the write itself. */
export async function recordAudit(tx: Tx, input: AuditInput) {
  return tx.auditEvent.create({ data: auditRow(await translatorFor("en"), input) });
}

/** The history rows of many writes of one transaction (a spreadsheet's rows) in one statement. */
export async function recordAudits(tx: Tx, inputs: AuditInput[]) {
  if (inputs.length === 0) return;
  const t = await translatorFor("en");
  await tx.auditEvent.createMany({ data: inputs.map((input) => auditRow(t, input)) });
}

function auditRow(english: Awaited<ReturnType<typeof translatorFor>>, input: AuditInput) {
  return {
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    countryId: input.countryId ?? null,
    ...storedActivity(english, input.message),
    changes: input.changes && Object.keys(input.changes).length > 0 ? JSON.stringify(input.changes) : null,
    requestId: input.requestId ?? null,
  };
}

/** The fields whose values differ, as { field: [before, after] }. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = [from, to];
  }
  return changes;
}

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  countryId?: string;
  afterId?: string;
  take?: number;
};

/** Newest first; `afterId` (the last event of the previous page) continues from there without skipping same-time events. */
export async function listAuditEvents(filter: AuditFilter = {}) {
  const take = Math.min(filter.take ?? 50, 200);
  const rows = await db.auditEvent.findMany({
    where: {
      entityType: filter.entityType,
      entityId: filter.entityId,
      actorId: filter.actorId,
      countryId: filter.countryId,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(filter.afterId ? { cursor: { id: filter.afterId }, skip: 1 } : {}),
    take: take + 1,
    include: { actor: { select: { id: true, name: true } }, country: { select: { code: true, name: true } } },
  });
  return { events: rows.slice(0, take), hasMore: rows.length > take };
}

/** What an activity feed shows of a history row: what, who, when and where. */
const activitySelect = {
  id: true,
  summary: true,
  messageKey: true,
  messageParams: true,
  createdAt: true,
  actor: { select: { name: true } },
  country: { select: { code: true } },
} as const;

/** The latest changes in the countries a person may read (all changes for those who read every country). */
export async function recentActivity(countryFilter: { in: string[] } | undefined, take = 10) {
  return activityFeed(countryFilter ? { countryId: countryFilter } : { countryId: { not: null } }, take);
}

/** The newest `take` history rows matching `where`, for an activity feed. */
export function activityFeed(where: Prisma.AuditEventWhereInput, take: number) {
  return db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: activitySelect,
  });
}

/** The kinds of record and the people that appear in the history, for its filters. */
export async function listAuditFilterOptions() {
  const [entityTypes, actors] = await Promise.all([
    db.auditEvent.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
    db.user.findMany({
      where: { auditEvents: { some: {} } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { entityTypes: entityTypes.map((e) => e.entityType), actors };
}
