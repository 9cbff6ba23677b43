import { emit } from "~/events.server";
import { InputRefused } from "~/domain/input-refused";
import { type z } from "zod";
import { db, type Prisma } from "~/utils/db.server";
import { todayIn, overdueToday } from "~/utils/format";
import type { EvidenceLinkSchema, MilestoneInput, MilestoneRulesContext } from "~/forms/milestone";
import { milestoneOverdue } from "~/domain/overdue";
import { changedFields, recordAudit } from "./audit.server";
import { deleteStoredFile, storeUpload } from "./stored-file.server";

/**
 * One milestone and the work on it: the rules of its form, saving with
 * history, evidence, comments; and a country's priority sectors, whose
 * pipelines of milestones are created and removed with them. The monitoring
 * queries (counts, matrix) are in dashboard.server.ts.
 */

// ───────────────────────── one milestone: editing, history, evidence, comments ─────────────────────────

/** Choosing a priority sector is itself the first milestone of its pipeline. */
const SECTOR_PRIORITISED_STAGE = "sector_prioritised";

/**
 * The latest calendar day an actual date may name: today in ASEAN's easternmost
 * zone (Jayapura, UTC+9). Using UTC would refuse "today" to a focal point in
 * Jakarta or Manila every morning before 07:00/08:00; the cost is that late in
 * the evening in Yangon the next day is accepted for at most two and a half hours.
 */
export const ACTUAL_DATE_ZONE = "Asia/Jayapura";

/** The rules' context for one milestone: its stage and country, the Member States, today. */
export async function milestoneRulesContext(milestone: {
  stageCode: string;
  countryId: string;
}): Promise<MilestoneRulesContext> {
  const countries = await db.country.findMany({ select: { id: true } });
  return {
    stageCode: milestone.stageCode,
    countryId: milestone.countryId,
    countryIds: countries.map((c) => c.id),
    today: todayIn(ACTUAL_DATE_ZONE),
  };
}

/** The choices of the milestone form: partner Member States (not the country itself) and AQRF levels. */
export async function milestoneFormOptions(countryId: string) {
  const [partnerCountries, levels] = await Promise.all([
    db.country.findMany({
      where: { id: { not: countryId } },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true },
    }),
    db.aqrfLevel.findMany({ orderBy: { level: "asc" }, select: { level: true } }),
  ]);
  return { partnerCountries, levels };
}

/** Just enough of a milestone to check permissions and build its rules. */
export function findMilestoneScope(milestoneId: string) {
  return db.milestone.findUnique({
    where: { id: milestoneId },
    select: { id: true, countryId: true, stageCode: true, updatedAt: true },
  });
}

/** A milestone with everything its page shows, except history and comments. */
export async function getMilestone(milestoneId: string) {
  return db.milestone.findUnique({
    where: { id: milestoneId },
    include: {
      country: { select: { id: true, code: true, name: true } },
      sector: { select: { id: true, name: true } },
      stage: { select: { code: true, scope: true, name: true, description: true } },
      level: { select: { level: true, title: true, description: true } },
      partnerCountry: { select: { code: true, name: true } },
      project: { select: { code: true, title: true } },
      sourceOutcome: { select: { text: true, workshop: { select: { id: true, title: true } } } },
      updatedBy: { select: { id: true, name: true } },
      evidence: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          title: true,
          url: true,
          createdAt: true,
          file: { select: { id: true, filename: true, size: true } },
          createdBy: { select: { id: true, name: true } },
        },
      },
      actionItems: {
        orderBy: [{ plan: { periodStart: "desc" } }, { sortOrder: "asc" }],
        select: {
          id: true,
          activity: true,
          status: true,
          progress: true,
          dueOn: true,
          plan: { select: { id: true, title: true, status: true } },
        },
      },
    },
  });
}

/** "Referenced to AQRF (Welding), Cambodia": how a milestone is named in history summaries. */
function milestoneLabel(m: { stage: { name: string }; sector: { name: string } | null; country: { name: string } }) {
  return `${m.stage.name}${m.sector ? ` (${m.sector.name})` : ""}, ${m.country.name}`;
}

const labelSelect = {
  stage: { select: { name: true } },
  sector: { select: { name: true } },
  country: { select: { name: true } },
} as const;

/** Someone else saved the milestone after the form was opened; nothing was written. */
export class MilestoneConflict extends Error {
  constructor(
    readonly updatedAt: Date,
    readonly updatedByName: string | null,
  ) {
    super("milestone changed meanwhile");
  }
}

