import { emit, type DomainEvent } from "~/events.server";
import { type z } from "zod";
import { db, type Prisma } from "~/utils/db.server";
import { todayIn } from "~/utils/format";
import { InputRefused } from "~/domain/input-refused";
import { MILESTONE_STATUSES, parseWord, type MilestoneStatus } from "~/domain/vocabulary";
import {
  milestoneFormSchema,
  type EvidenceLinkSchema,
  type MilestoneInput,
  type MilestoneRulesContext,
} from "~/forms/milestone";
import { activityMessage } from "~/i18n/activity";
import { changedFields, recordAudit, type AuditInput, type ChangeAuthor } from "./audit.server";
import { markItemsDoneIn } from "./action-item.server";
import { addMilestoneComment } from "./milestone-comment.server";
import { deleteStoredFile, storeUpload } from "./stored-file.server";

/**
 * One milestone and the work on it: the context of its form's rules, saving
 * with history, evidence. Its comments are in milestone-comment.server.ts, a
 * country's priority sectors in priority-sector.server.ts, the monitoring
 * queries in dashboard.server.ts.
 */

// ───────────────────────── one milestone: editing, history, evidence ─────────────────────────

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
      sector: { select: { id: true, code: true, name: true } },
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

/** What names a milestone in the history ("Referenced to AQRF (Welding), Cambodia"), in each reader's language. */
const labelSelect = {
  stage: { select: { code: true, name: true } },
  sector: { select: { code: true, name: true } },
  country: { select: { code: true, name: true } },
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
  options: { expectedUpdatedAt?: string; requestId?: string; alsoDoneItemIds?: string[] } = {},
) {
  let itemEvents: Awaited<ReturnType<typeof markItemsDoneIn>> = [];
  const result = await db.$transaction(async (tx) => {
    const countryId = await saveMilestoneIn(tx, milestoneId, input, {
      actorId,
      requestId: options.requestId,
      expectedUpdatedAt: options.expectedUpdatedAt ? new Date(options.expectedUpdatedAt) : undefined,
    });
    // Completing it (or having completed it) may finish the linked action items ticked on the same form.
    if (input.status === "completed")
      itemEvents = await markItemsDoneIn(tx, milestoneId, options.alsoDoneItemIds ?? [], actorId, options.requestId);
    return countryId;
  });
  if (result) await emit(milestoneEvent(result, milestoneId));
  for (const event of itemEvents) await emit(event);
  return result !== null || itemEvents.length > 0;
}

/** What a saved milestone announces once its transaction is committed. */
export const milestoneEvent = (countryId: string, milestoneId: string): DomainEvent => ({
  type: "milestone.changed",
  countryId,
  milestoneId,
});

/**
 * Writes a milestone's changed fields with one history row inside `tx`. `expectedUpdatedAt`
 * is the version the form (or the exported spreadsheet) showed: when someone saved in between,
 * nothing is written and MilestoneConflict is thrown. Returns the milestone's country, or null
 * when nothing differed (no write, no history row).
 */
async function saveMilestoneIn(
  tx: Prisma.TransactionClient,
  milestoneId: string,
  input: MilestoneInput,
  author: MilestoneAuthor,
) {
  const before = await tx.milestone.findUniqueOrThrow({ where: { id: milestoneId }, select: milestoneBeforeSelect });
  const history = await writeMilestoneIn(tx, before, input, author);
  if (!history) return null;
  await recordAudit(tx, history);
  return before.countryId;
}

type MilestoneAuthor = ChangeAuthor & { expectedUpdatedAt?: Date; fromSpreadsheet?: boolean };

/** What a milestone's write compares and its history row names. */
export const milestoneBeforeSelect = {
  id: true,
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
} as const;

/**
 * The write of saveMilestoneIn for a milestone already read (`before`): returns the history
 * row to record, or null when nothing differed. A spreadsheet's rows read their milestones
 * together and record their history rows in one statement.
 */
