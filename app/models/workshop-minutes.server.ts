import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { MINUTES_STATUSES, parseWord, type MinutesStatus } from "~/domain/vocabulary";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { keepVersionIn } from "./document-version.server";

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

// ───────────────────────── workflow (issue 16) ─────────────────────────

/**
 * draft → circulated (the participants read them) → adopted (frozen and read-only); circulated
 * minutes can be recalled to draft. Adopted minutes are not reopened: they are the record the
 * participants agreed, and a correction is a decision of a later meeting.
 */
const MINUTES_TRANSITIONS = {
  circulate: { from: "draft", to: "circulated" },
  recall: { from: "circulated", to: "draft" },
  adopt: { from: "circulated", to: "adopted" },
} as const satisfies Record<string, { from: MinutesStatus; to: MinutesStatus }>;
export type MinutesTransition = keyof typeof MINUTES_TRANSITIONS;

export class MinutesStateError extends Error {}

/** What adopting keeps: the minutes as they are now (`state`, from app/collab) under a name in the person's language. */
export type MinutesAdoption = { versionName: string; state: Uint8Array };

/** Circulates the minutes to the participants, or recalls circulated minutes to draft. */
export function changeMinutesStatus(
  workshopId: string,
  transition: Exclude<MinutesTransition, "adopt">,
  { actorId, requestId }: ChangeAuthor,
) {
  return transitionMinutes(workshopId, transition, { actorId, requestId });
}

/**
 * Adopts circulated minutes: keeps them as adopted, with who adopted them and when, in the
 * transaction that changes their status, so two clicks adopt once and keep one version.
 */
export function adoptMinutes(workshopId: string, adoption: MinutesAdoption, author: ChangeAuthor) {
  return transitionMinutes(workshopId, "adopt", author, (tx, documentId) =>
    keepVersionIn(
      tx,
      documentId,
      { name: adoption.versionName, kind: "adopted", state: adoption.state },
      author.actorId,
    ),
  );
}

async function transitionMinutes(
  workshopId: string,
  transition: MinutesTransition,
  { actorId, requestId }: ChangeAuthor,
  alsoInTransaction?: (tx: Prisma.TransactionClient, documentId: string) => Promise<unknown>,
) {
  const step = MINUTES_TRANSITIONS[transition];
  const workshop = await db.$transaction(async (tx) => {
    const now = new Date();
    // The status condition makes two simultaneous clicks change the minutes once.
    const { count } = await tx.workshop.updateMany({
      where: { id: workshopId, minutesStatus: step.from, minutesDocumentId: { not: null } },
      data: {
        minutesStatus: step.to,
        ...(transition === "circulate" ? { minutesCirculatedAt: now } : {}),
        ...(transition === "adopt" ? { minutesAdoptedAt: now, minutesAdoptedById: actorId } : {}),
      },
    });
    if (count !== 1) throw new MinutesStateError(`The minutes are not ${step.from} any more.`);
    const workshop = await tx.workshop.findUniqueOrThrow({
      where: { id: workshopId },
      select: { id: true, title: true, hostCountryId: true, minutesDocumentId: true },
    });
    const documentId = workshop.minutesDocumentId!;
    await alsoInTransaction?.(tx, documentId);
    await recordAudit(tx, {
      actorId,
      action: `workshop.minutes_${transition}`,
      entityType: "workshop",
      entityId: workshopId,
      countryId: workshop.hostCountryId,
      message: activityMessage("minutesStatusChanged", {
        workshop: workshop.title,
        from: { minutesStatus: step.from },
        to: { minutesStatus: step.to },
      }),
      changes: { minutesStatus: [step.from, step.to] },
      requestId,
    });
    return { ...workshop, documentId };
  });
  await emit({
    type: "minutes.status-changed",
    workshopId,
    hostCountryId: workshop.hostCountryId,
    documentId: workshop.documentId,
    transition,
    actorId,
  });
}

/** The minutes' state, who adopted them and the version kept at adoption (null before). */
export async function findMinutesRecord(workshopId: string) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    select: {
      minutesStatus: true,
      minutesDocumentId: true,
      minutesCirculatedAt: true,
      minutesAdoptedAt: true,
      minutesAdoptedBy: { select: { name: true } },
    },
  });
  if (!workshop) return null;
  const adopted =
    workshop.minutesStatus === "adopted" && workshop.minutesDocumentId
      ? await db.documentVersion.findFirst({
          where: { documentId: workshop.minutesDocumentId, kind: "adopted" },
          orderBy: { createdAt: "desc" },
          select: { state: true },
        })
      : null;
  return {
    ...workshop,
    status: parseWord(MINUTES_STATUSES, workshop.minutesStatus),
    adoptedState: adopted ? new Uint8Array(adopted.state) : null,
  };
}
