import crypto from "node:crypto";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { DEMO_ACCOUNTS } from "./demo-accounts";

/**
 * The donor projects' results frameworks (decision 022) and what the ILO/Korea CLM project did in
 * 2016: a national workshop in each of its three countries. Every record an indicator counts is
 * written out here with fixed values, so the figures of a report can be counted by hand
 * (tests/integration/results-report.test.ts does).
 */

/**
 * The milestones the ILO/Korea CLM project supported, `country:stage:sector` → the day each was
 * reached. Only these are linked to the project; the demo's other milestones keep their generated dates.
 */
export const CLM_PROJECT_MILESTONES: Record<string, string> = {
  "KH:sector_prioritised:construction": "2015-09-15",
  "KH:national_standard:construction": "2016-03-18",
  "KH:curriculum_materials:construction": "2016-11-25",
  "LA:sector_prioritised:construction": "2015-10-20",
  "LA:national_standard:construction": "2016-09-30",
  "MM:sector_prioritised:construction": "2015-11-10",
  "MM:national_standard:construction": "2017-04-28",
};

type NationalWorkshop = {
  country: string;
  city: string;
  venue: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  /** besides the country's focal point and task-force member, who both came */
  others: { name: string; category: "employers" | "workers"; sex: "female" | "male"; came: boolean }[];
};

const NATIONAL_WORKSHOPS_2016: NationalWorkshop[] = [
  {
    country: "KH",
    city: "Phnom Penh",
    venue: "National Technical Training Institute",
    timeZone: "Asia/Phnom_Penh",
    startsOn: "2016-03-15",
    endsOn: "2016-03-16",
    others: [
      { name: "Chan Dara", category: "employers", sex: "male", came: true },
      { name: "Srey Pov", category: "workers", sex: "female", came: true },
      { name: "Kim Sophal", category: "employers", sex: "female", came: false },
      { name: "Ly Heng", category: "workers", sex: "male", came: true },
    ],
  },
  {
    country: "LA",
    city: "Vientiane",
    venue: "Lao-ITECC",
    timeZone: "Asia/Vientiane",
    startsOn: "2016-06-21",
    endsOn: "2016-06-22",
    others: [
      { name: "Bounmy Sisouk", category: "employers", sex: "male", came: true },
      { name: "Vanida Keo", category: "workers", sex: "female", came: true },
      { name: "Somphone Chan", category: "employers", sex: "male", came: false },
      { name: "Malaythong Inthavong", category: "workers", sex: "female", came: true },
    ],
  },
  {
    country: "MM",
    city: "Yangon",
    venue: "Industrial Training Centre",
    timeZone: "Asia/Yangon",
    startsOn: "2016-10-04",
    endsOn: "2016-10-05",
    others: [
      { name: "Aye Aye Myint", category: "employers", sex: "female", came: true },
      { name: "Min Thu", category: "workers", sex: "male", came: true },
      { name: "Hla Hla Win", category: "workers", sex: "female", came: true },
      { name: "Zaw Lin", category: "employers", sex: "male", came: false },
    ],
  },
];

const badge = () => crypto.randomBytes(16).toString("base64url");
const json = (value: unknown) => JSON.stringify(value);

