import type { IndicatorFigures, ReportBody } from "~/models/project-report.server";

/**
 * The ILO/Korea CLM project's 2015 and 2016 reports as counted by hand from prisma/seed/demo.ts and
 * prisma/seed/results.ts (decision 022): the figures the results report and its exports must show.
 */

export const CLM_PROJECT_CODE = "ILO-KOR-CLM-MRS";
export const NATIONAL = "National workshops held in the beneficiary countries";
const REGIONAL = "Regional conferences held";
export const STANDARDS = "National competency standards completed";
const SCHEMES = "Industry participation schemes piloted";
export const PEOPLE = "Focal points, task forces, employers and workers of the CLM countries trained";
export const RATED = "Participants who rated the training useful (evaluation forms)";

type HandCount = Partial<
  Pick<
    IndicatorFigures,
    "source" | "actual" | "periodTarget" | "percentOfPeriodTarget" | "cumulative" | "percentOfTarget" | "breakdown"
  >
>;

export const CLM_HAND_COUNT: Record<
  "2015" | "2016",
  { indicators: Record<string, HandCount>; activities: [string | null, number][] }
> = {
  "2015": {
    indicators: {
      // The only CLM-linked workshop of 2015 is the ASEAN Meeting in Bangkok (demo.ts, 10-11 August 2015, regional_meeting).
      [NATIONAL]: { actual: 0, cumulative: 0, periodTarget: 0 },
      [REGIONAL]: { actual: 1, cumulative: 1, percentOfTarget: 100, breakdown: { country: { TH: 1 } } },
      // The CLM milestones (results.ts CLM_PROJECT_MILESTONES) completed in 2015 are three sector_prioritised, no standard.
      [STANDARDS]: { actual: 0, cumulative: 0 },
      // No seeded country reaches industry_scheme_piloted (countryStagesDone 3, 2 and 2 of 6 stages).
      [SCHEMES]: { actual: 0, cumulative: 0 },
      // Bangkok participants are focal point and task force of all ten AMS (rows 0-19); only row 16 (Thailand's
      // focal point) declined, and nobody registered was absent both days (absent when (row + day) % 9 == 0).
      // Of KH, LA and MM: Sokha Chenda (F), Vuthy Sambath (M), Khamla Vongsa (M), Noy Phetsamone (F),
      // Thida Win Aung (F), Kyaw Zin Htet (M): six people.
      [PEOPLE]: {
        actual: 6,
        cumulative: 6,
        periodTarget: 10,
        percentOfPeriodTarget: 60,
        breakdown: {
          sex: { female: 3, male: 3 },
          country: { KH: 2, LA: 2, MM: 2 },
          category: { focal_point: 3, task_force: 3 },
        },
      },
      // Entered by hand with its evidence, and marked as such.
      [RATED]: { source: "entered", actual: 85, cumulative: null },
    },
    // 28 rows invited to Bangkok, row 16 declined, every other one checked in.
    activities: [["TH", 27]],
  },
  "2016": {
    indicators: {
      [NATIONAL]: { actual: 3, cumulative: 3, percentOfTarget: 100, breakdown: { country: { KH: 1, LA: 1, MM: 1 } } },
      [REGIONAL]: { actual: 0, cumulative: 1 },
      // KH construction national_standard 2016-03-18 and LA 2016-09-30; MM's is 2017-04-28.
      [STANDARDS]: { actual: 2, cumulative: 2, periodTarget: 3, percentOfPeriodTarget: 67, percentOfTarget: 33 },
      // results.ts: each 2016 national workshop invites the focal point, the task-force member and four others, one of
      // whom did not come. KH: Sokha F, Vuthy M, Chan Dara M, Srey Pov F, Ly Heng M (2F 3M). LA: Khamla M, Noy F,
      // Bounmy M, Vanida F, Malaythong F (3F 2M). MM: Thida F, Kyaw M, Aye Aye Myint F, Min Thu M, Hla Hla Win F (3F 2M).
      // The six delegates of 2015 came again in 2016 (same accounts): 6 + 15 - 6 distinct people to date.
      [PEOPLE]: {
        actual: 15,
        periodTarget: 30,
        percentOfPeriodTarget: 50,
        cumulative: 15,
        percentOfTarget: 25,
        breakdown: {
          sex: { female: 8, male: 7 },
          country: { KH: 5, LA: 5, MM: 5 },
          category: { focal_point: 3, task_force: 3, employers: 3, workers: 6 },
        },
      },
      [RATED]: { source: "entered", actual: null },
    },
    activities: [
      ["KH", 5],
      ["LA", 5],
      ["MM", 5],
    ],
  },
};

export function indicatorIn(report: ReportBody, title: string): IndicatorFigures {
  const found = report.outcomes
    .flatMap((o) => o.outputs.flatMap((output) => output.indicators))
    .find((i) => i.title === title);
  if (!found) throw new Error(`no indicator ${title}`);
  return found;
}
