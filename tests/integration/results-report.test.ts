import { beforeAll, describe, expect, it } from "vitest";
import { readNarrative } from "~/collab/narrative.server";
import { InputRefused } from "~/domain/input-refused";
import { findProject, indicatorsCounting, projectFramework, type ProjectRow } from "~/models/project.server";
import {
  changePeriodStatus,
  findPeriod,
  periodReport,
  reportForCountries,
  type ReportBody,
} from "~/models/project-report.server";
import { addIndicator, addPeriod, enterIndicatorValue, setPeriodTarget } from "~/models/results-framework.server";
import { db } from "~/utils/db.server";
import { action as reportAction, loader as reportLoader } from "~/routes/_app+/projects+/$projectId.periods.$periodId";
import { action as frameworkAction } from "~/routes/_app+/projects+/$projectId.framework";
import {
  CLM_HAND_COUNT,
  CLM_PROJECT_CODE,
  indicatorIn as indicator,
  NATIONAL,
  PEOPLE,
  RATED,
  STANDARDS,
} from "../support/clm-report";
import { demo } from "../support/people";
import { requestAs, routeContext, settle } from "../support/requests";

/**
 * The ILO/Korea CLM project's report, counted from the seed and checked against the count by hand of
 * prisma/seed/demo.ts and prisma/seed/results.ts in tests/support/clm-report.ts (decision 022).
 */

let project: ProjectRow;
let author: { actorId: string };
const periodIds = new Map<string, string>();

beforeAll(async () => {
  const row = await db.project.findUniqueOrThrow({ where: { code: CLM_PROJECT_CODE } });
  project = (await findProject(row.id))!;
  author = { actorId: (await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } })).id };
  for (const p of await db.reportingPeriod.findMany({ where: { projectId: project.id } }))
    periodIds.set(p.startsOn.slice(0, 4), p.id);
});

async function reportOf(year: string): Promise<ReportBody> {
  return periodReport((await findPeriod(periodIds.get(year)!))!);
}
describe("the ILO/Korea CLM report, counted from the seed", () => {
  it("2015 (July–December): the Bangkok meeting and the six CLM delegates who attended it", async () => {
    const report = await reportOf("2015");
    for (const [title, figures] of Object.entries(CLM_HAND_COUNT["2015"].indicators))
      expect(indicator(report, title), title).toMatchObject(figures);
    // Every split exactly, no group more or less.
    expect(indicator(report, PEOPLE).breakdown).toEqual(CLM_HAND_COUNT["2015"].indicators[PEOPLE]!.breakdown);
    expect(
      indicator(report, PEOPLE)
        .records.map((r) => r.title)
        .sort(),
    ).toEqual(
      ["Khamla Vongsa", "Kyaw Zin Htet", "Noy Phetsamone", "Sokha Chenda", "Thida Win Aung", "Vuthy Sambath"].sort(),
    );
    expect(indicator(report, RATED).evidence).toContain("23 of 27 returned");
    expect(report.activities).toEqual([expect.objectContaining({ city: "Bangkok" })]);
    expect(report.activities.map((a) => [a.countryCode, a.attended])).toEqual(CLM_HAND_COUNT["2015"].activities);
  });

  it("2016: three national workshops, two standards, fifteen people of whom six came back", async () => {
    const report = await reportOf("2016");
    for (const [title, figures] of Object.entries(CLM_HAND_COUNT["2016"].indicators))
      expect(indicator(report, title), title).toMatchObject(figures);
    // Every split exactly, no group more or less.
    expect(indicator(report, PEOPLE).breakdown).toEqual(CLM_HAND_COUNT["2016"].indicators[PEOPLE]!.breakdown);
    expect(
      indicator(report, STANDARDS).records.map((r) => `${r.countryCode}:${r.title}:${r.detail}:${r.date}`),
    ).toEqual(["KH:national_standard:construction:2016-03-18", "LA:national_standard:construction:2016-09-30"]);
    expect(report.activities.map((a) => [a.countryCode, a.attended])).toEqual(CLM_HAND_COUNT["2016"].activities);
  });

  it("shows a focal point what their country contributed, and nothing of the others", async () => {
    const report = reportForCountries(await reportOf("2016"), ["KH"]);
    const people = indicator(report, PEOPLE);
    expect(people).toMatchObject({ actual: 5, cumulative: null });
    expect(people.breakdown.country).toEqual({ KH: 5 });
    expect(people.records.every((r) => r.countryCode === "KH")).toBe(true);
    expect(report.activities.map((a) => a.countryCode)).toEqual(["KH"]);
  });

  it("shows on a workshop and a milestone which indicators they count towards", async () => {
    const workshop = await db.workshop.findFirstOrThrow({
      where: { projectId: project.id, kind: "national_workshop" },
    });
    expect((await indicatorsCounting({ type: "workshop", ...workshop })).map((i) => i.title)).toEqual([
      NATIONAL,
      PEOPLE,
    ]);
    const milestone = await db.milestone.findFirstOrThrow({
      where: { projectId: project.id, stageCode: "national_standard", status: "completed" },
    });
    expect((await indicatorsCounting({ type: "milestone", ...milestone })).map((i) => i.title)).toEqual([STANDARDS]);
  });
});

