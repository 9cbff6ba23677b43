import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { z } from "zod";
import { InputRefused } from "~/domain/input-refused";
import { matchesSearch } from "~/domain/search";
import { db, type Prisma } from "~/utils/db.server";
import {
  PARTICIPANT_CATEGORIES,
  REGISTRATION_STATUSES,
  type ParticipantCategory,
  type RegistrationStatus,
  type Sex,
} from "~/domain/vocabulary";
import type { ParticipantInput } from "~/forms/participant";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import { newBadgeToken } from "./participant-badge.server";
import { usersMatching } from "./people-search.server";

/** What a reader of the list may see: everything, or who takes part without contact details. */
export type ParticipantAccess = { seesContacts: boolean };

// ---------------------------------------------------------------------------
// The list

export type ParticipantFilter = {
  category?: ParticipantCategory;
  countryId?: string;
  status?: RegistrationStatus;
  query?: string;
};

const ParticipantFilterParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.enum(PARTICIPANT_CATEGORIES).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .optional()
    .catch(undefined),
  status: z.enum(REGISTRATION_STATUSES).optional().catch(undefined),
});

/**
 * The participant list's filters from its address (the page and its CSV export
 * share them): `params` as the form shows them, `filter` for listParticipants.
 * Values that do not fit are ignored, not errors.
 */
export function participantFiltersFrom(url: URL) {
  const params = ParticipantFilterParams.parse(Object.fromEntries(url.searchParams));
  const filter: ParticipantFilter = {
    category: params.category,
    countryId: params.country,
    status: params.status,
    query: params.q,
  };
  return { params, filter };
}

const listSelect = {
  id: true,
  userId: true,
  name: true,
  email: true,
  category: true,
  sex: true,
  registrationStatus: true,
  invitationSentAt: true,
  reminderSentAt: true,
  organisationName: true,
  organisation: { select: { id: true, name: true, acronym: true } },
  country: { select: { id: true, code: true, name: true } },
  _count: { select: { attendance: true } },
} satisfies Prisma.ParticipantSelect;

/**
 * The participants a reader may see. Without contact rights a reader sees only
 * people who registered, with name, category, organisation and country; never
 * e-mails, sex or who was invited, declined or waitlisted.
 */
export async function listParticipants(workshopId: string, filter: ParticipantFilter, access: ParticipantAccess) {
  // A workshop's list is read whole, so the search (without regard to accents, decision 015) filters it here.
  const rows = await db.participant.findMany({
    where: {
      workshopId,
      category: filter.category,
      countryId: filter.countryId,
      registrationStatus: access.seesContacts ? filter.status : "registered",
    },
    orderBy: [{ name: "asc" }],
    select: listSelect,
  });
  const matching = rows.filter((p) =>
    matchesSearch(filter.query ?? "", [
      p.name,
      p.organisationName,
      p.organisation?.name,
      p.organisation?.acronym,
      access.seesContacts ? p.email : null,
    ]),
  );
  return matching.map((p) => ({
    id: p.id,
    name: p.name,
    category: p.category as ParticipantCategory,
    organisation: p.organisation?.acronym ?? (p.organisationName || p.organisation?.name || ""),
    organisationFull: p.organisationName || p.organisation?.name || "",
    country: p.country,
    daysAttended: p._count.attendance,
    ...(access.seesContacts
      ? {
          email: p.email,
          sex: p.sex as Sex,
          registrationStatus: p.registrationStatus as RegistrationStatus,
          invitationSentAt: p.invitationSentAt,
          reminderSentAt: p.reminderSentAt,
          hasAccount: p.userId !== null,
        }
      : {
          email: null,
          sex: null,
          registrationStatus: null,
          invitationSentAt: null,
          reminderSentAt: null,
          hasAccount: null,
        }),
  }));
}

/** Counts by registration status, for the list's summary line (people who may see every status). */
export async function registrationCounts(workshopId: string) {
  const groups = await db.participant.groupBy({ by: ["registrationStatus"], where: { workshopId }, _count: true });
  const counts = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<RegistrationStatus, number>;
  for (const g of groups) counts[g.registrationStatus as RegistrationStatus] = g._count;
  return counts;
}

/** The person's own participation in a workshop, if they are on its list. */
export function getOwnParticipation(workshopId: string, userId: string) {
  return db.participant.findFirst({
    where: { workshopId, userId },
    select: {
      id: true,
      name: true,
      email: true,
      category: true,
      sex: true,
      registrationStatus: true,
      organisationName: true,
      badgeToken: true,
      country: { select: { code: true, name: true } },
    },
  });
}

export function getParticipant(workshopId: string, participantId: string) {
  return db.participant.findFirst({
    where: { id: participantId, workshopId },
    include: {
      country: { select: { id: true, code: true, name: true } },
      organisation: { select: { id: true, name: true } },
      _count: { select: { attendance: true } },
    },
  });
}

/** People in the directory a facilitator can add, with what the participant record copies from them. */
export async function searchDirectoryForParticipants(workshopId: string, query: string) {
  if (query.trim().length < 2) return [];
  const ids = await usersMatching({ status: { not: "disabled" } }, query, { organisation: true });
  const people = await db.user.findMany({
    where: { id: { in: ids.slice(0, 10) } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      sex: true,
      country: { select: { id: true, code: true, name: true } },
      organisation: { select: { id: true, name: true, acronym: true, kind: true } },
      roles: { select: { role: true } },
      participations: { where: { workshopId }, select: { id: true } },
    },
  });
  return people.map(({ participations, roles, ...p }) => ({
    ...p,
    suggestedCategory: categoryForPerson(
      roles.map((r) => r.role),
      p.organisation?.kind ?? null,
    ),
    alreadyParticipant: participations.length > 0,
  }));
}

