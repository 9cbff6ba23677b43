import { activityMessage } from "~/i18n/activity";
import type { DomainEvent } from "~/events.server";
import type { Prisma } from "~/utils/db.server";
import { InputRefused } from "~/domain/input-refused";
import { recordAudit, type ChangeAuthor } from "./audit.server";

/**
 * The action items agreed actions put in countries' plans, as the outcome and
 * assignment writes share them: whether a country has started on one, taking
 * untouched ones back out, and announcing their changes.
 */

export const hasProgress = (item: { status: string; progress: number }) =>
  item.status !== "not_started" || item.progress > 0;

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
export async function removeUntouchedItems(
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

export const assignmentWithItem = {
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

export async function auditRemovedItems(
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
      message: activityMessage("itemWithdrawn", { workshop: workshopTitle, activity: item.activity }),
      requestId,
    });
  }
}

/** The announcement that an action item carrying out one of `workshopId`'s agreed actions changed. */
export function itemChanged(item: { id: string; planId: string; countryId: string }, workshopId: string): DomainEvent {
  return { type: "action-item.changed", countryId: item.countryId, planId: item.planId, itemId: item.id, workshopId };
}
