import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import Papa from "papaparse";
import { z } from "zod";
import { db } from "~/utils/db.server";
import {
  PARTICIPANT_CATEGORIES,
  REGISTRATION_STATUSES,
  SEXES,
  type ParticipantCategory,
  type RegistrationStatus,
  type Sex,
} from "~/domain/vocabulary";
import type { ParticipantInput } from "~/forms/participant";
import { withoutBidiControls } from "~/utils/text";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { newBadgeToken } from "./participant-badge.server";
import { matchOrganisation } from "./participant.server";

/**
 * Participants from a spreadsheet: a CSV is read and checked row by row
 * (a preview that writes nothing), then its valid rows are written together.
 */

const MAX_IMPORT_ROWS = 1000;
export const MAX_IMPORT_BYTES = 512 * 1024;

type ImportColumn = "name" | "email" | "category" | "country" | "organisation" | "sex" | "status";
type ImportProblem =
  | "missingName"
  | "badEmail"
  | "missingCategory"
  | "unknownCategory"
  | "unknownCountry"
  | "unknownSex"
  | "unknownStatus"
  | "duplicateInFile"
  | "alreadyListed";

type PreviewRow = {
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
        message: activityMessage("participantImported", { name: created.name }),
        requestId,
      });
    }
  });
  await emit({ type: "participant.changed", workshopId, participantId: null });
  return { imported: valid.length, skipped: preview.rows.length - valid.length, preview };
}
