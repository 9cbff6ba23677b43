import { emit } from "~/events.server";
import crypto from "node:crypto";
import Papa from "papaparse";
import QRCode from "qrcode";
import { z } from "zod";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { db, type Prisma } from "~/utils/db.server";
import {
  LOCALES,
  PARTICIPANT_CATEGORIES,
  REGISTRATION_STATUSES,
  type Locale,
  SEXES,
  type ParticipantCategory,
  type RegistrationStatus,
  type Sex,
} from "~/domain/vocabulary";
import { env } from "~/utils/env.server";
import { formatDay, todayIn } from "~/utils/format";
import { optionalText, text } from "~/forms/fields";
import { withoutBidiControls } from "~/utils/text";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import { translatorFor } from "~/i18n/translate.server";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import { sendEmail } from "./email.server";

/** A rule of the participant list broken by a request (duplicate e-mail, used link): shown beside the field. */
export class ParticipantError extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

/** What a reader of the list may see: everything, or who takes part without contact details. */
export type ParticipantAccess = { seesContacts: boolean };

/** The opaque code printed on a badge: random, unrelated to the person, useless without a facilitator's session. */
export const newBadgeToken = () => crypto.randomBytes(16).toString("base64url");
export const BadgeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** The URL a badge's QR code encodes. Opening it checks nobody in: it asks for a facilitator's session. */
export function badgeUrl(badgeToken: string) {
  return `${env().PUBLIC_URL}/check-in/${badgeToken}`;
}

/** A badge code as typed or scanned: the bare token, or the whole badge URL. */
export function badgeTokenFromCode(code: string): string | null {
  const trimmed = code.trim();
  const candidate = trimmed.includes("/")
    ? (trimmed.split("?")[0]!.replace(/\/+$/, "").split("/").pop() ?? "")
    : trimmed;
  const parsed = BadgeTokenSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

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
  const query = filter.query?.trim();
  const rows = await db.participant.findMany({
    where: {
      workshopId,
      category: filter.category,
      countryId: filter.countryId,
      registrationStatus: access.seesContacts ? filter.status : "registered",
      OR: query
        ? [
            { name: { contains: query } },
            { organisationName: { contains: query } },
            ...(access.seesContacts ? [{ email: { contains: query.toLowerCase() } }] : []),
          ]
        : undefined,
    },
    orderBy: [{ name: "asc" }],
    select: listSelect,
  });
  return rows.map((p) => ({
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
          hasAccount: p.userId !== null,
        }
      : { email: null, sex: null, registrationStatus: null, hasAccount: null }),
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
  const q = query.trim();
  if (q.length < 2) return [];
  const people = await db.user.findMany({
    where: {
      status: { not: "disabled" },
      OR: [
        { name: { contains: q } },
        { email: { contains: q.toLowerCase() } },
        { organisation: { name: { contains: q } } },
        { organisation: { acronym: { contains: q } } },
      ],
    },
    orderBy: { name: "asc" },
    take: 10,
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

export const ParticipantInputSchema = z.object({
  userId: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .nullable(),
  name: z.string().trim().min(1).max(160),
  email: z.string().trim().toLowerCase().max(254).email().nullable(),
  category: z.enum(PARTICIPANT_CATEGORIES),
  countryId: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .nullable(),
  organisationName: z.string().trim().max(200),
  sex: z.enum(SEXES),
  registrationStatus: z.enum(REGISTRATION_STATUSES),
});
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>;

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
  if (clash) throw new ParticipantError("email", "participants:errors.duplicateEmail");
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
  if (clash) throw new ParticipantError("userId", "participants:errors.alreadyListed");
}

/** An organisation record matching a typed name or acronym, so the directory stays linked. */
async function matchOrganisation(tx: Prisma.TransactionClient | typeof db, name: string, countryId: string | null) {
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
      summary: `Added ${created.name} to the workshop's participants`,
      requestId,
    });
    return created;
  });
  await emit({ type: "participant.changed", workshopId, participantId: participant.id });
  return participant;
}

