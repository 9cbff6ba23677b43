import { describe, expect, it } from "vitest";
import { actionItemOverdue, milestoneOverdue } from "~/domain/overdue";
import { overdueToday } from "~/utils/format";

const TODAY = "2026-11-24";

describe("milestoneOverdue", () => {
  it("is overdue once the target day has passed and the milestone is not completed", () => {
    for (const status of ["not_started", "in_progress", "blocked"])
      expect(milestoneOverdue({ status, targetOn: "2026-11-23" }, TODAY)).toBe(true);
  });
  it("is not overdue on the target day itself, after it, without a target, or once completed", () => {
    expect(milestoneOverdue({ status: "in_progress", targetOn: TODAY }, TODAY)).toBe(false);
    expect(milestoneOverdue({ status: "in_progress", targetOn: "2026-12-01" }, TODAY)).toBe(false);
    expect(milestoneOverdue({ status: "in_progress", targetOn: null }, TODAY)).toBe(false);
    expect(milestoneOverdue({ status: "completed", targetOn: "2020-01-01" }, TODAY)).toBe(false);
  });
  it("compares whole days across months and years", () => {
    expect(milestoneOverdue({ status: "blocked", targetOn: "2025-12-31" }, "2026-01-01")).toBe(true);
    expect(milestoneOverdue({ status: "blocked", targetOn: "2026-01-01" }, "2025-12-31")).toBe(false);
  });
});

describe("actionItemOverdue", () => {
  it("stops the clock at done, not at a milestone's completed", () => {
    expect(actionItemOverdue({ status: "done", dueOn: "2026-01-01" }, TODAY)).toBe(false);
    for (const status of ["not_started", "on_track", "at_risk", "delayed"])
      expect(actionItemOverdue({ status, dueOn: "2026-11-23" }, TODAY)).toBe(true);
    expect(actionItemOverdue({ status: "delayed", dueOn: TODAY }, TODAY)).toBe(false);
    expect(actionItemOverdue({ status: "delayed", dueOn: null }, TODAY)).toBe(false);
  });
});

describe("the day that decides overdue", () => {
  it("flags a target only once its day has ended in Yangon, the last Member State to finish it", () => {
    const due = { status: "in_progress", targetOn: "2026-11-23" };
    expect(milestoneOverdue(due, overdueToday(new Date("2026-11-23T17:00:00Z")))).toBe(false);
    expect(milestoneOverdue(due, overdueToday(new Date("2026-11-23T17:31:00Z")))).toBe(true);
  });
});
