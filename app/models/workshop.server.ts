import { activityMessage, type ActivityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { can, type Actor } from "~/auth/permissions";
import { assertCan } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import { db, type Prisma } from "~/utils/db.server";
import { InputRefused } from "~/domain/input-refused";
import { HOST_TIME_ZONES } from "~/domain/time-zones";
import type { WorkshopKind } from "~/domain/vocabulary";
import type { LinkMaterialInput, WorkshopInput } from "~/forms/workshop";
import { todayIn } from "~/utils/format";
import { keepClockTimesInNewZone } from "./agenda.server";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import { deleteStoredFile, storeUpload } from "./stored-file.server";
import { participationSummary } from "./attendance.server";

/** What a list of materials shows of each. */
export const MATERIAL_FIELDS = {
  id: true,
  title: true,
  url: true,
  sessionId: true,
  isPublic: true,
  file: { select: { id: true, filename: true, size: true } },
} as const;

export type WorkshopFilter = { kind?: WorkshopKind; hostCountryId?: string; year?: number };

/** Upcoming (not yet ended) and past workshops; a year matches workshops that start in it. */
export async function listWorkshops(filter: WorkshopFilter = {}) {
  const today = todayIn();
  const workshops = await db.workshop.findMany({
    where: {
      kind: filter.kind,
      hostCountryId: filter.hostCountryId,
      startsOn: filter.year ? { startsWith: `${filter.year}-` } : undefined,
    },
    orderBy: { startsOn: "asc" },
    select: {
      id: true,
      title: true,
      kind: true,
      city: true,
      startsOn: true,
      endsOn: true,
      timeZone: true,
      hostCountry: { select: { code: true, name: true } },
      _count: { select: { participants: { where: { registrationStatus: "registered" } } } },
    },
  });
  return {
    upcoming: workshops.filter((w) => w.endsOn >= today),
    past: workshops.filter((w) => w.endsOn < today).reverse(),
  };
}

/** The years workshops started in, newest first, for the year filter. */
export async function workshopYears() {
  const rows = await db.workshop.findMany({ select: { startsOn: true } });
  return [...new Set(rows.map((w) => Number(w.startsOn.slice(0, 4))))].sort((a, b) => b - a);
}

/** Workshops not yet over, the soonest first; `startsBy` (a day) leaves out those starting later. */
export async function upcomingWorkshops(take = 5, startsBy?: string) {
  return db.workshop.findMany({
    where: { endsOn: { gte: todayIn() }, ...(startsBy ? { startsOn: { lte: startsBy } } : {}) },
    orderBy: { startsOn: "asc" },
    take,
    select: {
      id: true,
      title: true,
      city: true,
      startsOn: true,
      endsOn: true,
      hostCountry: { select: { code: true } },
    },
  });
}

/** A workshop's whole story: agenda, who came, what was decided and what became of it. */
/**
 * A workshop's whole story for one reader. What became of an agreed action in
 * a country (its action item's status) is shown only to those who may read
 * that country's plan; others see that the country was asked.
 */
export async function getWorkshopDetail(workshopId: string, viewer: Actor) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    include: {
      hostCountry: { select: { code: true, name: true } },
      project: { select: { title: true } },
      facilitators: { select: { user: { select: { id: true, name: true } } } },
      materials: {
        orderBy: { createdAt: "asc" },
        select: MATERIAL_FIELDS,
      },
      sessions: {
        orderBy: [{ startsAt: "asc" }, { sortOrder: "asc" }],
        include: { speakers: { select: { name: true, role: true, userId: true } } },
      },
      outcomes: {
        orderBy: { createdAt: "asc" },
        include: {
          assignments: {
            include: {
              country: { select: { code: true, name: true } },
              actionItem: { select: { id: true, status: true, progress: true, planId: true } },
            },
          },
        },
      },
    },
  });
  if (!workshop) return null;
  const outcomes = workshop.outcomes.map((outcome) => ({
    ...outcome,
    assignments: outcome.assignments.map((a) => ({
      ...a,
      actionItem: can(viewer, "plan.read", { countryId: a.countryId }) ? a.actionItem : null,
    })),
  }));
  // Who took part and who came is the participants' area (attendance.server.ts).
  return { ...workshop, outcomes, ...(await participationSummary(workshopId)) };
}

