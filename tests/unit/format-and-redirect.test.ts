import { describe, expect, it } from "vitest";
import { ActionItemSchema } from "~/forms/action-item";
import { formatDay, formatPercent, isCalendarDay, overdueToday, todayIn } from "~/utils/format";
import { safeRedirect } from "~/utils/safe-redirect";

describe("formatDay", () => {
  it("formats a calendar day in the reader's language without shifting it by a time zone", () => {
    expect(formatDay("2015-08-10", "en")).toBe("10 Aug 2015");
    expect(formatDay("2015-08-10", "id")).toBe("10 Agu 2015");
    expect(formatDay("2015-12-31", "en", "long")).toBe("31 December 2015");
  });
  it("leaves empty and malformed values harmless", () => {
    expect(formatDay(null, "en")).toBe("");
    expect(formatDay("soon", "en")).toBe("soon");
  });
});

describe("formatPercent and todayIn", () => {
  it("rounds shares to whole percentages", () => {
    expect(formatPercent(0.375, "en")).toBe("38%");
  });
  it("gives the calendar day in a zone", () => {
    const instant = new Date("2026-11-23T20:30:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-11-23");
    expect(todayIn("Asia/Bangkok", instant)).toBe("2026-11-24");
  });
  it("moves the day for overdue once it has ended in every Member State, Yangon last", () => {
    // 23 November has ended in Jayapura (UTC+9) but not yet in Yangon (UTC+6:30): nothing due that day is overdue.
    expect(overdueToday(new Date("2026-11-23T17:00:00Z"))).toBe("2026-11-23");
    // Just past midnight in Yangon it has ended everywhere, hours before UTC's midnight.
    expect(overdueToday(new Date("2026-11-23T17:31:00Z"))).toBe("2026-11-24");
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirect("/countries/vn?tab=plans")).toBe("/countries/vn?tab=plans");
    for (const evil of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      undefined,
      42,
    ]) {
      expect(safeRedirect(evil, "/")).toBe("/");
    }
  });
});

describe("calendar days from forms", () => {
  it("exist only if they read back the same: no 31 February, no 29 February outside leap years", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2027-02-29")).toBe(false);
    expect(isCalendarDay("2027-02-31")).toBe(false);
    expect(isCalendarDay("2027-13-01")).toBe(false);
    expect(isCalendarDay("27-02-01")).toBe(false);
    expect(isCalendarDay("2027-2-1")).toBe(false);
  });

  it("are refused in an action item with the date message, and an empty field is no date", () => {
    const base = { activity: "National workshop", status: "not_started", progress: "0" };
    const refused = ActionItemSchema.safeParse({ ...base, dueOn: "2027-02-31" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["dueOn"], message: "validation.invalidDate" });
    expect(ActionItemSchema.parse({ ...base, dueOn: "" }).dueOn).toBeNull();
    expect(ActionItemSchema.parse({ ...base, dueOn: " 2027-03-01 " }).dueOn).toBe("2027-03-01");
  });
});
