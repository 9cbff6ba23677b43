import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { NO_FILTERS, type DashboardFilters } from "~/forms/dashboard-filters";
import { dashboardData, dashboardMatrixRows, dashboardMilestoneList } from "~/models/dashboard.server";
import { quarterOf, quartersBetween } from "~/models/progress.server";
import { loader as matrixCsv } from "~/routes/_app+/dashboard+/matrix[.]csv";
import { loader as milestonesCsv } from "~/routes/_app+/dashboard+/milestones[.]csv";
import { db } from "~/utils/db.server";
import { signedIn } from "../support/requests";
import { demo } from "../support/people";

/** Filters as the parser gives them, with only the named ones set. */
const only = (filters: Partial<DashboardFilters>): DashboardFilters => ({ ...NO_FILTERS, ...filters });

// The seed's dates are fixed, so the dashboard is checked as of a fixed day.
const TODAY = "2026-11-23";
const SECTOR_STAGES = [
  "sector_prioritised",
  "national_standard",
  "curriculum_materials",
  "testing_certification",
  "aqrf_referenced",
  "mutual_recognition",
  "workers_recognised",
];

async function country(code: string) {
  return db.country.findUniqueOrThrow({ where: { code } });
}

async function sector(code: string) {
  return db.sector.findUniqueOrThrow({ where: { code } });
}

/** A person who observes one country only (the demo observer has no country). */
async function countryObserver(code: string) {
  const c = await country(code);
  const user = await db.user.create({
    data: {
      email: `observer.${code.toLowerCase()}.${Date.now()}@focalpoint.test`,
      name: `Observer ${code}`,
      roles: { create: { role: "observer", countryId: c.id } },
    },
  });
  return signedIn(user.email);
}

const overdue = (m: { status: string; targetOn: string | null }) =>
  m.status !== "completed" && m.targetOn !== null && m.targetOn < TODAY;

async function csv(loader: typeof matrixCsv, path: string, cookie: string) {
  const response = await loader({
    request: new Request(`http://localhost${path}`, { headers: { cookie, "accept-language": "en" } }),
    params: {},
    context: {} as never,
  });
  const bytes = new Uint8Array(await (response as Response).arrayBuffer());
  // ignoreBOM keeps the byte-order mark in the text, so the test can see it is there.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return {
    response: response as Response,
    bytes,
    text,
    rows: Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data,
  };
}

