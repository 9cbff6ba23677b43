import crypto from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { createInstance } from "i18next";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { MILESTONE_STAGES } from "./reference";
import { narrativeUpdate } from "./narrative";
import { CLM_PROJECT_MILESTONES } from "./results";
import { HOST_TIME_ZONES } from "../../app/domain/time-zones";
import { formatDateTime } from "../../app/utils/format";
import { activityMessage, storedActivity } from "../../app/i18n/activity";
import { i18nConfig } from "../../app/i18n/config";
import type { Translate } from "../../app/i18n/types";

/**
 * Demo content: donor projects, every Member State's MRS milestones and current
 * action plan, and the example workshops of DESIGN.md with agendas,
 * participants, attendance and outcomes. Invented but consistent with the
 * seed documents; fixed dates so tests can rely on them (today is late 2026).
 */

// A small deterministic generator, so every seeded database is the same.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rand = random(20150810);

const SECTOR_STAGES = MILESTONE_STAGES.filter((s) => s.scope === "sector").map((s) => s.code);
const COUNTRY_STAGES = MILESTONE_STAGES.filter((s) => s.scope === "country").map((s) => s.code);

type SectorPlan = {
  sector: string;
  reached: number;
  current?: "in_progress" | "blocked";
  partner?: string;
  level?: number;
};
type CountryPlan = {
  sectors: SectorPlan[];
  countryStagesDone: number;
  planStatus: "draft" | "submitted" | "endorsed";
  partners: string[];
  context: string;
};

/** How far each Member State has come: CLM earlier, Singapore, Malaysia and the Philippines further. */
const PROGRESS: Record<string, CountryPlan> = {
  BN: {
    sectors: [
      { sector: "tourism", reached: 3, current: "in_progress", level: 3 },
      { sector: "construction", reached: 2, current: "in_progress" },
    ],
    countryStagesDone: 4,
    planStatus: "submitted",
    partners: ["Malaysia", "Singapore"],
    context:
      "Brunei Darussalam's BDQF is in place and its referencing to the AQRF has been endorsed; the focus now is on hospitality and construction trades where foreign workers are many.",
  },
  KH: {
    sectors: [
      { sector: "construction", reached: 3, current: "in_progress", partner: "TH", level: 2 },
      { sector: "welding", reached: 2, current: "blocked" },
      { sector: "agriculture-aquaculture", reached: 1, current: "in_progress" },
    ],
    countryStagesDone: 3,
    planStatus: "endorsed",
    partners: ["Thailand", "Malaysia"],
    context:
      "Cambodia adopted the Cambodia Qualifications Framework in 2012 and, with the ILO/Korea CLM project, developed construction and welding standards; most Cambodian migrant workers go to Thailand.",
  },
  ID: {
    sectors: [
      { sector: "welding", reached: 5, current: "in_progress", partner: "MY", level: 3 },
      { sector: "tourism", reached: 4, current: "in_progress", level: 4 },
      { sector: "domestic-work", reached: 2, current: "in_progress" },
    ],
    countryStagesDone: 5,
    planStatus: "endorsed",
    partners: ["Malaysia", "Singapore"],
    context:
      "Indonesia's KKNI underpins a large system of competency standards (SKKNI) and professional certification bodies; referencing to the AQRF was endorsed and the focus is on outbound occupations.",
  },
  LA: {
    sectors: [
      { sector: "construction", reached: 2, current: "in_progress" },
      { sector: "agriculture-aquaculture", reached: 1, current: "blocked" },
    ],
    countryStagesDone: 2,
    planStatus: "draft",
    partners: ["Thailand"],
    context:
      "Lao PDR is building its testing and certification capacity with support from the CLM project and Thailand's Department of Skill Development; most Lao migrant workers work in Thailand.",
  },
  MY: {
    sectors: [
      { sector: "welding", reached: 6, current: "in_progress", partner: "ID", level: 3 },
      { sector: "mechanical-services", reached: 5, current: "in_progress", partner: "ID", level: 3 },
      { sector: "construction", reached: 4, current: "in_progress", level: 2 },
    ],
    countryStagesDone: 5,
    planStatus: "endorsed",
    partners: ["Indonesia", "Brunei Darussalam"],
    context:
      "Malaysia's National Occupational Skills Standards and the Malaysian Skills Certificate give a mature base; the MQF is referenced to the AQRF.",
  },
  MM: {
    sectors: [
      { sector: "construction", reached: 2, current: "in_progress" },
      { sector: "welding", reached: 2, current: "blocked" },
      { sector: "domestic-work", reached: 1, current: "in_progress" },
    ],
    countryStagesDone: 2,
    planStatus: "draft",
    partners: ["Thailand", "Malaysia"],
    context:
      "Myanmar's National Skills Standards Authority has developed standards in construction and welding; assessment centres are being expanded.",
  },
  PH: {
    sectors: [
      { sector: "domestic-work", reached: 6, current: "in_progress", partner: "SG", level: 2 },
      { sector: "welding", reached: 5, current: "in_progress", partner: "MY", level: 3 },
      { sector: "tourism", reached: 5, current: "in_progress", level: 3 },
    ],
    countryStagesDone: 6,
    planStatus: "submitted",
    partners: ["Singapore", "Malaysia"],
    context:
      "TESDA's training regulations and national certificates cover most outbound occupations; the PQF is referenced to the AQRF and the focus is on recognition abroad.",
  },
  SG: {
    sectors: [
      { sector: "tourism", reached: 6, current: "in_progress", partner: "PH", level: 4 },
      { sector: "mechanical-services", reached: 5, current: "in_progress", level: 4 },
    ],
    countryStagesDone: 5,
    planStatus: "endorsed",
    partners: ["Philippines", "Malaysia"],
    context:
      "Singapore's Skills Framework and WSQ qualifications are referenced to the AQRF; Singapore mainly receives workers and supports mutual recognition arrangements.",
  },
  TH: {
    sectors: [
      { sector: "construction", reached: 5, current: "in_progress", partner: "KH", level: 2 },
      { sector: "welding", reached: 4, current: "in_progress", partner: "LA", level: 3 },
      { sector: "tourism", reached: 4, current: "blocked", level: 3 },
    ],
    countryStagesDone: 4,
    planStatus: "submitted",
    partners: ["Cambodia", "Lao PDR", "Myanmar"],
    context:
      "Thailand's Department of Skill Development runs national skill standard testing and offers training of trainers and assessors to the CLM countries.",
  },
  VN: {
    sectors: [
      { sector: "construction", reached: 4, current: "in_progress", level: 2 },
      { sector: "welding", reached: 3, current: "in_progress" },
      { sector: "tourism", reached: 3, current: "blocked" },
    ],
    countryStagesDone: 3,
    planStatus: "draft",
    partners: ["Malaysia", "Thailand"],
    context:
      "Viet Nam adopted the Viet Nam Qualifications Framework in 2016; national occupational skills standards and assessment are managed under the Directorate of Vocational Education and Training.",
  },
};

