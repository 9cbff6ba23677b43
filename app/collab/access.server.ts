import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session-user";
import { db } from "~/utils/db.server";

/** Who may read and write a co-edited document is decided by what it belongs to. */

export type DocumentOwner =
  | { kind: "action_plan"; planId: string; countryId: string; planStatus: string }
  | {
      kind: "workshop_minutes";
      workshopId: string;
      countryId: string | null;
      facilitatorIds: string[];
      minutesStatus: string;
    }
  | { kind: "unknown" };

/** What a document belongs to, which decides who may read and write it. */
export async function documentOwner(documentId: string): Promise<DocumentOwner | null> {
  const document = await db.collaborativeDocument.findUnique({
    where: { id: documentId },
    select: {
      actionPlan: { select: { id: true, countryId: true, status: true } },
      workshop: {
        select: { id: true, hostCountryId: true, minutesStatus: true, facilitators: { select: { userId: true } } },
      },
    },
  });
  if (!document) return null;
  if (document.actionPlan)
    return {
      kind: "action_plan",
      planId: document.actionPlan.id,
      countryId: document.actionPlan.countryId,
      planStatus: document.actionPlan.status,
    };
  if (document.workshop) {
    return {
      kind: "workshop_minutes",
      workshopId: document.workshop.id,
      countryId: document.workshop.hostCountryId,
      facilitatorIds: document.workshop.facilitators.map((f) => f.userId),
      minutesStatus: document.workshop.minutesStatus,
    };
  }
  return { kind: "unknown" };
}

export type DocumentPermission = { canRead: boolean; canWrite: boolean };

export async function documentPermission(user: SessionUser, documentId: string): Promise<DocumentPermission | null> {
  const owner = await documentOwner(documentId);
  if (!owner) return null;
  switch (owner.kind) {
    case "action_plan":
      return {
        canRead: can(user, "plan.read", { countryId: owner.countryId }),
        canWrite: can(user, "plan.edit", { countryId: owner.countryId, planStatus: owner.planStatus }),
      };
    case "workshop_minutes":
      return {
        canRead: can(user, "workshop.read", { countryId: owner.countryId }),
        // Adopted minutes are frozen: nobody writes them, however they may manage the workshop.
        canWrite:
          owner.minutesStatus !== "adopted" &&
          can(user, "workshop.manage", { countryId: owner.countryId, facilitatorIds: owner.facilitatorIds }),
      };
    case "unknown":
      return { canRead: false, canWrite: false };
  }
}