/** What every page of a workshop shows in its header, and who may change it. */
export async function getWorkshopHeader(workshopId: string) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    select: {
      id: true,
      title: true,
      kind: true,
      venue: true,
      city: true,
      timeZone: true,
      startsOn: true,
      endsOn: true,
      hostCountry: { select: { code: true, name: true } },
      facilitators: { select: { userId: true } },
    },
  });
  return workshop && withFacilitatorIds(workshop);
}

/** A workshop as read with its facilitators, who are named by their user ids. */
function withFacilitatorIds<W extends { facilitators: { userId: string }[] }>({ facilitators, ...rest }: W) {
  return { ...rest, facilitatorIds: facilitators.map((f) => f.userId) };
}

/**
 * A workshop's header and what this person may do with it, asked of the one
 * permission function: 404 for an unknown workshop, 403 for someone who may not
 * read workshops, and with `manage` 403 for everyone but its facilitators and
 * admins. `seesContacts`: whether they may see participants' e-mail addresses.
 */
export async function workshopAccess(user: SessionUser, workshopId: string, need: "read" | "manage" = "read") {
  assertCan(user, "workshop.read");
  const workshop = await getWorkshopHeader(workshopId);
  if (!workshop) throw new Response("Not found", { status: 404 });
  const resource = { facilitatorIds: workshop.facilitatorIds };
  if (need === "manage") assertCan(user, "workshop.manage", resource);
  return {
    workshop,
    canManage: can(user, "workshop.manage", resource),
    seesContacts: can(user, "workshop.participants.contact", resource),
  };
}

// ───────────────────────── creating and editing ─────────────────────────

/** What the create and edit forms offer: host countries (with their zone), projects and the people who can facilitate. */
export async function workshopFormOptions() {
  const [countries, projects, facilitators] = await Promise.all([
    db.country.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, code: true, name: true } }),
    db.project.findMany({ orderBy: { startsOn: "desc" }, select: { id: true, code: true, title: true } }),
    db.user.findMany({
      where: { status: "active", roles: { some: { role: "facilitator" } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, roles: { where: { role: "facilitator" }, select: { label: true } } },
    }),
  ]);
  return {
    countries: countries.map((c) => ({ ...c, timeZone: HOST_TIME_ZONES[c.code] ?? null })),
    projects,
    facilitators: facilitators.map((f) => ({
      id: f.id,
      name: f.name,
      label: f.roles.find((r) => r.label)?.label ?? null,
    })),
  };
}

/** Facilitators must be active people with the facilitator role; at least one stays. */
async function checkFacilitators(facilitatorIds: string[]) {
  const ids = [...new Set(facilitatorIds)];
  if (ids.length === 0) throw new InputRefused("facilitatorIds", "workshops:form.needFacilitator");
  const found = await db.user.count({
    where: { id: { in: ids }, status: "active", roles: { some: { role: "facilitator" } } },
  });
  if (found !== ids.length) throw new InputRefused("facilitatorIds", "common:validation.invalidChoice");
  return ids;
}

/** The host country and project chosen must exist. */
async function checkReferences(input: WorkshopInput) {
  if (
    input.hostCountryId &&
    !(await db.country.findUnique({ where: { id: input.hostCountryId }, select: { id: true } }))
  )
    throw new InputRefused("hostCountryId", "common:validation.invalidChoice");
  if (input.projectId && !(await db.project.findUnique({ where: { id: input.projectId }, select: { id: true } })))
    throw new InputRefused("projectId", "common:validation.invalidChoice");
}

/**
 * A new workshop, run by the chosen facilitators and its creator when the
 * creator facilitates (an administrator who creates one need not).
 */
