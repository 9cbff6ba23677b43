import { readNarrative } from "~/collab/narrative.server";
import mammoth from "mammoth";
import readXlsxFile from "read-excel-file/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary";
import { translatorFor } from "~/i18n/translate.server";
import { docxBytes } from "~/models/document-export/docx.server";
import { periodReportDocument } from "~/models/period-report-document.server";
import { changePeriodStatus, findPeriod, periodReport, type ReportBody } from "~/models/project-report.server";
import { findProject, type ProjectRow } from "~/models/project.server";
import { loader as docxLoader } from "~/routes/_app+/projects+/$projectId.periods.$periodId_.docx";
import { loader as xlsxLoader } from "~/routes/_app+/projects+/$projectId.periods.$periodId_.xlsx";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { CLM_HAND_COUNT, CLM_PROJECT_CODE, indicatorIn, PEOPLE } from "../support/clm-report";
import { demo } from "../support/people";
import { requestAs, routeContext, settle } from "../support/requests";

/**
 * The period report's downloads read back with independent readers (mammoth for DOCX, read-excel-file
 * for XLSX): every hand-counted figure of the ILO/Korea 2015 and 2016 reports is found in both, in
 * both languages; a focal point's download holds only their country's records; a locked period
 * downloads the same figures whatever the records became.
 */

let project: ProjectRow;
const periodIds = new Map<"2015" | "2016", string>();

beforeAll(async () => {
  const row = await db.project.findUniqueOrThrow({ where: { code: CLM_PROJECT_CODE } });
  project = (await findProject(row.id))!;
  for (const p of await db.reportingPeriod.findMany({ where: { projectId: project.id } }))
    periodIds.set(p.startsOn.slice(0, 4) as "2015", p.id);
});

/** Both downloads of a period as `email` gets them: the DOCX's text, one line per paragraph or cell, and the sheets. */
async function download(email: string, year: "2015" | "2016") {
  const periodId = periodIds.get(year)!;
  const path = `/projects/${project.id}/periods/${periodId}`;
  const params = { projectId: project.id, periodId };
  const get = async (loader: typeof docxLoader, suffix: string) => {
    const answer = await settle(async () =>
      loader({ request: await requestAs(email, `${path}/${suffix}`), params, context: routeContext }),
    );
    if (answer.status !== 200) return { status: answer.status, bytes: Buffer.alloc(0) };
    expect(answer.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="ILO-KOR-CLM-MRS-.+\.(docx|xlsx)"$/,
    );
    return { status: 200, bytes: Buffer.from(await answer.arrayBuffer()) };
  };
  const [docx, xlsx] = await Promise.all([get(docxLoader, "docx"), get(xlsxLoader, "xlsx")]);
  const status = [docx.status, xlsx.status];
  if (docx.status !== 200 || xlsx.status !== 200) return { status, text: "", lines: [], sheets: [] };
  const { value: text } = await mammoth.extractRawText({ buffer: docx.bytes });
  const sheets = await readXlsxFile(xlsx.bytes);
  return { status, text, lines: text.split("\n").filter((l) => l.trim() !== ""), sheets };
}

/** Whether `row` stands in `lines` as consecutive lines (a DOCX table row, one cell a line). */
function hasRow(lines: string[], row: string[]) {
  return lines.some((_, i) => row.every((cell, j) => lines[i + j] === cell));
}

const sheetOf = (sheets: { sheet: string; data: unknown[][] }[], name: string) => {
  const found = sheets.find((s) => s.sheet === name);
  if (!found) throw new Error(`no sheet ${name} in ${sheets.map((s) => s.sheet).join(", ")}`);
  return found.data;
};

async function setLocale(email: string, locale: Locale) {
  await db.user.update({ where: { email }, data: { locale } });
}

