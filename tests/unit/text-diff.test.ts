import { describe, expect, it } from "vitest";
import { diffLines } from "~/utils/text-diff";

describe("diffLines", () => {
  it("marks what was added and removed between two versions, keeping the rest", () => {
    expect(
      diffLines(["Context", "Old priority", "Monitoring"], ["Context", "New priority", "Monitoring", "Annex"]),
    ).toEqual([
      { kind: "same", text: "Context" },
      { kind: "removed", text: "Old priority" },
      { kind: "added", text: "New priority" },
      { kind: "same", text: "Monitoring" },
      { kind: "added", text: "Annex" },
    ]);
  });
  it("handles empty sides", () => {
    expect(diffLines([], ["a"])).toEqual([{ kind: "added", text: "a" }]);
    expect(diffLines(["a"], [])).toEqual([{ kind: "removed", text: "a" }]);
  });
});
