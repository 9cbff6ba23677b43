import { emit, type DomainEvent } from "~/events.server";
import { can, type Actor } from "~/auth/permissions";
import { db, type Prisma } from "~/utils/db.server";
import { InputRefused } from "~/domain/input-refused";
import type { OutcomeKind } from "~/domain/vocabulary";
import { formatDay, todayIn, overdueToday } from "~/utils/format";
import { actionItemOverdue } from "~/domain/overdue";
import { milestoneOptions } from "./action-plan.server";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";

/**
 * A workshop's outcomes: decisions, agreed actions and the minutes.
 *
 * An agreed action assigned to a country becomes an action item in that
 * country's current plan, with the workshop as its source; the assignment keeps
 * the link, so the workshop shows what became of it. The routes check
 * `workshop.manage` before calling anything here that writes.
 */

export type OutcomeInput = {
  kind: OutcomeKind;
  text: string;
  dueOn: string | null;
};
/** Who makes a change, and the request it came with, for the history. */

type Tx = Prisma.TransactionClient | typeof db;

// ───────────────────────── reading ─────────────────────────

/**
 * The outcomes page: every outcome with, per assigned country, the action item
 * it became. A person who may not read a country's plan sees that the country
 * was assigned, not how its item is going.
 */
export async function getWorkshopOutcomes(workshopId: string, viewer: Actor) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    select: {
      id: true,
      startsOn: true,
      minutesDocumentId: true,
      outcomes: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          text: true,
          dueOn: true,
          createdAt: true,
          createdBy: { select: { name: true } },
          assignments: {
            orderBy: { country: { sortOrder: "asc" } },
            select: {
              id: true,
              country: { select: { id: true, code: true, name: true } },
              actionItem: {
                select: {
                  id: true,
                  status: true,
                  progress: true,
                  dueOn: true,
                  milestoneId: true,
                  plan: { select: { id: true, title: true, status: true } },
                  milestone: {
                    select: {
                      stage: { select: { name: true } },
                      sector: { select: { name: true } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!workshop) return null;
  const today = overdueToday();
  const outcomes = workshop.outcomes.map((outcome) => ({
    ...outcome,
    assignments: outcome.assignments.map(({ actionItem, ...assignment }) => {
      const visible = can(viewer, "plan.read", {
        countryId: assignment.country.id,
      });
      return {
        ...assignment,
        visible,
        // null both when the country's editors removed the item and when the viewer may not see it
        item:
          visible && actionItem
            ? {
                ...actionItem,
                overdue: actionItemOverdue(actionItem, today),
                milestoneLabel: actionItem.milestone
                  ? [actionItem.milestone.sector?.name, actionItem.milestone.stage.name].filter(Boolean).join(" · ")
                  : null,
              }
            : null,
        removedFromPlan: visible && !actionItem,
      };
    }),
  }));
  return {
    id: workshop.id,
    startsOn: workshop.startsOn,
    minutesDocumentId: workshop.minutesDocumentId,
    outcomes,
  };
}

/** The plans an outcomes page shows items of, so it can follow them live. */
export function followedPlanIds(outcomes: NonNullable<Awaited<ReturnType<typeof getWorkshopOutcomes>>>["outcomes"]) {
  return [...new Set(outcomes.flatMap((o) => o.assignments.flatMap((a) => (a.item ? [a.item.plan.id] : []))))];
}

/** Milestones a facilitator can link each assigned country's item to. */
export async function milestoneChoices(countryIds: string[]) {
  const unique = [...new Set(countryIds)];
  const lists = await Promise.all(unique.map((id) => milestoneOptions(id)));
  return Object.fromEntries(unique.map((id, i) => [id, lists[i]!]));
}

// ───────────────────────── the plan an agreed action lands in ─────────────────────────

/**
 * A country's current plan for an agreed action: the plan whose period holds
 * the year the action is due, or else the current year. Where periods overlap,
 * a plan still being worked on wins over an endorsed one, then the newer one.
 * An endorsed plan is still a valid target: the facilitator records what the
 * country's delegation agreed to at the meeting, which should not wait for the
 * Secretariat to reopen the plan; the item names the workshop as its source,
 * and the country's editors take it up when the plan is next reopened.
 */
export async function currentPlanFor(countryId: string, dueOn: string | null, tx: Tx = db) {
  const plans = await tx.actionPlan.findMany({
    where: { countryId },
    select: {
      id: true,
      title: true,
      status: true,
      periodStart: true,
      periodEnd: true,
    },
  });
  const years = [dueOn ? Number(dueOn.slice(0, 4)) : null, Number(todayIn().slice(0, 4))].filter(
    (y): y is number => y !== null,
  );
  for (const year of years) {
    const covering = plans
      .filter((p) => p.periodStart <= year && year <= p.periodEnd)
      .sort(
        (a, b) => Number(a.status === "endorsed") - Number(b.status === "endorsed") || b.periodStart - a.periodStart,
      );
    if (covering[0]) return covering[0];
  }
  return null;
}

// ───────────────────────── outcomes ─────────────────────────

function checkDueOn(dueOn: string | null, workshopStartsOn: string) {
  if (dueOn && dueOn < workshopStartsOn) throw new InputRefused("dueOn", "outcomes:errors.dueBeforeWorkshop");
}

export async function createOutcome(workshopId: string, input: OutcomeInput, { actorId, requestId }: ChangeAuthor) {
  const workshop = await db.workshop.findUniqueOrThrow({
    where: { id: workshopId },
    select: { startsOn: true, hostCountryId: true },
  });
  checkDueOn(input.dueOn, workshop.startsOn);
  const outcome = await db.$transaction(async (tx) => {
    const outcome = await tx.outcome.create({
      data: { workshopId, ...input, createdById: actorId },
    });
    await recordAudit(tx, {
      actorId,
      action: "outcome.create",
      entityType: "outcome",
      entityId: outcome.id,
      countryId: workshop.hostCountryId,
      summary: `${input.kind === "decision" ? "Decision" : "Agreed action"} recorded: ${input.text}`,
      requestId,
    });
    return outcome;
  });
  await emit({ type: "outcome.changed", workshopId, outcomeId: outcome.id });
  return outcome;
}

const hasProgress = (item: { status: string; progress: number }) => item.status !== "not_started" || item.progress > 0;

/**
 * Changes an outcome. A new wording also reaches the items no country has
 * started on (and whose activity nobody rewrote); items under way keep theirs.
 */
export async function updateOutcome(
  workshopId: string,
  outcomeId: string,
  input: OutcomeInput,
  { actorId, requestId }: ChangeAuthor,
) {
  const workshop = await db.workshop.findUniqueOrThrow({
    where: { id: workshopId },
    select: { startsOn: true, hostCountryId: true },
  });
  checkDueOn(input.dueOn, workshop.startsOn);
  const reworded = await db.$transaction(async (tx) => {
    const before = await tx.outcome.findFirst({
      where: { id: outcomeId, workshopId },
      select: {
        kind: true,
        text: true,
        dueOn: true,
        assignments: {
          select: {
            countryId: true,
            actionItem: {
              select: {
                id: true,
                planId: true,
                activity: true,
                status: true,
                progress: true,
              },
            },
          },
        },
      },
    });
    if (!before) throw new InputRefused("form", "errors.notFound");
    if (before.kind !== input.kind && before.assignments.length > 0)
      throw new InputRefused("kind", "outcomes:errors.kindAssigned");
    await tx.outcome.update({ where: { id: outcomeId }, data: input });
    const reworded = before.assignments
      .flatMap((a) => (a.actionItem ? [{ ...a.actionItem, countryId: a.countryId }] : []))
      .filter((item) => input.text !== before.text && item.activity === before.text && !hasProgress(item));
    for (const item of reworded) {
      await tx.actionItem.update({
        where: { id: item.id },
        data: { activity: input.text, updatedById: actorId },
      });
      await recordAudit(tx, {
        actorId,
        action: "action_item.update",
        entityType: "action_item",
        entityId: item.id,
        countryId: item.countryId,
        summary: `Action item reworded with its agreed action: ${input.text}`,
        changes: { activity: [before.text, input.text] },
        requestId,
      });
    }
    await recordAudit(tx, {
      actorId,
      action: "outcome.update",
      entityType: "outcome",
      entityId: outcomeId,
      countryId: workshop.hostCountryId,
      summary: `Outcome updated: ${input.text}`,
      changes: changedFields({ kind: before.kind, text: before.text, dueOn: before.dueOn }, input),
      requestId,
    });
    return reworded;
  });
  await emit(
    { type: "outcome.changed", workshopId, outcomeId },
    ...reworded.map((item) => itemChanged(item, workshopId)),
  );
}

type RemovedItem = {
  id: string;
  planId: string;
  countryId: string;
  countryName: string;
  activity: string;
};

/**
 * Takes items back out of the plans they were put in. Refused as a whole when
 * a country has started on one: its progress is the country's record now, and
 * only the country's editors can remove it from their plan.
 */
async function removeUntouchedItems(
  tx: Prisma.TransactionClient,
  assignments: {
    id: string;
    country: { id: string; name: string };
    actionItem: {
      id: string;
      planId: string;
      status: string;
      progress: number;
      activity: string;
    } | null;
  }[],
) {
  const started = assignments.filter((a) => a.actionItem && hasProgress(a.actionItem));
  if (started.length)
    throw new InputRefused("form", "outcomes:errors.itemStarted", {
      countries: started.map((a) => a.country.name).join(", "),
    });
  const removed: RemovedItem[] = [];
  for (const a of assignments) {
    await tx.outcomeAssignment.delete({ where: { id: a.id } });
    if (!a.actionItem) continue;
    await tx.actionItem.delete({ where: { id: a.actionItem.id } });
    removed.push({
      id: a.actionItem.id,
      planId: a.actionItem.planId,
      countryId: a.country.id,
      countryName: a.country.name,
      activity: a.actionItem.activity,
    });
  }
  return removed;
}

const assignmentWithItem = {
  id: true,
  country: { select: { id: true, name: true } },
  actionItem: {
    select: {
      id: true,
      planId: true,
      status: true,
      progress: true,
      activity: true,
    },
  },
} as const;

async function auditRemovedItems(
  tx: Prisma.TransactionClient,
  removed: RemovedItem[],
  workshopTitle: string,
  { actorId, requestId }: ChangeAuthor,
) {
  for (const item of removed) {
    await recordAudit(tx, {
      actorId,
      action: "action_item.delete",
      entityType: "action_item",
      entityId: item.id,
      countryId: item.countryId,
      summary: `Action item withdrawn by ${workshopTitle}: ${item.activity}`,
      requestId,
    });
  }
}

/** The announcement that an action item carrying out one of `workshopId`'s agreed actions changed. */
function itemChanged(item: { id: string; planId: string; countryId: string }, workshopId: string): DomainEvent {
  return { type: "action-item.changed", countryId: item.countryId, planId: item.planId, itemId: item.id, workshopId };
}

/** Deletes an outcome and the items it put in plans, unless a country has started on one. */
export async function deleteOutcome(workshopId: string, outcomeId: string, actor: ChangeAuthor) {
  const removed = await db.$transaction(async (tx) => {
    const outcome = await tx.outcome.findFirst({
      where: { id: outcomeId, workshopId },
      select: {
        text: true,
        kind: true,
        workshop: { select: { title: true, hostCountryId: true } },
        assignments: { select: assignmentWithItem },
      },
    });
    if (!outcome) return null;
    const removed = await removeUntouchedItems(tx, outcome.assignments);
    await tx.outcome.delete({ where: { id: outcomeId } });
    await auditRemovedItems(tx, removed, outcome.workshop.title, actor);
    await recordAudit(tx, {
      actorId: actor.actorId,
      action: "outcome.delete",
      entityType: "outcome",
      entityId: outcomeId,
      countryId: outcome.workshop.hostCountryId,
      summary: `Outcome deleted: ${outcome.text}`,
      requestId: actor.requestId,
    });
    return removed;
  });
  if (!removed) return;
  await emit(
    { type: "outcome.changed", workshopId, outcomeId },
    ...removed.map((item) => itemChanged(item, workshopId)),
  );
}

// ───────────────────────── assignments ─────────────────────────

export type AssignInput = { countryIds: string[]; dueOn: string };
export type AssignResult = {
  assigned: { countryName: string; planTitle: string; planStatus: string }[];
  alreadyAssigned: string[];
};

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === "P2002";

/**
 * Assigns an agreed action to countries: in one transaction, an action item in
 * each country's current plan and the assignment that links them. Countries
 * already assigned are left as they are (assigning twice is harmless). If any
 * country has no current plan, nothing is written.
 */
export async function assignOutcome(
  workshopId: string,
  outcomeId: string,
  input: AssignInput,
  actor: ChangeAuthor,
): Promise<AssignResult> {
  try {
    return await assignOnce(workshopId, outcomeId, input, actor);
  } catch (error) {
    // Someone assigned one of these countries at the same moment: the second pass skips it.
    if (isUniqueViolation(error)) return assignOnce(workshopId, outcomeId, input, actor);
    throw error;
  }
}

async function assignOnce(
  workshopId: string,
  outcomeId: string,
  { countryIds, dueOn }: AssignInput,
  { actorId, requestId }: ChangeAuthor,
): Promise<AssignResult> {
  const outcome = await db.outcome.findFirst({
    where: { id: outcomeId, workshopId },
    select: {
      id: true,
      kind: true,
      text: true,
      workshop: { select: { title: true, city: true, startsOn: true } },
      assignments: {
        select: { country: { select: { id: true, name: true } } },
      },
    },
  });
  if (!outcome) throw new InputRefused("form", "errors.notFound");
  if (outcome.kind !== "agreed_action") throw new InputRefused("form", "outcomes:errors.onlyAgreedActions");
  checkDueOn(dueOn, outcome.workshop.startsOn);
  const already = new Map(outcome.assignments.map((a) => [a.country.id, a.country.name]));
  const wanted = [...new Set(countryIds)].filter((id) => !already.has(id));
  const countries = await db.country.findMany({
    where: { id: { in: wanted } },
    orderBy: { sortOrder: "asc" },
    select: { id: true, name: true },
  });
  if (countries.length !== wanted.length) throw new InputRefused("countryIds", "validation.invalidChoice");
  const alreadyAssigned = [...new Set(countryIds)].filter((id) => already.has(id)).map((id) => already.get(id)!);
  const { workshop } = outcome;
  const sourceNote = `Agreed at ${workshop.title}, ${[workshop.city, formatDay(workshop.startsOn, "en", "long")].filter(Boolean).join(", ")}`;

  const created = await db.$transaction(async (tx) => {
    const landing: {
      country: (typeof countries)[number];
      plan: NonNullable<Awaited<ReturnType<typeof currentPlanFor>>>;
    }[] = [];
    const withoutPlan: string[] = [];
    for (const country of countries) {
      const plan = await currentPlanFor(country.id, dueOn, tx);
      if (plan) landing.push({ country, plan });
      else withoutPlan.push(country.name);
    }
    if (withoutPlan.length)
      throw new InputRefused("countryIds", "outcomes:errors.noPlan", {
        countries: withoutPlan.join(", "),
      });
    const created: {
      countryId: string;
      countryName: string;
      itemId: string;
      plan: (typeof landing)[number]["plan"];
    }[] = [];
    for (const { country, plan } of landing) {
      const last = await tx.actionItem.aggregate({
        where: { planId: plan.id },
        _max: { sortOrder: true },
      });
      const item = await tx.actionItem.create({
        data: {
          planId: plan.id,
          activity: outcome.text,
          dueOn,
          status: "not_started",
          progress: 0,
          sourceOutcomeId: outcome.id,
          sourceNote,
          sortOrder: (last._max.sortOrder ?? -1) + 1,
          updatedById: actorId,
        },
      });
      await tx.outcomeAssignment.create({
        data: {
          outcomeId: outcome.id,
          countryId: country.id,
          actionItemId: item.id,
        },
      });
      await recordAudit(tx, {
        actorId,
        action: "action_item.create",
        entityType: "action_item",
        entityId: item.id,
        countryId: country.id,
        summary: `Action item added from ${workshop.title} to ${plan.title}${plan.status === "endorsed" ? " (endorsed)" : ""}: ${outcome.text}`,
        requestId,
      });
      await recordAudit(tx, {
        actorId,
        action: "outcome.assign",
        entityType: "outcome",
        entityId: outcome.id,
        countryId: country.id,
        summary: `Agreed action assigned to ${country.name}, due ${dueOn}: ${outcome.text}`,
        requestId,
      });
      created.push({
        countryId: country.id,
        countryName: country.name,
        itemId: item.id,
        plan,
      });
    }
    return created;
  });

  if (created.length)
    await emit(
      { type: "outcome.changed", workshopId, outcomeId: outcome.id },
      ...created.map((c) => itemChanged({ id: c.itemId, planId: c.plan.id, countryId: c.countryId }, workshopId)),
    );
  return {
    assigned: created.map((c) => ({
      countryName: c.countryName,
      planTitle: c.plan.title,
      planStatus: c.plan.status,
    })),
    alreadyAssigned,
  };
}

/**
 * Takes a country off an agreed action and its item out of the country's plan,
 * unless the country has started on it. Removing a country that is not
 * assigned is harmless. Returns the country's name when something was removed.
 */
export async function unassignCountry(workshopId: string, outcomeId: string, countryId: string, actor: ChangeAuthor) {
  const removed = await db.$transaction(async (tx) => {
    const assignment = await tx.outcomeAssignment.findFirst({
      where: { outcomeId, countryId, outcome: { workshopId } },
      select: {
        ...assignmentWithItem,
        outcome: {
          select: { text: true, workshop: { select: { title: true } } },
        },
      },
    });
    if (!assignment) return null;
    const removed = await removeUntouchedItems(tx, [assignment]);
    await auditRemovedItems(tx, removed, assignment.outcome.workshop.title, actor);
    await recordAudit(tx, {
      actorId: actor.actorId,
      action: "outcome.unassign",
      entityType: "outcome",
      entityId: outcomeId,
      countryId,
      summary: `Agreed action no longer assigned to ${assignment.country.name}: ${assignment.outcome.text}`,
      requestId: actor.requestId,
    });
    return { countryName: assignment.country.name, items: removed };
  });
  if (!removed) return null;
  await emit(
    { type: "outcome.changed", workshopId, outcomeId },
    ...removed.items.map((item) => itemChanged(item, workshopId)),
  );
  return removed.countryName;
}

/** Links (or unlinks, with null) the item an assignment created to one of its country's milestones. */
export async function linkAssignmentMilestone(
  workshopId: string,
  assignmentId: string,
  milestoneId: string | null,
  { actorId, requestId }: ChangeAuthor,
) {
  const linked = await db.$transaction(async (tx) => {
    const assignment = await tx.outcomeAssignment.findFirst({
      where: { id: assignmentId, outcome: { workshopId } },
      select: {
        countryId: true,
        actionItem: {
          select: { id: true, planId: true, activity: true, milestoneId: true },
        },
      },
    });
    if (!assignment?.actionItem) throw new InputRefused("milestoneId", "outcomes:errors.noItem");
    if (
      milestoneId &&
      !(await tx.milestone.findFirst({
        where: { id: milestoneId, countryId: assignment.countryId },
        select: { id: true },
      }))
    ) {
      throw new InputRefused("milestoneId", "validation.invalidChoice");
    }
    const item = assignment.actionItem;
    if (item.milestoneId === milestoneId) return null;
    await tx.actionItem.update({
      where: { id: item.id },
      data: { milestoneId, updatedById: actorId },
    });
    await recordAudit(tx, {
      actorId,
      action: "action_item.update",
      entityType: "action_item",
      entityId: item.id,
      countryId: assignment.countryId,
      summary: `Milestone ${milestoneId ? "linked" : "unlinked"}: ${item.activity}`,
      changes: { milestoneId: [item.milestoneId, milestoneId] },
      requestId,
    });
    return {
      planId: item.planId,
      itemId: item.id,
      countryId: assignment.countryId,
    };
  });
  if (!linked) return;
  await emit(itemChanged({ id: linked.itemId, planId: linked.planId, countryId: linked.countryId }, workshopId));
}

// ───────────────────────── minutes ─────────────────────────

class MinutesRaceLost extends Error {}

/**
 * The workshop's minutes document, created the first time a facilitator opens
 * the outcomes page. Two facilitators opening it at once get the same
 * document: only the write that finds the workshop still without one keeps
 * its document; the other rolls back and reads the winner's.
 */
export async function ensureMinutesDocument(workshopId: string, { actorId, requestId }: ChangeAuthor): Promise<string> {
  const existing = await db.workshop.findUniqueOrThrow({
    where: { id: workshopId },
    select: { minutesDocumentId: true, hostCountryId: true, title: true },
  });
  if (existing.minutesDocumentId) return existing.minutesDocumentId;
  try {
    const documentId = await db.$transaction(async (tx) => {
      const document = await tx.collaborativeDocument.create({
        data: { kind: "workshop_minutes" },
      });
      const { count } = await tx.workshop.updateMany({
        where: { id: workshopId, minutesDocumentId: null },
        data: { minutesDocumentId: document.id },
      });
      if (count !== 1) throw new MinutesRaceLost();
      await recordAudit(tx, {
        actorId,
        action: "workshop.minutes_create",
        entityType: "workshop",
        entityId: workshopId,
        countryId: existing.hostCountryId,
        summary: `Minutes started: ${existing.title}`,
        requestId,
      });
      return document.id;
    });
    await emit({ type: "workshop.changed", workshopId });
    return documentId;
  } catch (error) {
    if (!(error instanceof MinutesRaceLost) && !isUniqueViolation(error)) throw error;
    const winner = await db.workshop.findUniqueOrThrow({
      where: { id: workshopId },
      select: { minutesDocumentId: true },
    });
    return winner.minutesDocumentId!;
  }
}
