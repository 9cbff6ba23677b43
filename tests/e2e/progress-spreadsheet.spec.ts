import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { demo } from "../support/people";
import { expectAccessible, signIn, signedInPage } from "./utils";

/**
 * Issue 14: Lao PDR's focal point downloads the progress template, changes three rows and
 * breaks a fourth, sees the preview, applies it, and the Secretariat's open dashboard shows
 * the change without a reload.
 */
test("a focal point updates progress from a spreadsheet; the Secretariat's dashboard shows it live", async ({
  page,
  browser,
}, testInfo) => {
  const secretariat = await signedInPage(browser, demo.secretariat);
  await secretariat.goto("/dashboard");
  await expect(secretariat.getByRole("status").filter({ hasText: "Live" })).toBeVisible();

  await signIn(page, demo.focalPoint("LA"));
  await page.goto("/countries/LA");
  await page.getByRole("link", { name: "Progress spreadsheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Progress spreadsheet" })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the template (XLSX)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^progress-LA-.*\.xlsx$/);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, line) => {
    if (line > 1) rows.push(row);
  });
  const milestones = rows.filter((r) => r.getCell(2).value === "Milestone");
  // Other specs change Lao PDR's plans on the same data (one is endorsed by the time this runs, and an
  // endorsed plan's items are not in the template), so the rows changed here are milestones; items are
  // covered by tests/integration/progress-spreadsheet.test.ts.
  expect(milestones.length).toBeGreaterThan(3);
  milestones[0]!.getCell(10).value = "Updated from the national working group's sheet";
  milestones[1]!.getCell(10).value = "Checked with the ministry";
  milestones[2]!.getCell(10).value = "Evidence to follow from the TVET department";
  milestones[3]!.getCell(8).value = "2205-01-01";
  const edited = testInfo.outputPath("progress-LA.xlsx");
  await workbook.xlsx.writeFile(edited);

  await page.getByLabel("Spreadsheet (XLSX or CSV, at most 10 MB)").setInputFiles(edited);
  await page.getByRole("button", { name: "Preview the changes" }).click();
  const preview = page.getByRole("region", { name: "What the file would change" });
  await expect(preview.getByRole("status")).toContainText("3 to apply, 1 with a problem");
  await expect(preview).toContainText("This date is out of range.");
  await expect(preview).toContainText("Checked with the ministry");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Apply 3 changes" }).click();
  await expect(page.getByText("3 records updated from the spreadsheet.")).toBeVisible();

  const changes = secretariat.getByRole("region", { name: /What changed since/ });
  // The milestone's new note, in the Secretariat's open dashboard without a reload.
  await expect(changes.getByRole("region", { name: "LA Lao PDR" })).toContainText(
    "Updated from the national working group's sheet",
    { timeout: 10_000 },
  );
  await secretariat.context().close();
});
