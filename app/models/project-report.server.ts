import { parseDefinition, percentOfTarget, type IndicatorDefinition } from "~/domain/indicator-definitions";
import { InputRefused } from "~/domain/input-refused";
import { emit } from "~/events.server";
import { activityMessage } from "~/i18n/activity";
import { db, isUniqueViolation } from "~/utils/db.server";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import { breakdownOf, countIndicator, type Breakdown, type CountedRecord } from "./indicator-count.server";

/**
 * A reporting period's report (decision 022): every indicator of the project's framework with its
 * baseline, targets, the actual of the period and cumulative to date, the disaggregations and the
 * records behind each number, and the project's activities in the period. A draft or reviewed
 * period is counted when read; locking it keeps the whole report as a snapshot, and a locked
 * period is read from that snapshot only, so its figures never change afterwards.
 */

export type IndicatorFigures = {
  id: string;
  title: string;
  unit: string;
  baseline: number;
  /** for the whole project */
  target: number;
  periodTarget: number | null;
  definition: IndicatorDefinition | null;
  /** counted, entered by hand, or a stored definition that no longer reads (shown, never as zero) */
  source: "counted" | "entered" | "unreadable";
  actual: number | null;
  percentOfPeriodTarget: number | null;
  cumulative: number | null;
  percentOfTarget: number | null;
  breakdown: Breakdown;
  records: CountedRecord[];
  /** entered by hand: the evidence, and who entered it when */
  evidence: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
};

type ReportActivity = {
  id: string;
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  city: string;
  countryCode: string | null;
  attended: number;
};

/** A part of the report's narrative: a heading (empty for text before the first one) and its paragraphs. */
export type NarrativeSection = { heading: string; paragraphs: string[] };

export type ReportBody = {
  outcomes: { id: string; title: string; outputs: { id: string; title: string; indicators: IndicatorFigures[] }[] }[];
  activities: ReportActivity[];
  /** when the figures were counted */
  countedAt: string;
  /** the narrative's text as it was at lock (only in a locked period's snapshot) */
  narrative?: NarrativeSection[];
};

const PERIOD_SELECT = {
  id: true,
  projectId: true,
  kind: true,
  label: true,
  startsOn: true,
  endsOn: true,
  status: true,
  lockedAt: true,
  snapshot: true,
  narrativeDocumentId: true,
  lockedBy: { select: { name: true } },
} as const;

export async function findPeriod(periodId: string) {
  return db.reportingPeriod.findUnique({ where: { id: periodId }, select: PERIOD_SELECT });
}
export type PeriodRow = NonNullable<Awaited<ReturnType<typeof findPeriod>>>;

/** The report as it stands: counted now, or for a locked period as it was at lock. */
export async function periodReport(period: PeriodRow): Promise<ReportBody> {
  if (period.status === "locked" && period.snapshot) return JSON.parse(period.snapshot) as ReportBody;
  return countReport(period);
}

/** The report as a reader sees it: every country's figures ("all"), or only their countries' share. */
export async function periodReportFor(period: PeriodRow, figuresOf: "all" | string[]): Promise<ReportBody> {
  const whole = await periodReport(period);
  return figuresOf === "all" ? whole : reportForCountries(whole, figuresOf);
}

