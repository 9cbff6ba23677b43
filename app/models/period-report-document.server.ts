/**
 * A period's progress report as a document in the reader's language (decision 022): the title block,
 * the narrative when there is one, the indicator table, the disaggregations, the activities and the
 * records behind every figure. The same tables are written as DOCX and, one sheet each, as XLSX, so
 * the two downloads cannot say different things.
 */
import { DISAGGREGATIONS } from "~/domain/indicator-definitions";
import type { Locale } from "~/domain/vocabulary";
import { countryName, sectorName, stageName } from "~/i18n/names";
import type { Translate } from "~/i18n/types";
import { formatDateTime, formatDay, formatNumber } from "~/utils/format";
import type { Cell, DocumentBlock, ExportDocument } from "./document-export/document";
import type { SheetTable } from "./document-export/xlsx.server";
import type { CountedRecord } from "./indicator-count.server";
import type { PeriodRow, ReportBody } from "./project-report.server";
import type { ProjectRow } from "./project.server";

/** Narrative sections, placed after the title block (written elsewhere, shown as written). */
export type ReportNarrative = { heading: string; paragraphs: string[] }[];

export type ReportHeading = {
  project: Pick<ProjectRow, "code" | "title" | "donor" | "implementingAgency" | "countries">;
  period: Pick<PeriodRow, "label" | "startsOn" | "endsOn" | "status" | "lockedAt" | "lockedBy">;
  /** whose figures the report holds: every country's, or the reader's own countries' share */
  figuresOf: "all" | string[];
};

type Table = { columns: { header: string; numeric?: boolean; typed?: boolean }[]; rows: Cell[][] };

const indicatorsOf = (report: ReportBody) =>
  report.outcomes.flatMap((o) => o.outputs.flatMap((output) => output.indicators));

/** The figures of one indicator row, percentages as `percent` writes them (text in DOCX, numbers in XLSX). */
function figureColumns(t: Translate, percentColumn: { numeric?: boolean }) {
  return [
    { header: t("results:indicator.baseline"), numeric: true },
    { header: t("results:indicator.periodTarget"), numeric: true },
    { header: t("results:indicator.actual"), numeric: true },
    { header: t("results:indicator.percent"), ...percentColumn },
    { header: t("results:indicator.cumulative"), numeric: true },
    { header: t("results:indicator.target"), numeric: true },
    { header: t("results:indicator.percent"), ...percentColumn },
  ];
}

function sourceName(t: Translate, source: "counted" | "entered" | "unreadable") {
  return source === "entered"
    ? t("results:indicator.entered")
    : source === "unreadable"
      ? t("results:indicator.unreadable")
      : t("results:export.counted");
}

/** The indicator table, one row per indicator under its outcome and output ("1.2"). */
function indicatorTable(t: Translate, report: ReportBody, percent: (value: number | null) => Cell): Table {
  const rows: Cell[][] = [];
  report.outcomes.forEach((outcome, o) =>
    outcome.outputs.forEach((output, p) => {
      for (const i of output.indicators)
        rows.push([
          `${o + 1}.${p + 1}`,
          `${i.title} (${i.unit})`,
          sourceName(t, i.source),
          i.baseline,
          i.periodTarget,
          i.actual,
          percent(i.percentOfPeriodTarget),
          i.cumulative,
          i.target,
          percent(i.percentOfTarget),
        ]);
    }),
  );
  return {
    columns: [
      { header: t("results:export.output") },
      { header: t("results:indicator.title"), typed: true },
      { header: t("results:export.source") },
      ...figureColumns(t, { numeric: true }),
    ],
    rows,
  };
}