export async function seedResults(db: PrismaClient) {
  const byCode = new Map((await db.country.findMany()).map((c) => [c.code, c]));
  const clm = await db.project.findUniqueOrThrow({ where: { code: "ILO-KOR-CLM-MRS" } });
  const idf = await db.project.findUniqueOrThrow({ where: { code: "IOM-IDF-ASEAN-SRRLMI" } });
  const ilo = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.facilitator } });
  const clmCountryIds = ["KH", "LA", "MM"].map((c) => byCode.get(c)!.id);

  for (const spec of NATIONAL_WORKSHOPS_2016) {
    const country = byCode.get(spec.country)!;
    const workshop = await db.workshop.create({
      data: {
        title: `National workshop on the mutual recognition of skills in construction, ${country.name}`,
        kind: "national_workshop",
        hostCountryId: country.id,
        venue: spec.venue,
        city: spec.city,
        timeZone: spec.timeZone,
        startsOn: spec.startsOn,
        endsOn: spec.endsOn,
        organisers: "The Ministry of Labour with the ILO/Korea CLM project",
        objectives: "Validate the national construction standard with employers and workers, and plan its testing.",
        expectedResults: "Standard validated\nTesting and certification plan agreed",
        projectId: clm.id,
        createdById: ilo.id,
        facilitators: { create: [{ userId: ilo.id }] },
      },
    });
    const people = await db.user.findMany({
      where: { email: { in: [DEMO_ACCOUNTS.focalPoint(spec.country), DEMO_ACCOUNTS.taskForce(spec.country)] } },
    });
    const rows = [
      ...people.map((p) => ({
        name: p.name,
        email: p.email,
        userId: p.id,
        category: p.email === DEMO_ACCOUNTS.focalPoint(spec.country) ? "focal_point" : "task_force",
        sex: p.sex ?? "undisclosed",
        came: true,
      })),
      ...spec.others.map((o) => ({
        ...o,
        email: `${o.name.toLowerCase().replace(/\s+/g, ".")}@${spec.country.toLowerCase()}.example.test`,
        userId: null,
      })),
    ];
    for (const row of rows) {
      await db.participant.create({
        data: {
          workshopId: workshop.id,
          userId: row.userId,
          name: row.name,
          email: row.email,
          category: row.category,
          countryId: country.id,
          sex: row.sex,
          registrationStatus: "registered",
          badgeToken: badge(),
          // whoever came was checked in on the first day
          attendance: row.came
            ? {
                create: {
                  day: spec.startsOn,
                  checkedInAt: new Date(`${spec.startsOn}T02:10:00Z`),
                  checkedInById: ilo.id,
                  method: "qr",
                },
              }
            : undefined,
        },
      });
    }
  }

  // ───────── the ILO/Korea CLM project's results framework ─────────
  const periods = new Map<string, string>();
  for (const [label, startsOn, endsOn] of [
    ["2015 (July–December)", "2015-07-01", "2015-12-31"],
    ["2016", "2016-01-01", "2016-12-31"],
    ["2017", "2017-01-01", "2017-12-31"],
  ] as const) {
    const period = await db.reportingPeriod.create({
      data: { projectId: clm.id, kind: "year", label, startsOn, endsOn },
    });
    periods.set(startsOn.slice(0, 4), period.id);
  }
  type IndicatorSpec = {
    title: string;
    unit: string;
    target: number;
    definition: string | null;
    filters?: unknown;
    /** per year: 2015, 2016, 2017 */
    targets: [number, number, number];
  };
  const framework: { outcome: string; outputs: { title: string; indicators: IndicatorSpec[] }[] }[] = [
    {
      outcome:
        "Cambodia, Lao PDR and Myanmar have mutually recognised qualifications mechanisms in additional industrial sectors",
      outputs: [
        {
          title: "At least three national workshops and one regional conference held",
          indicators: [
            {
              title: "National workshops held in the beneficiary countries",
              unit: "workshops",
              target: 3,
              definition: "workshops_held",
              filters: { kinds: ["national_workshop"], countryIds: clmCountryIds },
              targets: [0, 3, 0],
            },
            {
              title: "Regional conferences held",
              unit: "conferences",
              target: 1,
              definition: "workshops_held",
              filters: { kinds: ["regional_meeting"], countryIds: null },
              targets: [1, 0, 0],
            },
          ],
        },
        {
          title: "Six to eight competency standards with testing and certification modules developed",
          indicators: [
            {
              title: "National competency standards completed",
              unit: "standards",
              target: 6,
              definition: "milestones_completed",
              filters: { stageCodes: ["national_standard"], countryIds: null },
              targets: [0, 3, 3],
            },
          ],
        },
        {
          title: "Two to three industry participation schemes piloted",
          indicators: [
            {
              title: "Industry participation schemes piloted",
              unit: "schemes",
              target: 2,
              definition: "milestones_completed",
              filters: { stageCodes: ["industry_scheme_piloted"], countryIds: null },
              targets: [0, 1, 1],
            },
          ],
        },
      ],
    },
    {
      outcome: "Tripartite partners in the CLM countries are able to take part in the recognition of skills",
      outputs: [
        {
          title: "Tripartite partners trained, by sex",
          indicators: [
            {
              title: "Focal points, task forces, employers and workers of the CLM countries trained",
              unit: "people",
              target: 60,
              definition: "people_trained",
              filters: {
                kinds: null,
                categories: ["focal_point", "task_force", "employers", "workers"],
                countryIds: clmCountryIds,
              },
              targets: [10, 30, 20],
            },
            {
              title: "Participants who rated the training useful (evaluation forms)",
              unit: "%",
              target: 80,
              definition: null,
              targets: [80, 80, 80],
            },
          ],
        },
      ],
    },
  ];
  let sortOrder = 0;
  for (const [outcomeIndex, outcome] of framework.entries()) {
    const createdOutcome = await db.projectOutcome.create({
      data: { projectId: clm.id, title: outcome.outcome, sortOrder: outcomeIndex },
    });
    for (const [outputIndex, output] of outcome.outputs.entries()) {
      const createdOutput = await db.projectOutput.create({
        data: { projectId: clm.id, outcomeId: createdOutcome.id, title: output.title, sortOrder: outputIndex },
      });
      for (const spec of output.indicators) {
        await db.projectIndicator.create({
          data: {
            projectId: clm.id,
            outputId: createdOutput.id,
            title: spec.title,
            unit: spec.unit,
            target: spec.target,
            definition: spec.definition,
            filters: json(spec.filters ?? {}),
            sortOrder: sortOrder++,
            targets: {
              create: ["2015", "2016", "2017"].map((year, index) => ({
                periodId: periods.get(year)!,
                target: spec.targets[index]!,
              })),
            },
            values:
              spec.definition === null
                ? {
                    create: [
                      {
                        periodId: periods.get("2015")!,
                        value: 85,
                        evidence: "Evaluation forms of the Bangkok meeting, August 2015: 23 of 27 returned",
                        enteredById: ilo.id,
                        enteredAt: new Date("2016-01-20T03:00:00Z"),
                      },
                    ],
                  }
                : undefined,
          },
        });
      }
    }
  }

  // ───────── the IOM IDF project's results framework ─────────
  const idfOutcome = await db.projectOutcome.create({
    data: {
      projectId: idf.id,
      title: "Labour market and migration information is shared and used for recruitment and skills recognition",
    },
  });
  const idfOutput = await db.projectOutput.create({
    data: {
      projectId: idf.id,
      outcomeId: idfOutcome.id,
      title: "Capacity of officials built on labour market and migration information",
    },
  });
  const idfPeriod = await db.reportingPeriod.create({
    data: { projectId: idf.id, kind: "year", label: "2018", startsOn: "2018-01-01", endsOn: "2018-12-31" },
  });
  for (const [index, spec] of [
    {
      title: "Capacity-building workshops on labour market and migration information held",
      unit: "workshops",
      target: 3,
      definition: "workshops_held",
      filters: { kinds: ["capacity_building"], countryIds: null },
      periodTarget: 1,
    },
    {
      title: "Officials trained on labour market information, by sex",
      unit: "people",
      target: 90,
      definition: "people_trained",
      filters: { kinds: null, categories: ["focal_point", "task_force"], countryIds: null },
      periodTarget: 30,
    },
  ].entries()) {
    await db.projectIndicator.create({
      data: {
        projectId: idf.id,
        outputId: idfOutput.id,
        title: spec.title,
        unit: spec.unit,
        target: spec.target,
        definition: spec.definition,
        filters: json(spec.filters),
        sortOrder: index,
        targets: { create: [{ periodId: idfPeriod.id, target: spec.periodTarget }] },
      },
    });
  }
}