async function countReport(period: PeriodRow): Promise<ReportBody> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: period.projectId },
    select: {
      id: true,
      startsOn: true,
      countries: { select: { countryId: true } },
      outcomes: {
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          outputs: {
            orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
            select: {
              id: true,
              title: true,
              indicators: {
                orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
                include: {
                  targets: { where: { periodId: period.id } },
                  values: { where: { periodId: period.id }, include: { enteredBy: { select: { name: true } } } },
                },
              },
            },
          },
        },
      },
    },
  });
  const scope = { id: project.id, countryIds: project.countries.map((c) => c.countryId) };
  const window = { startsOn: period.startsOn, endsOn: period.endsOn };
  const toDate = { startsOn: project.startsOn, endsOn: period.endsOn };

  const outcomes: ReportBody["outcomes"] = [];
  for (const outcome of project.outcomes) {
    const outputs: ReportBody["outcomes"][number]["outputs"] = [];
    for (const output of outcome.outputs) {
      const indicators: IndicatorFigures[] = [];
      for (const indicator of output.indicators) {
        const periodTarget = indicator.targets[0]?.target ?? null;
        const common = {
          id: indicator.id,
          title: indicator.title,
          unit: indicator.unit,
          baseline: indicator.baseline,
          target: indicator.target,
          periodTarget,
        };
        if (indicator.definition === null) {
          const entered = indicator.values[0] ?? null;
          indicators.push({
            ...common,
            definition: null,
            source: "entered",
            actual: entered?.value ?? null,
            percentOfPeriodTarget: percentOfTarget(entered?.value ?? null, periodTarget),
            cumulative: null,
            percentOfTarget: null,
            breakdown: {},
            records: [],
            evidence: entered?.evidence ?? null,
            enteredBy: entered?.enteredBy?.name ?? null,
            enteredAt: entered?.enteredAt.toISOString() ?? null,
          });
          continue;
        }
        const counted = parseDefinition(indicator.definition, indicator.filters);
        if (!counted) {
          indicators.push({
            ...common,
            definition: null,
            source: "unreadable",
            actual: null,
            percentOfPeriodTarget: null,
            cumulative: null,
            percentOfTarget: null,
            breakdown: {},
            records: [],
            evidence: null,
            enteredBy: null,
            enteredAt: null,
          });
          continue;
        }
        const [inPeriod, cumulative] = await Promise.all([
          countIndicator(scope, counted, window),
          countIndicator(scope, counted, toDate),
        ]);
        indicators.push({
          ...common,
          definition: counted.definition,
          source: "counted",
          actual: inPeriod.value,
          percentOfPeriodTarget: percentOfTarget(inPeriod.value, periodTarget),
          cumulative: cumulative.value,
          percentOfTarget: percentOfTarget(cumulative.value, indicator.target),
          breakdown: inPeriod.breakdown,
          records: inPeriod.records,
          evidence: null,
          enteredBy: null,
          enteredAt: null,
        });
      }
      outputs.push({ id: output.id, title: output.title, indicators });
    }
    outcomes.push({ id: outcome.id, title: outcome.title, outputs });
  }

  const workshops = await db.workshop.findMany({
    where: { projectId: project.id, startsOn: { gte: period.startsOn, lte: period.endsOn } },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      kind: true,
      startsOn: true,
      endsOn: true,
      city: true,
      hostCountry: { select: { code: true } },
      _count: { select: { participants: { where: { attendance: { some: {} } } } } },
    },
  });
  const activities = workshops.map((w) => ({
    id: w.id,
    title: w.title,
    kind: w.kind,
    startsOn: w.startsOn,
    endsOn: w.endsOn,
    city: w.city,
    countryCode: w.hostCountry?.code ?? null,
    attended: w._count.participants,
  }));
  return { outcomes, activities, countedAt: new Date().toISOString() };
}

/**
 * What a reader whose figures are limited to their own countries sees (a focal point): each counted
 * number becomes their countries' share, split and drilled down over their countries' records only.
 * Cumulative figures are whole-project counts and are not shown to them.
 */
export function reportForCountries(report: ReportBody, countryCodes: string[]): ReportBody {
  const mine = (record: CountedRecord) => record.countryCode !== null && countryCodes.includes(record.countryCode);
  return {
    ...report,
    activities: report.activities.filter((a) => a.countryCode !== null && countryCodes.includes(a.countryCode)),
    outcomes: report.outcomes.map((outcome) => ({
      ...outcome,
      outputs: outcome.outputs.map((output) => ({
        ...output,
        indicators: output.indicators.map((indicator) => {
          if (indicator.source !== "counted") return indicator;
          const records = indicator.records.filter(mine);
          return {
            ...indicator,
            actual: records.length,
            percentOfPeriodTarget: null,
            cumulative: null,
            percentOfTarget: null,
            breakdown: breakdownOf(records),
            records,
          };
        }),
      })),
    })),
  };
}

const PERIOD_TRANSITIONS = {
  review: { from: "draft", to: "in_review" },
  return: { from: "in_review", to: "draft" },
  lock: { from: "in_review", to: "locked" },
} as const;
export type PeriodTransition = keyof typeof PERIOD_TRANSITIONS;

