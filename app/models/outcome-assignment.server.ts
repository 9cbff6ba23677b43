import { emit } from "~/events.server";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server";
import { InputRefused } from "~/domain/input-refused";
import { formatDay, todayIn } from "~/utils/format";
import { activityMessage } from "~/i18n/activity";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { checkDueOn, insertOutcome, workshopTaking, type OutcomeInput } from "./outcome.server";
import { assignmentWithItem, auditRemovedItems, itemChanged, removeUntouchedItems } from "./outcome-items.server";

/**
 * Assigning agreed actions to countries: each assignment puts an action item,
 * with the workshop as its source, in the country's current plan.
 */

type Tx = Prisma.TransactionClient | typeof db;

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

export type AssignInput = { countryIds: string[]; dueOn: string };
export type AssignResult = {
  assigned: { countryName: string; planTitle: string; planStatus: string }[];
  alreadyAssigned: string[];
};

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
  actor: ChangeAuthor,
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
  const countries = await chosenCountries(countryIds.filter((id) => !already.has(id)));
  const alreadyAssigned = [...new Set(countryIds)].filter((id) => already.has(id)).map((id) => already.get(id)!);
  const created = await db.$transaction((tx) => landItems(tx, outcome, countries, dueOn, actor));
  await announce(workshopId, outcome.id, created, actor);
  return { assigned: assignedSummary(created), alreadyAssigned };
}

/**
 * Records an agreed action and assigns it to countries in one step, as a meeting agrees it:
 * the outcome, each country's item and the assignments are written together or not at all
 * (a country without a current plan refuses the whole).
 */
export async function recordAndAssignOutcome(
  workshopId: string,
  input: OutcomeInput,
  countryIds: string[],
  actor: ChangeAuthor,
) {
  if (input.kind !== "agreed_action") throw new InputRefused("countryIds", "outcomes:errors.onlyAgreedActions");
  if (!input.dueOn) throw new InputRefused("dueOn", "outcomes:errors.dueRequired");
  const dueOn = input.dueOn;
  const workshop = await workshopTaking(workshopId, dueOn);
  const countries = await chosenCountries(countryIds);
  const { outcome, created } = await db.$transaction(async (tx) => {
    const outcome = await insertOutcome(tx, workshopId, workshop.hostCountryId, input, actor);
    const created = await landItems(tx, { ...outcome, workshop }, countries, dueOn, actor);
    return { outcome, created };
  });
  await announce(workshopId, outcome.id, created, actor);
  return { outcome, result: { assigned: assignedSummary(created), alreadyAssigned: [] } satisfies AssignResult };
}

/** The countries a form chose, in the region's order; an id that is no country refuses the form. */
async function chosenCountries(countryIds: string[]) {
  const wanted = [...new Set(countryIds)];
  const countries = await db.country.findMany({
    where: { id: { in: wanted } },
    orderBy: { sortOrder: "asc" },
    select: { id: true, name: true },
  });
  if (countries.length !== wanted.length) throw new InputRefused("countryIds", "validation.invalidChoice");
  return countries;
}

/** An action item in each country's current plan, and the assignment linking it to the agreed action. */
async function landItems(
  tx: Prisma.TransactionClient,
  outcome: { id: string; text: string; workshop: { title: string; city: string | null; startsOn: string } },
  countries: { id: string; name: string }[],
  dueOn: string,
  { actorId, requestId }: ChangeAuthor,
) {
  const { workshop } = outcome;
  const sourceNote = `Agreed at ${workshop.title}, ${[workshop.city, formatDay(workshop.startsOn, "en", "long")].filter(Boolean).join(", ")}`;
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
  const created: { countryId: string; countryName: string; itemId: string; plan: (typeof landing)[number]["plan"] }[] =
    [];
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
      message: activityMessage(
        plan.status === "endorsed" ? "itemAddedFromWorkshopToEndorsed" : "itemAddedFromWorkshop",
        { workshop: workshop.title, plan: plan.title, text: outcome.text },
      ),
      requestId,
    });
    await recordAudit(tx, {
      actorId,
      action: "outcome.assign",
      entityType: "outcome",
      entityId: outcome.id,
      countryId: country.id,
      message: activityMessage("agreedActionAssigned", {
        country: { country },
        due: { day: dueOn },
        text: outcome.text,
      }),
      requestId,
    });
    created.push({ countryId: country.id, countryName: country.name, itemId: item.id, plan });
  }
  return created;
}

type LandedItem = Awaited<ReturnType<typeof landItems>>[number];

function announce(workshopId: string, outcomeId: string, created: LandedItem[], { actorId }: ChangeAuthor) {
  if (created.length === 0) return;
  return emit(
    { type: "outcome.changed", workshopId, outcomeId },
    ...created.map((c) => itemChanged({ id: c.itemId, planId: c.plan.id, countryId: c.countryId }, workshopId)),
    ...created.map((c) => ({
      type: "agreed-action.assigned" as const,
      workshopId,
      outcomeId,
      countryId: c.countryId,
      planId: c.plan.id,
      itemId: c.itemId,
      actorId,
    })),
  );
}

function assignedSummary(created: LandedItem[]): AssignResult["assigned"] {
  return created.map((c) => ({ countryName: c.countryName, planTitle: c.plan.title, planStatus: c.plan.status }));
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
      message: activityMessage("agreedActionUnassigned", {
        country: { country: assignment.country },
        text: assignment.outcome.text,
      }),
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
      message: activityMessage(milestoneId ? "milestoneLinked" : "milestoneUnlinked", { activity: item.activity }),
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
