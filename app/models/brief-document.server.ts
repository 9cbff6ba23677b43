/**
 * Meeting briefs as documents in the reader's language: one brief, and the regional pack (a
 * summary table, then every brief). The same blocks are shown as the print view, written as
 * DOCX and, for the summary, as XLSX, so the three outputs cannot say different things.
 */
import type { Locale } from "~/domain/vocabulary";
import { countryName, sectorName, stageName } from "~/i18n/names";
import type { Translate } from "~/i18n/types";
import { formatDateTime, formatDay } from "~/utils/format";
import type { DocumentBlock, ExportDocument } from "./document-export/document";
import type { SheetTable } from "./document-export/xlsx.server";
import { briefFigures, type CountryBrief } from "./meeting-brief.server";
import type { Briefing } from "./meeting-briefing.server";

type Coded = { code: string; name: string };

function milestoneLabel(t: Translate, m: { sector: Coded | null; stage: Coded }) {
  return `${m.sector ? sectorName(t, m.sector) : t("briefs:brief.countryLevel")} · ${stageName(t, m.stage, { long: true })}`;
}

const milestoneStatus = (t: Translate, status: string | null) =>
  status ? t(`common:milestoneStatuses.${status}`, { defaultValue: status }) : "—";
const itemStatus = (t: Translate, status: string) => t(`common:actionItemStatuses.${status}`, { defaultValue: status });

/** The meeting's name and day, as the documents' subtitle. */
export function meetingLine(t: Translate, locale: Locale, briefing: Briefing) {
  const day = formatDay(briefing.meeting.meetingOn, locale, "long");
  const name = briefing.meeting.title
    ? [briefing.meeting.title, briefing.meeting.city].filter(Boolean).join(", ")
    : t("briefs:meetingOfDay", { day });
  return t("briefs:brief.meetingLine", { meeting: name, day });
}

/** When the briefs were counted, or that they are frozen as sent. */
export function provenanceLine(t: Translate, locale: Locale, briefing: Briefing) {
  const at = (iso: string) => `${formatDateTime(iso, locale, "UTC")} UTC`;
  return briefing.frozen
    ? t("briefs:frozenAt", { at: at(briefing.frozen.at), by: briefing.frozen.by ?? "—" })
    : t("briefs:countedAt", { at: at(briefing.countedAt) });
}

/** One country's brief as blocks, under a level-`top` heading. */
function briefBlocks(
  t: Translate,
  locale: Locale,
  briefing: Briefing,
  brief: CountryBrief,
  top: 1 | 2,
): DocumentBlock[] {
  const sub = (top + 1) as 2 | 3;
  const day = (d: string) => formatDay(d, locale);
  const blocks: DocumentBlock[] = [
    { kind: "heading", level: top, text: t("briefs:brief.heading", { country: countryName(t, brief.country) }) },
  ];
  if (top === 1) blocks.push({ kind: "paragraph", text: meetingLine(t, locale, briefing), style: "strong" });
  blocks.push({
    kind: "paragraph",
    style: "muted",
    text: t("briefs:brief.window", { since: day(briefing.since), today: day(briefing.countedAt.slice(0, 10)) }),
  });

  blocks.push({ kind: "heading", level: sub, text: t("briefs:brief.plan") });
  const { plan, milestones } = brief;
  if (plan) {
    blocks.push({
      kind: "paragraph",
      text: t("briefs:brief.planLine", {
        title: plan.title,
        start: plan.periodStart,
        end: plan.periodEnd,
        status: t(`common:planStatuses.${plan.status}`, { defaultValue: plan.status }),
      }),
    });
    blocks.push({
      kind: "paragraph",
      text: t("briefs:brief.itemsLine", { done: plan.itemsDone, total: plan.items, progress: plan.progress }),
    });
  } else blocks.push({ kind: "paragraph", text: t("briefs:brief.noPlan") });
  blocks.push({ kind: "paragraph", text: t("briefs:brief.milestonesLine", milestones) });

  blocks.push({ kind: "heading", level: sub, text: t("briefs:brief.moved", { day: day(briefing.since) }) });
  blocks.push(
    brief.moved.length
      ? {
          kind: "table",
          columns: [
            { header: t("briefs:columns.milestone") },
            { header: t("briefs:columns.before") },
            { header: t("briefs:columns.after") },
            { header: t("briefs:columns.date") },
          ],
          rows: brief.moved.map((m) => [
            milestoneLabel(t, m),
            milestoneStatus(t, m.from),
            milestoneStatus(t, m.to),
            day(m.on),
          ]),
        }
      : { kind: "paragraph", text: t("briefs:brief.noneMoved") },
  );

  blocks.push({ kind: "heading", level: sub, text: t("briefs:brief.overdue") });
  const stuck = [
    ...brief.overdueMilestones.map((m) => [
      t("briefs:brief.overdueMilestone"),
      milestoneLabel(t, m),
      milestoneStatus(t, m.status),
      day(m.targetOn),
    ]),
    ...brief.blockedMilestones.map((m) => [t("briefs:brief.blocked"), milestoneLabel(t, m), m.notes || "—", null]),
    ...brief.overdueItems.map((i) => [
      t("briefs:brief.overdueItem"),
      i.activity,
      `${itemStatus(t, i.status)}, ${i.progress}%`,
      day(i.dueOn),
    ]),
  ];
  blocks.push(
    stuck.length
      ? {
          kind: "table",
          columns: [
            { header: t("briefs:columns.status") },
            { header: t("briefs:columns.milestone"), typed: true },
            { header: t("briefs:columns.outcome"), typed: true },
            { header: t("briefs:columns.due") },
          ],
          rows: stuck,
        }
      : { kind: "paragraph", text: t("briefs:brief.noneOverdue") },
  );

  blocks.push({
    kind: "heading",
    level: sub,
    text: briefing.previous
      ? t("briefs:brief.agreed", { meeting: briefing.previous.title })
      : t("briefs:brief.agreedNoMeeting"),
  });
  blocks.push(
    brief.agreedActions.length
      ? {
          kind: "table",
          columns: [
            { header: t("briefs:columns.agreedAction"), typed: true },
            { header: t("briefs:columns.due") },
            { header: t("briefs:columns.outcome") },
          ],
          rows: brief.agreedActions.map((a) => [
            a.text,
            a.dueOn ? day(a.dueOn) : null,
            a.item
              ? [
                  t("briefs:brief.itemOutcome", { status: itemStatus(t, a.item.status), progress: a.item.progress }),
                  a.item.overdue && a.item.dueOn ? t("briefs:brief.itemOverdue", { day: day(a.item.dueOn) }) : null,
                ]
                  .filter(Boolean)
                  .join("; ")
              : t("briefs:brief.notInPlan"),
          ]),
        }
      : { kind: "paragraph", text: t("briefs:brief.noAgreed") },
  );

  blocks.push({ kind: "heading", level: sub, text: t("briefs:brief.requests") });
  blocks.push({
    kind: "paragraph",
    style: "muted",
    text: t("briefs:brief.requestsHint", { day: day(briefing.since) }),
  });
  blocks.push(
    brief.requests.length
      ? { kind: "list", typed: true, items: brief.requests.map((r) => `${day(r.on)}, ${r.who}: ${r.body}`) }
      : { kind: "paragraph", text: t("briefs:brief.noRequests") },
  );

  blocks.push({ kind: "heading", level: sub, text: t("briefs:brief.note") });
  if (brief.note) {
    blocks.push({ kind: "paragraph", text: brief.note.body, typed: true });
    blocks.push({
      kind: "paragraph",
      style: "muted",
      text: t("briefs:brief.noteBy", { name: brief.note.by ?? "—", day: day(brief.note.on.slice(0, 10)) }),
    });
  } else blocks.push({ kind: "paragraph", text: t("briefs:brief.noNote") });
  return blocks;
}