export async function updateParticipant(
  workshopId: string,
  participantId: string,
  input: Omit<ParticipantInput, "userId">,
  { actorId, requestId }: ChangeAuthor,
) {
  await db.$transaction(async (tx) => {
    const before = await tx.participant.findFirst({ where: { id: participantId, workshopId } });
    if (!before) throw new ParticipantError("form", "participants:errors.notFound");
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
      summary: `Updated participant ${input.name}`,
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
    if (!participant) throw new ParticipantError("form", "participants:errors.notFound");
    await tx.participant.delete({ where: { id: participantId } });
    await recordAudit(tx, {
      actorId,
      action: "participant.remove",
      entityType: "participant",
      entityId: participantId,
      countryId: participant.countryId,
      summary: `Removed ${participant.name} from the workshop's participants`,
      requestId,
    });
  });
  await emit({ type: "participant.changed", workshopId, participantId });
}

// ---------------------------------------------------------------------------
// Self-registration

/** The page an invited person opens to register. */
export const registrationUrl = (token: string) => `${env().PUBLIC_URL}/register/${token}`;
export const RegistrationTokenSchema = z.string().regex(/^[a-z2-7]{32}$/);

/**
 * A new registration link for a participant who has not registered yet. Only
 * the token's hash is kept, so the link is shown once; a new link replaces the
 * previous one.
 */
export async function createRegistrationLink(
  workshopId: string,
  participantId: string,
  { actorId, requestId }: ChangeAuthor,
) {
  const token = generateToken();
  const participant = await db.$transaction(async (tx) => {
    const participant = await tx.participant.findFirst({
      where: { id: participantId, workshopId },
      include: { workshop: { select: { title: true } } },
    });
    if (!participant) throw new ParticipantError("form", "participants:errors.notFound");
    if (participant.registrationStatus === "registered")
      throw new ParticipantError("form", "participants:errors.alreadyRegistered");
    await tx.participant.update({ where: { id: participantId }, data: { registrationTokenHash: hashToken(token) } });
    await recordAudit(tx, {
      actorId,
      action: "participant.registration_link",
      entityType: "participant",
      entityId: participantId,
      countryId: participant.countryId,
      summary: `Created a registration link for ${participant.name}`,
      requestId,
    });
    return participant;
  });
  return { url: registrationUrl(token), token, participant };
}

/**
 * A fresh registration link sent by e-mail, written in the invited person's
 * language when they have an account, else in `fallbackLocale` (the sender's).
 * Returns the link and the address it went to.
 */
export async function sendRegistrationLink(
  workshopId: string,
  participantId: string,
  author: ChangeAuthor,
  fallbackLocale: Locale,
) {
  const { url, token, participant } = await createRegistrationLink(workshopId, participantId, author);
  if (!participant.email) return { url, sentTo: null };
  const [account, workshop] = await Promise.all([
    participant.userId ? db.user.findUnique({ where: { id: participant.userId }, select: { locale: true } }) : null,
    db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { title: true, startsOn: true, endsOn: true } }),
  ]);
  const locale = (LOCALES as readonly string[]).includes(account?.locale ?? "")
    ? (account!.locale as Locale)
    : fallbackLocale;
  const t = await translatorFor(locale);
  const dates =
    workshop.startsOn === workshop.endsOn
      ? formatDay(workshop.startsOn, locale, "long")
      : `${formatDay(workshop.startsOn, locale, "long")} – ${formatDay(workshop.endsOn, locale, "long")}`;
  await sendEmail({
    to: participant.email,
    subject: t("participants:invitation.emailSubject", { workshop: workshop.title }),
    text: t("participants:invitation.emailBody", { name: participant.name, workshop: workshop.title, dates, url }),
    linkToken: token,
  });
  return { url, sentTo: participant.email };
}

/** The participant and workshop behind an unused registration link, or null. */
export async function findRegistration(token: string) {
  const parsed = RegistrationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return db.participant.findUnique({
    where: { registrationTokenHash: hashToken(parsed.data) },
    select: {
      id: true,
      name: true,
      email: true,
      sex: true,
      organisationName: true,
      countryId: true,
      registrationStatus: true,
      workshop: {
        select: {
          id: true,
          title: true,
          startsOn: true,
          endsOn: true,
          venue: true,
          city: true,
          timeZone: true,
          hostCountry: { select: { name: true } },
        },
      },
    },
  });
}

export type RegistrationAnswer = {
  decision: "register" | "decline";
  name: string;
  organisationName: string;
  countryId: string | null;
  sex: Sex;
};

/**
 * Answers an invitation from its link. The link is used up in the same
 * statement that checks it, so two submissions cannot both succeed.
 * Returns null when the link is unknown or already used.
 */