/**
 * Save a milestone's fields with one history row of what changed, in one
 * transaction. `expectedUpdatedAt` is the version the editor's form showed: when
 * someone saved in between, nothing is written and MilestoneConflict is thrown.
 * Returns false when nothing differed (no write, no history row).
 */
export async function updateMilestone(
  milestoneId: string,
  input: MilestoneInput,
  actorId: string,
  options: { expectedUpdatedAt?: string; requestId?: string } = {},
) {
  const result = await db.$transaction(async (tx) => {
    const before = await tx.milestone.findUniqueOrThrow({
      where: { id: milestoneId },
      select: {
        status: true,
        startedOn: true,
        targetOn: true,
        achievedOn: true,
        aqrfLevel: true,
        partnerCountryId: true,
        notes: true,
        countryId: true,
        updatedAt: true,
        updatedBy: { select: { name: true } },
        ...labelSelect,
      },
    });
    if (options.expectedUpdatedAt && before.updatedAt.toISOString() !== options.expectedUpdatedAt) {
      throw new MilestoneConflict(before.updatedAt, before.updatedBy?.name ?? null);
    }
    const changes = changedFields(before, input);
    if (Object.keys(changes).length === 0) return null;
    // The version condition makes two simultaneous saves of one form write once.
    const { count } = await tx.milestone.updateMany({
      where: { id: milestoneId, updatedAt: before.updatedAt },
      data: { ...input, updatedById: actorId },
    });
    if (count === 0) throw new MilestoneConflict(before.updatedAt, before.updatedBy?.name ?? null);
    const status = changes.status ? `: ${String(changes.status[1]).replace("_", " ")}` : " updated";
    await recordAudit(tx, {
      actorId,
      action: "milestone.update",
      entityType: "milestone",
      entityId: milestoneId,
      countryId: before.countryId,
      summary: `${milestoneLabel(before)}${status}`,
      changes,
      requestId: options.requestId,
    });
    return before.countryId;
  });
  if (result) await emit({ type: "milestone.changed", countryId: result, milestoneId });
  return result !== null;
}

// ───────── history ─────────

/** Fields a milestone's history can name, in the order the form shows them. */
export const HISTORY_FIELDS = [
  "status",
  "startedOn",
  "targetOn",
  "achievedOn",
  "aqrfLevel",
  "partnerCountry",
  "notes",
  "evidence",
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];
export type HistoryChange = { field: HistoryField; from: string | number | null; to: string | number | null };

/**
 * A milestone's history, newest first, as the page shows it: who, when, and
 * each field from → to, with partner countries named rather than given as ids.
 */