/** Every counted figure's split by sex, country and category: indicator, dimension, group, count. */
function disaggregationTable(t: Translate, report: ReportBody): Table {
  const group = (dimension: string, key: string) =>
    key === "unknown"
      ? t("results:breakdown.unknown")
      : dimension === "sex"
        ? t(`common:sexes.${key}`, { defaultValue: key })
        : dimension === "category"
          ? t(`workshops:categories.${key}`, { defaultValue: key })
          : countryName(t, { code: key, name: key });
  const rows = indicatorsOf(report).flatMap((indicator) =>
    DISAGGREGATIONS.flatMap((dimension) =>
      Object.entries(indicator.breakdown[dimension] ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, count]): Cell[] => [
          indicator.title,
          t(`results:breakdown.${dimension}`),
          group(dimension, key),
          count,
        ]),
    ),
  );
  return {
    columns: [
      { header: t("results:indicator.title"), typed: true },
      { header: t("results:export.dimension") },
      { header: t("results:export.group") },
      { header: t("results:export.count"), numeric: true },
    ],
    rows,
  };
}

function activityTable(t: Translate, locale: Locale, report: ReportBody): Table {
  const days = (a: ReportBody["activities"][number]) =>
    a.endsOn !== a.startsOn
      ? `${formatDay(a.startsOn, locale)} – ${formatDay(a.endsOn, locale)}`
      : formatDay(a.startsOn, locale);
  return {
    columns: [
      { header: t("results:export.workshop"), typed: true },
      { header: t("results:export.kind") },
      { header: t("results:report.date") },
      { header: t("results:export.place"), typed: true },
      { header: t("results:report.country") },
      { header: t("results:report.attended"), numeric: true },
    ],
    rows: report.activities.map((a) => [
      a.title,
      t(`common:workshopKinds.${a.kind}`, { defaultValue: a.kind }),
      days(a),
      a.city,
      a.countryCode ? countryName(t, { code: a.countryCode, name: a.countryCode }) : null,
      a.attended,
    ]),
  };
}

/** A record as the report names it: a milestone by its stage and sector, anything else by its title. */
function recordName(t: Translate, record: CountedRecord) {
  if (record.type !== "milestone") return record.title;
  const stage = stageName(t, { code: record.title, name: record.title }, { long: true });
  return record.detail ? `${stage}: ${sectorName(t, { code: record.detail, name: record.detail })}` : stage;
}
const recordDetail = (t: Translate, record: CountedRecord) =>
  record.type === "person" && record.detail
    ? t(`workshops:categories.${record.detail}`, { defaultValue: record.detail })
    : null;

const RECORD_COLUMNS = (t: Translate) => [
  { header: t("results:report.record"), typed: true },
  { header: t("results:report.date") },
  { header: t("results:report.country") },
  { header: t("results:export.category") },
];
/** A record's row; its date as `day` writes it (the reader's form in DOCX, ISO in XLSX). */
const recordCells = (t: Translate, record: CountedRecord, day: (iso: string) => string = (iso) => iso): Cell[] => [
  recordName(t, record),
  record.date ? day(record.date) : null,
  record.countryCode,
  recordDetail(t, record),
];

/** The status line under the title: locked by whom and when, or when the figures were counted. */
function provenance(t: Translate, locale: Locale, heading: ReportHeading, report: ReportBody) {
  const { period } = heading;
  return period.lockedAt
    ? t("results:period.lockedBy", {
        name: period.lockedBy?.name ?? "—",
        date: `${formatDateTime(period.lockedAt, locale, "UTC")} UTC`,
      })
    : t("results:report.countedAt", { date: `${formatDateTime(report.countedAt, locale, "UTC")} UTC` });
}

