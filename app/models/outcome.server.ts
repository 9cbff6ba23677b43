import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { db, type Prisma } from "~/utils/db.server";
import { InputRefused } from "~/domain/input-refused";
import type { OutcomeKind } from "~/domain/vocabulary";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import {
  assignmentWithItem,
  auditRemovedItems,
  hasProgress,
  itemChanged,
  removeUntouchedItems,
} from "./outcome-items.server";

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

/** An outcome is due on or after the day its workshop starts. */
export function checkDueOn(dueOn: string | null, workshopStartsOn: string) {
  if (dueOn && dueOn < workshopStartsOn) throw new InputRefused("dueOn", "outcomes:errors.dueBeforeWorkshop");
}

/** The outcome's workshop (its title, place, first day and host country), once the due day is checked against its start. */
export async function workshopTaking(workshopId: string, dueOn: string | null) {
  const workshop = await db.workshop.findUniqueOrThrow({
    where: { id: workshopId },
    select: { title: true, city: true, startsOn: true, hostCountryId: true },
  });
  checkDueOn(dueOn, workshop.startsOn);
  return workshop;
}

export async function createOutcome(workshopId: string, input: OutcomeInput, actor: ChangeAuthor) {
  const workshop = await workshopTaking(workshopId, input.dueOn);
  const outcome = await db.$transaction((tx) => insertOutcome(tx, workshopId, workshop.hostCountryId, input, actor));
  await emit({ type: "outcome.changed", workshopId, outcomeId: outcome.id });
  return outcome;
}

/** An outcome's row and its history line, inside the caller's transaction. */
export async function insertOutcome(
  tx: Prisma.TransactionClient,
  workshopId: string,
  hostCountryId: string | null,
  input: OutcomeInput,
  { actorId, requestId }: ChangeAuthor,
) {
  const outcome = await tx.outcome.create({
    data: { workshopId, ...input, createdById: actorId },
  });
  await recordAudit(tx, {
    actorId,
    action: "outcome.create",
    entityType: "outcome",
    entityId: outcome.id,
    countryId: hostCountryId,
    message: activityMessage(input.kind === "decision" ? "decisionRecorded" : "agreedActionRecorded", {
      text: input.text,
    }),
    requestId,
  });
  return outcome;
}

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
  const workshop = await workshopTaking(workshopId, input.dueOn);
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
        message: activityMessage("itemReworded", { text: input.text }),
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
      message: activityMessage("outcomeUpdated", { text: input.text }),
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
      message: activityMessage("outcomeDeleted", { text: outcome.text }),
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
