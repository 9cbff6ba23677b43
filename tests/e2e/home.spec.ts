import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signedInPage, signIn } from "./utils";
import { demo } from "../support/people";

// Myanmar, whose progress report item and domestic-work standard no other test changes.
const REPORT = /Prepare the country progress report/;

const card = (page: Page, region: string, name: RegExp | string) =>
  page.getByRole("region", { name: region }).getByRole("listitem").filter({ hasText: name });

test("a focal point lands on what needs doing and updates an item in place; a colleague's home follows live", async ({
  browser,
}) => {
  const fp = await signedInPage(browser, demo.focalPoint("MM"));
  await expect(fp.getByRole("heading", { level: 1, name: "What needs doing in Myanmar" })).toBeVisible();
  await expect(card(fp, "My action items", REPORT)).toContainText("Overdue");
  await expectAccessible(fp);

  const tf = await signedInPage(browser, demo.taskForce("MM"));
  await expect(tf.getByRole("heading", { level: 1, name: "What needs doing in Myanmar" })).toBeVisible();
  await expect(tf.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  // A marker that a reload would wipe.
  await tf.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));

  const mine = card(fp, "My action items", REPORT);
  await mine.getByLabel("Status").selectOption({ label: "On track" });
  await mine.getByLabel("Progress (%)").fill("25");
  await mine.getByLabel("Note on progress").fill("Draft shared with the ministry");
  await mine.getByRole("button", { name: "Save update" }).click();
  await expect(fp.getByText("Action item updated.")).toBeVisible();

  const seen = card(tf, "Action items overdue or due soon", REPORT);
  await expect(seen).toContainText("On track");
  await expect(seen).toContainText("25%");
  await expect(seen).toContainText("Draft shared with the ministry");
  const changes = tf.getByRole("region", { name: "Changed since your last visit" });
  await expect(changes.getByRole("listitem").filter({ hasText: REPORT })).toContainText("Thida Win Aung");
  expect(await tf.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);

  // Stored, not only shown: a reload shows the same.
  await fp.reload();
  await expect(card(fp, "My action items", REPORT).getByLabel("Progress (%)")).toHaveValue("25");
  await fp.context().close();
  await tf.context().close();
});

test("a refused update says why beside its field, and a milestone completed with a comment leaves the list", async ({
  page,
}) => {
  await signIn(page, demo.focalPoint("MM"));
  const item = card(page, "Action items overdue or due soon", /Train and accredit competency assessors/);
  await item.getByLabel("Progress (%)").fill("250");
  await item.getByRole("button", { name: "Save update" }).click();
  await expect(item.getByText("Enter 100 or less.")).toBeVisible();
  await expectAccessible(page);

  const milestones = "Milestones overdue, due soon or blocked";
  const standard = card(page, milestones, "Domestic work · Standard");
  const href = await standard.getByRole("link").getAttribute("href");
  await standard.getByLabel("Status").selectOption({ label: "Completed" });
  await standard.getByLabel("Comment (optional)").fill("Standard endorsed by the ministry");
  await standard.getByRole("button", { name: "Save update" }).click();
  await expect(page.getByText("Milestone updated.")).toBeVisible();
  await expect(card(page, milestones, "Domestic work · Standard")).toHaveCount(0);

  await page.goto(href!);
  await expect(page.getByRole("region", { name: "Details" }).getByText("Completed", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Comments" })).toContainText("Standard endorsed by the ministry");
});

test("an item given an owner shows under that person's own items", async ({ page }) => {
  await signIn(page, demo.focalPoint("MM"));
  await expect(card(page, "My action items", /Hold a national MRS workshop/)).toHaveCount(0);
  await page.goto("/action-plans");
  await page
    .getByRole("row", { name: /Myanmar/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  await page.getByRole("link", { name: /Hold a national MRS workshop/ }).click();
  await page.getByLabel("Owner").selectOption({ label: "Thida Win Aung" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("row", { name: /Hold a national MRS workshop/ })).toContainText("Thida Win Aung");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).click();
  await expect(card(page, "My action items", /Hold a national MRS workshop/)).toBeVisible();
});

test("the Secretariat's home is the dashboard, and a dashboard link from before keeps its filters", async ({
  page,
}) => {
  await signIn(page, demo.secretariat);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" })).toHaveCount(0);
  await page.goto("/?status=blocked");
  await expect(page).toHaveURL(/\/dashboard\?status=blocked$/);
  await expect(page.getByText("Filtered: status Blocked")).toBeVisible();
});

test("on a phone, a focal point's home is a list of cards whose updates open one at a time", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, demo.taskForce("MM"));
  await expect(page.getByRole("heading", { level: 1, name: "What needs doing in Myanmar" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const mine = card(page, "My action items", /Move construction/);
  await expect(mine.getByRole("button", { name: "Save update" })).toBeHidden();
  // Twenty forms no longer make the page several screens tall before the first change.
  const heightClosed = await page.evaluate(() => document.documentElement.scrollHeight);
  await mine.getByText("Update", { exact: true }).click();
  const save = mine.getByRole("button", { name: "Save update" });
  await expect(save).toBeVisible();
  const box = await save.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(heightClosed);
  await mine.getByLabel("Progress (%)").fill("40");
  await save.click();
  await expect(mine.getByText("40%", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
