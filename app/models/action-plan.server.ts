import { InputRefused } from "~/domain/input-refused";
import { emit, type DomainEvent } from "~/events.server";
import type { Actor } from "~/auth/permissions";
import { db, type Prisma } from "~/utils/db.server";
import { COUNTRY_SCOPED_ROLES, type ActionItemStatus, type PlanStatus } from "~/domain/vocabulary";
import { overdueToday } from "~/utils/format";
import { actionItemOverdue } from "~/domain/overdue";
import { activityMessage } from "~/i18n/activity";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import { keepVersionIn } from "./document-version.server";
import { readableCountryFilter } from "./country-scope.server";

export type PlanFilter = { countryId?: string; status?: PlanStatus };

/** Plans of the countries the person may read, with how many items are overdue. */
export async function listPlans(actor: Actor, filter: PlanFilter = {}) {
  const readable = readableCountryFilter(actor);
  const today = overdueToday();
  const plans = await db.actionPlan.findMany({
    where: {
      AND: [{ countryId: readable }, filter.countryId ? { countryId: filter.countryId } : {}],
      status: filter.status,
    },
    orderBy: [{ country: { sortOrder: "asc" } }, { periodStart: "desc" }],
    select: {
      id: true,
      title: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      updatedAt: true,
      country: { select: { id: true, code: true, name: true } },
      items: { select: { status: true, dueOn: true } },
    },
  });
  return plans.map(({ items, ...plan }) => ({
    ...plan,
    itemCount: items.length,
    overdueCount: items.filter((i) => actionItemOverdue(i, today)).length,
  }));
}

/** A plan with its items (its narrative is a co-edited document: app/collab/content.server.ts). */
export async function getPlanForReading(planId: string) {
  const plan = await db.actionPlan.findUnique({
    where: { id: planId },
    include: {
      country: { select: { id: true, code: true, name: true } },
      submittedBy: { select: { name: true } },
      endorsedBy: { select: { name: true } },
      items: {
        orderBy: { sortOrder: "asc" },
        include: {
          milestone: {
            select: {
              id: true,
              stage: { select: { code: true, name: true } },
              sector: { select: { code: true, name: true } },
            },
          },
          owner: { select: { id: true, name: true } },
          sourceOutcome: { select: { workshop: { select: { id: true, title: true } } } },
        },
      },
    },
  });
  if (!plan) return null;
  const today = overdueToday();
  const { items, ...rest } = plan;
  return {
    ...rest,
    items: items.map((i) => ({ ...i, overdue: actionItemOverdue(i, today) })),
  };
}

// ───────────────────────── workflow ─────────────────────────

/** draft → submitted → endorsed; a submitted plan can be withdrawn, an endorsed one reopened. */
export const PLAN_TRANSITIONS = {
  submit: { from: "draft", to: "submitted", action: "plan.submit" },
  withdraw: { from: "submitted", to: "draft", action: "plan.submit" },
  endorse: { from: "submitted", to: "endorsed", action: "plan.endorse" },
  reopen: { from: "endorsed", to: "draft", action: "plan.reopen" },
} as const;
export type PlanTransition = keyof typeof PLAN_TRANSITIONS;

export class PlanStateError extends Error {}

/** Moves a plan along PLAN_TRANSITIONS; submitting has its own page and function (submitPlan). */
export function changePlanStatus(
  planId: string,
  transition: Exclude<PlanTransition, "submit">,
  actorId: string,
  requestId?: string,
) {
  return transitionPlan(planId, transition, actorId, requestId);
}

/**
 * What a submission keeps: the narrative as it is now (`state`, from app/collab) under a name
 * in the person's language, and an optional covering note for the reviewers.
 */
export type PlanSubmission = { note: string | null; versionName: string; state: Uint8Array };

/**
 * Submits a plan for review and keeps its narrative as submitted, with the covering note, in
 * the same transaction: reviewers read that version while the country goes on editing.
 */
export function submitPlan(planId: string, submission: PlanSubmission, actorId: string, requestId?: string) {
  return transitionPlan(planId, "submit", actorId, requestId, (tx, plan) =>
    keepVersionIn(
      tx,
      plan.documentId,
      { name: submission.versionName, kind: "submitted", note: submission.note, state: submission.state },
      actorId,
    ),
  );
}

