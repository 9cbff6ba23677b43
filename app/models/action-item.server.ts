import { InputRefused } from "~/domain/input-refused";
import { emit, type DomainEvent } from "~/events.server";
import { db, type Prisma } from "~/utils/db.server";
import { COUNTRY_SCOPED_ROLES, type ActionItemStatus } from "~/domain/vocabulary";
import { activityMessage } from "~/i18n/activity";
import { changedFields, recordAudit, type AuditInput, type ChangeAuthor } from "./audit.server";

/**
 * Action items of a country's plan as its editors write them (create, edit, progress,
 * remove, mark done with a milestone), each write with its owner and milestone checks.
 * Items born of a workshop's agreed action are written with their outcome, in
 * outcome-assignment.server.ts and outcome-items.server.ts.
 */

export type ItemProgressInput = { status: ActionItemStatus; progress: number; progressNote: string };
/** What a country may change of an item from its progress spreadsheet. */
export type ItemSheetInput = ItemProgressInput & { startsOn: string | null; dueOn: string | null };

export type ActionItemInput = ItemProgressInput & {
  activity: string;
  leadAgency: string;
  startsOn: string | null;
  dueOn: string | null;
  indicator: string;
  ownerId: string | null;
  milestoneId: string | null;
};

class ActionItemError extends InputRefused {}

/** Who may own an item: the active focal points and task-force members of the plan's country. */
function ownersOf(countryId: string) {
  return { status: "active", roles: { some: { role: { in: [...COUNTRY_SCOPED_ROLES] }, countryId } } };
}

/** Milestones of the plan's country, for linking items. */
export async function milestoneOptions(countryId: string) {
  const rows = await db.milestone.findMany({
    where: { countryId },
    orderBy: [{ sector: { sortOrder: "asc" } }, { stage: { sortOrder: "asc" } }],
    select: { id: true, stage: { select: { code: true, name: true } }, sector: { select: { code: true, name: true } } },
  });
  return rows;
}

