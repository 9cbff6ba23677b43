import { emit } from "~/events.server";
import { InputRefused } from "~/domain/input-refused";
import { db, type Prisma } from "~/utils/db.server";
import { todayIn, overdueToday } from "~/utils/format";
import { milestoneOverdue } from "~/domain/overdue";
import { activityMessage } from "~/i18n/activity";
import { recordAudit } from "./audit.server";
import { ACTUAL_DATE_ZONE } from "./milestone.server";

/**
 * A country's priority sectors, whose pipelines of milestones are created and
 * removed with them, and the overview of its milestones by sector.
 */

/** Choosing a priority sector is itself the first milestone of its pipeline. */
const SECTOR_PRIORITISED_STAGE = "sector_prioritised";

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
        sector: {
          select: {
            id: true,
            code: true,
            name: true,
            isRmcs: true,
            addedByCountry: { select: { code: true, name: true } },
          },
        },
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
    select: { id: true, code: true, name: true, isRmcs: true, addedByCountry: { select: { code: true, name: true } } },
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
  sector: { id: string; code: string; name: string },
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
    message: activityMessage("sectorChosen", { sector: { sector }, country: { country } }),
    changes: { prioritySectors: [null, sector.name] },
    requestId,
  });
}

/** Choose a reference sector as a priority: its pipeline of milestones is created with it, in one transaction. */
export async function addPrioritySector(countryId: string, sectorId: string, actorId: string, requestId?: string) {
  const sector = await db.$transaction(async (tx) => {
    const sector = await tx.sector.findUnique({
      where: { id: sectorId },
      select: { id: true, code: true, name: true },
    });
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
      select: { id: true, code: true, name: true },
    });
    await recordAudit(tx, {
      actorId,
      action: "sector.create",
      entityType: "sector",
      entityId: sector.id,
      countryId,
      message: activityMessage("sectorAdded", { sector: { sector } }),
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
      select: { id: true, sector: { select: { code: true, name: true } }, country: { select: { name: true } } },
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
      message: activityMessage("sectorDropped", {
        sector: { sector: chosen.sector },
        country: { country: chosen.country },
      }),
      changes: { prioritySectors: [chosen.sector.name, null] },
      requestId,
    });
    return chosen.sector;
  });
  await emit({ type: "priority-sector.changed", countryId, sectorId });
  return sector;
}
