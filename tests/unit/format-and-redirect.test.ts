import { describe, expect, it } from "vitest";
import { ActionItemSchema } from "~/forms/action-item";
import { parseDashboardFilters } from "~/forms/dashboard-filters";
import { milestoneFormSchema } from "~/forms/milestone";
import { formatDay, formatPercent, isCalendarDay, overdueToday, todayIn } from "~/utils/format";
import { optionalText, text } from "~/forms/fields";
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

  it("reads the address as a browser would: tabs and newlines vanish, backslashes are slashes", () => {
    for (const evil of [
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "/\r/evil.example",
      "\t//evil.example",
      "/\\\\evil.example",
      "\\/evil.example",
      "/%5C/evil.example",
      "https://127.0.0.1:3000.evil.example/",
    ]) {
      const to = safeRedirect(evil, "/home");
      expect(new URL(to, "http://127.0.0.1:3000").origin, JSON.stringify(evil)).toBe("http://127.0.0.1:3000");
      expect(to, JSON.stringify(evil)).not.toMatch(/[\t\n\r]/);
    }
    // The site's own full address is a path of this site.
    expect(safeRedirect("http://127.0.0.1:3000/milestones?status=blocked")).toBe("/milestones?status=blocked");
    expect(safeRedirect("/a\tb")).toBe("/ab");
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

describe("the days the app works with", () => {
  it("run from 1990 to 2100: the year 0, 1989 and 2101 are no day a form accepts", () => {
    for (const day of ["0000-01-01", "0001-01-01", "1989-12-31", "2101-01-01", "9999-12-31"])
      expect(isCalendarDay(day), day).toBe(false);
    for (const day of ["1990-01-01", "2015-08-10", "2100-12-31"]) expect(isCalendarDay(day), day).toBe(true);
  });

  it("outside that range get their own message in every form", () => {
    const base = { activity: "National workshop", status: "not_started", progress: "0" };
    const refused = ActionItemSchema.safeParse({ ...base, startsOn: "0000-01-01" });
    expect(refused.error?.issues[0]).toMatchObject({ path: ["startsOn"], message: "validation.dateRange" });
    const milestone = milestoneFormSchema({
      stageCode: "national_standard",
      countryId: "c",
      countryIds: [],
      today: "2026-11-23",
    });
    const completed = milestone.safeParse({ status: "completed", achievedOn: "0000-01-01" });
    expect(completed.error?.issues[0]).toMatchObject({ path: ["achievedOn"], message: "validation.dateRange" });
  });

  it("bound the dashboard's 'changed since': a day outside them is dropped like any unreadable filter", () => {
    const since = (value: string) =>
      parseDashboardFilters(new URL(`http://x/?since=${value}`), { countries: [], sectors: [], stages: [] }).filters
        .since;
    expect(since("0000-01-01")).toBeUndefined();
    expect(since("1989-12-31")).toBeUndefined();
    expect(since("2025-08-10")).toBe("2025-08-10");
  });
});

describe("numbers in forms", () => {
  const base = { activity: "National workshop", status: "not_started" };
  const progressError = (progress: string) =>
    ActionItemSchema.safeParse({ ...base, progress }).error?.issues.find((i) => i.path[0] === "progress")?.message;

  it("are decimal whole numbers: hexadecimal, exponents and words are refused", () => {
    for (const progress of ["0x10", "1e1", "0b1", "ten", "10.5", "+-1", "Infinity"])
      expect(progressError(progress), progress).toBe("validation.wholeNumber");
    expect(ActionItemSchema.parse({ ...base, progress: " 40 " }).progress).toBe(40);
    expect(ActionItemSchema.parse({ ...base, progress: "007" }).progress).toBe(7);
  });

  it("an empty field where a value is needed is an error, not 0", () => {
    expect(progressError("")).toBe("validation.required");
    expect(ActionItemSchema.safeParse(base).success).toBe(false);
  });

  it("out of range say so", () => {
    expect(ActionItemSchema.safeParse({ ...base, progress: "101" }).error?.issues[0]).toMatchObject({
      code: "too_big",
      type: "number",
    });
  });

  it("an AQRF level is a decimal level too", () => {
    const schema = milestoneFormSchema({
      stageCode: "aqrf_referenced",
      countryId: "c",
      countryIds: [],
      today: "2026-11-23",
    });
    expect(schema.safeParse({ status: "in_progress", aqrfLevel: "0x4" }).success).toBe(false);
    expect(schema.parse({ status: "in_progress", aqrfLevel: "4" }).aqrfLevel).toBe(4);
  });
});

describe("text from forms", () => {
  it("loses bidirectional controls before it is trimmed and measured", () => {
    expect(text(10).parse("\u202e Lan Anh \u2066")).toBe("Lan Anh");
    expect(text(10).safeParse("\u202e\u202c").success).toBe(false);
    expect(optionalText(10).parse("a\u202db\u2069")).toBe("ab");
  });
});