describe("the period report's DOCX and XLSX", () => {
  for (const locale of ["en", "id"] as const)
    for (const year of ["2015", "2016"] as const)
      it(`hold every hand-counted figure of ${year}, in ${locale}`, async () => {
        await setLocale(demo.secretariat, locale);
        const t = await translatorFor(locale);
        const report = await periodReport((await findPeriod(periodIds.get(year)!))!);
        const { lines, sheets } = await download(demo.secretariat, year);
        const cell = (value: number | null) => (value === null ? "—" : String(value));
        const percent = (value: number | null) => (value === null ? "—" : `${formatNumber(value, locale)}%`);
        const indicators = sheetOf(sheets, t("results:report.indicators"));
        const split = sheetOf(sheets, t("results:export.disaggregations"));
        const records = sheetOf(sheets, t("results:report.sources"));

        for (const [title, handCount] of Object.entries(CLM_HAND_COUNT[year].indicators)) {
          // The framework's own values (baseline, whole-project target) with the figures counted by hand.
          const f = { ...indicatorIn(report, title), ...handCount };
          const name = `${f.title} (${f.unit})`;
          const source = t(f.source === "entered" ? "results:indicator.entered" : "results:export.counted");
          expect(
            hasRow(lines, [
              name,
              source,
              cell(f.baseline),
              cell(f.periodTarget),
              cell(f.actual),
              percent(f.percentOfPeriodTarget),
              cell(f.cumulative),
              cell(f.target),
              percent(f.percentOfTarget),
            ]),
            `${name} in the DOCX`,
          ).toBe(true);
          // Numbers as numbers, empty cells empty.
          const row = indicators.find((r) => r[1] === name);
          expect(row, `${name} in the XLSX`).toEqual([
            expect.any(String),
            name,
            source,
            f.baseline,
            f.periodTarget,
            f.actual,
            f.percentOfPeriodTarget,
            f.cumulative,
            f.target,
            f.percentOfTarget,
          ]);
          for (const [dimension, counts] of Object.entries(f.breakdown ?? {}))
            for (const [key, count] of Object.entries(counts)) {
              const group =
                dimension === "sex"
                  ? t(`common:sexes.${key}`)
                  : dimension === "category"
                    ? t(`workshops:categories.${key}`)
                    : t(`common:countries.${key}`);
              const splitRow = [f.title, t(`results:breakdown.${dimension}`), group];
              expect(hasRow(lines, [...splitRow, String(count)]), `${splitRow.join(" / ")} in the DOCX`).toBe(true);
              expect(split).toContainEqual([...splitRow, count]);
            }
          for (const record of f.records) {
            expect(lines.join("\n")).toContain(
              record.type === "milestone" ? t(`common:sectors.${record.detail}`) : record.title,
            );
            expect(records.some((r) => r[0] === f.title && r[2] === record.date)).toBe(true);
          }
          expect(records.filter((r) => r[0] === f.title)).toHaveLength(f.records.length);
        }
        const activities = sheetOf(sheets, t("results:report.activities"));
        expect(activities.slice(1).map((r) => [r[4], r[5]])).toEqual(
          CLM_HAND_COUNT[year].activities.map(([code, attended]) => [t(`common:countries.${code}`), attended]),
        );
        for (const a of report.activities) expect(lines).toContain(a.title);
      });

  it("places the narrative after the title block, when there is one", async () => {
    const t = await translatorFor("en");
    const period = (await findPeriod(periodIds.get("2016")!))!;
    const document = periodReportDocument(await periodReport(period), t, "en", { project, period, figuresOf: "all" }, [
      { heading: "Summary of progress", paragraphs: ["Three national workshops were held in 2016."] },
    ]);
    const { value: text } = await mammoth.extractRawText({ buffer: await docxBytes(document) });
    const narrative = text.indexOf("Summary of progress");
    expect(narrative).toBeGreaterThan(text.indexOf(project.title));
    expect(text.indexOf("Three national workshops were held in 2016.")).toBeLessThan(text.indexOf("1. Indicators"));
  });
});

describe("who may download a period's report", () => {
  it("gives Cambodia's focal point Cambodia's records only, and Viet Nam's nothing", async () => {
    const whole = await periodReport((await findPeriod(periodIds.get("2016")!))!);
    const others = whole.outcomes
      .flatMap((o) => o.outputs.flatMap((output) => output.indicators))
      .flatMap((i) => i.records)
      .filter((r) => r.countryCode !== "KH");
    expect(others.length).toBeGreaterThan(0);
    await setLocale(demo.focalPoint("KH"), "en");
    const t = await translatorFor("en");
    const { text, sheets } = await download(demo.focalPoint("KH"), "2016");
    for (const record of others.filter((r) => r.type !== "milestone")) expect(text).not.toContain(record.title);
    const records = sheetOf(sheets, t("results:report.sources")).slice(1);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r[3] === "KH")).toBe(true);
    expect(
      sheetOf(sheets, t("results:report.activities"))
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(["Cambodia"]);
    const people = sheetOf(sheets, t("results:report.indicators")).find((r) => String(r[1]).startsWith(PEOPLE));
    // Cambodia's share of the fifteen, without the whole project's cumulative figure.
    expect(people?.slice(5, 8)).toEqual([5, null, null]);

    expect((await download(demo.focalPoint("VN"), "2016")).status).toEqual([403, 403]);
  });
});

describe("a locked period's downloads", () => {
  it("say the same before and after its records change", async () => {
    const periodId = periodIds.get("2016")!;
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    await changePeriodStatus((await findPeriod(periodId))!, "review", { actorId: facilitator.id }, readNarrative);
    await changePeriodStatus((await findPeriod(periodId))!, "lock", { actorId: facilitator.id }, readNarrative);
    await setLocale(demo.secretariat, "en");
    const before = await download(demo.secretariat, "2016");

    // A late check-in at Cambodia's 2016 national workshop, and the workshop renamed.
    const workshop = await db.workshop.findFirstOrThrow({
      where: { projectId: project.id, kind: "national_workshop", startsOn: { startsWith: "2016" } },
      include: { hostCountry: true },
    });
    await db.participant.create({
      data: {
        workshopId: workshop.id,
        name: "Late Entry",
        category: "workers",
        countryId: workshop.hostCountryId,
        sex: "female",
        registrationStatus: "registered",
        badgeToken: "late-entry-export",
        attendance: { create: { day: workshop.startsOn, method: "manual" } },
      },
    });
    await db.workshop.update({ where: { id: workshop.id }, data: { title: "Renamed after the lock" } });
    const after = await download(demo.secretariat, "2016");

    expect(after.text).toBe(before.text);
    expect(after.sheets).toEqual(before.sheets);
    expect(before.text).toContain(workshop.title);
    const report: ReportBody = await periodReport((await findPeriod(periodId))!);
    expect(indicatorIn(report, PEOPLE).actual).toBe(CLM_HAND_COUNT["2016"].indicators[PEOPLE]!.actual);
  });
});
