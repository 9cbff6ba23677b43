import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { db, isUniqueViolation } from "~/utils/db.server";
import { recordAudit, type ChangeAuthor } from "./audit.server";

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
        message: activityMessage("minutesStarted", { workshop: existing.title }),
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