export async function writeMilestoneIn(
  tx: Prisma.TransactionClient,
  before: Prisma.MilestoneGetPayload<{ select: typeof milestoneBeforeSelect }>,
  input: MilestoneInput,
  author: MilestoneAuthor,
): Promise<AuditInput | null> {
  const conflict = () => new MilestoneConflict(before.updatedAt, before.updatedBy?.name ?? null);
  if (author.expectedUpdatedAt && before.updatedAt.getTime() !== author.expectedUpdatedAt.getTime()) throw conflict();
  const changes = changedFields(before, input);
  if (Object.keys(changes).length === 0) return null;
  // The version condition makes two simultaneous saves of one form write once.
  const { count } = await tx.milestone.updateMany({
    where: { id: before.id, updatedAt: before.updatedAt },
    data: { ...input, updatedById: author.actorId },
  });
  if (count === 0) throw conflict();
  const milestone = { milestone: before };
  return {
    actorId: author.actorId,
    action: "milestone.update",
    entityType: "milestone",
    entityId: before.id,
    countryId: before.countryId,
    message: author.fromSpreadsheet
      ? activityMessage("milestoneUpdatedFromSpreadsheet", { milestone })
      : changes.status
        ? activityMessage("milestoneStatus", {
            milestone,
            status: { milestoneStatus: parseWord(MILESTONE_STATUSES, String(changes.status[1])) },
          })
        : activityMessage("milestoneUpdated", { milestone }),
    changes,
    requestId: author.requestId,
  };
}

/**
 * A status change made from a list (a focal point's home), under the same rules as the
 * milestone's form: completing it records today as the actual day unless one is there, and a
 * stage that needs more before it can be completed (an AQRF level, a partner) is refused with
 * that rule's message, for the full form. A note is added as a comment on the milestone.
 * `seenUpdatedAt` is the version the list showed: a save made meanwhile is not overwritten.
 */
export async function changeMilestoneStatus(
  milestoneId: string,
  change: { status: MilestoneStatus; note: string; seenUpdatedAt: string },
  actorId: string,
  requestId?: string,
) {
  const current = await db.milestone.findUniqueOrThrow({
    where: { id: milestoneId },
    select: {
      stageCode: true,
      countryId: true,
      startedOn: true,
      targetOn: true,
      achievedOn: true,
      aqrfLevel: true,
      partnerCountryId: true,
      notes: true,
    },
  });
  const context = await milestoneRulesContext(current);
  const completing = change.status === "completed";
  const checked = milestoneFormSchema(context).safeParse({
    status: change.status,
    startedOn: current.startedOn ?? "",
    targetOn: current.targetOn ?? "",
    achievedOn: completing ? (current.achievedOn ?? context.today) : "",
    aqrfLevel: current.aqrfLevel?.toString() ?? "",
    partnerCountryId: current.partnerCountryId ?? "",
    notes: current.notes,
  });
  if (!checked.success) throw new InputRefused("status", checked.error.issues[0]!.message);
  try {
    await updateMilestone(milestoneId, checked.data, actorId, { expectedUpdatedAt: change.seenUpdatedAt, requestId });
  } catch (error) {
    if (!(error instanceof MilestoneConflict)) throw error;
    throw new InputRefused("status", "milestones:quickUpdate.changedMeanwhile");
  }
  if (change.note)
    await addMilestoneComment({ id: milestoneId, countryId: current.countryId }, change.note, actorId, requestId);
}

// ───────── history ─────────

/** Fields a milestone's history can name, in the order the form shows them. */
const HISTORY_FIELDS = [
  "status",
  "startedOn",
  "targetOn",
  "achievedOn",
  "aqrfLevel",
  "partnerCountry",
  "notes",
  "evidence",
] as const;
type HistoryField = (typeof HISTORY_FIELDS)[number];
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
      messageKey: true,
      messageParams: true,
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
    message: to
      ? activityMessage("evidenceAdded", { milestone: { milestone }, evidence: to })
      : activityMessage("evidenceRemoved", { milestone: { milestone }, evidence: from ?? "" }),
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