describe("the dashboard's figures", () => {
  it("count each country's milestones, completed share, overdue, blocked and last update from the rows", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    const data = await dashboardData(actor, NO_FILTERS, TODAY);
    expect(data.perCountry.map((c) => c.country.code)).toEqual([
      "BN",
      "KH",
      "ID",
      "LA",
      "MY",
      "MM",
      "PH",
      "SG",
      "TH",
      "VN",
    ]);
    for (const row of data.perCountry) {
      const rows = await db.milestone.findMany({ where: { countryId: row.country.id } });
      expect(row.total).toBe(rows.length);
      expect(row.completed).toBe(rows.filter((m) => m.status === "completed").length);
      expect(row.blocked).toBe(rows.filter((m) => m.status === "blocked").length);
      expect(row.overdue).toBe(rows.filter(overdue).length);
      const touched = rows.filter((m) => m.status !== "not_started").map((m) => m.updatedAt.getTime());
      expect(row.lastUpdate?.getTime()).toBe(Math.max(...touched));
    }
    // The seed holds overdue and blocked work, so the panels have something to show.
    expect(data.perCountry.reduce((n, c) => n + c.overdue, 0)).toBeGreaterThan(0);
    const needing = (await db.milestone.findMany()).filter((m) => m.status === "blocked" || overdue(m));
    expect(data.attention.total).toBe(needing.length);
    expect(data.attention.items).toHaveLength(Math.min(25, needing.length));
    // Longest overdue first; blocked milestones without a target come last.
    const targets = data.attention.items.map((m) => m.targetOn ?? "9999");
    expect(targets).toEqual([...targets].sort());
    for (const m of data.attention.items) expect(m.status === "blocked" || m.overdue).toBe(true);
  });

  it("shows each priority sector's current stage in the matrix, as the seed set it", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    const data = await dashboardData(actor, NO_FILTERS, TODAY);
    const kh = await country("KH");
    const cell = async (sectorCode: string) => data.matrix.cells[`${kh.id}:${(await sector(sectorCode)).id}`];
    // Cambodia: construction has passed three stages, welding is blocked at the curriculum, agriculture works on its standard.
    expect(await cell("construction")).toMatchObject({
      stageCode: "testing_certification",
      status: "in_progress",
      completedStages: 3,
    });
    expect(await cell("welding")).toMatchObject({
      stageCode: "curriculum_materials",
      status: "blocked",
      completedStages: 2,
    });
    expect(await cell("agriculture-aquaculture")).toMatchObject({
      stageCode: "national_standard",
      status: "in_progress",
      completedStages: 1,
    });
    expect(await cell("tourism")).toBeUndefined();
    // One cell per prioritised pair, no more.
    expect(Object.keys(data.matrix.cells)).toHaveLength(await db.countrySector.count());
    expect(data.matrix.cells[`${kh.id}:${(await sector("construction")).id}`]!.milestoneId).toBe(
      (
        await db.milestone.findFirstOrThrow({
          where: { countryId: kh.id, sectorId: (await sector("construction")).id, stageCode: "testing_certification" },
        })
      ).id,
    );
  });

  it("applies country, sector, stage and status filters to every panel alike", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    const kh = await country("KH");
    const welding = await sector("welding");

    const byCountry = await dashboardData(actor, only({ country: ["kh"] }), TODAY);
    expect(byCountry.countries.map((c) => c.code)).toEqual(["KH"]);
    expect(byCountry.readableCountries).toHaveLength(10);
    expect(byCountry.matrix.countries.map((c) => c.code)).toEqual(["KH"]);
    expect(byCountry.attention.items.every((m) => m.country.code === "KH")).toBe(true);
    expect(byCountry.progress.series.map((s) => s.country.code)).toEqual(["KH"]);
    expect(byCountry.changes.groups.every((g) => g.country.code === "KH")).toBe(true);

    const blocked = await dashboardData(actor, only({ status: ["blocked"] }), TODAY);
    const blockedRows = await db.milestone.findMany({ where: { status: "blocked" } });
    expect(blocked.perCountry.reduce((n, c) => n + c.total, 0)).toBe(blockedRows.length);
    expect(blocked.attention.total).toBe(blockedRows.length);
    expect(blocked.attention.items.map((m) => m.id).sort()).toEqual(blockedRows.map((m) => m.id).sort());
    expect(Object.values(blocked.matrix.cells).every((c) => c.status === "blocked")).toBe(true);
    expect(blocked.matrix.cells[`${kh.id}:${welding.id}`]).toBeDefined();

    const overdueOnly = await dashboardData(actor, only({ status: ["overdue"] }), TODAY);
    expect(overdueOnly.perCountry.reduce((n, c) => n + c.total, 0)).toBe(
      (await db.milestone.findMany()).filter(overdue).length,
    );
    expect(overdueOnly.attention.items.every((m) => m.overdue)).toBe(true);

    // The stage filter picks the pairs whose current stage it is: Cambodia's construction, not its welding.
    const testing = await dashboardData(actor, only({ stage: ["testing_certification"] }), TODAY);
    expect(testing.matrix.cells[`${kh.id}:${(await sector("construction")).id}`]).toMatchObject({
      stageCode: "testing_certification",
    });
    expect(testing.matrix.cells[`${kh.id}:${welding.id}`]).toBeUndefined();
    expect(Object.values(testing.matrix.cells).every((c) => c.stageCode === "testing_certification")).toBe(true);

    const stage = await dashboardData(actor, only({ stage: ["testing_certification"], sector: ["welding"] }), TODAY);
    expect(stage.matrix.sectors.every((s) => s.id === welding.id)).toBe(true);
    const weldingTesting = await db.milestone.findMany({
      where: { sectorId: welding.id, stageCode: "testing_certification" },
    });
    expect(stage.perCountry.reduce((n, c) => n + c.total, 0)).toBe(weldingTesting.length);
    for (const group of stage.changes.groups)
      for (const c of group.changes)
        expect(c.milestone).toMatchObject({ stageCode: "testing_certification", sector: "Welding" });
  });
});

