import { InputRefused } from "~/domain/input-refused";
import { emit } from "~/events.server";
import type { Actor } from "~/auth/permissions";
import { db, type Prisma } from "~/utils/db.server";
import { RETURN_REMARK_MAX, type PlanStatus } from "~/domain/vocabulary";
import { overdueToday } from "~/utils/format";
import { actionItemOverdue } from "~/domain/overdue";
import { activityMessage } from "~/i18n/activity";
import { recordAudit } from "./audit.server";
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
      submittedAt: true,
      country: { select: { id: true, code: true, name: true } },
      items: { select: { status: true, dueOn: true } },
      returns: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
    },
  });
  return plans.map(({ items, returns, submittedAt, ...plan }) => ({
    ...plan,
    returned: returnStands(plan.status, submittedAt, returns[0]?.createdAt),
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

/**
 * draft → submitted → endorsed; a submitted plan can be withdrawn by its country or returned with
 * comments by a reviewer (returnPlan), an endorsed one reopened.
 */
export const PLAN_TRANSITIONS = {
  submit: { from: "draft", to: "submitted", action: "plan.submit" },
  withdraw: { from: "submitted", to: "draft", action: "plan.submit" },
  return: { from: "submitted", to: "draft", action: "plan.endorse" },
  endorse: { from: "submitted", to: "endorsed", action: "plan.endorse" },
  reopen: { from: "endorsed", to: "draft", action: "plan.reopen" },
} as const;
export type PlanTransition = keyof typeof PLAN_TRANSITIONS;

export class PlanStateError extends Error {}

/** Transitions that ask for something first, each on its own page and with its own function. */
export const PLAN_TRANSITIONS_WITH_A_PAGE = ["submit", "return"] as const satisfies readonly PlanTransition[];

/** Moves a plan along PLAN_TRANSITIONS; submitting and returning have their own (submitPlan, returnPlan). */
export function changePlanStatus(
  planId: string,
  transition: Exclude<PlanTransition, (typeof PLAN_TRANSITIONS_WITH_A_PAGE)[number]>,
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

/**
 * Sends a submitted plan back to its country as a draft with the reviewer's covering remark, kept
 * with who returned it and when in the same transaction. `openThreads`: how many comment threads
 * on the plan were open (issue 16's anchored comments fill it in; 0 until they exist).
 */
export async function returnPlan(
  planId: string,
  { remark, openThreads = 0 }: { remark: string; openThreads?: number },
  actorId: string,
  requestId?: string,
) {
  const trimmed = remark.trim();
  if (!trimmed) throw new InputRefused("remark", "common:validation.required");
  if (trimmed.length > RETURN_REMARK_MAX)
    throw new InputRefused("remark", "common:validation.tooLong", { max: RETURN_REMARK_MAX });
  return transitionPlan(planId, "return", actorId, requestId, (tx, plan) =>
    tx.planReturn.create({ data: { planId: plan.id, remark: trimmed, openThreads, returnedById: actorId } }),
  );
}

/**
 * The plan's last return while it still stands: the plan is a draft that has not been submitted
 * again since (a plan withdrawn after a later submission is a plain draft).
 */
export async function findStandingReturn(plan: { id: string; status: string; submittedAt: Date | null }) {
  if (plan.status !== "draft") return null;
  const last = await db.planReturn.findFirst({
    where: { planId: plan.id },
    orderBy: { createdAt: "desc" },
    select: { remark: true, openThreads: true, createdAt: true, returnedBy: { select: { name: true } } },
  });
  return last && returnStands(plan.status, plan.submittedAt, last.createdAt) ? last : null;
}

/** A return stands while the plan is a draft not submitted again since it was returned. */
function returnStands(status: string, submittedAt: Date | null, returnedAt: Date | undefined) {
  return status === "draft" && returnedAt !== undefined && (!submittedAt || returnedAt >= submittedAt);
}

async function transitionPlan(
  planId: string,
  transition: PlanTransition,
  actorId: string,
  requestId: string | undefined,
  alsoInTransaction?: (tx: Prisma.TransactionClient, plan: { id: string; documentId: string }) => Promise<unknown>,
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
      message: activityMessage("planStatusChanged", {
        title: plan.title,
        from: { planStatus: step.from },
        to: { planStatus: step.to },
      }),
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