const pad = (n: number) => String(n).padStart(2, "0");
const day = (year: number, month: number, date: number) => `${year}-${pad(month)}-${pad(date)}`;
/** A calendar day roughly `offset` months after January 2015, spread by the generator. */
const dayAfter2015 = (months: number) => {
  const y = 2015 + Math.floor(months / 12);
  return day(y, (months % 12) + 1, 1 + Math.floor(rand() * 27));
};
/** An instant `days` before today (UTC), at the given hour and minute. */
const daysAgoAt = (days: number, hour: number, minute: number) => {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, hour, minute));
};
const badge = () => crypto.randomBytes(16).toString("base64url");

export async function seedDemo(db: PrismaClient) {
  const i18n = createInstance({ ...i18nConfig, lng: "en" });
  await i18n.init();
  const english = i18n.t as unknown as Translate;
  const countries = await db.country.findMany();
  const byCode = new Map(countries.map((c) => [c.code, c]));
  const sectors = new Map((await db.sector.findMany()).map((s) => [s.code, s]));
  const people = await db.user.findMany({ include: { roles: true, organisation: true } });
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const ministries = new Map(
    (await db.organisation.findMany({ where: { kind: "ministry" } })).map((o) => [o.countryId!, o]),
  );

  // ───────── donor projects ─────────
  const clm = await db.project.create({
    data: {
      code: "ILO-KOR-CLM-MRS",
      title: "Towards a Mutual Recognition of Skills in CLM Countries for AEC 2015 and Beyond",
      donor: "Government of the Republic of Korea",
      implementingAgency: "ILO",
      startsOn: "2015-07-01",
      endsOn: "2017-12-31",
      summary:
        "Assist Cambodia, Lao PDR and Myanmar to establish mutually recognised qualifications mechanisms in additional industrial sectors.",
      countries: { create: ["KH", "LA", "MM"].map((c) => ({ countryId: byCode.get(c)!.id })) },
    },
  });
  const idf = await db.project.create({
    data: {
      code: "IOM-IDF-ASEAN-SRRLMI",
      title:
        "Strengthening Capacity on Skills Recognition, Recruitment and Labour Migration Information in Support of ASEAN Integration",
      donor: "IOM Development Fund",
      implementingAgency: "IOM",
      startsOn: "2017-06-01",
      endsOn: "2019-12-31",
      summary:
        "Improve sharing of labour market and migration information, recruitment services, and the referencing and recognition of workers' skills in eight AMS.",
      countries: {
        create: ["KH", "ID", "LA", "MY", "MM", "PH", "TH", "VN"].map((c) => ({ countryId: byCode.get(c)!.id })),
      },
    },
  });

  // ───────── milestones, with their history ─────────
  const milestoneIds = new Map<string, string>(); // `${code}:${stage}:${sector}` → id
  for (const country of countries) {
    const plan = PROGRESS[country.code]!;
    const fp = byEmail.get(DEMO_ACCOUNTS.focalPoint(country.code))!;
    const tf = byEmail.get(DEMO_ACCOUNTS.taskForce(country.code))!;
    let months = 6 + Math.floor(rand() * 12);

    const createMilestone = async (
      stageCode: string,
      sectorId: string | null,
      index: number,
      reached: number,
      current: string | undefined,
      extra: Partial<{ partnerCountryId: string; aqrfLevel: number }>,
    ) => {
      const done = index < reached;
      const isCurrent = index === reached;
      const status = done ? "completed" : isCurrent ? (current ?? "in_progress") : "not_started";
      months += 4 + Math.floor(rand() * 10);
      // The CLM project's own milestones have the fixed days its report is checked against.
      const sector = [...sectors.values()].find((s) => s.id === sectorId);
      const projectDay = CLM_PROJECT_MILESTONES[`${country.code}:${stageCode}:${sector?.code ?? ""}`];
      const generatedDay = done ? dayAfter2015(Math.min(months, 130)) : null;
      const achievedOn = done ? (projectDay ?? generatedDay) : null;
      // Current work has a target; some of those targets have already passed (overdue).
      const targetOn = done
        ? achievedOn
        : isCurrent
          ? rand() < 0.45
            ? day(2026, 3 + Math.floor(rand() * 6), 15)
            : day(2027, 1 + Math.floor(rand() * 10), 28)
          : index === reached + 1
            ? day(2027, 6 + Math.floor(rand() * 6), 30)
            : null;
      const actor = rand() < 0.6 ? fp : tf;
      // Work under way was last touched within the past ten months, counted back from the day the
      // demo is loaded, so "what changed since the last meeting" has something to show on any day.
      const lastTouched = achievedOn
        ? new Date(`${achievedOn}T08:00:00Z`)
        : daysAgoAt(
            1 + Math.floor(rand() * 10) * 30 + Math.floor(rand() * 27),
            2 + Math.floor(rand() * 8),
            Math.floor(rand() * 60),
          );
      const stage = MILESTONE_STAGES.find((s) => s.code === stageCode)!;
      const milestone = await db.milestone.create({
        data: {
          countryId: country.id,
          stageCode,
          sectorId,
          status,
          targetOn,
          achievedOn,
          aqrfLevel: stageCode === "aqrf_referenced" && (done || isCurrent) ? (extra.aqrfLevel ?? null) : null,
          partnerCountryId:
            stageCode === "mutual_recognition" && (done || isCurrent) ? (extra.partnerCountryId ?? null) : null,
          notes:
            status === "blocked"
              ? "Waiting for the tripartite validation workshop; funding for assessor training is not yet confirmed."
              : "",
          projectId: projectDay && done ? clm.id : null,
          updatedById: status === "not_started" ? null : actor.id,
          updatedAt: lastTouched,
        },
      });
      milestoneIds.set(`${country.code}:${stageCode}:${sectorId ?? ""}`, milestone.id);
      if (status !== "not_started") {
        const startedAt = new Date(lastTouched);
        if (done) startedAt.setUTCMonth(startedAt.getUTCMonth() - 3);
        const events = [{ at: startedAt, from: "not_started", to: done ? "in_progress" : status }];
        if (done) events.push({ at: new Date(`${achievedOn}T03:00:00Z`), from: "in_progress", to: "completed" });
        for (const e of events) {
          await db.auditEvent.create({
            data: {
              actorId: actor.id,
              action: "milestone.update",
              entityType: "milestone",
              entityId: milestone.id,
              countryId: country.id,
              ...storedActivity(
                english,
                activityMessage("milestoneStatus", {
                  milestone: {
                    milestone: {
                      stage,
                      sector: [...sectors.values()].find((s) => s.id === sectorId) ?? null,
                      country,
                    },
                  },
                  status: { milestoneStatus: e.to },
                }),
              ),
              changes: JSON.stringify({ status: [e.from, e.to] }),
              createdAt: e.at,
            },
          });
        }
      }
      return milestone;
    };

    for (const s of plan.sectors) {
      const sector = sectors.get(s.sector)!;
      await db.countrySector.create({
        data: { countryId: country.id, sectorId: sector.id, prioritisedOn: dayAfter2015(Math.floor(rand() * 24)) },
      });
      for (const [index, stageCode] of SECTOR_STAGES.entries()) {
        await createMilestone(stageCode, sector.id, index, s.reached, s.current, {
          partnerCountryId: s.partner ? byCode.get(s.partner)!.id : undefined,
          aqrfLevel: s.level,
        });
      }
    }
    for (const [index, stageCode] of COUNTRY_STAGES.entries()) {
      await createMilestone(stageCode, null, index, plan.countryStagesDone, "in_progress", {});
    }
  }

  // ───────── action plans with narrative and items ─────────
  const plans = new Map<string, string>();
  for (const country of countries) {
    const plan = PROGRESS[country.code]!;
    await db.country.update({ where: { id: country.id }, data: { overview: plan.context } });
    const ministry = ministries.get(country.id)!;
    const fp = byEmail.get(DEMO_ACCOUNTS.focalPoint(country.code))!;
    const tf = byEmail.get(DEMO_ACCOUNTS.taskForce(country.code))!;
    const sectorNames = plan.sectors.map((s) => sectors.get(s.sector)!.name.toLowerCase());
    const document = await db.collaborativeDocument.create({
      data: {
        kind: "action_plan_narrative",
        snapshot: Buffer.from(
          narrativeUpdate({
            country: country.name,
            ministry: ministry.name,
            sectors: sectorNames,
            partners: plan.partners,
            context: plan.context,
          }),
        ),
      },
    });
    const secretariat = byEmail.get(DEMO_ACCOUNTS.secretariat)!;
    const created = await db.actionPlan.create({
      data: {
        countryId: country.id,
        title: "MRS action plan 2025-2027",
        periodStart: 2025,
        periodEnd: 2027,
        status: plan.planStatus,
        documentId: document.id,
        createdById: fp.id,
        submittedAt: plan.planStatus !== "draft" ? new Date("2025-03-14T04:00:00Z") : null,
        submittedById: plan.planStatus !== "draft" ? fp.id : null,
        endorsedAt: plan.planStatus === "endorsed" ? new Date("2025-05-20T04:00:00Z") : null,
        endorsedById: plan.planStatus === "endorsed" ? secretariat.id : null,
        createdAt: new Date("2024-11-18T02:00:00Z"),
      },
    });
    if (plan.planStatus !== "draft") {
      // Reviewers read a plan as it was submitted (/action-plans/:id/as-submitted), so a plan that starts out submitted has that version.
      const submittedAt = created.submittedAt!;
      await db.documentVersion.create({
        data: {
          documentId: document.id,
          name: `As submitted ${formatDateTime(submittedAt, "en", HOST_TIME_ZONES[country.code])}`,
          kind: "submitted",
          state: document.snapshot!,
          createdById: fp.id,
          createdAt: submittedAt,
        },
      });
    }
    plans.set(country.code, created.id);
    const first = plan.sectors[0]!;
    const firstSector = sectors.get(first.sector)!;
    const currentStage = SECTOR_STAGES[Math.min(first.reached, SECTOR_STAGES.length - 1)]!;
    const items = [
      {
        activity: `Validate the national competency standard for ${firstSector.name.toLowerCase()} with employers and workers`,
        leadAgency: ministry.acronym ?? ministry.name,
        startsOn: "2025-02-01",
        dueOn: "2025-09-30",
        status: "done",
        progress: 100,
        indicator: "Standard validated in a tripartite workshop",
        milestoneKey: `${country.code}:national_standard:${firstSector.id}`,
      },
      {
        activity: `Move ${firstSector.name.toLowerCase()} to the next MRS stage: ${MILESTONE_STAGES.find((s) => s.code === currentStage)!.name}`,
        leadAgency: ministry.acronym ?? ministry.name,
        startsOn: "2025-06-01",
        dueOn: rand() < 0.5 ? "2026-06-30" : "2027-03-31",
        status: first.current === "blocked" ? "delayed" : "on_track",
        progress: 40 + Math.floor(rand() * 30),
        indicator: "Milestone completed and evidence uploaded",
        milestoneKey: `${country.code}:${currentStage}:${firstSector.id}`,
      },
      {
        activity: "Train and accredit competency assessors (training of assessors with DSD Thailand)",
        leadAgency: "National TVET agency",
        startsOn: "2025-04-01",
        dueOn: "2026-08-31",
        status: rand() < 0.5 ? "at_risk" : "on_track",
        progress: 55,
        indicator: "Number of accredited assessors, by sex",
        milestoneKey: `${country.code}:testing_certification:${firstSector.id}`,
      },
      {
        activity: "Prepare the country progress report for the ASEAN Meeting of Skills Focal Points",
        leadAgency: "Skills focal point",
        startsOn: "2026-09-01",
        dueOn: "2026-11-10",
        status: "not_started",
        progress: 0,
        indicator: "Report shared with the ASEAN Secretariat",
        milestoneKey: null,
      },
      {
        activity: `Hold a national MRS workshop with employers' and workers' organisations`,
        leadAgency: ministry.acronym ?? ministry.name,
        startsOn: "2026-01-15",
        dueOn: "2027-02-28",
        status: "on_track",
        progress: 20,
        indicator: "Workshop held; outcomes recorded",
        milestoneKey: `${country.code}:national_workshop_held:`,
      },
    ];
    for (const [index, item] of items.entries()) {
      const { milestoneKey, ...fields } = item;
      await db.actionItem.create({
        data: {
          ...fields,
          planId: created.id,
          sortOrder: index,
          milestoneId: milestoneKey ? (milestoneIds.get(milestoneKey) ?? null) : null,
          projectId: ["KH", "LA", "MM"].includes(country.code) && index < 3 ? clm.id : null,
          // the focal point answers for what the focal point leads, the task force for the ministry's work
          ownerId: fields.leadAgency === "Skills focal point" ? fp.id : tf.id,
          updatedById: fp.id,
        },
      });
    }
  }

  // ───────── workshops ─────────
  const ilo = byEmail.get(DEMO_ACCOUNTS.facilitator)!;
  const iom = byEmail.get(DEMO_ACCOUNTS.facilitatorIom)!;
  const secretariat = byEmail.get(DEMO_ACCOUNTS.secretariat)!;
  const asecOrg = secretariat.organisationId!;
  const iloOrg = ilo.organisationId!;

  type SessionSpec = {
    day: number;
    start: string;
    end: string;
    title: string;
    type: string;
    speakers?: [string, string][];
    description?: string;
  };
  async function createWorkshop(spec: {
    title: string;
    kind: string;
    host: string;
    venue: string;
    city: string;
    timeZone: string;
    startsOn: string;
    endsOn: string;
    organisers: string;
    objectives: string;
    expectedResults: string;
    projectId: string | null;
    facilitatorId: string;
    sessions: SessionSpec[];
  }) {
    const { sessions, facilitatorId, host, ...fields } = spec;
    const workshop = await db.workshop.create({
      data: {
        ...fields,
        hostCountryId: byCode.get(host)!.id,
        createdById: facilitatorId,
        facilitators: { create: { userId: facilitatorId } },
      },
    });
    const [y, m, d] = spec.startsOn.split("-").map(Number) as [number, number, number];
    for (const [index, s] of sessions.entries()) {
      const [sh, sm] = s.start.split(":").map(Number) as [number, number];
      const [eh, em] = s.end.split(":").map(Number) as [number, number];
      const startsAt = new TZDate(y, m - 1, d + s.day, sh, sm, 0, spec.timeZone);
      const endsAt = new TZDate(y, m - 1, d + s.day, eh, em, 0, spec.timeZone);
      await db.agendaSession.create({
        data: {
          workshopId: workshop.id,
          day: day(startsAt.getFullYear(), startsAt.getMonth() + 1, startsAt.getDate()),
          startsAt: new Date(startsAt.getTime()),
          endsAt: new Date(endsAt.getTime()),
          title: s.title,
          description: s.description ?? "",
          sessionType: s.type,
          sortOrder: index,
          speakers: {
            create: (s.speakers ?? []).map(([name, role]) => ({
              name,
              role,
              userId: people.find((p) => p.name === name)?.id ?? null,
            })),
          },
        },
      });
    }
    return workshop;
  }

  const bangkok = await createWorkshop({
    title: "ASEAN Meeting of Skills Focal Points",
    kind: "regional_meeting",
    host: "TH",
    venue: "The Pullman King Power Hotel",
    city: "Bangkok",
    timeZone: "Asia/Bangkok",
    startsOn: "2015-08-10",
    endsOn: "2015-08-11",
    organisers:
      "ILO Regional Skills Programme, in collaboration with the Department of Skill Development, Ministry of Labour of Thailand, and the ASEAN Secretariat",
    objectives:
      "1. To discuss challenges and opportunities on skills development of AEC 2015 in general and on the implementation of MRS, in particular\n2. To share knowledge and updates on skills and labour programme in ASEAN countries\n3. To provide feedback from country representatives on progress of Action Plans\n4. To plan strategically on way forward",
    expectedResults:
      "Updates and information on skills development and migration from AMS\nEstablished mechanism to monitor progress of implementation of country level programs\nStrengthened the network of skills focal points in relation to ASEAN activities and programme\nImproved/revised Action Plans",
    projectId: clm.id,
    facilitatorId: ilo.id,
    sessions: [
      { day: 0, start: "08:30", end: "09:00", title: "Registration", type: "break" },
      {
        day: 0,
        start: "09:00",
        end: "09:45",
        title: "Opening and welcome remarks",
        type: "opening",
        speakers: [
          ["Somchai Rattanakul", "speaker"],
          ["Dewi Anggraini Putri", "speaker"],
        ],
      },
      {
        day: 0,
        start: "09:45",
        end: "10:30",
        title: "Skills development and the AEC 2015: challenges and opportunities",
        type: "plenary",
        speakers: [["Kittipong Srisuk", "resource_person"]],
      },
      { day: 0, start: "10:30", end: "10:45", title: "Coffee break", type: "break" },
      {
        day: 0,
        start: "10:45",
        end: "12:30",
        title: "Country updates on MRS action plans (part 1)",
        type: "panel",
        description: "Brunei Darussalam, Cambodia, Indonesia, Lao PDR, Malaysia",
        speakers: [
          ["Sokha Chenda", "speaker"],
          ["Rina Kusumawati", "speaker"],
          ["Khamla Vongsa", "speaker"],
        ],
      },
      {
        day: 0,
        start: "13:30",
        end: "15:00",
        title: "Country updates on MRS action plans (part 2)",
        type: "panel",
        description: "Myanmar, Philippines, Singapore, Thailand, Viet Nam",
        speakers: [
          ["Thida Win Aung", "speaker"],
          ["Maria Luz Dizon", "speaker"],
          ["Nguyen Thi Lan Anh", "speaker"],
        ],
      },
      {
        day: 0,
        start: "15:15",
        end: "16:30",
        title: "The AQRF and the referencing of national qualifications",
        type: "plenary",
        speakers: [["Elena Marquez", "resource_person"]],
      },
      {
        day: 1,
        start: "09:00",
        end: "10:30",
        title: "Group work: monitoring the implementation of country action plans",
        type: "group_work",
        speakers: [["Somchai Rattanakul", "moderator"]],
      },
      {
        day: 1,
        start: "10:45",
        end: "12:00",
        title: "Training of trainers and assessors for the CLM countries",
        type: "plenary",
        speakers: [["Siriporn Chaiyasit", "speaker"]],
      },
      {
        day: 1,
        start: "13:00",
        end: "14:30",
        title: "Planning the way forward: revised action plans",
        type: "group_work",
      },
      {
        day: 1,
        start: "14:30",
        end: "15:30",
        title: "Conclusions and closing",
        type: "closing",
        speakers: [["Dewi Anggraini Putri", "speaker"]],
      },
    ],
  });

  // Participants as the concept note lists them: focal points and Task Force-AQRF of each AMS,
  // the Secretariat, two resource persons, five ILO.
  const participantRows: {
    name: string;
    email: string | null;
    category: string;
    countryCode: string | null;
    organisation: string;
    organisationId?: string | null;
    sex: string;
    userId?: string;
  }[] = [];
  for (const country of countries) {
    for (const [category, email] of [
      ["focal_point", DEMO_ACCOUNTS.focalPoint(country.code)],
      ["task_force", DEMO_ACCOUNTS.taskForce(country.code)],
    ] as const) {
      const person = byEmail.get(email)!;
      participantRows.push({
        name: person.name,
        email: person.email,
        category,
        countryCode: country.code,
        organisation: person.organisation?.name ?? "",
        organisationId: person.organisationId,
        sex: person.sex ?? "undisclosed",
        userId: person.id,
      });
    }
  }
  participantRows.push({
    name: secretariat.name,
    email: secretariat.email,
    category: "secretariat",
    countryCode: "ID",
    organisation: "ASEAN Secretariat",
    organisationId: asecOrg,
    sex: "female",
    userId: secretariat.id,
  });
  participantRows.push({
    name: "Kittipong Srisuk",
    email: "k.srisuk@example.test",
    category: "resource_person",
    countryCode: "TH",
    organisation: "Independent TVET expert",
    sex: "male",
  });
  participantRows.push({
    name: "Elena Marquez",
    email: "e.marquez@example.test",
    category: "resource_person",
    countryCode: "PH",
    organisation: "AQRF Committee adviser",
    sex: "female",
  });
  participantRows.push({
    name: ilo.name,
    email: ilo.email,
    category: "ilo",
    countryCode: "TH",
    organisation: "ILO",
    organisationId: iloOrg,
    sex: "male",
    userId: ilo.id,
  });
  for (const [name, sex] of [
    ["Ratana Phon", "female"],
    ["Marco Bellini", "male"],
    ["Aung Myat Kyaw", "male"],
    ["Lina Sari Hakim", "female"],
  ] as const) {
    participantRows.push({
      name,
      email: `${name.toLowerCase().replace(/\s+/g, ".")}@ilo.example.test`,
      category: "ilo",
      countryCode: "TH",
      organisation: "ILO",
      organisationId: iloOrg,
      sex,
    });
  }

  async function addParticipants(
    workshopId: string,
    rows: typeof participantRows,
    days: string[],
    absentEvery: number,
  ) {
    for (const [index, row] of rows.entries()) {
      const participant = await db.participant.create({
        data: {
          workshopId,
          userId: row.userId ?? null,
          name: row.name,
          email: row.email,
          category: row.category,
          countryId: row.countryCode ? byCode.get(row.countryCode)!.id : null,
          organisationId: row.organisationId ?? null,
          organisationName: row.organisation,
          sex: row.sex,
          registrationStatus: index % 17 === 16 ? "declined" : "registered",
          badgeToken: badge(),
        },
      });
      if (participant.registrationStatus !== "registered") continue;
      for (const [dayIndex, attendanceDay] of days.entries()) {
        if (absentEvery && (index + dayIndex) % absentEvery === 0) continue;
        const [y, m, d] = attendanceDay.split("-").map(Number) as [number, number, number];
        await db.attendance.create({
          data: {
            participantId: participant.id,
            day: attendanceDay,
            checkedInAt: new Date(Date.UTC(y, m - 1, d, 1, 15 + (index % 40))),
            checkedInById: ilo.id,
            method: index % 3 === 0 ? "manual" : "qr",
          },
        });
      }
    }
  }
  await addParticipants(bangkok.id, participantRows, ["2015-08-10", "2015-08-11"], 9);

  // Outcomes of the Bangkok meeting; agreed actions became action items in the countries' plans.
  await db.outcome.create({
    data: {
      workshopId: bangkok.id,
      kind: "decision",
      text: "Skills focal points report progress on their national action plans to the ASEAN Secretariat before each meeting, using a common template.",
      createdById: ilo.id,
    },
  });
  const agreed = await db.outcome.create({
    data: {
      workshopId: bangkok.id,
      kind: "agreed_action",
      text: "Nominate national assessors for the regional training of assessors offered by Thailand's Department of Skill Development.",
      dueOn: "2015-12-31",
      createdById: ilo.id,
    },
  });
  for (const code of ["KH", "LA", "MM"]) {
    const item = await db.actionItem.create({
      data: {
        planId: plans.get(code)!,
        activity: "Nominate national assessors for the regional training of assessors (DSD Thailand)",
        leadAgency: "Skills focal point",
        startsOn: "2025-01-15",
        dueOn: "2025-12-31",
        status: code === "MM" ? "delayed" : "done",
        progress: code === "MM" ? 60 : 100,
        indicator: "Assessors nominated, by sex",
        sourceOutcomeId: agreed.id,
        sourceNote: "ASEAN Meeting of Skills Focal Points, Bangkok, August 2015",
        milestoneId: milestoneIds.get(`${code}:testing_certification:${sectors.get("construction")!.id}`) ?? null,
        projectId: clm.id,
        sortOrder: 10,
      },
    });
    await db.outcomeAssignment.create({
      data: { outcomeId: agreed.id, countryId: byCode.get(code)!.id, actionItemId: item.id },
    });
  }

  const jakarta = await createWorkshop({
    title: "Consultation/Validation Workshop on the Implementation of Mutual Recognition of Skills in ASEAN Countries",
    kind: "consultation_validation",
    host: "ID",
    venue: "Hotel Borobudur",
    city: "Jakarta",
    timeZone: "Asia/Jakarta",
    startsOn: "2014-09-24",
    endsOn: "2014-09-26",
    organisers: "ILO/Korea Partnership Programme with the Ministry of Manpower of Indonesia",
    objectives:
      "Validate the Regional Model Competency Standards and agree how AMS implement the Mutual Recognition of Skills.",
    expectedResults: "Validated RMCS for domestic work and construction\nAgreed next steps for national implementation",
    projectId: null,
    facilitatorId: ilo.id,
    sessions: [
      {
        day: 0,
        start: "09:00",
        end: "10:00",
        title: "Opening session",
        type: "opening",
        speakers: [["Somchai Rattanakul", "speaker"]],
      },
      {
        day: 0,
        start: "10:15",
        end: "12:30",
        title: "Regional Model Competency Standards: domestic work",
        type: "plenary",
        speakers: [["Elena Marquez", "resource_person"]],
      },
      { day: 1, start: "09:00", end: "12:00", title: "Validation in sector groups", type: "group_work" },
      { day: 2, start: "09:00", end: "11:00", title: "Implementing MRS nationally: country plans", type: "panel" },
      { day: 2, start: "11:15", end: "12:00", title: "Closing", type: "closing" },
    ],
  });
  await addParticipants(
    jakarta.id,
    participantRows.filter((r) => r.category !== "ilo" || r.userId),
    ["2014-09-24", "2014-09-25", "2014-09-26"],
    7,
  );

  const lmi = await createWorkshop({
    title: "Capacity-building workshop on labour market information for migration policy",
    kind: "capacity_building",
    host: "TH",
    venue: "United Nations Conference Centre",
    city: "Bangkok",
    timeZone: "Asia/Bangkok",
    startsOn: "2018-06-04",
    endsOn: "2018-06-05",
    organisers: "IOM, the UN Migration Agency, with the ASEAN Secretariat",
    objectives:
      "Support policymakers and technical officials in collecting and managing labour market and migration information, towards a pilot regional information sharing platform.",
    expectedResults:
      "Improved coordination on data collection\nA first outline of the regional information sharing platform",
    projectId: idf.id,
    facilitatorId: iom.id,
    sessions: [
      {
        day: 0,
        start: "09:00",
        end: "09:30",
        title: "Opening",
        type: "opening",
        speakers: [["Hannah Lindqvist", "speaker"]],
      },
      {
        day: 0,
        start: "09:30",
        end: "12:00",
        title: "Labour market imbalances and occupational shortages in ASEAN",
        type: "plenary",
      },
      {
        day: 0,
        start: "13:00",
        end: "16:00",
        title: "Country data systems: what exists and what is shared",
        type: "group_work",
      },
      { day: 1, start: "09:00", end: "11:30", title: "Towards a regional information sharing platform", type: "panel" },
      { day: 1, start: "11:30", end: "12:00", title: "Closing", type: "closing" },
    ],
  });
  const lmiCountries = ["KH", "ID", "LA", "MY", "MM", "PH", "TH", "VN"];
  await addParticipants(
    lmi.id,
    participantRows.filter(
      (r) =>
        r.countryCode && lmiCountries.includes(r.countryCode) && ["focal_point", "task_force"].includes(r.category),
    ),
    ["2018-06-04", "2018-06-05"],
    6,
  );

  // Two coming workshops, so the agenda and registration screens have something ahead.
  const upcoming = await createWorkshop({
    title: "ASEAN Meeting of Skills Focal Points 2027",
    kind: "regional_meeting",
    host: "VN",
    venue: "National Convention Center",
    city: "Hanoi",
    timeZone: "Asia/Ho_Chi_Minh",
    startsOn: "2027-03-16",
    endsOn: "2027-03-17",
    organisers: "ILO with the ASEAN Secretariat and the Ministry of Labour, Invalids and Social Affairs of Viet Nam",
    objectives: "Review progress on the 2025-2027 action plans and agree priorities for the next period.",
    expectedResults: "Country progress reviewed\nPriorities for 2028-2030 agreed",
    projectId: null,
    facilitatorId: ilo.id,
    sessions: [
      { day: 0, start: "09:00", end: "09:45", title: "Opening", type: "opening" },
      { day: 0, start: "10:00", end: "12:30", title: "Country progress on the 2025-2027 action plans", type: "panel" },
      { day: 1, start: "09:00", end: "11:30", title: "Priorities for 2028-2030", type: "group_work" },
      { day: 1, start: "11:30", end: "12:00", title: "Closing", type: "closing" },
    ],
  });
  for (const row of participantRows.filter((r) => ["focal_point", "secretariat"].includes(r.category))) {
    await db.participant.create({
      data: {
        workshopId: upcoming.id,
        userId: row.userId ?? null,
        name: row.name,
        email: row.email,
        category: row.category,
        countryId: row.countryCode ? byCode.get(row.countryCode)!.id : null,
        organisationId: row.organisationId ?? null,
        organisationName: row.organisation,
        sex: row.sex,
        registrationStatus: rand() < 0.6 ? "registered" : "invited",
        badgeToken: badge(),
      },
    });
  }
  await createWorkshop({
    title: "National workshop on MRS in construction",
    kind: "national_workshop",
    host: "LA",
    venue: "Lao-ITECC",
    city: "Vientiane",
    timeZone: "Asia/Vientiane",
    startsOn: "2027-02-09",
    endsOn: "2027-02-09",
    organisers: "Ministry of Labour and Social Welfare with the ILO",
    objectives: "Validate the revised construction standard and plan assessor training.",
    expectedResults: "Standard validated\nAssessor training plan agreed",
    projectId: null,
    facilitatorId: ilo.id,
    sessions: [
      { day: 0, start: "08:30", end: "09:00", title: "Opening", type: "opening" },
      { day: 0, start: "09:00", end: "12:00", title: "Validation of the construction standard", type: "group_work" },
      { day: 0, start: "13:00", end: "15:00", title: "Assessor training plan", type: "plenary" },
    ],
  });
}