describe("bad input to the results framework: a clear refusal, nothing written", () => {
  async function refusedWith(write: Promise<unknown>): Promise<string> {
    const error = await write.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputRefused);
    return (error as InputRefused).messageKey;
  }
  const outputId = async () => (await projectFramework(project.id)).outcomes[0]!.outputs[0]!.id;
  const indicatorInput = async (overrides: object) => ({
    outputId: await outputId(),
    title: "Workshops",
    unit: "workshops",
    baseline: 0,
    target: 3,
    definition: "workshops_held" as const,
    filters: { kinds: ["national_workshop"], countryIds: null },
    ...overrides,
  });

  it("refuses definitions that can never match and targets that are negative or not numbers", async () => {
    const before = await db.projectIndicator.count();
    expect(
      await refusedWith(
        addIndicator(
          project,
          await indicatorInput({ filters: { kinds: ["national_workshop"], countryIds: [] } }),
          author,
        ),
      ),
    ).toBe("results:errors.noCountries");
    expect(
      await refusedWith(
        addIndicator(project, await indicatorInput({ filters: { kinds: [], countryIds: null } }), author),
      ),
    ).toBe("results:errors.noKinds");
    const vietNam = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
    expect(
      await refusedWith(
        addIndicator(
          project,
          await indicatorInput({ filters: { kinds: ["national_workshop"], countryIds: [vietNam.id] } }),
          author,
        ),
      ),
    ).toBe("results:errors.countryOutsideProject");
    expect(await refusedWith(addIndicator(project, await indicatorInput({ target: -1 }), author))).toBe(
      "results:errors.negative",
    );
    expect(await refusedWith(addIndicator(project, await indicatorInput({ target: Number.NaN }), author))).toBe(
      "results:errors.negative",
    );
    expect(await db.projectIndicator.count()).toBe(before);
  });

  it("refuses a period outside the project or ending before it starts", async () => {
    const before = await db.reportingPeriod.count();
    const period = { kind: "year" as const, label: "2018" };
    expect(
      await refusedWith(addPeriod(project, { ...period, startsOn: "2018-01-01", endsOn: "2018-12-31" }, author)),
    ).toBe("results:errors.periodOutsideProject");
    expect(
      await refusedWith(addPeriod(project, { ...period, startsOn: "2016-06-30", endsOn: "2016-01-01" }, author)),
    ).toBe("results:errors.endBeforeStart");
    expect(
      await refusedWith(addPeriod(project, { ...period, startsOn: "2016-01-01", endsOn: "2016-12-31" }, author)),
    ).toBe("results:errors.periodExists");
    expect(await db.reportingPeriod.count()).toBe(before);
  });

  it("locks a period with its figures: later check-ins and edits change nothing in it", async () => {
    const periodId = periodIds.get("2015")!;
    await changePeriodStatus((await findPeriod(periodId))!, "review", author, readNarrative);
    await changePeriodStatus((await findPeriod(periodId))!, "lock", author, readNarrative);
    const locked = await findPeriod(periodId);
    expect(locked).toMatchObject({ status: "locked", lockedBy: { name: "Somchai Rattanakul" } });

    // Someone from Cambodia's employers is added to the Bangkok meeting and checked in after the lock.
    const bangkok = await db.workshop.findFirstOrThrow({ where: { projectId: project.id, kind: "regional_meeting" } });
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    await db.participant.create({
      data: {
        workshopId: bangkok.id,
        name: "Late Entry",
        category: "employers",
        countryId: kh.id,
        sex: "female",
        registrationStatus: "registered",
        badgeToken: "late-entry-badge",
        attendance: { create: { day: "2015-08-10", method: "manual" } },
      },
    });
    const report = await reportOf("2015");
    expect(indicator(report, PEOPLE)).toMatchObject({ actual: 6, cumulative: 6 });
    // The 2016 draft, counted live, now has sixteen people to date.
    expect(indicator(await reportOf("2016"), PEOPLE)).toMatchObject({ cumulative: 16 });

    const rated = indicator(report, RATED);
    const targetsBefore = await db.indicatorTarget.findMany({ where: { periodId }, orderBy: { indicatorId: "asc" } });
    expect(await refusedWith(setPeriodTarget(locked!, { indicatorId: rated.id, target: 90 }, author))).toBe(
      "results:errors.periodLocked",
    );
    expect(
      await refusedWith(enterIndicatorValue(locked!, { indicatorId: rated.id, value: 99, evidence: "x" }, author)),
    ).toBe("results:errors.periodLocked");
    expect(await refusedWith(changePeriodStatus(locked!, "return", author, readNarrative))).toBe(
      "results:errors.periodLocked",
    );
    expect(await db.indicatorTarget.findMany({ where: { periodId }, orderBy: { indicatorId: "asc" } })).toEqual(
      targetsBefore,
    );
    expect(indicator(await reportOf("2015"), RATED)).toMatchObject({ actual: 85 });
  });

  it("answers edits of a locked period by URL with the clear message, and lets only the agency manage", async () => {
    const periodId = periodIds.get("2015")!;
    const path = `/projects/${project.id}/periods/${periodId}`;
    const params = { projectId: project.id, periodId };
    const rated = indicator(await reportOf("2015"), RATED);
    const refused = await settle(async () =>
      reportAction({
        request: await requestAs(demo.facilitator, path, { intent: "target", indicatorId: rated.id, target: "90" }),
        params,
        context: routeContext,
      }),
    );
    const answer = refused as unknown as {
      data: { result: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(answer.init.status).toBe(400);
    expect(answer.data.result.error[""]).toEqual([
      "This period is locked: its figures are kept as they were when it was locked and can no longer be changed.",
    ]);
    // The IOM facilitator and the Secretariat may not manage the ILO project; the Secretariat reads it.
    for (const email of [demo.facilitatorIom, demo.secretariat]) {
      const forbidden = await settle(async () =>
        reportAction({
          request: await requestAs(email, path, { intent: "status", transition: "review" }),
          params,
          context: routeContext,
        }),
      );
      expect((forbidden as Response).status).toBe(403);
    }
    const read = await settle(async () =>
      reportLoader({ request: await requestAs(demo.secretariat, path), params, context: routeContext }),
    );
    expect(read).toHaveProperty("report");
    // Viet Nam's focal point is not in the project: refused; Cambodia's reads Cambodia's share.
    const vietNam = await settle(async () =>
      reportLoader({ request: await requestAs(demo.focalPoint("VN"), path), params, context: routeContext }),
    );
    expect((vietNam as Response).status).toBe(403);
    // A negative target typed in the framework form: refused beside the field, nothing written.
    const before = await db.projectIndicator.count();
    const negative = await settle(async () =>
      frameworkAction({
        request: await requestAs(demo.facilitator, `/projects/${project.id}/framework`, {
          intent: "indicator",
          outputId: (await projectFramework(project.id)).outcomes[0]!.outputs[0]!.id,
          title: "Negative",
          unit: "workshops",
          baseline: "0",
          target: "-3",
          definition: "workshops_held",
          kinds: "national_workshop",
          countryScope: "any",
        }),
        params: { projectId: project.id },
        context: routeContext,
      }),
    );
    const negativeAnswer = negative as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(negativeAnswer.data.result.error.target).toEqual(["Enter a number of zero or more."]);
    expect(await db.projectIndicator.count()).toBe(before);
  });
});