export async function milestoneHistory(milestoneId: string, take = 200) {
  const events = await db.auditEvent.findMany({
    where: { entityType: "milestone", entityId: milestoneId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      action: true,
      summary: true,
      createdAt: true,
      changes: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const parsed = events.map((e) => ({
    ...e,
    raw: e.changes ? (JSON.parse(e.changes) as Record<string, [unknown, unknown]>) : {},
  }));
  const partnerIds = new Set(
    parsed.flatMap((e) => (e.raw.partnerCountryId ?? []).filter((v): v is string => typeof v === "string")),
  );
  const partners = new Map(
    (await db.country.findMany({ where: { id: { in: [...partnerIds] } }, select: { id: true, name: true } })).map(
      (c) => [c.id, c.name],
    ),
  );
  const value = (v: unknown) => (typeof v === "string" || typeof v === "number" ? v : null);
  return parsed.map(({ raw, changes: _, ...event }) => {
    const changes: HistoryChange[] = [];
    for (const [key, [from, to]] of Object.entries(raw)) {
      if (key === "partnerCountryId")
        changes.push({
          field: "partnerCountry",
          from: partners.get(String(from)) ?? null,
          to: partners.get(String(to)) ?? null,
        });
      else if ((HISTORY_FIELDS as readonly string[]).includes(key))
        changes.push({ field: key as HistoryField, from: value(from), to: value(to) });
    }
    changes.sort((a, b) => HISTORY_FIELDS.indexOf(a.field) - HISTORY_FIELDS.indexOf(b.field));
    return { ...event, changes };
  });
}

// ───────── evidence ─────────

async function recordEvidenceChange(
  tx: Prisma.TransactionClient,
  milestoneId: string,
  actorId: string,
  from: string | null,
  to: string | null,
  requestId?: string,
) {
  const milestone = await tx.milestone.findUniqueOrThrow({
    where: { id: milestoneId },
    select: { countryId: true, ...labelSelect },
  });
  await tx.milestone.update({ where: { id: milestoneId }, data: { updatedById: actorId } });
  await recordAudit(tx, {
    actorId,
    action: to ? "milestone.evidence.add" : "milestone.evidence.remove",
    entityType: "milestone",
    entityId: milestoneId,
    countryId: milestone.countryId,
    summary: `${milestoneLabel(milestone)}: evidence ${to ? `added (${to})` : `removed (${from})`}`,
    changes: { evidence: [from, to] },
    requestId,
  });
  return milestone.countryId;
}

export async function addEvidenceLink(
  milestoneId: string,
  input: z.output<typeof EvidenceLinkSchema>,
  actorId: string,
  requestId?: string,
) {
  const countryId = await db.$transaction(async (tx) => {
    await tx.milestoneEvidence.create({
      data: { milestoneId, title: input.title, url: input.url, createdById: actorId },
    });
    return recordEvidenceChange(tx, milestoneId, actorId, null, input.title, requestId);
  });
  await emit({ type: "milestone.changed", countryId, milestoneId });
}

/** Store an uploaded file and attach it; throws UploadRejected (nothing written) for a refused file. */
export async function addEvidenceFile(
  milestoneId: string,
  file: File,
  title: string,
  actorId: string,
  requestId?: string,
) {
  const countryId = await db.$transaction(async (tx) => {
    const stored = await storeUpload(file, actorId, tx);
    const name = title || stored.filename;
    await tx.milestoneEvidence.create({ data: { milestoneId, title: name, fileId: stored.id, createdById: actorId } });
    return recordEvidenceChange(tx, milestoneId, actorId, null, name, requestId);
  });
  await emit({ type: "milestone.changed", countryId, milestoneId });
}

/** Remove a piece of evidence (and its stored file). False when it is not this milestone's. */
export async function removeEvidence(milestoneId: string, evidenceId: string, actorId: string, requestId?: string) {
  const countryId = await db.$transaction(async (tx) => {
    const evidence = await tx.milestoneEvidence.findFirst({ where: { id: evidenceId, milestoneId } });
    if (!evidence) return null;
    await tx.milestoneEvidence.delete({ where: { id: evidence.id } });
    const countryId = await recordEvidenceChange(tx, milestoneId, actorId, evidence.title, null, requestId);
    if (evidence.fileId) await deleteStoredFile(evidence.fileId, tx);
    return countryId;
  });
  if (countryId) await emit({ type: "milestone.changed", countryId, milestoneId });
  return countryId !== null;
}

// ───────── comments ─────────

/** The milestone's comments, oldest first; a deleted comment keeps its place without its text. */
export async function listMilestoneComments(milestoneId: string) {
  const rows = await db.comment.findMany({
    where: { entityType: "milestone", entityId: milestoneId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      body: true,
      createdAt: true,
      editedAt: true,
      deletedAt: true,
      author: { select: { id: true, name: true } },
    },
  });
  return rows.map((c) => (c.deletedAt ? { ...c, body: "" } : c));
}

export async function addMilestoneComment(
  milestone: { id: string; countryId: string },
  body: string,
  actorId: string,
  requestId?: string,
) {
  const comment = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        authorId: actorId,
        entityType: "milestone",
        entityId: milestone.id,
        countryId: milestone.countryId,
        body,
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "comment.create",
      entityType: "comment",
      entityId: comment.id,
      countryId: milestone.countryId,
      summary: `Comment on a milestone: ${body.slice(0, 80)}`,
      requestId,
    });
    return comment;
  });
  await emit({
    type: "milestone-comment.changed",
    countryId: milestone.countryId,
    milestoneId: milestone.id,
    commentId: comment.id,
  });
  return comment;
}

/**
 * Edit (a new body) or soft-delete (body null) one's own comment on this
 * milestone. False when the comment is not there, is someone else's or is
 * already deleted: nothing is written.
 */
export async function changeMilestoneComment(
  milestone: { id: string; countryId: string },
  commentId: string,
  body: string | null,
  actorId: string,
  requestId?: string,
) {
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.comment.findFirst({
      where: { id: commentId, entityType: "milestone", entityId: milestone.id, authorId: actorId, deletedAt: null },
    });
    if (!before) return false;
    const now = new Date();
    await tx.comment.update({
      where: { id: commentId },
      data: body === null ? { deletedAt: now } : { body, editedAt: now },
    });
    await recordAudit(tx, {
      actorId,
      action: body === null ? "comment.delete" : "comment.update",
      entityType: "comment",
      entityId: commentId,
      countryId: milestone.countryId,
      summary: body === null ? "Comment on a milestone deleted" : "Comment on a milestone edited",
      changes: { body: [before.body, body] },
      requestId,
    });
    return true;
  });
  if (changed)
    await emit({
      type: "milestone-comment.changed",
      countryId: milestone.countryId,
      milestoneId: milestone.id,
      commentId,
    });
  return changed;
}

