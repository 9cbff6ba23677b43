import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

/** Parses a downloaded CSV; the byte-order mark must be there for Excel. */
async function downloadedCsv(page: Page, linkName: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName, exact: true }).click(),
  ]);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return {
    filename: download.suggestedFilename(),
    rows: Papa.parse<string[]>(bytes.subarray(3).toString("utf8"), { skipEmptyLines: true }).data,
  };
}

test("a milestone saved by a focal point shows on the Secretariat's open dashboard without a reload", async ({
  browser,
}) => {
  const secretariatContext = await browser.newContext();
  const focalPointContext = await browser.newContext();
  const secretariat = await secretariatContext.newPage();
  const focalPoint = await focalPointContext.newPage();

  await signIn(secretariat, demo.secretariat);
  const matrix = secretariat.getByRole("region", { name: "Country × sector: current stage" });
  const blockedCell = matrix.getByRole("link", { name: "Cambodia, Welding: Curriculum, Blocked" });
  await expect(blockedCell).toBeVisible();
  await expect(secretariat.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expectAccessible(secretariat);
  // A marker that a reload would wipe.
  await secretariat.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));

  await signIn(focalPoint, demo.focalPoint("KH"));
  await focalPoint.goto("/dashboard");
  const milestonePath = await focalPoint
    .getByRole("link", { name: "Cambodia, Welding: Curriculum, Blocked" })
    .getAttribute("href");
  await focalPoint.goto(`${milestonePath}/edit`);
  await focalPoint.getByLabel("Status").selectOption({ label: "In progress" });
  await focalPoint.getByRole("button", { name: "Save" }).click();
  const saved = Date.now();

  await expect(matrix.getByRole("link", { name: "Cambodia, Welding: Curriculum, In progress" })).toBeVisible({
    timeout: 5_000,
  });
  test.info().annotations.push({
    type: "live update",
    description: `seen on the dashboard ${Date.now() - saved} ms after the save was sent`,
  });
  await expect(blockedCell).toHaveCount(0);
  expect(await secretariat.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);

  // The change is listed under Cambodia with who made it and from → to.
  const changes = secretariat.getByRole("region", { name: /What changed since/ });
  const cambodia = changes.getByRole("region", { name: "KH Cambodia" });
  const change = cambodia.getByRole("listitem").filter({ hasText: "Welding · Curriculum" }).first();
  await expect(change).toContainText("Status: from Blocked → to In progress");
  await expect(change).toContainText("by Sokha Chenda");

  await secretariatContext.close();
  await focalPointContext.close();
});

// Lao PDR, whose blocked agriculture standard no other test changes.
test("the dashboard's filters live in the URL and its CSV exports follow them", async ({ page }) => {
  await signIn(page, demo.secretariat);
  await page.getByRole("combobox", { name: "Country" }).selectOption({ label: "Lao PDR" });
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Blocked" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/country=.*status=blocked/);
  await expect(page.getByText("Filters: Lao PDR · Blocked")).toBeVisible();
  const progress = page.getByRole("region", { name: "Progress by country" });
  await expect(progress.getByRole("row")).toHaveCount(2);

  // The shared link opens the same view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByText("Filters: Lao PDR · Blocked")).toBeVisible();
  await other.close();

  const list = await downloadedCsv(page, "Milestone list (CSV)");
  expect(list.filename).toMatch(/^mrs-milestones-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(list.rows[0]!.slice(0, 5)).toEqual(["Country code", "Country", "Sector", "Stage", "Status"]);
  expect(list.rows.length).toBeGreaterThan(1);
  for (const row of list.rows.slice(1)) expect([row[0], row[4]]).toEqual(["LA", "Blocked"]);
  // Its semicolon variant, for a spreadsheet set to Indonesian: the same rows, times on a stated clock.
  const semicolons = await downloadedCsv(page, "Milestone list (CSV): with semicolons");
  expect(semicolons.filename).toMatch(/^mrs-milestones-\d{4}-\d{2}-\d{2}-semicolon\.csv$/);
  expect(semicolons.rows).toEqual(list.rows);
  expect(list.rows[0]).toContain("Last updated (UTC)");
  expect(list.rows[1]![list.rows[0]!.indexOf("Last updated (UTC)")]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

  const matrix = await downloadedCsv(page, "Matrix (CSV)");
  expect(matrix.rows[0]!.slice(0, 5)).toEqual([
    "Country code",
    "Country",
    "Sector",
    "Current stage",
    "Status of current stage",
  ]);
  expect(matrix.rows.slice(1).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
    ["LA", "Agriculture and aquaculture", "Standard", "Blocked"],
  ]);
  await expectAccessible(page);
});

test("a focal point's dashboard covers only their own country", async ({ page }) => {
  await signIn(page, demo.focalPoint("KH"));
  await page.getByRole("link", { name: "Full dashboard" }).click();
  await expect(page.getByText("Your countries: Cambodia")).toBeVisible();
  const matrix = page.getByRole("region", { name: "Country × sector: current stage" });
  await expect(matrix.getByRole("rowheader")).toHaveCount(1);
  await expect(matrix.getByRole("rowheader")).toContainText("Cambodia");
  await expect(page.getByRole("combobox", { name: "Country" }).getByRole("option")).toHaveText([
    "Any country",
    "Cambodia",
  ]);
  const { rows } = await downloadedCsv(page, "Milestone list (CSV)");
  expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(["KH"]));
});
