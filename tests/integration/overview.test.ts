import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { documentContent } from "~/collab/content.server";
import { getPlanForReading, listPlans } from "~/models/action-plan.server";
import { listCountriesOverview } from "~/models/country.server";
import { milestonesNeedingAttention } from "~/models/attention.server";
import { milestoneMatrix } from "~/models/milestone-matrix.server";
import { milestoneCounts } from "~/models/progress.server";
import { getWorkshopDetail, listWorkshops, workshopYears } from "~/models/workshop.server";
import { validateSessionToken, createSession } from "~/auth/session.server";
import { db } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { demo } from "../support/people";

async function actor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const { token } = await createSession(user.id);
  return (await validateSessionToken(token))!.user;
}

describe("the demo seed", () => {
  it("gives every Member State a current plan with items and a narrative", async () => {
    const plans = await db.actionPlan.findMany({ include: { items: true, document: true, country: true } });
    expect(plans.map((p) => p.country.code).sort()).toEqual([
      "BN",
      "ID",
      "KH",
      "LA",
      "MM",
      "MY",
      "PH",
      "SG",
      "TH",
      "VN",
    ]);
    for (const plan of plans) {
      expect(plan.title).toBe("MRS action plan 2025-2027");
      expect(plan.items.length).toBeGreaterThanOrEqual(5);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(plan.document.snapshot!));
      expect(doc.getXmlFragment("default").length).toBeGreaterThan(5);
    }
  });

  it("holds the three example workshops with agendas, participants and attendance", async () => {
    for (const [title, startsOn, zone] of [
      ["ASEAN Meeting of Skills Focal Points", "2015-08-10", "Asia/Bangkok"],
      [
        "Consultation/Validation Workshop on the Implementation of Mutual Recognition of Skills in ASEAN Countries",
        "2014-09-24",
        "Asia/Jakarta",
      ],
      ["Capacity-building workshop on labour market information for migration policy", "2018-06-04", "Asia/Bangkok"],
    ]) {
      const w = await db.workshop.findFirstOrThrow({
        where: { title, startsOn },
        include: { sessions: true, participants: { include: { attendance: true } } },
      });
      expect(w.timeZone).toBe(zone);
      expect(w.sessions.length).toBeGreaterThan(3);
      expect(w.participants.length).toBeGreaterThan(10);
      expect(w.participants.some((p) => p.attendance.length > 0)).toBe(true);
    }
    // The Bangkok meeting as the concept note lists it: 10 focal points, 10 Task Force-AQRF, 1 Secretariat,
    // 2 resource persons, 5 ILO; it opened at 09:00 Bangkok time.
    const bangkok = await db.workshop.findFirstOrThrow({
      where: { startsOn: "2015-08-10" },
      include: { sessions: { orderBy: { startsAt: "asc" } }, participants: true },
    });
    expect(bangkok.participants).toHaveLength(28);
    expect(bangkok.sessions[1]!.startsAt.toISOString()).toBe("2015-08-10T02:00:00.000Z");
  });
});