// ───────────────────────── a country's priority sectors and country-level milestones ─────────────────────────

/** A country's milestones grouped as its pages show them: each priority sector's pipeline and the country-level ones. */
export async function countryMilestoneOverview(countryId: string) {
  const today = overdueToday();
  const [stages, milestones, prioritySectors] = await Promise.all([
    db.milestoneStage.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, scope: true, name: true } }),
    db.milestone.findMany({
      where: { countryId },
      select: {
        id: true,
        stageCode: true,
        sectorId: true,
        status: true,
        targetOn: true,
        achievedOn: true,
        notes: true,
        startedOn: true,
        _count: { select: { evidence: true, actionItems: true } },
      },
    }),
    db.countrySector.findMany({
      where: { countryId },
      orderBy: { sector: { sortOrder: "asc" } },
      select: {
        prioritisedOn: true,
        sector: { select: { id: true, name: true, isRmcs: true, addedByCountry: { select: { name: true } } } },
      },
    }),
  ]);
  const commented = new Set(
    (
      await db.comment.findMany({
        where: { entityType: "milestone", entityId: { in: milestones.map((m) => m.id) } },
        distinct: ["entityId"],
        select: { entityId: true },
      })
    ).map((c) => c.entityId),
  );
  const view = (m: (typeof milestones)[number]) => ({
    id: m.id,
    stageCode: m.stageCode,
    status: m.status,
    targetOn: m.targetOn,
    achievedOn: m.achievedOn,
    overdue: milestoneOverdue(m, today),
  });
  const sectorStages = stages.filter((s) => s.scope === "sector");
  return {
    sectorStages,
    countryStages: stages.filter((s) => s.scope === "country"),
    sectors: prioritySectors.map((p) => {
      const own = milestones.filter((m) => m.sectorId === p.sector.id);
      return {
        ...p,
        milestones: sectorStages.flatMap((s) => own.filter((m) => m.stageCode === s.code).map(view)),
        removable: own.every((m) => isUntouched(m, commented)),
      };
    }),
    countryMilestones: stages
      .filter((s) => s.scope === "country")
      .flatMap((s) =>
        milestones
          .filter((m) => m.sectorId === null && m.stageCode === s.code)
          .map((m) => ({ ...view(m), stageName: s.name })),
      ),
  };
}

/**
 * Whether removing a priority sector would lose work: a milestone counts as
 * untouched when nothing was recorded on it. Its own "sector prioritised"
 * milestone, completed when the sector was chosen, does not count as progress.
 */
function isUntouched(
  m: {
    id: string;
    stageCode: string;
    status: string;
    startedOn: string | null;
    targetOn: string | null;
    notes: string;
    _count: { evidence: number; actionItems: number };
  },
  commented: Set<string>,
) {
  const attached = m._count.evidence > 0 || m._count.actionItems > 0 || commented.has(m.id);
  if (m.stageCode === SECTOR_PRIORITISED_STAGE) return !attached && m.notes === "";
  return !attached && m.status === "not_started" && !m.startedOn && !m.targetOn && m.notes === "";
}

/** Reference sectors the country has not chosen yet. */
export function sectorsNotChosen(countryId: string) {
  return db.sector.findMany({
    where: { countries: { none: { countryId } } },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, isRmcs: true, addedByCountry: { select: { name: true } } },
  });
}

/** "Automotive & Repair (light)" → "automotive-repair-light" */
function sectorCode(name: string) {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "sector"
  );
}

async function prioritise(
  tx: Prisma.TransactionClient,
  countryId: string,
  sector: { id: string; name: string },
  actorId: string,
  requestId?: string,
) {
  const today = todayIn(ACTUAL_DATE_ZONE);
  const stages = await tx.milestoneStage.findMany({
    where: { scope: "sector" },
    orderBy: { sortOrder: "asc" },
    select: { code: true },
  });
  const country = await tx.country.findUniqueOrThrow({ where: { id: countryId }, select: { name: true } });
  await tx.countrySector.create({ data: { countryId, sectorId: sector.id, prioritisedOn: today } });
  for (const stage of stages) {
    const chosen = stage.code === SECTOR_PRIORITISED_STAGE;
    await tx.milestone.create({
      data: {
        countryId,
        sectorId: sector.id,
        stageCode: stage.code,
        status: chosen ? "completed" : "not_started",
        achievedOn: chosen ? today : null,
        updatedById: chosen ? actorId : null,
      },
    });
  }
  await recordAudit(tx, {
    actorId,
    action: "country.sector.add",
    entityType: "country",
    entityId: countryId,
    countryId,
    summary: `${sector.name} chosen as a priority sector of ${country.name}`,
    changes: { prioritySectors: [null, sector.name] },
    requestId,
  });
}

