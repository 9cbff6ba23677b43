import { can, type Actor } from "~/auth/permissions";
import { db } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { actionItemOverdue } from "~/domain/overdue";
import { milestoneOptions } from "./action-item.server";

/**
 * What became of a workshop's outcomes: per assigned country, the action item
 * an agreed action became in that country's plan, and how it is going.
 */

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
                      stage: { select: { code: true, name: true } },
                      sector: { select: { code: true, name: true } },
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