async function transitionPlan(
  planId: string,
  transition: PlanTransition,
  actorId: string,
  requestId: string | undefined,
  alsoInTransaction?: (tx: Prisma.TransactionClient, plan: { documentId: string }) => Promise<unknown>,
) {
  const step = PLAN_TRANSITIONS[transition];
  const plan = await db.$transaction(async (tx) => {
    // The status condition makes two simultaneous clicks change the plan once.
    const now = new Date();
    const { count } = await tx.actionPlan.updateMany({
      where: { id: planId, status: step.from },
      data: {
        status: step.to,
        ...(transition === "submit" ? { submittedAt: now, submittedById: actorId } : {}),
        ...(transition === "endorse" ? { endorsedAt: now, endorsedById: actorId } : {}),
        ...(transition === "reopen" || transition === "withdraw" ? { endorsedAt: null, endorsedById: null } : {}),
      },
    });
    if (count !== 1) throw new PlanStateError(`The plan is not ${step.from} any more.`);
    const plan = await tx.actionPlan.findUniqueOrThrow({
      where: { id: planId },
      select: { id: true, countryId: true, documentId: true, title: true },
    });
    await alsoInTransaction?.(tx, plan);
    await recordAudit(tx, {
      actorId,
      action: `plan.${transition}`,
      entityType: "action_plan",
      entityId: planId,
      countryId: plan.countryId,
      summary: `${plan.title}: ${step.from} → ${step.to}`,
      changes: { status: [step.from, step.to] },
      requestId,
    });
    return plan;
  });
  await emit({
    type: "plan.status-changed",
    countryId: plan.countryId,
    planId: plan.id,
    documentId: plan.documentId,
    transition,
    actorId,
  });
}

// ───────────────────────── action items ─────────────────────────

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
export async function saveItemProgressIn(
  tx: Prisma.TransactionClient,
  item: { id: string; countryId: string },
  input: ItemProgressInput | ItemSheetInput,
  author: ChangeAuthor & { fromSpreadsheet?: boolean; expectedUpdatedAt?: Date },
) {
  const before = await tx.actionItem.findUniqueOrThrow({ where: { id: item.id } });
  const changes = changedFields(before, input);
  if (Object.keys(changes).length === 0) return false;
  const { count } = await tx.actionItem.updateMany({
    where: { id: item.id, ...(author.expectedUpdatedAt ? { updatedAt: author.expectedUpdatedAt } : {}) },
    data: { ...input, updatedById: author.actorId },
  });
  if (count === 0) throw new ItemChangedMeanwhile(item.id);
  await recordAudit(tx, {
    actorId: author.actorId,
    action: "action_item.update",
    entityType: "action_item",
    entityId: item.id,
    countryId: item.countryId,
    message: activityMessage(author.fromSpreadsheet ? "itemUpdatedFromSpreadsheet" : "itemUpdated", {
      activity: before.activity,
    }),
    changes,
    requestId: author.requestId,
  });
  return true;
}

/** The item was saved by someone else after the version a change was based on; nothing was written. */
export class ItemChangedMeanwhile extends Error {
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

/** The plan an item belongs to, with what permission checks need. */
export function findPlanSummary(planId: string) {
  return db.actionPlan.findUnique({
    where: { id: planId },
    select: {
      id: true,
      title: true,
      status: true,
      countryId: true,
      documentId: true,
      country: { select: { name: true, code: true } },
    },
  });
}

// ───────────────────────── new plans ─────────────────────────

export type NewPlanInput = { countryId: string; title: string; periodStart: number; periodEnd: number };

/** A plan with an empty narrative document, for a country and period that has none yet. */
export async function createPlan(input: NewPlanInput, actorId: string, requestId?: string) {
  const existing = await db.actionPlan.findFirst({
    where: { countryId: input.countryId, periodStart: input.periodStart, periodEnd: input.periodEnd },
  });
  if (existing) throw new InputRefused("periodStart", "plans:create.duplicate");
  const plan = await db.$transaction(async (tx) => {
    const document = await tx.collaborativeDocument.create({ data: { kind: "action_plan_narrative" } });
    const plan = await tx.actionPlan.create({ data: { ...input, documentId: document.id, createdById: actorId } });
    await recordAudit(tx, {
      actorId,
      action: "plan.create",
      entityType: "action_plan",
      entityId: plan.id,
      countryId: input.countryId,
      message: activityMessage("planCreated", {
        title: input.title,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
      }),
      requestId,
    });
    return plan;
  });
  await emit({ type: "plan.changed", countryId: plan.countryId, planId: plan.id });
  return plan;
}