describe("permission scope", () => {
  it("shows a country-scoped observer only their own country, whatever the filter asks", async () => {
    const { user: actor } = await countryObserver("KH");
    const kh = await country("KH");
    const data = await dashboardData(actor, only({ since: "2015-01-01" }), TODAY);
    expect(data.countries.map((c) => c.code)).toEqual(["KH"]);
    expect(data.readableCountries.map((c) => c.code)).toEqual(["KH"]);
    expect(data.perCountry.map((c) => c.country.code)).toEqual(["KH"]);
    expect(Object.keys(data.matrix.cells).every((key) => key.startsWith(`${kh.id}:`))).toBe(true);
    expect(data.attention.items.every((m) => m.country.code === "KH")).toBe(true);
    expect(data.changes.groups.map((g) => g.country.code)).toEqual(["KH"]);
    expect(data.changes.total).toBe(
      await db.auditEvent.count({ where: { entityType: "milestone", countryId: kh.id } }),
    );

    // Asking for Thailand gives nothing, not Thailand.
    const other = await dashboardData(actor, only({ country: ["th"] }), TODAY);
    expect(other.countries).toEqual([]);
    expect(other.matrix.cells).toEqual({});
    expect(other.attention).toEqual({ total: 0, items: [] });
    expect(other.changes.total).toBe(0);
    expect(await dashboardMilestoneList(actor, only({ country: ["th"] }), TODAY)).toEqual([]);
    expect((await dashboardMatrixRows(actor, NO_FILTERS, TODAY)).rows.every((r) => r.country.code === "KH")).toBe(true);
  });

  it("gives a focal point their country and the Secretariat all ten", async () => {
    expect(
      (await dashboardData((await signedIn(demo.focalPoint("VN"))).user, NO_FILTERS, TODAY)).countries.map(
        (c) => c.code,
      ),
    ).toEqual(["VN"]);
    expect((await dashboardData((await signedIn(demo.secretariat)).user, NO_FILTERS, TODAY)).countries).toHaveLength(
      10,
    );
  });
});

