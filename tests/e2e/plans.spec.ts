import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

async function openLaoPlan(page: Page) {
  await page.goto("/action-plans");
  await page
    .getByRole("row", { name: /Lao PDR/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  await expect(page.getByRole("heading", { name: "Lao PDR: MRS action plan 2025-2027" })).toBeVisible();
}

test("a focal point adds and edits action items while a colleague's page updates live; the plan goes through review", async ({
  browser,
}) => {
  const fpContext = await browser.newContext();
  const tfContext = await browser.newContext();
  const secretariatContext = await browser.newContext();
  const fp = await fpContext.newPage();
  const tf = await tfContext.newPage();
  const secretariat = await secretariatContext.newPage();
  await signIn(fp, demo.focalPoint("LA"));
  await signIn(tf, demo.taskForce("LA"));
  await signIn(secretariat, demo.secretariat);
  await openLaoPlan(fp);
  await openLaoPlan(tf);
  await expect(tf.getByText("Live", { exact: true })).toBeVisible();

  await fp.getByRole("link", { name: "Add an action item" }).click();
  await expectAccessible(fp);
  await fp.getByLabel("Activity").fill("Pilot assessment of construction workers in Vientiane");
  await fp.getByLabel("Start").fill("2026-12-01");
  await fp.getByLabel("Due").fill("2026-10-01");
  await fp.getByRole("button", { name: "Save" }).click();
  await expect(fp.getByText("The due date must not be before the start date.")).toBeVisible();
  await fp.getByLabel("Due").fill("2027-04-30");
  await fp.getByLabel("Status").selectOption("on_track");
  await fp.getByLabel("Progress (%)").fill("10");
  await fp.getByRole("button", { name: "Save" }).click();
  await expect(fp.getByText("The action item has been saved.")).toBeVisible();

  // The task-force member's open page shows the new item without a reload.
  await expect(tf.getByRole("cell", { name: /Pilot assessment of construction workers/ })).toBeVisible();

  await fp.getByRole("link", { name: "Pilot assessment of construction workers in Vientiane" }).click();
  await expect(fp.getByRole("heading", { name: "Edit action item" })).toBeVisible();
  await fp.getByLabel("Status").selectOption("at_risk");
  await fp.getByRole("button", { name: "Save" }).click();
  await expect(fp.getByRole("row", { name: /Pilot assessment/ }).getByText("At risk")).toBeVisible();
  await expect(tf.getByRole("row", { name: /Pilot assessment/ }).getByText("At risk")).toBeVisible();

  // Filters are kept in the URL.
  await fp.getByLabel("Status").selectOption("at_risk");
  await fp.getByRole("button", { name: "Apply" }).click();
  await expect(fp).toHaveURL(/status=at_risk/);
  await expect(fp.getByRole("row", { name: /Pilot assessment/ })).toBeVisible();

  // Submit, endorse: the plan becomes read-only for its editors, live.
  await fp.getByRole("link", { name: "Submit for review" }).click();
  await fp.getByRole("button", { name: "Submit for review" }).click();
  await expect(fp.locator(".page-header").getByText("Submitted", { exact: true })).toBeVisible();
  // The confirmation survives the live revalidation that the same change triggers.
  await expect(fp.getByText("The plan is now Submitted.")).toBeVisible();
  await openLaoPlan(secretariat);
  await expect(secretariat.getByRole("button", { name: "Endorse" })).toBeVisible();
  await secretariat.getByRole("button", { name: "Endorse" }).click();
  await expect(secretariat.locator(".page-header").getByText("Endorsed", { exact: true })).toBeVisible();
  await expect(secretariat.getByText("The plan is now Endorsed.")).toBeVisible();
  await expect(tf.getByText("This plan is endorsed and read-only until the Secretariat reopens it.")).toBeVisible();
  await expect(tf.getByRole("link", { name: "Add an action item" })).toHaveCount(0);
  await expect(tf.getByRole("textbox", { name: "Narrative of the action plan" })).toHaveAttribute(
    "contenteditable",
    "false",
  );

  // The server refuses edits to an endorsed plan even by URL.
  const refused = await tf.goto((await fp.url()).replace(/\?.*$/, "") + "/items/new");
  expect(refused?.status()).toBe(403);
  await expectAccessible(secretariat);

  for (const context of [fpContext, tfContext, secretariatContext]) await context.close();
});

test("a named version is kept, compared with now, and restored for everyone live", async ({ browser }) => {
  const fpContext = await browser.newContext();
  const tfContext = await browser.newContext();
  const fp = await fpContext.newPage();
  const tf = await tfContext.newPage();
  await signIn(fp, demo.focalPoint("MY"));
  await signIn(tf, demo.taskForce("MY"));
  await fp.goto("/action-plans");
  await fp
    .getByRole("row", { name: /Malaysia/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  await expect(fp.getByRole("heading", { name: "Malaysia: MRS action plan 2025-2027" })).toBeVisible();
  const planUrl = fp.url();
  // Malaysia's plan is endorsed in the demo data: the Secretariat reopens it first.
  const secretariatContext = await browser.newContext();
  const secretariat = await secretariatContext.newPage();
  await signIn(secretariat, demo.secretariat);
  await secretariat.goto(planUrl);
  await secretariat.getByRole("button", { name: "Reopen for editing" }).click();
  await expect(secretariat.getByRole("button", { name: "Reopen for editing" })).toHaveCount(0);
  await expect(secretariat.locator(".page-header").getByText("Draft", { exact: true })).toBeVisible();
  await secretariatContext.close();
  for (const page of [fp, tf]) {
    await page.goto(planUrl);
    await expect(page.getByText("All changes saved")).toBeVisible();
  }

  await fp.getByLabel("Name of the version").fill("Before the Bangkok meeting");
  await fp.getByRole("button", { name: "Keep this version" }).click();
  await expect(fp.getByText('Version "Before the Bangkok meeting" kept.')).toBeVisible();

  const editor = fp.getByRole("textbox", { name: "Narrative of the action plan" });
  await expect(fp.getByText("All changes saved")).toBeVisible();
  await editor.click();
  await fp.keyboard.press("Control+End");
  await fp.keyboard.press("Enter");
  await fp.keyboard.type("A paragraph written after the meeting.");
  await expect(tf.getByRole("textbox", { name: "Narrative of the action plan" })).toContainText(
    "A paragraph written after the meeting.",
  );
  await expect(fp.getByText("All changes saved")).toBeVisible();

  // The plan was endorsed, so the list also holds its as-submitted version.
  const bangkokVersion = fp
    .getByRole("region", { name: "Versions" })
    .getByRole("listitem")
    .filter({ hasText: "Before the Bangkok meeting" });
  await bangkokVersion.getByRole("link", { name: "Compare with now" }).click();
  await expect(fp.getByRole("heading", { name: 'Changes since "Before the Bangkok meeting"' })).toBeVisible();
  await expect(fp.locator(".diff-added", { hasText: "A paragraph written after the meeting." })).toBeVisible();
  await expectAccessible(fp);

  await bangkokVersion.getByRole("button", { name: "Restore" }).click();
  await expect(fp.getByText('Version "Before the Bangkok meeting" restored.')).toBeVisible();
  // The restore reaches the colleague's open editor without a reload.
  await expect(tf.getByRole("textbox", { name: "Narrative of the action plan" })).not.toContainText(
    "A paragraph written after the meeting.",
  );
  await expect(tf.getByRole("textbox", { name: "Narrative of the action plan" })).toContainText(
    "Priorities for 2025-2027",
  );
  await fpContext.close();
  await tfContext.close();
});

test("a focal point starts the next plan for their country; a second plan for the same period is refused", async ({
  page,
}) => {
  await signIn(page, demo.focalPoint("TH"));
  await page.goto("/action-plans");
  await page.getByRole("link", { name: "New action plan" }).click();
  await expectAccessible(page);
  // Only their own country is offered.
  await expect(page.getByLabel("Country").locator("option")).toHaveText(["Thailand"]);
  await page.getByLabel("Title").fill("MRS action plan 2028-2030");
  await page.getByLabel("First year").fill("2030");
  await page.getByLabel("Last year").fill("2028");
  await page.getByRole("button", { name: "New action plan" }).click();
  await expect(page.getByText("The last year must not be before the first.")).toBeVisible();
  await page.getByLabel("First year").fill("2028");
  await page.getByLabel("Last year").fill("2030");
  await page.getByRole("button", { name: "New action plan" }).click();
  await expect(page.getByRole("heading", { name: "Thailand: MRS action plan 2028-2030" })).toBeVisible();
  await expect(page.getByText("All changes saved")).toBeVisible();

  await page.goto("/action-plans/new");
  await page.getByLabel("First year").fill("2028");
  await page.getByLabel("Last year").fill("2030");
  await page.getByRole("button", { name: "New action plan" }).click();
  await expect(page.getByText("This country already has a plan for that period.")).toBeVisible();

  // A plan for a country that is not theirs, posted by hand, is refused by the server.
  const otherCountry = await page.request.post("/action-plans/new", {
    form: { countryId: "notacountryid00", title: "x", periodStart: "2028", periodEnd: "2030" },
  });
  expect(otherCountry.status()).toBe(403);
});
