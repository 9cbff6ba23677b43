import { describe, expect, it } from "vitest";
import { csvCell, csvFormatFrom, semicolonCsvHref, toCsv } from "~/utils/csv";

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

  it("writes instants on a given zone's clock, never as raw UTC", () => {
    const eightUtc = new Date("2027-05-04T08:00:00Z");
    expect(csvCell(eightUtc, { separator: ",", timeZone: "Asia/Vientiane" })).toBe("2027-05-04 15:00");
    expect(csvCell(eightUtc, { separator: ",", timeZone: "Asia/Yangon" })).toBe("2027-05-04 14:30");
    // Midnight is 00:00, not 24:00.
    expect(csvCell(new Date("2027-05-04T17:00:00Z"), { separator: ",", timeZone: "Asia/Vientiane" })).toBe(
      "2027-05-05 00:00",
    );
  });

  it("has a semicolon variant with decimal commas, asked for by the address", () => {
    const semicolons = csvFormatFrom(new URL("http://x/a.csv?country=LA&separator=semicolon"), "UTC");
    expect(semicolons.separator).toBe(";");
    expect(csvFormatFrom(new URL("http://x/a.csv?separator=tab"), "UTC").separator).toBe(",");
    expect(toCsv(["name", "score"], [["Lao PDR", 2.5]], semicolons)).toBe('\uFEFFname;score\r\nLao PDR;"2,5"\r\n');
    expect(semicolonCsvHref("/dashboard/matrix.csv?country=LA")).toBe(
      "/dashboard/matrix.csv?country=LA&separator=semicolon",
    );
    expect(semicolonCsvHref("/workshops/w1/attendance.csv")).toBe("/workshops/w1/attendance.csv?separator=semicolon");
  });
});
