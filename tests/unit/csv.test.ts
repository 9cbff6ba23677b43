import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "~/utils/csv";

describe("CSV for spreadsheets", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell("Hotel; Hall A")).toBe('"Hotel; Hall A"');
    expect(csvCell('The "Pullman"')).toBe('"The ""Pullman"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("Lao PDR")).toBe("Lao PDR");
    expect(csvCell(null)).toBe("");
  });

  it("neutralises cells a spreadsheet would run as formulas, but not numbers", () => {
    for (const evil of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"])
      expect(csvCell(evil).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(toCsv(["name", "days"], [["Sokha Chenda", 2]])).toBe("\uFEFFname,days\r\nSokha Chenda,2\r\n");
  });
});
