import { describe, expect, it } from "vitest";
import { attendanceStatistics } from "~/models/attendance.server";
import { attendanceAcrossWorkshops } from "~/models/attendance-summary.server";
import { needingAttention } from "~/models/attention.server";
import { changesSince } from "~/models/changes.server";
import { actionItemDueBetweenWhere, milestoneDueBetweenWhere, overdueMilestoneWhere } from "~/models/overdue.server";
import { completedByQuarter, countProgress, milestoneCounts } from "~/models/progress.server";
import { ACTION_ITEM_FINISHED, MILESTONE_FINISHED, milestoneOverdue } from "~/domain/overdue";
import { db } from "~/utils/db.server";

const TODAY = "2026-11-23";

describe("overdue in SQL", () => {
  it("selects exactly the milestones the domain rule calls overdue", async () => {
    const all = await db.milestone.findMany({ select: { id: true, status: true, targetOn: true } });
    const inSql = await db.milestone.findMany({ where: overdueMilestoneWhere(TODAY), select: { id: true } });
    const byRule = all.filter((m) => milestoneOverdue(m, TODAY)).map((m) => m.id);
    expect(byRule.length).toBeGreaterThan(0);
    expect(inSql.map((m) => m.id).sort()).toEqual(byRule.sort());
  });
  it("selects as due between two days the open milestones and action items dated in them, ends included", async () => {
    const [from, until] = ["2026-12-01", "2027-03-31"];
    const within = (day: string | null) => day !== null && day >= from && day <= until;
    const milestones = await db.milestone.findMany({ select: { id: true, status: true, targetOn: true } });
    const items = await db.actionItem.findMany({ select: { id: true, status: true, dueOn: true } });
    const milestonesInSql = await db.milestone.findMany({
      where: milestoneDueBetweenWhere(from, until),
      select: { id: true },
    });
    const itemsInSql = await db.actionItem.findMany({
      where: actionItemDueBetweenWhere(from, until),
      select: { id: true },
    });
    const milestonesByRule = milestones.filter((m) => m.status !== MILESTONE_FINISHED && within(m.targetOn));
    const itemsByRule = items.filter((i) => i.status !== ACTION_ITEM_FINISHED && within(i.dueOn));
    expect(milestonesByRule.length + itemsByRule.length).toBeGreaterThan(0);
    expect(milestonesInSql.map((m) => m.id).sort()).toEqual(milestonesByRule.map((m) => m.id).sort());
    expect(itemsInSql.map((i) => i.id).sort()).toEqual(itemsByRule.map((i) => i.id).sort());
  });
});

describe("progress", () => {
  it("counts per country from the rows themselves", async () => {
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    const rows = await db.milestone.findMany({ where: { countryId: kh.id } });
    const counts = (await milestoneCounts([kh.id], TODAY)).get(kh.id)!;
    expect(counts).toMatchObject(countProgress(rows, TODAY));
    expect(counts.total).toBe(rows.length);
    expect(counts.completed).toBe(rows.filter((m) => m.status === "completed").length);
  });
  it("adds completed milestones up by quarter, per country, to today's quarter", () => {
    const rows = [
      { countryId: "a", status: "completed", achievedOn: "2026-02-01" },
      { countryId: "a", status: "completed", achievedOn: "2026-08-01" },
      { countryId: "b", status: "completed", achievedOn: "2026-05-01" },
      { countryId: "b", status: "in_progress", achievedOn: null },
    ];
    expect(completedByQuarter(rows, ["a", "b"], TODAY)).toEqual({
      quarters: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"],
      series: [
        { countryId: "a", cumulative: [1, 1, 2, 2] },
        { countryId: "b", cumulative: [0, 1, 1, 1] },
      ],
    });
  });
});

describe("attention", () => {
  it("lists blocked and overdue milestones, the earliest target first and blocked without a target last", () => {
    const rows = [
      { id: "1", countryId: "b", status: "blocked", targetOn: null },
      { id: "2", countryId: "a", status: "in_progress", targetOn: "2026-01-01" },
      { id: "3", countryId: "a", status: "completed", targetOn: "2025-01-01" },
      { id: "4", countryId: "b", status: "not_started", targetOn: "2025-06-01" },
      { id: "5", countryId: "a", status: "in_progress", targetOn: "2027-01-01" },
    ];
    expect(needingAttention(rows, ["a", "b"], TODAY).map((m) => m.id)).toEqual(["4", "2", "1"]);
  });
});

describe("changes since a date", () => {
  it("lists the milestone history of the given countries, newest first, with fields from → to", async () => {
    const countries = await db.country.findMany({ orderBy: { sortOrder: "asc" } });
    const since = "2000-01-01";
    const changes = await changesSince(countries, since);
    const expected = await db.auditEvent.count({
      where: { entityType: "milestone", createdAt: { gte: new Date(`${since}T00:00:00Z`) } },
    });
    expect(changes.total).toBe(expected);
    expect(changes.total).toBeGreaterThan(0);
    for (const group of changes.groups) {
      const times = group.changes.map((c) => c.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const c of group.changes) expect(c.milestone ?? c.summary).toBeTruthy();
    }
    const kh = countries.filter((c) => c.code === "KH");
    const onlyKh = await changesSince(kh, since);
    expect(onlyKh.groups.every((g) => g.country.code === "KH")).toBe(true);
    expect(await changesSince(kh, since, [])).toMatchObject({ total: 0, groups: [] });
  });
});

describe("attendance across workshops", () => {
  it("adds up the workshops of a period as one workshop's statistics do", async () => {
    const workshop = await db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } });
    const one = await attendanceStatistics(workshop);
    const across = await attendanceAcrossWorkshops(workshop.startsOn, workshop.startsOn);
    expect(across.workshops).toBe(1);
    expect(across).toMatchObject({
      attended: one.attended,
      personDays: one.personDays,
      byCountry: one.byCountry,
      byCategory: one.byCategory,
      bySex: one.bySex,
    });
    const all = await attendanceAcrossWorkshops("1990-01-01", "2100-12-31");
    expect(all.attended).toBeGreaterThanOrEqual(one.attended);
    expect(all.bySex.reduce((n, r) => n + r.attended, 0)).toBe(all.attended);
  });
});