export async function completeRegistration(token: string, answer: RegistrationAnswer) {
  const parsed = RegistrationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const tokenHash = hashToken(parsed.data);
  const result = await db.$transaction(async (tx) => {
    const participant = await tx.participant.findUnique({ where: { registrationTokenHash: tokenHash } });
    if (!participant) return null;
    const status: RegistrationStatus = answer.decision === "register" ? "registered" : "declined";
    const details =
      answer.decision === "register"
        ? { name: answer.name, organisationName: answer.organisationName, countryId: answer.countryId, sex: answer.sex }
        : {};
    const organisationId =
      answer.decision === "register" &&
      (answer.organisationName !== participant.organisationName || answer.countryId !== participant.countryId)
        ? await matchOrganisation(tx, answer.organisationName, answer.countryId)
        : participant.organisationId;
    const used = await tx.participant.updateMany({
      where: { id: participant.id, registrationTokenHash: tokenHash },
      data: { ...details, organisationId, registrationStatus: status, registrationTokenHash: null },
    });
    if (used.count !== 1) return null;
    await recordAudit(tx, {
      actorId: participant.userId,
      action: answer.decision === "register" ? "participant.register" : "participant.decline",
      entityType: "participant",
      entityId: participant.id,
      countryId: answer.countryId ?? participant.countryId,
      summary: `${participant.name} ${answer.decision === "register" ? "registered" : "declined"} through their invitation link`,
      changes: changedFields(participant as Record<string, unknown>, { ...details, registrationStatus: status }),
    });
    return { participantId: participant.id, workshopId: participant.workshopId, status };
  });
  if (result)
    await emit({ type: "participant.changed", workshopId: result.workshopId, participantId: result.participantId });
  return result;
}

/** A signed-in participant answers for themselves (workshop.register is checked by the caller). */
export async function answerOwnInvitation(
  workshopId: string,
  userId: string,
  decision: "register" | "decline",
  requestId?: string | null,
) {
  const participant = await db.$transaction(async (tx) => {
    const participant = await tx.participant.findFirst({ where: { workshopId, userId } });
    if (!participant) throw new ParticipantError("form", "participants:errors.notFound");
    const status: RegistrationStatus = decision === "register" ? "registered" : "declined";
    await tx.participant.update({
      where: { id: participant.id },
      data: { registrationStatus: status, registrationTokenHash: null },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: decision === "register" ? "participant.register" : "participant.decline",
      entityType: "participant",
      entityId: participant.id,
      countryId: participant.countryId,
      summary: `${participant.name} ${decision === "register" ? "registered" : "declined"}`,
      changes: { registrationStatus: [participant.registrationStatus, status] },
      requestId,
    });
    return participant;
  });
  await emit({ type: "participant.changed", workshopId, participantId: participant.id });
}

// ---------------------------------------------------------------------------
// CSV import

export const MAX_IMPORT_ROWS = 1000;
export const MAX_IMPORT_BYTES = 512 * 1024;

export type ImportColumn = "name" | "email" | "category" | "country" | "organisation" | "sex" | "status";
export type ImportProblem =
  | "missingName"
  | "badEmail"
  | "missingCategory"
  | "unknownCategory"
  | "unknownCountry"
  | "unknownSex"
  | "unknownStatus"
  | "duplicateInFile"
  | "alreadyListed";

export type PreviewRow = {
  /** the line in the file, counting the header as line 1 */
  line: number;
  values: Record<ImportColumn, string>;
  problems: ImportProblem[];
  /** what would be written, when the row has no problem */
  input: ParticipantInput | null;
  countryCode: string | null;
};
export type ImportPreview =
  | { ok: true; rows: PreviewRow[]; validCount: number; ignoredColumns: string[] }
  | { ok: false; error: "empty" | "noNameColumn" | "tooManyRows" | "tooLarge" | "unreadable"; limit?: number };

// Header spellings seen in real lists, English and Indonesian, compared without case or punctuation.
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  name: ["name", "full name", "fullname", "participant", "participant name", "nama", "nama lengkap"],
  email: ["email", "e mail", "email address", "e mail address", "mail", "alamat email", "surel"],
  category: ["category", "participant category", "kategori", "type", "role", "group"],
  country: ["country", "country code", "iso", "iso code", "ams", "member state", "negara"],
  organisation: [
    "organisation",
    "organization",
    "organisation name",
    "organization name",
    "agency",
    "institution",
    "ministry",
    "organisasi",
    "instansi",
    "lembaga",
  ],
  sex: ["sex", "gender", "jenis kelamin", "m f"],
  status: ["status", "registration status", "registration", "status pendaftaran"],
};