/** A sensible first guess at a directory person's category; the facilitator can change it. */
function categoryForPerson(roles: string[], organisationKind: string | null): ParticipantCategory {
  if (roles.includes("focal_point")) return "focal_point";
  if (roles.includes("task_force")) return "task_force";
  if (roles.includes("secretariat") || organisationKind === "asean_secretariat") return "secretariat";
  if (organisationKind === "ilo") return "ilo";
  if (organisationKind === "iom") return "iom";
  if (organisationKind === "employers") return "employers";
  if (organisationKind === "workers") return "workers";
  return "observer";
}

// ---------------------------------------------------------------------------
// Adding, editing, removing

async function assertUniqueEmail(
  tx: Prisma.TransactionClient,
  workshopId: string,
  email: string | null,
  exceptId?: string,
) {
  if (!email) return;
  const clash = await tx.participant.findFirst({
    where: { workshopId, email, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true },
  });
  if (clash) throw new InputRefused("email", "participants:errors.duplicateEmail");
}

async function assertNotListed(
  tx: Prisma.TransactionClient,
  workshopId: string,
  userId: string | null,
  exceptId?: string,
) {
  if (!userId) return;
  const clash = await tx.participant.findFirst({
    where: { workshopId, userId, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true },
  });
  if (clash) throw new InputRefused("form", "participants:errors.alreadyListed");
}

/** An organisation record matching a typed name or acronym, so the directory stays linked. */
export async function matchOrganisation(
  tx: Prisma.TransactionClient | typeof db,
  name: string,
  countryId: string | null,
) {
  if (!name) return null;
  const candidates = await tx.organisation.findMany({
    where: { OR: [{ name }, { acronym: name }] },
    select: { id: true, countryId: true },
  });
  return (
    (candidates.find((o) => o.countryId === countryId) ?? candidates.find((o) => o.countryId === null) ?? candidates[0])
      ?.id ?? null
  );
}

export async function addParticipant(
  workshopId: string,
  input: ParticipantInput,
  { actorId, requestId }: ChangeAuthor,
) {
  await assertCountryExists(input.countryId);
  const participant = await db.$transaction(async (tx) => {
    await assertUniqueEmail(tx, workshopId, input.email);
    await assertNotListed(tx, workshopId, input.userId);
    const created = await tx.participant.create({
      data: {
        ...input,
        workshopId,
        organisationId: await matchOrganisation(tx, input.organisationName, input.countryId),
        badgeToken: newBadgeToken(),
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "participant.add",
      entityType: "participant",
      entityId: created.id,
      countryId: created.countryId,
      message: activityMessage("participantAdded", { name: created.name }),
      requestId,
    });
    return created;
  });
  await emit({ type: "participant.changed", workshopId, participantId: participant.id });
  return participant;
}

/** Changes a participant's details; the link to a directory account (`userId`) stays as it was. */
export async function updateParticipant(
  workshopId: string,
  participantId: string,
  { userId: _, ...input }: ParticipantInput,
  { actorId, requestId }: ChangeAuthor,
) {
  await assertCountryExists(input.countryId);
  await db.$transaction(async (tx) => {
    const before = await tx.participant.findFirst({ where: { id: participantId, workshopId } });
    if (!before) throw new InputRefused("form", "participants:errors.notFound");
    await assertUniqueEmail(tx, workshopId, input.email, participantId);
    const organisationId =
      input.organisationName === before.organisationName && input.countryId === before.countryId
        ? before.organisationId
        : await matchOrganisation(tx, input.organisationName, input.countryId);
    const after = { ...input, organisationId };
    await tx.participant.update({ where: { id: participantId }, data: after });
    await recordAudit(tx, {
      actorId,
      action: "participant.update",
      entityType: "participant",
      entityId: participantId,
      countryId: input.countryId,
      message: activityMessage("participantUpdated", { name: input.name }),
      changes: changedFields(before, after),
      requestId,
    });
  });
  await emit({ type: "participant.changed", workshopId, participantId });
}

/** Removes a participant and their attendance (the history keeps who did it). */
export async function removeParticipant(
  workshopId: string,
  participantId: string,
  { actorId, requestId }: ChangeAuthor,
) {
  await db.$transaction(async (tx) => {
    const participant = await tx.participant.findFirst({ where: { id: participantId, workshopId } });
    if (!participant) throw new InputRefused("form", "participants:errors.notFound");
    await tx.participant.delete({ where: { id: participantId } });
    await recordAudit(tx, {
      actorId,
      action: "participant.remove",
      entityType: "participant",
      entityId: participantId,
      countryId: participant.countryId,
      message: activityMessage("participantRemoved", { name: participant.name }),
      requestId,
    });
  });
  await emit({ type: "participant.changed", workshopId, participantId });
}

/** A country id from a form that names no real country is a field error, not a foreign-key failure. */
export async function countryExists(countryId: string | null) {
  return countryId === null || (await db.country.count({ where: { id: countryId } })) === 1;
}

async function assertCountryExists(countryId: string | null) {
  if (!(await countryExists(countryId))) throw new InputRefused("countryId", "participants:errors.unknownCountry");
}