describe("what changed since a date", () => {
  it("lists every milestone history row since the day, grouped by country, with who and from → to", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    const since = "2026-06-01";
    const data = await dashboardData(actor, only({ since }), TODAY);
    const expected = await db.auditEvent.findMany({
      where: { entityType: "milestone", createdAt: { gte: new Date(`${since}T00:00:00Z`) } },
      include: { actor: true },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(data.since).toBe(since);
    expect(data.changes.total).toBe(expected.length);
    const listed = data.changes.groups.flatMap((g) => g.changes.map((c) => ({ ...c, code: g.country.code })));
    expect(listed.map((c) => c.id).sort()).toEqual(expected.map((e) => e.id).sort());
    // Newest first within a country; countries in ASEAN order.
    for (const group of data.changes.groups) {
      const times = group.changes.map((c) => c.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    const one = expected[0]!;
    const shown = listed.find((c) => c.id === one.id)!;
    expect(shown.who).toBe(one.actor?.name ?? null);
    const [field, [from, to]] = Object.entries(JSON.parse(one.changes!) as Record<string, [string, string]>)[0]!;
    expect(shown.fields).toContainEqual({ field, from, to });
  });

  it("looks back thirty days when no date is chosen, and never from a future day", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    expect((await dashboardData(actor, NO_FILTERS, TODAY)).since).toBe("2026-10-24");
    expect((await dashboardData(actor, only({ since: "2027-01-01" }), TODAY)).since).toBe("2026-10-24");
  });

  it("names the last regional meeting for the shortcut", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    const meeting = await db.workshop.findFirstOrThrow({
      where: { kind: "regional_meeting", startsOn: { lte: TODAY } },
      orderBy: { startsOn: "desc" },
    });
    expect((await dashboardData(actor, NO_FILTERS, TODAY)).lastRegionalMeeting).toEqual({
      title: meeting.title,
      startsOn: meeting.startsOn,
    });
  });
});

describe("progress over time", () => {
  it("splits quarters by calendar", () => {
    expect(quarterOf("2024-03-31")).toBe("2024-Q1");
    expect(quarterOf("2024-04-01")).toBe("2024-Q2");
    expect(quarterOf("2024-12-31")).toBe("2024-Q4");
    expect(quartersBetween("2024-Q3", "2025-Q2")).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(quartersBetween("2025-Q1", "2025-Q1")).toEqual(["2025-Q1"]);
  });

  it("counts each country's completed milestones at the end of every quarter, by actual date", async () => {
    const { user: actor } = await signedIn(demo.secretariat);
    const data = await dashboardData(actor, NO_FILTERS, TODAY);
    const { quarters, series } = data.progress;
    const completed = await db.milestone.findMany({
      where: { status: "completed" },
      select: { countryId: true, achievedOn: true },
    });
    const firstDay = completed.map((m) => m.achievedOn!).sort()[0]!;
    expect(quarters[0]).toBe(quarterOf(firstDay));
    expect(quarters[quarters.length - 1]).toBe("2026-Q4");
    const quarterEnd = (q: string) => {
      const year = Number(q.slice(0, 4));
      return { 1: `${year}-03-31`, 2: `${year}-06-30`, 3: `${year}-09-30`, 4: `${year}-12-31` }[
        Number(q.slice(6)) as 1 | 2 | 3 | 4
      ];
    };
    for (const s of series) {
      const own = completed.filter((m) => m.countryId === s.country.id);
      quarters.forEach((q, i) =>
        expect(s.cumulative[i], `${s.country.code} ${q}`).toBe(
          own.filter((m) => m.achievedOn! <= quarterEnd(q)).length,
        ),
      );
    }
  });
});

describe("CSV exports", () => {
  it("exports the matrix with a BOM, translated headers and one row per pair the person may read", async () => {
    const { cookie } = await signedIn(demo.focalPoint("KH"));
    const { response, bytes, text, rows } = await csv(matrixCsv, "/dashboard/matrix.csv", cookie);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="mrs-matrix-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("\r\n");
    expect(rows[0]).toEqual([
      "Country code",
      "Country",
      "Sector",
      "Current stage",
      "Status of current stage",
      "Overdue",
      "Stages completed",
      "Prioritised",
      "Standard",
      "Curriculum",
      "Testing",
      "AQRF",
      "MRA",
      "Recognised",
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => r[2])).toEqual(["Welding", "Construction", "Agriculture and aquaculture"]);
    expect(body.every((r) => r[0] === "KH")).toBe(true);
    const welding = body.find((r) => r[2] === "Welding")!;
    expect(welding.slice(3, 5)).toEqual(["Curriculum", "Blocked"]);
    expect(welding[6]).toBe("2/7");
    expect(welding.slice(7)).toEqual([
      "Completed",
      "Completed",
      "Blocked",
      "Not started",
      "Not started",
      "Not started",
      "Not started",
    ]);
  });

  it("exports the milestone list with the filters of the page", async () => {
    const { cookie } = await signedIn(demo.secretariat);
    const kh = await country("KH");
    const { rows } = await csv(milestonesCsv, "/dashboard/milestones.csv?country=kh&status=blocked", cookie);
    const expected = await db.milestone.findMany({ where: { countryId: kh.id, status: "blocked" } });
    expect(rows[0]!.slice(0, 6)).toEqual(["Country code", "Country", "Sector", "Stage", "Status", "Overdue"]);
    expect(rows.slice(1)).toHaveLength(expected.length);
    expect(rows.slice(1).every((r) => r[0] === "KH" && r[4] === "Blocked")).toBe(true);

    const all = await csv(milestonesCsv, "/dashboard/milestones.csv", cookie);
    expect(all.rows.slice(1)).toHaveLength(await db.milestone.count());
    // Pipeline order inside a sector.
    const khConstruction = all.rows.filter((r) => r[0] === "KH" && r[2] === "Construction").map((r) => r[3]);
    expect(khConstruction).toEqual(["Prioritised", "Standard", "Curriculum", "Testing", "AQRF", "MRA", "Recognised"]);
    expect(SECTOR_STAGES).toHaveLength(khConstruction.length);
  });

  it("keeps a name that looks like a formula as text", async () => {
    const { cookie } = await signedIn(demo.secretariat);
    const kh = await country("KH");
    const evil = await db.sector.create({
      data: { code: "evil", name: '=HYPERLINK("http://x","click")', sortOrder: 99 },
    });
    await db.countrySector.create({ data: { countryId: kh.id, sectorId: evil.id } });
    await db.milestone.create({
      data: { countryId: kh.id, sectorId: evil.id, stageCode: "sector_prioritised", status: "in_progress" },
    });
    const { text, rows } = await csv(matrixCsv, "/dashboard/matrix.csv?sector=evil", cookie);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(rows[1]![2]).toBe(`'=HYPERLINK("http://x","click")`);
  });

  it("refuses a request without a session", async () => {
    await expect(
      matrixCsv({ request: new Request("http://localhost/dashboard/matrix.csv"), params: {}, context: {} as never }),
    ).rejects.toSatisfy((r: unknown) => r instanceof Response && r.status >= 300 && r.status < 400);
  });
});