/** One country's brief as a document. */
export function briefDocument(t: Translate, locale: Locale, briefing: Briefing, brief: CountryBrief): ExportDocument {
  const blocks = briefBlocks(t, locale, briefing, brief, 1);
  blocks.push({ kind: "paragraph", style: "muted", text: provenanceLine(t, locale, briefing) });
  return { title: blocks[0]!.kind === "heading" ? blocks[0].text : "", blocks };
}

/** The summary table's columns and rows: the same figures in the pack, its print view and the XLSX. */
function summaryTable(t: Translate, briefing: Briefing) {
  const columns = [
    { header: t("briefs:columns.country") },
    { header: t("briefs:columns.plan") },
    { header: t("briefs:columns.progress"), numeric: true },
    { header: t("briefs:columns.completed"), numeric: true },
    { header: t("briefs:columns.total"), numeric: true },
    { header: t("briefs:columns.moved"), numeric: true },
    { header: t("briefs:columns.overdue"), numeric: true },
    { header: t("briefs:columns.blocked"), numeric: true },
    { header: t("briefs:columns.agreedDone"), numeric: true },
    { header: t("briefs:columns.agreedTotal"), numeric: true },
    { header: t("briefs:columns.requests"), numeric: true },
  ];
  const rows = briefing.briefs.map((brief) => {
    const f = briefFigures(brief);
    return [
      countryName(t, brief.country),
      brief.plan ? t(`common:planStatuses.${brief.plan.status}`, { defaultValue: brief.plan.status }) : "—",
      brief.plan ? brief.plan.progress : null,
      f.milestonesCompleted,
      f.milestonesTotal,
      f.moved,
      f.overdue,
      f.blocked,
      f.agreedDone,
      f.agreedTotal,
      f.requests,
    ];
  });
  return { columns, rows };
}

/** The regional pack: the summary table first, then every brief, one to a page. */
export function packDocument(t: Translate, locale: Locale, briefing: Briefing): ExportDocument {
  const title = t("briefs:packTitle");
  const blocks: DocumentBlock[] = [
    { kind: "heading", level: 1, text: title },
    { kind: "paragraph", text: meetingLine(t, locale, briefing), style: "strong" },
    { kind: "paragraph", style: "muted", text: provenanceLine(t, locale, briefing) },
    { kind: "heading", level: 2, text: t("briefs:summary") },
    { kind: "table", ...summaryTable(t, briefing) },
  ];
  for (const brief of briefing.briefs)
    blocks.push({ kind: "pageBreak" }, ...briefBlocks(t, locale, briefing, brief, 2));
  return { title, subject: meetingLine(t, locale, briefing), blocks };
}

/** The pack's summary as a spreadsheet: one row per country, the figures as numbers. */
export function packSummarySheet(t: Translate, briefing: Briefing): SheetTable {
  const { columns, rows } = summaryTable(t, briefing);
  return {
    name: t("briefs:summary"),
    columns: [{ header: "ISO", width: 6 }, ...columns],
    rows: rows.map((r, i) => [briefing.briefs[i]!.country.code, ...r]),
  };
}