const normalise = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const CATEGORY_ALIASES: Record<string, ParticipantCategory> = {
  "focal point": "focal_point",
  "skills focal point": "focal_point",
  "slom focal point": "focal_point",
  fp: "focal_point",
  "titik fokus": "focal_point",
  "task force": "task_force",
  "task force representative": "task_force",
  "task force aqrf": "task_force",
  "task force member": "task_force",
  tf: "task_force",
  "gugus tugas": "task_force",
  secretariat: "secretariat",
  "asean secretariat": "secretariat",
  asec: "secretariat",
  "sekretariat asean": "secretariat",
  "resource person": "resource_person",
  "resource persons": "resource_person",
  expert: "resource_person",
  narasumber: "resource_person",
  ilo: "ilo",
  iom: "iom",
  employer: "employers",
  employers: "employers",
  "employers organisation": "employers",
  "employers organization": "employers",
  pengusaha: "employers",
  worker: "workers",
  workers: "workers",
  "trade union": "workers",
  "workers organisation": "workers",
  "workers organization": "workers",
  pekerja: "workers",
  observer: "observer",
  observers: "observer",
  donor: "observer",
  pengamat: "observer",
};
// The labels the app itself shows, in both languages, so an exported list imports again.
for (const labels of [en, id]) {
  for (const c of PARTICIPANT_CATEGORIES) CATEGORY_ALIASES[normalise(labels.workshops.categories[c])] ??= c;
}
for (const c of PARTICIPANT_CATEGORIES) CATEGORY_ALIASES[normalise(c)] = c;

const SEX_ALIASES: Record<string, Sex> = {
  f: "female",
  female: "female",
  woman: "female",
  w: "female",
  perempuan: "female",
  p: "female",
  wanita: "female",
  m: "male",
  male: "male",
  man: "male",
  l: "male",
  "laki laki": "male",
  pria: "male",
  other: "other",
  lainnya: "other",
  undisclosed: "undisclosed",
  "prefer not to say": "undisclosed",
  "not stated": "undisclosed",
};

const STATUS_ALIASES: Record<string, RegistrationStatus> = {
  invited: "invited",
  invite: "invited",
  diundang: "invited",
  registered: "registered",
  confirmed: "registered",
  terdaftar: "registered",
  declined: "declined",
  "not attending": "declined",
  menolak: "declined",
  waitlisted: "waitlisted",
  "waiting list": "waitlisted",
  waitlist: "waitlisted",
  "daftar tunggu": "waitlisted",
};

// Common ways of writing the ten AMS that are neither the ISO code nor the name kept in the database.
const COUNTRY_ALIASES: Record<string, string> = {
  brunei: "BN",
  "brunei darussalam": "BN",
  cambodia: "KH",
  kamboja: "KH",
  indonesia: "ID",
  laos: "LA",
  "lao pdr": "LA",
  "lao people s democratic republic": "LA",
  malaysia: "MY",
  myanmar: "MM",
  burma: "MM",
  philippines: "PH",
  "the philippines": "PH",
  filipina: "PH",
  singapore: "SG",
  singapura: "SG",
  thailand: "TH",
  "viet nam": "VN",
  vietnam: "VN",
};

for (const labels of [en, id]) {
  for (const sex of SEXES) SEX_ALIASES[normalise(labels.common.sexes[sex])] ??= sex;
  for (const status of REGISTRATION_STATUSES)
    STATUS_ALIASES[normalise(labels.participants.statuses[status])] ??= status;
}

const emailCheck = z.string().email();

/**
 * Reads a CSV (comma or semicolon, optional UTF-8 byte-order mark, header row
 * in any of the usual spellings) and says, row by row, what would be written
 * and what is wrong. Nothing is written here.
 */