describe("summaries", () => {
  it("count completed, blocked and overdue milestones from the rows themselves", async () => {
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    const rows = await db.milestone.findMany({ where: { countryId: kh.id } });
    const today = overdueToday();
    const counts = (await milestoneCounts([kh.id])).get(kh.id)!;
    expect(counts.total).toBe(rows.length);
    expect(counts.completed).toBe(rows.filter((m) => m.status === "completed").length);
    expect(counts.blocked).toBe(rows.filter((m) => m.status === "blocked").length);
    expect(counts.overdue).toBe(
      rows.filter((m) => m.status !== "completed" && m.targetOn && m.targetOn < today).length,
    );
    expect(counts.overdue).toBeGreaterThan(0);
  });

  it("scope every list to the countries the person may read", async () => {
    const fpKh = await actor(demo.focalPoint("KH"));
    const secretariat = await actor(demo.secretariat);

    const overview = await listCountriesOverview(fpKh);
    expect(overview.filter((c) => c.milestones).map((c) => c.code)).toEqual(["KH"]);
    expect(overview).toHaveLength(10);
    expect((await listCountriesOverview(secretariat)).filter((c) => c.milestones)).toHaveLength(10);

    expect((await listPlans(fpKh)).map((p) => p.country.code)).toEqual(["KH"]);
    expect(await listPlans(secretariat)).toHaveLength(10);

    for (const m of await milestonesNeedingAttention(fpKh, 50)) expect(m.country.code).toBe("KH");

    const matrix = await milestoneMatrix(fpKh);
    expect(new Set(matrix.sectorRows.map((r) => r.country.code))).toEqual(new Set(["KH"]));
    // Asking for another country's rows yields nothing rather than someone else's data.
    expect((await milestoneMatrix(fpKh, { countryCodes: ["vn"] })).sectorRows).toEqual([]);
    expect((await milestoneMatrix(secretariat, { countryCodes: ["kh"] })).sectorRows).toHaveLength(3);
  });

  it("reads a plan's narrative and marks overdue items", async () => {
    const plan = await db.actionPlan.findFirstOrThrow({ where: { country: { code: "MM" } } });
    const read = (await getPlanForReading(plan.id))!;
    expect((await documentContent(read.documentId)).content?.[0]).toMatchObject({ type: "heading" });
    const overdue = read.items.filter((i) => i.overdue);
    expect(overdue.every((i) => i.status !== "done" && i.dueOn! < overdueToday())).toBe(true);
  });

  it("split workshops into upcoming and past, and summarise attendance by day", async () => {
    const { upcoming, past } = await listWorkshops();
    expect(upcoming.map((w) => w.startsOn)).toEqual(["2027-02-09", "2027-03-16"]);
    // The three 2016 national workshops of the ILO/Korea CLM project (prisma/seed/results.ts) among them.
    expect(past.map((w) => w.startsOn)).toEqual([
      "2018-06-04",
      "2016-10-04",
      "2016-06-21",
      "2016-03-15",
      "2015-08-10",
      "2014-09-24",
    ]);
    const bangkok = await getWorkshopDetail(
      past.find((w) => w.startsOn === "2015-08-10")!.id,
      await actor(demo.secretariat),
    );
    expect(bangkok!.attendanceDays.map((d) => d.name)).toEqual(["2015-08-10", "2015-08-11"]);
    expect(bangkok!.byCategory.find((c) => c.name === "ilo")!.count).toBe(5);
    const assignments = bangkok!.outcomes.find((o) => o.kind === "agreed_action")!.assignments;
    expect(assignments).toHaveLength(3);
    expect(assignments.every((a) => a.actionItem)).toBe(true);
  });

  it("show what became of an agreed action only in the countries whose plans the reader may read", async () => {
    const { past } = await listWorkshops();
    const bangkok = past.find((w) => w.startsOn === "2015-08-10")!;
    const asCambodia = await getWorkshopDetail(bangkok.id, await actor(demo.focalPoint("KH")));
    const assignments = asCambodia!.outcomes.find((o) => o.kind === "agreed_action")!.assignments;
    expect(assignments.map((a) => [a.country.code, Boolean(a.actionItem)]).sort()).toEqual([
      ["KH", true],
      ["LA", false],
      ["MM", false],
    ]);
  });

  it("filter workshops by host country and by the year they start in", async () => {
    const th = await db.country.findUniqueOrThrow({ where: { code: "TH" } });
    const inThailand = await listWorkshops({ hostCountryId: th.id });
    expect([...inThailand.upcoming, ...inThailand.past].every((w) => w.hostCountry?.code === "TH")).toBe(true);
    expect(inThailand.past.map((w) => w.startsOn)).toEqual(["2018-06-04", "2015-08-10"]);
    const in2015 = await listWorkshops({ year: 2015 });
    expect(in2015.upcoming).toEqual([]);
    expect(in2015.past.map((w) => w.startsOn)).toEqual(["2015-08-10"]);
    expect(await workshopYears()).toEqual([2027, 2018, 2016, 2015, 2014]);
  });
});