export function periodReportDocument(
  report: ReportBody,
  t: Translate,
  locale: Locale,
  heading: ReportHeading,
  narrative: ReportNarrative = [],
): ExportDocument {
  const { project, period, figuresOf } = heading;
  const title = t("results:report.heading", { period: period.label });
  const fact = (term: string, value: string): DocumentBlock => ({ kind: "paragraph", text: `${term}: ${value}` });
  const blocks: DocumentBlock[] = [
    { kind: "heading", level: 1, text: project.title },
    { kind: "paragraph", style: "strong", text: `${title} · ${project.code}` },
    fact(t("results:project.donor"), project.donor),
    fact(t("results:project.agency"), project.implementingAgency),
    fact(
      t("results:report.reportingPeriod"),
      `${formatDay(period.startsOn, locale, "long")} – ${formatDay(period.endsOn, locale, "long")}`,
    ),
    fact(t("results:project.countries"), project.countries.map((c) => countryName(t, c)).join(", ")),
    fact(t("results:period.status"), t(`results:period.statuses.${period.status}`, { defaultValue: period.status })),
    { kind: "paragraph", style: "muted", text: provenance(t, locale, heading, report) },
  ];
  if (figuresOf !== "all")
    blocks.push({ kind: "paragraph", text: t("results:project.yourCountries", { countries: figuresOf.join(", ") }) });

  for (const section of narrative) {
    if (section.heading) blocks.push({ kind: "heading", level: 2, text: section.heading });
    for (const text of section.paragraphs) blocks.push({ kind: "paragraph", text, typed: true });
  }

  const percent = (value: number | null) => (value === null ? null : `${formatNumber(value, locale)}%`);
  blocks.push(
    { kind: "heading", level: 2, text: `1. ${t("results:report.indicators")}` },
    { kind: "table", ...indicatorTable(t, report, percent) },
  );
  const entered = indicatorsOf(report).filter((i) => i.source === "entered" && i.actual !== null);
  if (entered.length)
    blocks.push(
      { kind: "heading", level: 3, text: t("results:report.handValues") },
      {
        kind: "list",
        typed: true,
        items: entered.map(
          (i) =>
            `${i.title}: ${t("results:indicator.enteredBy", {
              name: i.enteredBy ?? "—",
              date: i.enteredAt ? formatDateTime(i.enteredAt, locale, "UTC") : "—",
              evidence: i.evidence ?? "—",
            })}`,
        ),
      },
    );
  const split = disaggregationTable(t, report);
  if (split.rows.length)
    blocks.push({ kind: "heading", level: 3, text: t("results:export.disaggregations") }, { kind: "table", ...split });

  blocks.push({ kind: "heading", level: 2, text: `2. ${t("results:report.activities")}` });
  blocks.push(
    report.activities.length
      ? { kind: "table", ...activityTable(t, locale, report) }
      : { kind: "paragraph", text: t("results:report.noActivities") },
  );

  blocks.push(
    { kind: "heading", level: 2, text: `3. ${t("results:report.sources")}` },
    { kind: "paragraph", style: "muted", text: t("results:report.sourcesIntro") },
  );
  for (const indicator of indicatorsOf(report).filter((i) => i.source === "counted")) {
    blocks.push({ kind: "heading", level: 3, text: `${indicator.title}: ${indicator.actual ?? "—"}` });
    blocks.push(
      indicator.records.length
        ? {
            kind: "table",
            columns: RECORD_COLUMNS(t),
            rows: indicator.records.map((r) => recordCells(t, r, (day) => formatDay(day, locale))),
          }
        : { kind: "paragraph", text: t("results:report.noRecords") },
    );
  }
  return { title: `${project.code} · ${title}`, subject: project.title, blocks };
}

/** The report as a workbook: the indicator table, the disaggregations, the activities and the records, one sheet each. */
export function periodReportSheets(report: ReportBody, t: Translate, locale: Locale): SheetTable[] {
  const indicators = indicatorTable(t, report, (value) => value);
  const outputTitles = report.outcomes.flatMap((outcome, o) =>
    outcome.outputs.flatMap((output, p) => output.indicators.map(() => `${o + 1}.${p + 1} ${output.title}`)),
  );
  return [
    {
      name: t("results:report.indicators"),
      columns: indicators.columns.map((c, i) => ({ ...c, width: i === 1 ? 48 : i === 0 ? 36 : undefined })),
      rows: indicators.rows.map((row, i) => [outputTitles[i]!, ...row.slice(1)]),
    },
    { name: t("results:export.disaggregations"), ...disaggregationTable(t, report) },
    { name: t("results:report.activities"), ...activityTable(t, locale, report) },
    {
      name: t("results:report.sources"),
      columns: [{ header: t("results:indicator.title"), width: 40 }, ...RECORD_COLUMNS(t)],
      rows: indicatorsOf(report)
        .filter((i) => i.source === "counted")
        .flatMap((i) => i.records.map((r) => [i.title, ...recordCells(t, r)])),
    },
  ];
}