export async function previewParticipantImport(workshopId: string, csvText: string): Promise<ImportPreview> {
  if (csvText.length > MAX_IMPORT_BYTES) return { ok: false, error: "tooLarge", limit: MAX_IMPORT_BYTES };
  const text = csvText.replace(/^\uFEFF/, "");
  if (!text.trim()) return { ok: false, error: "empty" };
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t"] });
  if (parsed.data.length === 0) return { ok: false, error: "unreadable" };
  const [header, ...body] = parsed.data as string[][];
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, error: "tooManyRows", limit: MAX_IMPORT_ROWS };

  const columnIndex = new Map<ImportColumn, number>();
  const ignoredColumns: string[] = [];
  header!.forEach((cell, index) => {
    const key = normalise(cell);
    const column = (Object.keys(HEADER_ALIASES) as ImportColumn[]).find((c) => HEADER_ALIASES[c].includes(key));
    if (column && !columnIndex.has(column)) columnIndex.set(column, index);
    else if (cell.trim()) ignoredColumns.push(cell.trim());
  });
  if (!columnIndex.has("name")) return { ok: false, error: "noNameColumn" };

  const [countries, existing] = await Promise.all([
    db.country.findMany({ select: { id: true, code: true, name: true } }),
    db.participant.findMany({ where: { workshopId, email: { not: null } }, select: { email: true } }),
  ]);
  const countryByKey = new Map<string, { id: string; code: string }>();
  for (const c of countries) {
    countryByKey.set(normalise(c.code), c);
    countryByKey.set(normalise(c.name), c);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
    const country = countries.find((c) => c.code === code);
    if (country) countryByKey.set(alias, country);
  }
  const listedEmails = new Set(existing.map((p) => p.email!.toLowerCase()));
  const emailsInFile = new Map<string, number>();

  const rows: PreviewRow[] = body.map((cells, index) => {
    const get = (column: ImportColumn) => {
      const at = columnIndex.get(column);
      return at === undefined ? "" : withoutBidiControls(cells[at] ?? "").trim();
    };
    const values = {
      name: get("name"),
      email: get("email"),
      category: get("category"),
      country: get("country"),
      organisation: get("organisation"),
      sex: get("sex"),
      status: get("status"),
    };
    const problems: ImportProblem[] = [];
    if (!values.name) problems.push("missingName");
    const email = values.email.toLowerCase();
    if (email && (!emailCheck.safeParse(email).success || email.length > 254)) problems.push("badEmail");
    // No default category: a guess would distort the figures donors receive.
    const category = CATEGORY_ALIASES[normalise(values.category)];
    if (!category) problems.push(values.category ? "unknownCategory" : "missingCategory");
    const country = values.country ? countryByKey.get(normalise(values.country)) : null;
    if (values.country && !country) problems.push("unknownCountry");
    const sex: Sex | undefined = values.sex ? SEX_ALIASES[normalise(values.sex)] : "undisclosed";
    if (!sex) problems.push("unknownSex");
    const status: RegistrationStatus | undefined = values.status ? STATUS_ALIASES[normalise(values.status)] : "invited";
    if (!status) problems.push("unknownStatus");
    if (email && !problems.includes("badEmail")) {
      if (listedEmails.has(email)) problems.push("alreadyListed");
      else if (emailsInFile.has(email)) problems.push("duplicateInFile");
      else emailsInFile.set(email, index);
    }
    const valid = problems.length === 0;
    return {
      line: index + 2,
      values,
      problems,
      countryCode: country?.code ?? null,
      input: valid
        ? {
            userId: null,
            name: values.name.slice(0, 160),
            email: email || null,
            category: category!,
            countryId: country?.id ?? null,
            organisationName: values.organisation.slice(0, 200),
            sex: sex!,
            registrationStatus: status!,
          }
        : null,
    };
  });
  return { ok: true, rows, validCount: rows.filter((r) => r.input).length, ignoredColumns };
}

/**
 * Writes the rows of a CSV that have no problem, all in one transaction, after
 * reading the file again (the preview a browser shows is never trusted). If
 * the number of valid rows is no longer what the person saw in the preview
 * (someone changed the list meanwhile) nothing is written and the new preview
 * is returned instead.
 */
export async function importParticipants(
  workshopId: string,
  csvText: string,
  expectedCount: number,
  { actorId, requestId }: ChangeAuthor,
) {
  const preview = await previewParticipantImport(workshopId, csvText);
  if (!preview.ok || preview.validCount !== expectedCount || preview.validCount === 0) return { imported: 0, preview };
  const valid = preview.rows.filter((r) => r.input).map((r) => r.input!);
  const users = await db.user.findMany({
    where: { email: { in: valid.flatMap((r) => (r.email ? [r.email] : [])) } },
    select: { id: true, email: true },
  });
  const userByEmail = new Map(users.map((u) => [u.email, u.id]));
  await db.$transaction(async (tx) => {
    const listedUsers = new Set(
      (await tx.participant.findMany({ where: { workshopId, userId: { not: null } }, select: { userId: true } })).map(
        (p) => p.userId,
      ),
    );
    for (const row of valid) {
      // A row whose e-mail belongs to a directory account is linked to it, so the person sees their badge.
      const userId = row.email ? (userByEmail.get(row.email) ?? null) : null;
      const created = await tx.participant.create({
        data: {
          ...row,
          userId: userId && !listedUsers.has(userId) ? userId : null,
          workshopId,
          organisationId: await matchOrganisation(tx, row.organisationName, row.countryId),
          badgeToken: newBadgeToken(),
        },
      });
      if (userId) listedUsers.add(userId);
      await recordAudit(tx, {
        actorId,
        action: "participant.import",
        entityType: "participant",
        entityId: created.id,
        countryId: created.countryId,
        summary: `Imported ${created.name} from a CSV file`,
        requestId,
      });
    }
  });
  await emit({ type: "participant.changed", workshopId, participantId: null });
  return { imported: valid.length, skipped: preview.rows.length - valid.length, preview };
}

