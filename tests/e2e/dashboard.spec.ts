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
test("the dashboard's filters apply on change, live in a readable URL, and the CSV exports follow them", async ({
  page,
}) => {
  await signIn(page, demo.secretariat);
  await page.goto("/dashboard");
  const progress = page.getByRole("region", { name: "Progress by country" });
  await expect(progress.getByRole("row")).toHaveCount(11);
  // Once the page runs, a change applies by itself: there is no button to press.
  await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);

  await page.locator("summary").filter({ hasText: "Country" }).click();
  await page.getByRole("checkbox", { name: "Lao PDR", exact: true }).check();
  await expect(page).toHaveURL(/[?&]country=la(&|$)/);
  await expect(progress.getByRole("row")).toHaveCount(2);
  await page.locator("summary").filter({ hasText: "Status" }).click();
  await page.getByRole("checkbox", { name: "Blocked", exact: true }).check();
  await expect(page).toHaveURL(/country=la&status=blocked/);
  // The cards say what they count, so "0% completed" is not read as a fact about Lao PDR.
  await expect(page.getByText("Filtered: Lao PDR, status Blocked")).toBeVisible();
  // An open list closes like a menu, and the focus goes back to it.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("checkbox", { name: "Blocked", exact: true })).toBeHidden();

  // The shared link opens the same view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByText("Filtered: Lao PDR, status Blocked")).toBeVisible();
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

test("a typed address takes a country group and says which code it did not understand", async ({ page }) => {
  await signIn(page, demo.secretariat);
  await page.goto("/dashboard?country=clmv,xx&sector=welding");
  const notice = page.getByRole("status").filter({ hasText: "Not understood" });
  await expect(notice).toContainText("Country “xx”");
  const progress = page.getByRole("region", { name: "Progress by country" });
  await expect(progress.getByRole("row")).toHaveCount(5);
  await expect(page.getByText("Filtered: CLMV, sector Welding")).toBeVisible();
  // Whom the Secretariat follows does not change with the filter; what the cards count does.
  await expect(page.getByText("All ten ASEAN Member States")).toBeVisible();
  const matrix = page.getByRole("region", { name: "Country × sector: current stage" });
  await expect(matrix.getByRole("rowheader")).toHaveText([/Cambodia/, /Lao PDR/, /Myanmar/, /Viet Nam/]);
  // Inside the disclosure, CLMV is ticked and its members are shown as included.
  await page.locator("summary").filter({ hasText: "Country" }).click();
  await expect(page.getByRole("checkbox", { name: /^CLMV/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Myanmar", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Myanmar", exact: true })).toBeDisabled();
  await expectAccessible(page);

  // Unticking the group with the keyboard leaves every country.
  await page.getByRole("checkbox", { name: /^CLMV/ }).focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/dashboard\?sector=welding/);
  await expect(matrix.getByRole("rowheader")).not.toHaveCount(4);
});

test("the notice for a code not understood is in the reader's language", async ({ page }) => {
  await signIn(page, demo.taskForce("LA"));
  await page.getByLabel("Language", { exact: true }).selectOption({ label: "Bahasa Indonesia" });
  try {
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await page.goto("/dashboard?country=xx");
    await expect(page.getByRole("status").filter({ hasText: "Tidak dikenali" })).toContainText("Negara “xx”");
    await expect(page.getByText("Tanpa filter")).toBeVisible();
  } finally {
    await page.getByLabel("Bahasa", { exact: true }).selectOption({ label: "English" });
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
});

test("a focal point's dashboard covers only their own country", async ({ page }) => {
  await signIn(page, demo.focalPoint("KH"));
  await page.getByRole("link", { name: "Full dashboard" }).click();
  await expect(page.getByText("Your countries: Cambodia")).toBeVisible();
  const matrix = page.getByRole("region", { name: "Country × sector: current stage" });
  await expect(matrix.getByRole("rowheader")).toHaveCount(1);
  await expect(matrix.getByRole("rowheader")).toContainText("Cambodia");
  await page.locator("summary").filter({ hasText: "Country" }).click();
  await expect(page.getByRole("group", { name: "Countries" }).getByRole("checkbox")).toHaveCount(1);
  await expect(page.getByRole("checkbox", { name: "Cambodia", exact: true })).toBeVisible();
  // The groups are offered only to whoever can see all of a group's members.
  await expect(page.getByRole("checkbox", { name: /^CLMV/ })).toHaveCount(0);
  await page.getByRole("heading", { level: 1 }).click();
  const { rows } = await downloadedCsv(page, "Milestone list (CSV)");
  expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(["KH"]));
});
