import { describe, expect, it } from "vitest";
import { formatDay, formatPercent, todayIn } from "~/utils/format";
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
});

describe("safeRedirect", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirect("/countries/vn?tab=plans")).toBe("/countries/vn?tab=plans");
    for (const evil of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", undefined, 42]) {
      expect(safeRedirect(evil, "/")).toBe("/");
    }
  });
});