export async function createWorkshop(
  input: WorkshopInput,
  creator: { id: string; isFacilitator: boolean },
  { requestId }: { requestId?: string | null } = {},
) {
  await checkReferences(input);
  const facilitatorIds = await checkFacilitators(
    creator.isFacilitator ? [creator.id, ...input.facilitatorIds] : input.facilitatorIds,
  );
  const { facilitatorIds: _, ...fields } = input;
  const workshop = await db.$transaction(async (tx) => {
    const workshop = await tx.workshop.create({
      data: {
        ...fields,
        createdById: creator.id,
        facilitators: { create: facilitatorIds.map((userId) => ({ userId })) },
      },
    });
    await recordAudit(tx, {
      actorId: creator.id,
      action: "workshop.create",
      entityType: "workshop",
      entityId: workshop.id,
      countryId: input.hostCountryId,
      message: activityMessage("workshopCreated", {
        title: input.title,
        startsOn: { day: input.startsOn },
        endsOn: { day: input.endsOn },
        timeZone: input.timeZone,
      }),
      requestId,
    });
    return workshop;
  });
  await emit({ type: "workshop.changed", workshopId: workshop.id, hostCountryId: workshop.hostCountryId });
  return workshop;
}

/** The workshop's own fields as the edit form shows them. */
export async function getWorkshopForEdit(workshopId: string) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    include: {
      facilitators: { select: { userId: true } },
      materials: {
        orderBy: { createdAt: "asc" },
        select: MATERIAL_FIELDS,
      },
    },
  });
  return workshop && withFacilitatorIds(workshop);
}

/**
 * Change a workshop. Its dates cannot leave sessions outside them; a new time
 * zone keeps the sessions' clock times (the agenda said 09:00 and still does).
 */
export async function updateWorkshop(workshopId: string, input: WorkshopInput, { actorId, requestId }: ChangeAuthor) {
  await checkReferences(input);
  const facilitatorIds = await checkFacilitators(input.facilitatorIds);
  const before = await getWorkshopForEdit(workshopId);
  if (!before) return null;
  const outside = await db.agendaSession.count({
    where: { workshopId, OR: [{ day: { lt: input.startsOn } }, { day: { gt: input.endsOn } }] },
  });
  if (outside > 0) throw new InputRefused("startsOn", "workshops:form.sessionsOutside", { count: outside });
  const { facilitatorIds: _, ...fields } = input;
  await db.$transaction(async (tx) => {
    if (
      before.timeZone !== input.timeZone &&
      !(await keepClockTimesInNewZone(tx, workshopId, before.timeZone, input.timeZone))
    ) {
      throw new InputRefused("timeZone", "workshops:form.zoneSkipsSessionTime");
    }
    await tx.workshop.update({ where: { id: workshopId }, data: fields });
    await tx.workshopFacilitator.deleteMany({ where: { workshopId, userId: { notIn: facilitatorIds } } });
    for (const userId of facilitatorIds.filter((id) => !before.facilitatorIds.includes(id))) {
      await tx.workshopFacilitator.create({ data: { workshopId, userId } });
    }
    const changes = changedFields(before as unknown as Record<string, unknown>, fields);
    const facilitatorsChanged = [...facilitatorIds].sort().join() !== [...before.facilitatorIds].sort().join();
    if (facilitatorsChanged) changes.facilitatorIds = [before.facilitatorIds, facilitatorIds];
    await recordAudit(tx, {
      actorId,
      action: "workshop.update",
      entityType: "workshop",
      entityId: workshopId,
      countryId: input.hostCountryId,
      message: activityMessage("workshopChanged", { title: input.title }),
      changes,
      requestId,
    });
  });
  await emit({ type: "workshop.changed", workshopId, hostCountryId: input.hostCountryId });
  return { id: workshopId };
}

// ───────────────────────── materials ─────────────────────────

/** A material made by `create` and its line in the history, in one transaction; then the pages that show it hear. */
async function addMaterial<M extends { id: string }>(
  workshopId: string,
  actor: ChangeAuthor,
  create: (tx: Prisma.TransactionClient) => Promise<{ material: M; message: ActivityMessage }>,
) {
  const material = await db.$transaction(async (tx) => {
    const { material, message } = await create(tx);
    await recordAudit(tx, {
      actorId: actor.actorId,
      action: "workshop.material.add",
      entityType: "workshop_material",
      entityId: material.id,
      message,
      requestId: actor.requestId,
    });
    return material;
  });
  await emit({ type: "workshop-material.changed", workshopId, materialId: material.id });
  return material;
}

/** A workshop's materials (only one session's, given `sessionId`), oldest first. */
export function listMaterials(workshopId: string, sessionId?: string) {
  return db.workshopMaterial.findMany({
    where: { workshopId, ...(sessionId ? { sessionId } : {}) },
    orderBy: { createdAt: "asc" },
    select: MATERIAL_FIELDS,
  });
}

