import { DEFINITION_FILTERS, type IndicatorDefinition, type PeriodKind } from "~/domain/indicator-definitions";
import { InputRefused } from "~/domain/input-refused";
import { activityMessage } from "~/i18n/activity";
import { db } from "~/utils/db.server";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import type { PeriodRow } from "./project-report.server";

/**
 * Editing a project's results framework and its periods (decision 022). Every write checks what the
 * form cannot: that the output, indicator and countries belong to the project, that a period lies
 * inside the project, and that a locked period is never changed. A refused write changes nothing.
 */

type ProjectRef = { id: string; title: string; startsOn: string; endsOn: string; countryIds: string[] };

export async function addOutcome(project: ProjectRef, title: string, author: ChangeAuthor) {
  await db.$transaction(async (tx) => {
    const sortOrder = await tx.projectOutcome.count({ where: { projectId: project.id } });
    const outcome = await tx.projectOutcome.create({ data: { projectId: project.id, title, sortOrder } });
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "results-framework.add-outcome",
      entityType: "project",
      entityId: project.id,
      requestId: author.requestId,
      changes: { outcome: [null, outcome.title] },
      message: activityMessage("resultsOutcomeAdded", { project: project.title, title }),
    });
  });
}

export async function addOutput(
  project: ProjectRef,
  input: { outcomeId: string; title: string },
  author: ChangeAuthor,
) {
  const outcome = await db.projectOutcome.findFirst({ where: { id: input.outcomeId, projectId: project.id } });
  if (!outcome) throw new InputRefused("outcomeId", "common:validation.invalidChoice");
  await db.$transaction(async (tx) => {
    const sortOrder = await tx.projectOutput.count({ where: { outcomeId: outcome.id } });
    await tx.projectOutput.create({
      data: { projectId: project.id, outcomeId: outcome.id, title: input.title, sortOrder },
    });
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "results-framework.add-output",
      entityType: "project",
      entityId: project.id,
      requestId: author.requestId,
      changes: { output: [null, input.title] },
      message: activityMessage("resultsOutputAdded", { project: project.title, title: input.title }),
    });
  });
}

export type IndicatorInput = {
  outputId: string;
  title: string;
  unit: string;
  baseline: number;
  target: number;
  /** null: entered by hand */
  definition: IndicatorDefinition | null;
  filters: unknown;
};

/** The definition's filters as stored, after its schema and the project's own lists have accepted them. */
async function checkedFilters(project: ProjectRef, definition: IndicatorDefinition, filters: unknown) {
  const parsed = DEFINITION_FILTERS[definition].safeParse(filters);
  if (!parsed.success) {
    // Beside the filter it concerns (countryIds, kinds, …), as the form names them.
    const issue = parsed.error.issues[0];
    throw new InputRefused(String(issue?.path[0] ?? "form"), issue?.message ?? "results:errors.filters");
  }
  const value = parsed.data as { countryIds: string[] | null; stageCodes?: string[] };
  if (value.countryIds?.some((id) => !project.countryIds.includes(id)))
    throw new InputRefused("countryIds", "results:errors.countryOutsideProject");
  if (value.stageCodes) {
    const known = await db.milestoneStage.count({ where: { code: { in: value.stageCodes } } });
    if (known !== new Set(value.stageCodes).size)
      throw new InputRefused("stageCodes", "common:validation.invalidChoice");
  }
  return JSON.stringify(parsed.data);
}

export async function addIndicator(project: ProjectRef, input: IndicatorInput, author: ChangeAuthor) {
  const output = await db.projectOutput.findFirst({ where: { id: input.outputId, projectId: project.id } });
  if (!output) throw new InputRefused("outputId", "common:validation.invalidChoice");
  if (!(input.target >= 0) || !(input.baseline >= 0)) throw new InputRefused("target", "results:errors.negative");
  const filters = input.definition ? await checkedFilters(project, input.definition, input.filters) : "{}";
  return db.$transaction(async (tx) => {
    const sortOrder = await tx.projectIndicator.count({ where: { projectId: project.id } });
    const indicator = await tx.projectIndicator.create({
      data: {
        projectId: project.id,
        outputId: output.id,
        title: input.title,
        unit: input.unit,
        baseline: input.baseline,
        target: input.target,
        definition: input.definition,
        filters,
        sortOrder,
      },
    });
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "results-framework.add-indicator",
      entityType: "project",
      entityId: project.id,
      requestId: author.requestId,
      changes: { indicator: [null, input.title], definition: [null, input.definition ?? "entered"] },
      message: activityMessage("resultsIndicatorAdded", { project: project.title, title: input.title }),
    });
    return indicator;
  });
}