// ---------------------------------------------------------------------------
// Who may do what with one workshop's participants

// ---------------------------------------------------------------------------
// The add/edit form

const nullable = <T extends z.ZodTypeAny>(schema: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(schema.nullable());

export const ParticipantFormSchema = z.object({
  userId: nullable(z.string().regex(/^[a-z0-9]{10,40}$/)),
  name: text(160),
  email: nullable(z.string().toLowerCase().max(254).email()),
  category: z.enum(PARTICIPANT_CATEGORIES),
  countryId: nullable(z.string().regex(/^[a-z0-9]{10,40}$/, "participants:errors.unknownCountry")),
  organisationName: optionalText(200),
  sex: z.enum(SEXES),
  registrationStatus: z.enum(REGISTRATION_STATUSES),
});

/** A country id from a form that names no real country is a field error, not a foreign-key failure. */
export async function countryExists(countryId: string | null) {
  return countryId === null || (await db.country.count({ where: { id: countryId } })) === 1;
}

// ---------------------------------------------------------------------------
// Badges

/** The QR code of a badge as inline SVG: the badge URL, nothing about the person. */
export function badgeQrSvg(badgeToken: string) {
  return QRCode.toString(badgeUrl(badgeToken), { type: "svg", margin: 0, errorCorrectionLevel: "M" });
}

/** Badges to print: everyone invited, registered or waitlisted (not those who declined), or one person. */
export async function listBadges(workshopId: string, participantId?: string) {
  const participants = await db.participant.findMany({
    where: { workshopId, ...(participantId ? { id: participantId } : { registrationStatus: { not: "declined" } }) },
    orderBy: [{ country: { sortOrder: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      category: true,
      organisationName: true,
      badgeToken: true,
      organisation: { select: { name: true } },
      country: { select: { code: true, name: true } },
    },
  });
  return Promise.all(
    participants.map(async ({ badgeToken, organisation, ...p }) => ({
      ...p,
      organisationName: p.organisationName || organisation?.name || "",
      code: badgeToken,
      qrSvg: await badgeQrSvg(badgeToken),
    })),
  );
}

/** The coming (or running) workshops a person takes part in, with their badge, for their account page. */
export async function listOwnBadges(userId: string) {
  const participations = await db.participant.findMany({
    where: { userId, registrationStatus: { in: ["registered", "invited", "waitlisted"] } },
    select: {
      badgeToken: true,
      registrationStatus: true,
      workshop: { select: { id: true, title: true, startsOn: true, endsOn: true, timeZone: true, city: true } },
    },
  });
  const coming = participations
    .filter((p) => p.workshop.endsOn >= todayIn(p.workshop.timeZone))
    .sort((a, b) => a.workshop.startsOn.localeCompare(b.workshop.startsOn));
  return Promise.all(
    coming.map(async (p) => ({
      workshop: p.workshop,
      registrationStatus: p.registrationStatus as RegistrationStatus,
      // Only a registered person needs a badge; the invited see the invitation to answer first.
      qrSvg: p.registrationStatus === "registered" ? await badgeQrSvg(p.badgeToken) : null,
      code: p.registrationStatus === "registered" ? p.badgeToken : null,
    })),
  );
}

/** The workshop a badge belongs to, for the badge URL's landing (who it names is not revealed). */
export async function findBadgeWorkshop(badgeToken: string) {
  const participant = await db.participant.findUnique({
    where: { badgeToken },
    select: { workshop: { select: { id: true, startsOn: true, endsOn: true, timeZone: true } } },
  });
  return participant?.workshop ?? null;
}
