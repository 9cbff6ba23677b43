import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

test("the Secretariat sees every country's progress on the dashboard and the MRS matrix", async ({ page }) => {
  await signIn(page, demo.secretariat);
  await expect(page.getByRole("heading", { name: "Welcome, Dewi Anggraini Putri" })).toBeVisible();
  await expect(page.getByText("All ten ASEAN Member States")).toBeVisible();
  const progress = page.getByRole("region", { name: "Progress by country" });
  await expect(progress.getByRole("row")).toHaveCount(11);
  await expect(page.getByRole("region", { name: "Needs attention" }).getByText("Overdue").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Milestones" }).click();
  await expect(page.getByRole("heading", { name: "Sector pipeline" })).toBeVisible();
  await expectAccessible(page);
  // The milestones page takes the dashboard's filters: a country ticked applies at once, by its ISO code.
  await page.locator("summary").filter({ hasText: "Country" }).click();
  await page.getByRole("checkbox", { name: "Cambodia", exact: true }).check();
  await expect(page).toHaveURL(/\/milestones\?country=kh$/);
  const pipeline = page.getByRole("region", { name: "Sector pipeline" });
  await expect(pipeline.getByRole("rowheader", { name: /Cambodia/ })).toHaveCount(3);
  await expect(pipeline.getByRole("rowheader", { name: /Thailand/ })).toHaveCount(0);
});

test("a focal point's dashboard and plan list cover only their own country", async ({ page }) => {
  await signIn(page, demo.focalPoint("KH"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByText("Your countries: Cambodia")).toBeVisible();
  const progress = page.getByRole("region", { name: "Progress by country" });
  await expect(progress.getByRole("row")).toHaveCount(2);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Action plans" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: "MRS action plan 2025-2027" }).click();
  await expect(page.getByRole("heading", { name: "Cambodia: MRS action plan 2025-2027" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Priorities for 2025-2027" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /Nominate national assessors/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "ASEAN Meeting of Skills Focal Points" })).toBeVisible();
  await expectAccessible(page);
});

test("a focal point is refused another country's plan by URL", async ({ page, browser }) => {
  const secretariat = await browser.newContext();
  const watcher = await secretariat.newPage();
  await signIn(watcher, demo.secretariat);
  await watcher.goto("/action-plans");
  const href = await watcher
    .getByRole("row", { name: /Viet Nam/ })
    .getByRole("link")
    .getAttribute("href");
  await secretariat.close();

  await signIn(page, demo.focalPoint("KH"));
  const response = await page.goto(href!);
  expect(response?.status()).toBe(403);
  await expect(page.getByText("You do not have permission to see or do this.")).toBeVisible();
});

test("the Bangkok 2015 meeting shows its agenda in Bangkok time, who came, and what its outcomes became", async ({
  page,
}) => {
  await signIn(page, demo.facilitator);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workshops" }).click();
  await expectAccessible(page);
  await page.getByRole("combobox", { name: "Year" }).selectOption("2015");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/year=2015/);
  await expect(page.getByRole("link", { name: /Capacity-building workshop/ })).toHaveCount(0);
  await page.getByRole("link", { name: "ASEAN Meeting of Skills Focal Points", exact: true }).click();
  await expect(page.getByRole("heading", { name: "ASEAN Meeting of Skills Focal Points" })).toBeVisible();
  await expect(page.getByText(/Times are in .*\(Asia\/Bangkok\)/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Day 1 · 10 August 2015" })).toBeVisible();
  await expect(page.getByRole("row", { name: /09:00–09:45 Opening and welcome remarks/ })).toBeVisible();
  await expect(page.getByText("Task-force representative: 10")).toBeVisible();
  await expect(page.getByText("Focal point: 9")).toBeVisible();
  await expect(page.getByText(/10 Aug 2015: \d+ present/)).toBeVisible();
  await expect(page.getByText("Became action items in:")).toBeVisible();
  await expectAccessible(page);
});

test("an agenda session that does not exist says so inside the workshop, whose tabs stay one click away", async ({
  page,
}) => {
  await signIn(page, demo.facilitator);
  await page.goto("/workshops?year=2015");
  await page.getByRole("link", { name: "ASEAN Meeting of Skills Focal Points", exact: true }).click();
  await expect(page.getByRole("heading", { name: "ASEAN Meeting of Skills Focal Points" })).toBeVisible();
  const response = await page.goto(`${new URL(page.url()).pathname}/agenda/cnosuchsession000000000`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("We could not find that page.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "ASEAN Meeting of Skills Focal Points" })).toBeVisible();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Agenda" }).click();
  await expect(page.getByRole("heading", { name: "Day 1 · 10 August 2015" })).toBeVisible();
});