/** The choices of an item's form: the country's milestones to link, and the people who may own it. */
export async function actionItemFormOptions(countryId: string) {
  const [milestones, owners] = await Promise.all([
    milestoneOptions(countryId),
    db.user.findMany({ where: ownersOf(countryId), orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { milestones, owners };
}

async function checkItem(countryId: string, input: ActionItemInput) {
  if (
    input.ownerId &&
    !(await db.user.findFirst({ where: { id: input.ownerId, ...ownersOf(countryId) }, select: { id: true } }))
  ) {
    throw new ActionItemError("ownerId", "validation.invalidChoice");
  }
  if (
    input.milestoneId &&
    !(await db.milestone.findFirst({ where: { id: input.milestoneId, countryId }, select: { id: true } }))
  ) {
    throw new ActionItemError("milestoneId", "validation.invalidChoice");
  }
}

export async function createActionItem(planId: string, input: ActionItemInput, actorId: string, requestId?: string) {
  const plan = await db.actionPlan.findUniqueOrThrow({
    where: { id: planId },
    select: { countryId: true, _count: { select: { items: true } } },
  });
  await checkItem(plan.countryId, input);
  const item = await db.$transaction(async (tx) => {
    const item = await tx.actionItem.create({
      data: { ...input, planId, sortOrder: plan._count.items, updatedById: actorId },
    });
    await recordAudit(tx, {
      actorId,
      action: "action_item.create",
      entityType: "action_item",
      entityId: item.id,
      countryId: plan.countryId,
      message: activityMessage("itemAdded", { activity: input.activity }),
      requestId,
    });
    return item;
  });
  await emit({
    type: "action-item.changed",
    countryId: plan.countryId,
    planId,
    itemId: item.id,
    ...(input.ownerId ? { assigned: { ownerId: input.ownerId, actorId } } : {}),
  });
  return item;
}

export async function updateActionItem(
  planId: string,
  itemId: string,
  input: ActionItemInput,
  actorId: string,
  requestId?: string,
) {
  const plan = await db.actionPlan.findUniqueOrThrow({ where: { id: planId }, select: { countryId: true } });
  await checkItem(plan.countryId, input);
  const previousOwnerId = await db.$transaction(async (tx) => {
    const before = await tx.actionItem.findFirst({ where: { id: itemId, planId } });
    if (!before) throw new ActionItemError("form", "errors.notFound");
    await tx.actionItem.update({ where: { id: itemId }, data: { ...input, updatedById: actorId } });
    await recordAudit(tx, {
      actorId,
      action: "action_item.update",
      entityType: "action_item",
      entityId: itemId,
      countryId: plan.countryId,
      message: activityMessage("itemUpdated", { activity: input.activity }),
      changes: changedFields(before, input),
      requestId,
    });
    return before.ownerId;
  });
  const newOwnerId = input.ownerId !== previousOwnerId ? input.ownerId : null;
  await emit({
    type: "action-item.changed",
    countryId: plan.countryId,
    planId,
    itemId,
    ...(newOwnerId ? { assigned: { ownerId: newOwnerId, actorId } } : {}),
  });
}

export async function deleteActionItem(planId: string, itemId: string, actorId: string, requestId?: string) {
  const plan = await db.actionPlan.findUniqueOrThrow({ where: { id: planId }, select: { countryId: true } });
  await db.$transaction(async (tx) => {
    const item = await tx.actionItem.findFirst({ where: { id: itemId, planId } });
    if (!item) return;
    await tx.outcomeAssignment.updateMany({ where: { actionItemId: itemId }, data: { actionItemId: null } });
    await tx.actionItem.delete({ where: { id: itemId } });
    await recordAudit(tx, {
      actorId,
      action: "action_item.delete",
      entityType: "action_item",
      entityId: itemId,
      countryId: plan.countryId,
      message: activityMessage("itemRemoved", { activity: item.activity }),
      requestId,
    });
  });
  await emit({ type: "action-item.changed", countryId: plan.countryId, planId, itemId });
}

/**
 * A progress update (status, progress and a note) from a list of items, recorded like any
 * other change of the item. Who may make it was checked on the item's plan (findItemScope).
 */
export async function updateActionItemProgress(
  item: { id: string; planId: string; countryId: string },
  input: ItemProgressInput,
  actorId: string,
  requestId?: string,
) {
  const changed = await db.$transaction((tx) => saveItemProgressIn(tx, item, input, { actorId, requestId }));
  if (changed) await emit(itemProgressEvent(item));
  return changed;
}

/** What a progress update announces once its transaction is committed. */
export const itemProgressEvent = (item: { id: string; planId: string; countryId: string }): DomainEvent => ({
  type: "action-item.changed",
  countryId: item.countryId,
  planId: item.planId,
  itemId: item.id,
});

/**
 * Writes an item's progress (and, from a spreadsheet, its dates) with its history row inside
 * `tx`. `expectedUpdatedAt`: the version the spreadsheet was exported at; an item saved since
 * is not overwritten (ItemChangedMeanwhile). False when nothing differed.
 */
async function saveItemProgressIn(
  tx: Prisma.TransactionClient,
  item: { id: string; countryId: string },
  input: ItemProgressInput | ItemSheetInput,
  author: ItemProgressAuthor,
) {
  const before = await tx.actionItem.findUniqueOrThrow({ where: { id: item.id } });
  const history = await writeItemProgressIn(tx, before, item.countryId, input, author);
  if (history) await recordAudit(tx, history);
  return history !== null;
}

type ItemProgressAuthor = ChangeAuthor & { fromSpreadsheet?: boolean; expectedUpdatedAt?: Date };

/**
 * The write of saveItemProgressIn for an item already read (`before`): returns the history row
 * to record, or null when nothing differed. A spreadsheet's rows read their items together and
 * record their history rows in one statement.
 */
export async function writeItemProgressIn(
  tx: Prisma.TransactionClient,
  before: Prisma.ActionItemModel,
  countryId: string,
  input: ItemProgressInput | ItemSheetInput,
  author: ItemProgressAuthor,
): Promise<AuditInput | null> {
  const changes = changedFields(before, input);
  if (Object.keys(changes).length === 0) return null;
  const { count } = await tx.actionItem.updateMany({
    where: { id: before.id, ...(author.expectedUpdatedAt ? { updatedAt: author.expectedUpdatedAt } : {}) },
    data: { ...input, updatedById: author.actorId },
  });
  if (count === 0) throw new ItemChangedMeanwhile(before.id);
  return {
    actorId: author.actorId,
    action: "action_item.update",
    entityType: "action_item",
    entityId: before.id,
    countryId,
    message: activityMessage(author.fromSpreadsheet ? "itemUpdatedFromSpreadsheet" : "itemUpdated", {
      activity: before.activity,
    }),
    changes,
    requestId: author.requestId,
  };
}

/** The item was saved by someone else after the version a change was based on; nothing was written. */
class ItemChangedMeanwhile extends Error {
  constructor(readonly itemId: string) {
    super("action item changed meanwhile");
  }
}

/** The action items linked to a milestone that are not done, for asking whether completing it finishes them too. */
export function openItemsOfMilestone(milestoneId: string) {
  return db.actionItem.findMany({
    where: { milestoneId, status: { not: "done" }, plan: { status: { not: "endorsed" } } },
    orderBy: [{ dueOn: "asc" }, { sortOrder: "asc" }],
    select: { id: true, activity: true, status: true, progress: true },
  });
}

/**
 * Marks done, inside the transaction that completes their milestone, the linked open items the
 * person ticked (ids of other milestones' items, done items or endorsed plans' are ignored).
 * Returns what changed, for the events to send once the transaction is committed.
 */
export async function markItemsDoneIn(
  tx: Prisma.TransactionClient,
  milestoneId: string,
  itemIds: string[],
  actorId: string,
  requestId?: string,
) {
  if (itemIds.length === 0) return [];
  const items = await tx.actionItem.findMany({
    where: { id: { in: itemIds }, milestoneId, status: { not: "done" }, plan: { status: { not: "endorsed" } } },
    select: {
      id: true,
      planId: true,
      activity: true,
      status: true,
      progress: true,
      plan: { select: { countryId: true } },
    },
  });
  for (const item of items) {
    const done = { status: "done", progress: 100 };
    await tx.actionItem.update({ where: { id: item.id }, data: { ...done, updatedById: actorId } });
    await recordAudit(tx, {
      actorId,
      action: "action_item.update",
      entityType: "action_item",
      entityId: item.id,
      countryId: item.plan.countryId,
      message: activityMessage("itemDoneWithMilestone", { activity: item.activity }),
      changes: changedFields(item, done),
      requestId,
    });
  }
  return items.map((i) => ({
    type: "action-item.changed" as const,
    countryId: i.plan.countryId,
    planId: i.planId,
    itemId: i.id,
  }));
}

/** An item with what permission checks need: its plan's country and status. */
export async function findItemScope(itemId: string) {
  const item = await db.actionItem.findUnique({
    where: { id: itemId },
    select: { id: true, planId: true, plan: { select: { countryId: true, status: true } } },
  });
  return item && { id: item.id, planId: item.planId, countryId: item.plan.countryId, planStatus: item.plan.status };
}

export function findActionItem(planId: string, itemId: string) {
  return db.actionItem.findFirst({ where: { id: itemId, planId } });
}