export async function addPeriod(
  project: ProjectRef,
  input: { kind: PeriodKind; label: string; startsOn: string; endsOn: string },
  author: ChangeAuthor,
) {
  if (input.endsOn < input.startsOn) throw new InputRefused("endsOn", "results:errors.endBeforeStart");
  if (input.startsOn < project.startsOn || input.endsOn > project.endsOn)
    throw new InputRefused("startsOn", "results:errors.periodOutsideProject", {
      from: project.startsOn,
      to: project.endsOn,
    });
  const same = await db.reportingPeriod.findFirst({
    where: { projectId: project.id, startsOn: input.startsOn, endsOn: input.endsOn },
  });
  if (same) throw new InputRefused("startsOn", "results:errors.periodExists");
  await db.$transaction(async (tx) => {
    const period = await tx.reportingPeriod.create({ data: { projectId: project.id, ...input } });
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "reporting-period.add",
      entityType: "reporting_period",
      entityId: period.id,
      requestId: author.requestId,
      message: activityMessage("reportingPeriodAdded", { project: project.title, period: input.label }),
    });
  });
}

/** The indicator, if it is one of the period's project's. */
async function indicatorOfPeriod(period: PeriodRow, indicatorId: string) {
  const indicator = await db.projectIndicator.findFirst({ where: { id: indicatorId, projectId: period.projectId } });
  if (!indicator) throw new InputRefused("indicatorId", "common:validation.invalidChoice");
  return indicator;
}

function refuseIfLocked(period: PeriodRow) {
  if (period.status === "locked") throw new InputRefused("form", "results:errors.periodLocked");
}

export async function setPeriodTarget(
  period: PeriodRow,
  input: { indicatorId: string; target: number },
  author: ChangeAuthor,
) {
  refuseIfLocked(period);
  if (!(input.target >= 0)) throw new InputRefused("target", "results:errors.negative");
  const indicator = await indicatorOfPeriod(period, input.indicatorId);
  await db.$transaction(async (tx) => {
    const key = { indicatorId: indicator.id, periodId: period.id };
    const before = await tx.indicatorTarget.findUnique({ where: { indicatorId_periodId: key } });
    await tx.indicatorTarget.upsert({
      where: { indicatorId_periodId: key },
      create: { ...key, target: input.target },
      update: { target: input.target },
    });
    // Locked in the meantime: the whole write is undone.
    if ((await tx.reportingPeriod.count({ where: { id: period.id, status: "locked" } })) > 0)
      throw new InputRefused("form", "results:errors.periodLocked");
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "reporting-period.set-target",
      entityType: "reporting_period",
      entityId: period.id,
      requestId: author.requestId,
      changes: { [indicator.id]: [before?.target ?? null, input.target] },
      message: activityMessage("periodTargetSet", {
        period: period.label,
        target: String(input.target),
        indicator: indicator.title,
      }),
    });
  });
}

export async function enterIndicatorValue(
  period: PeriodRow,
  input: { indicatorId: string; value: number; evidence: string },
  author: ChangeAuthor,
) {
  refuseIfLocked(period);
  const indicator = await indicatorOfPeriod(period, input.indicatorId);
  if (indicator.definition !== null) throw new InputRefused("indicatorId", "results:errors.counted");
  if (!(input.value >= 0)) throw new InputRefused("value", "results:errors.negative");
  await db.$transaction(async (tx) => {
    const key = { indicatorId: indicator.id, periodId: period.id };
    const values = { value: input.value, evidence: input.evidence, enteredById: author.actorId, enteredAt: new Date() };
    await tx.indicatorValue.upsert({
      where: { indicatorId_periodId: key },
      create: { ...key, ...values },
      update: values,
    });
    if ((await tx.reportingPeriod.count({ where: { id: period.id, status: "locked" } })) > 0)
      throw new InputRefused("form", "results:errors.periodLocked");
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "reporting-period.enter-value",
      entityType: "reporting_period",
      entityId: period.id,
      requestId: author.requestId,
      changes: { [indicator.id]: [null, input.value] },
      message: activityMessage("indicatorValueEntered", {
        period: period.label,
        value: String(input.value),
        indicator: indicator.title,
      }),
    });
  });
}