/** Where a material goes: the session it belongs to (none: the workshop as a whole) and whether the public agenda shows it. */
export type MaterialPlacement = { sessionId: string | null; isPublic: boolean };

/** A session named for a material must be one of this workshop's; anything else is refused before anything is written. */
async function checkMaterialSession(tx: Prisma.TransactionClient, workshopId: string, sessionId: string | null) {
  if (!sessionId) return;
  const session = await tx.agendaSession.findFirst({ where: { id: sessionId, workshopId }, select: { id: true } });
  if (!session) throw new InputRefused("sessionId", "workshops:materials.unknownSession");
}

export async function addLinkMaterial(
  workshopId: string,
  input: LinkMaterialInput,
  actor: ChangeAuthor,
  { sessionId, isPublic }: MaterialPlacement = { sessionId: null, isPublic: false },
) {
  return addMaterial(workshopId, actor, async (tx) => {
    await checkMaterialSession(tx, workshopId, sessionId);
    return {
      material: await tx.workshopMaterial.create({
        data: { workshopId, sessionId, isPublic, title: input.title, url: input.url },
      }),
      message: activityMessage("materialLinked", { title: input.title, url: input.url }),
    };
  });
}

/** An uploaded file (concept note, slides…) as a material; the title defaults to the file's name. */
export async function addFileMaterial(
  workshopId: string,
  title: string,
  file: File,
  actor: ChangeAuthor,
  { sessionId, isPublic }: MaterialPlacement = { sessionId: null, isPublic: false },
) {
  return addMaterial(workshopId, actor, async (tx) => {
    // The session is checked before the bytes are written, so a refused upload leaves nothing behind.
    await checkMaterialSession(tx, workshopId, sessionId);
    const stored = await storeUpload(file, actor.actorId, tx);
    const material = await tx.workshopMaterial.create({
      data: { workshopId, sessionId, isPublic, title: title || stored.filename, fileId: stored.id },
    });
    return {
      material,
      message: activityMessage("materialUploaded", { title: material.title, filename: stored.filename }),
    };
  });
}

/** Move a material to another session (or to the workshop as a whole) and say whether the public agenda shows it. */
export async function placeMaterial(
  workshopId: string,
  materialId: string,
  placement: MaterialPlacement,
  { actorId, requestId }: ChangeAuthor,
) {
  const material = await db.$transaction(async (tx) => {
    const before = await tx.workshopMaterial.findFirst({ where: { id: materialId, workshopId } });
    if (!before) return null;
    await checkMaterialSession(tx, workshopId, placement.sessionId);
    const after = await tx.workshopMaterial.update({ where: { id: materialId }, data: placement });
    await recordAudit(tx, {
      actorId,
      action: "workshop.material.place",
      entityType: "workshop_material",
      entityId: materialId,
      // The session it moved to shows in the history's changes; the sentence says what the public sees.
      message: activityMessage(after.isPublic ? "materialMadePublic" : "materialMadePrivate", { title: after.title }),
      changes: changedFields(
        { sessionId: before.sessionId, isPublic: before.isPublic },
        { sessionId: after.sessionId, isPublic: after.isPublic },
      ),
      requestId,
    });
    return after;
  });
  if (material) await emit({ type: "workshop-material.changed", workshopId, materialId });
  return material;
}

/** Remove a material; an uploaded file's bytes go once the removal is committed (a failure then leaves only an unreferenced file, never served). */
export async function removeMaterial(workshopId: string, materialId: string, { actorId, requestId }: ChangeAuthor) {
  const material = await db.$transaction(async (tx) => {
    const material = await tx.workshopMaterial.findFirst({ where: { id: materialId, workshopId } });
    if (!material) return null;
    await tx.workshopMaterial.delete({ where: { id: materialId } });
    await recordAudit(tx, {
      actorId,
      action: "workshop.material.remove",
      entityType: "workshop_material",
      entityId: materialId,
      message: activityMessage("materialRemoved", { title: material.title }),
      requestId,
    });
    return material;
  });
  if (!material) return null;
  if (material.fileId) await deleteStoredFile(material.fileId);
  await emit({ type: "workshop-material.changed", workshopId, materialId });
  return material;
}