/** Choose a reference sector as a priority: its pipeline of milestones is created with it, in one transaction. */
export async function addPrioritySector(countryId: string, sectorId: string, actorId: string, requestId?: string) {
  const sector = await db.$transaction(async (tx) => {
    const sector = await tx.sector.findUnique({ where: { id: sectorId }, select: { id: true, name: true } });
    if (!sector) throw new InputRefused("sectorId", "milestones:sectors.errors.chooseSector");
    if (await tx.countrySector.findUnique({ where: { countryId_sectorId: { countryId, sectorId } } })) {
      throw new InputRefused("sectorId", "milestones:sectors.errors.alreadyChosen");
    }
    await prioritise(tx, countryId, sector, actorId, requestId);
    return sector;
  });
  await emit({ type: "priority-sector.changed", countryId, sectorId });
  return sector;
}

/** Add a sector to the reference list (for every country to choose) and make it this country's priority. */
export async function createSectorForCountry(countryId: string, name: string, actorId: string, requestId?: string) {
  const sector = await db.$transaction(async (tx) => {
    const existing = await tx.sector.findMany({ select: { code: true, name: true, sortOrder: true } });
    if (existing.some((s) => s.name.toLocaleLowerCase() === name.toLocaleLowerCase()))
      throw new InputRefused("name", "milestones:sectors.errors.nameTaken");
    const base = sectorCode(name);
    let code = base;
    for (let n = 2; existing.some((s) => s.code === code); n++) code = `${base}-${n}`;
    const sector = await tx.sector.create({
      data: {
        code,
        name,
        isRmcs: false,
        addedByCountryId: countryId,
        sortOrder: Math.max(0, ...existing.map((s) => s.sortOrder)) + 1,
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "sector.create",
      entityType: "sector",
      entityId: sector.id,
      countryId,
      summary: `Sector added: ${name}`,
      requestId,
    });
    await prioritise(tx, countryId, sector, actorId, requestId);
    return sector;
  });
  await emit({ type: "priority-sector.changed", countryId, sectorId: sector.id });
  return sector;
}

/**
 * Remove a priority sector with its pipeline. Refused (InputRefused,
 * nothing written) once any of its milestones holds work: progress, dates,
 * notes, evidence, linked action items or comments. Its history stays.
 */
export async function removePrioritySector(countryId: string, sectorId: string, actorId: string, requestId?: string) {
  const sector = await db.$transaction(async (tx) => {
    const chosen = await tx.countrySector.findUnique({
      where: { countryId_sectorId: { countryId, sectorId } },
      select: { id: true, sector: { select: { name: true } }, country: { select: { name: true } } },
    });
    if (!chosen) throw new InputRefused("sectorId", "milestones:sectors.errors.notChosen");
    const milestones = await tx.milestone.findMany({
      where: { countryId, sectorId },
      select: {
        id: true,
        stageCode: true,
        status: true,
        startedOn: true,
        targetOn: true,
        notes: true,
        _count: { select: { evidence: true, actionItems: true } },
      },
    });
    const ids = milestones.map((m) => m.id);
    const commented = new Set(
      (
        await tx.comment.findMany({
          where: { entityType: "milestone", entityId: { in: ids } },
          select: { entityId: true },
        })
      ).map((c) => c.entityId),
    );
    if (!milestones.every((m) => isUntouched(m, commented)))
      throw new InputRefused("sectorId", "milestones:sectors.errors.hasProgress");
    await tx.milestone.deleteMany({ where: { id: { in: ids } } });
    await tx.countrySector.delete({ where: { id: chosen.id } });
    await recordAudit(tx, {
      actorId,
      action: "country.sector.remove",
      entityType: "country",
      entityId: countryId,
      countryId,
      summary: `${chosen.sector.name} is no longer a priority sector of ${chosen.country.name}`,
      changes: { prioritySectors: [chosen.sector.name, null] },
      requestId,
    });
    return chosen.sector;
  });
  await emit({ type: "priority-sector.changed", countryId, sectorId });
  return sector;
}