/** Reads a co-edited narrative's text; passed in by the caller, since models do not read Yjs (decision 014). */
export type NarrativeReader = (documentId: string) => Promise<NarrativeSection[]>;

/**
 * Moves a period draft → in review → locked (or back to draft from review). Locking counts the
 * report and reads the narrative, and keeps both in the same transaction as the status, so the
 * snapshot is what was locked. Afterwards the narrative's open editors are checked again: a locked
 * period's narrative is read-only for everyone.
 */
export async function changePeriodStatus(
  period: PeriodRow,
  transition: PeriodTransition,
  author: ChangeAuthor,
  readNarrative: NarrativeReader,
) {
  const { from, to } = PERIOD_TRANSITIONS[transition];
  if (period.status === "locked") throw new InputRefused("form", "results:errors.periodLocked");
  if (period.status !== from) throw new InputRefused("form", "results:errors.wrongStatus");
  const snapshot =
    to === "locked"
      ? JSON.stringify({
          ...(await countReport(period)),
          narrative: period.narrativeDocumentId ? await readNarrative(period.narrativeDocumentId) : [],
        } satisfies ReportBody)
      : null;
  const project = await db.project.findUniqueOrThrow({ where: { id: period.projectId }, select: { title: true } });
  await db.$transaction(async (tx) => {
    // Only from the status it was read in: two people locking at once lock it once.
    const changed = await tx.reportingPeriod.updateMany({
      where: { id: period.id, status: from },
      data: {
        status: to,
        ...(to === "locked" ? { snapshot, lockedAt: new Date(), lockedById: author.actorId } : {}),
      },
    });
    if (changed.count === 0) throw new InputRefused("form", "results:errors.wrongStatus");
    await recordAudit(tx, {
      actorId: author.actorId,
      action: `reporting-period.${transition}`,
      entityType: "reporting_period",
      entityId: period.id,
      changes: { status: [from, to] },
      requestId: author.requestId,
      message: activityMessage(`reportingPeriod${to}`, { project: project.title, period: period.label }),
    });
  });
  await emit({
    type: "reporting-period.status-changed",
    projectId: period.projectId,
    periodId: period.id,
    narrativeDocumentId: period.narrativeDocumentId,
  });
}

class NarrativeRaceLost extends Error {}

/**
 * The period's narrative document, made the first time a manager starts it (as the workshop
 * minutes are). It starts empty: the page shows a hint of what to write in the reader's language,
 * where headings written at creation would stay in the creator's. Two managers starting it at once
 * get the same document; a locked period gets none.
 */
export async function ensurePeriodNarrative(periodId: string, { actorId, requestId }: ChangeAuthor): Promise<string> {
  const period = await db.reportingPeriod.findUniqueOrThrow({
    where: { id: periodId },
    select: { narrativeDocumentId: true, status: true, label: true, project: { select: { title: true } } },
  });
  if (period.status === "locked") throw new InputRefused("form", "results:errors.periodLocked");
  if (period.narrativeDocumentId) return period.narrativeDocumentId;
  try {
    return await db.$transaction(async (tx) => {
      const document = await tx.collaborativeDocument.create({ data: { kind: "report_narrative" } });
      // Only while it has none and is not locked: the status is checked again inside the write.
      const { count } = await tx.reportingPeriod.updateMany({
        where: { id: periodId, narrativeDocumentId: null, status: { not: "locked" } },
        data: { narrativeDocumentId: document.id },
      });
      if (count !== 1) throw new NarrativeRaceLost();
      await recordAudit(tx, {
        actorId,
        action: "reporting-period.narrative_create",
        entityType: "reporting_period",
        entityId: periodId,
        message: activityMessage("reportNarrativeStarted", { project: period.project.title, period: period.label }),
        requestId,
      });
      return document.id;
    });
  } catch (error) {
    if (!(error instanceof NarrativeRaceLost) && !isUniqueViolation(error)) throw error;
    const winner = await db.reportingPeriod.findUniqueOrThrow({
      where: { id: periodId },
      select: { narrativeDocumentId: true },
    });
    if (!winner.narrativeDocumentId) throw new InputRefused("form", "results:errors.periodLocked");
    return winner.narrativeDocumentId;
  }
}
