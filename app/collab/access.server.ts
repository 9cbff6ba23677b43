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
  | {
      kind: "report_narrative";
      periodId: string;
      periodStatus: string;
      projectCountryIds: string[];
      implementingAgency: string;
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
      reportingPeriod: {
        select: {
          id: true,
          status: true,
          project: { select: { implementingAgency: true, countries: { select: { countryId: true } } } },
        },
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
  if (document.reportingPeriod)
    return {
      kind: "report_narrative",
      periodId: document.reportingPeriod.id,
      periodStatus: document.reportingPeriod.status,
      projectCountryIds: document.reportingPeriod.project.countries.map((c) => c.countryId),
      implementingAgency: document.reportingPeriod.project.implementingAgency,
    };
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
    case "report_narrative": {
      // Whoever reads the project reads its report (decision 022); the implementing agency writes
      // it until the period is locked, when the snapshot keeps the text as it was.
      const project = { projectCountryIds: owner.projectCountryIds, implementingAgency: owner.implementingAgency };
      return {
        canRead: can(user, "project.read", project),
        canWrite: can(user, "project.manage", project) && owner.periodStatus !== "locked",
      };
    }
    case "unknown":
      return { canRead: false, canWrite: false };
  }
}
