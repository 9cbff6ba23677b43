import crypto from "node:crypto";
import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import { getAgenda } from "./agenda.server";
import { activityMessage } from "~/i18n/activity";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { getStoredFile } from "./stored-file.server";
import { MATERIAL_FIELDS } from "./workshop.server";

/**
 * A workshop's agenda for anyone, at /agenda/<code>, when its organiser has
 * switched the page on. The code is random (128 bits), not a slug of the
 * title: a workshop that is not announced cannot be found by guessing its
 * name, and two workshops with the same title never collide. It is made the
 * first time the page is switched on and kept, so a link already printed works
 * again when the page is switched back on. The page shows the programme and
 * the materials marked public, never who takes part.
 */

/** A code as made here (22 base64url characters); anything else is not looked up. */
const PUBLIC_AGENDA_CODE = /^[A-Za-z0-9_-]{22}$/;

/** Switch a workshop's public agenda on or off; returns its code (null for an unknown workshop). */
export async function setPublicAgenda(workshopId: string, on: boolean, { actorId, requestId }: ChangeAuthor) {
  const workshop = await db.$transaction(async (tx) => {
    const before = await tx.workshop.findUnique({
      where: { id: workshopId },
      select: { publicAgendaOn: true, publicAgendaCode: true, hostCountryId: true },
    });
    if (!before) return null;
    const after = await tx.workshop.update({
      where: { id: workshopId },
      data: {
        publicAgendaOn: on,
        publicAgendaCode: before.publicAgendaCode ?? crypto.randomBytes(16).toString("base64url"),
      },
      select: { publicAgendaCode: true, hostCountryId: true },
    });
    if (before.publicAgendaOn !== on) {
      await recordAudit(tx, {
        actorId,
        action: on ? "workshop.public_agenda.on" : "workshop.public_agenda.off",
        entityType: "workshop",
        entityId: workshopId,
        countryId: before.hostCountryId,
        message: activityMessage(on ? "publicAgendaOn" : "publicAgendaOff", {}),
        requestId,
      });
    }
    return after;
  });
  if (!workshop) return null;
  await emit({ type: "workshop.changed", workshopId, hostCountryId: workshop.hostCountryId });
  return workshop.publicAgendaCode;
}

/** The workshop whose public agenda has this code, only while the page is on (also for its .ics download). */
export function getPublishedWorkshop(code: string) {
  if (!PUBLIC_AGENDA_CODE.test(code)) return null;
  return db.workshop.findFirst({
    where: { publicAgendaCode: code, publicAgendaOn: true },
    select: {
      id: true,
      title: true,
      venue: true,
      city: true,
      timeZone: true,
      startsOn: true,
      endsOn: true,
      organisers: true,
      hostCountry: { select: { code: true, name: true } },
    },
  });
}

/** What the public page shows: the workshop, its days and sessions with speakers, and its public materials. */
export async function getPublicAgenda(code: string) {
  const workshop = await getPublishedWorkshop(code);
  if (!workshop) return null;
  const [days, materials] = await Promise.all([
    getAgenda(workshop),
    db.workshopMaterial.findMany({
      where: { workshopId: workshop.id, isPublic: true },
      orderBy: { createdAt: "asc" },
      select: MATERIAL_FIELDS,
    }),
  ]);
  return {
    workshop,
    days: days.map(({ day, sessions }) => ({
      day,
      sessions: sessions.map((s) => ({
        id: s.id,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        title: s.title,
        description: s.description,
        sessionType: s.sessionType,
        // Names and roles as printed on a programme; no links into the directory, which needs an account.
        speakers: s.speakers.map(({ name, role }) => ({ name, role })),
      })),
    })),
    materials,
  };
}

/**
 * A file of a material marked public, of the workshop with this code, while its page is on; null for
 * anything else (a private material, another workshop's file, evidence), so nothing else leaks through here.
 */
export async function getPublicMaterialFile(code: string, fileId: string) {
  const workshop = await getPublishedWorkshop(code);
  if (!workshop) return null;
  const material = await db.workshopMaterial.findFirst({
    where: { workshopId: workshop.id, fileId, isPublic: true },
    select: { id: true },
  });
  return material ? getStoredFile(fileId) : null;
}

/** Whether the workshop's public agenda is on, and its code once it was ever switched on. */
export function getPublicAgendaSetting(workshopId: string) {
  return db.workshop.findUnique({
    where: { id: workshopId },
    select: { publicAgendaOn: true, publicAgendaCode: true },
  });
}
