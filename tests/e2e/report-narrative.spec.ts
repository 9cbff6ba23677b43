import { expect, test, type Page } from "@playwright/test";
import { demo } from "../support/people";
import { expectAccessible, signedInPage, signIn } from "./utils";

/**
 * Issue 13's report narrative: the ILO facilitator and an administrator, each in a browser of their
 * own, write the 2015 report's narrative together and see each other's text as it is typed; a
 * reader of the project sees it read-only; locking the period keeps it as it was.
 */

async function openReport(page: Page, period: string) {
  await page.goto("/projects");
  await page.getByRole("link", { name: /Towards a Mutual Recognition of Skills/ }).click();
  await page.getByRole("link", { name: period, exact: true }).click();
  await expect(page.getByRole("heading", { name: "1. Narrative" })).toBeVisible();
}

test("two managers write the narrative together, a reader follows it, and the lock keeps it", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.facilitator);
  await openReport(page, "2015 (July–December)");
  await page.getByRole("button", { name: "Start the narrative" }).click();
  await expect(page.getByText("The narrative is ready to be written.")).toBeVisible();
  const mine = page.getByRole("textbox", { name: "Narrative of the report" });
  await expect(page.getByText("All changes saved")).toBeVisible();
  await expectAccessible(page);

  const admin = await signedInPage(browser, demo.admin);
  await openReport(admin, "2015 (July–December)");
  const theirs = admin.getByRole("textbox", { name: "Narrative of the report" });
  await expect(admin.getByText("All changes saved")).toBeVisible();

  await mine.click();
  await page.keyboard.type("Summary of progress");
  await page.getByRole("button", { name: "Heading", exact: true }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("The Bangkok meeting agreed the CLM work plan.");
  await expect(theirs).toContainText("The Bangkok meeting agreed the CLM work plan.");
  await expect(theirs.getByRole("heading", { name: "Summary of progress" })).toBeVisible();

  await theirs.click();
  await admin.keyboard.press("Control+End");
  await admin.keyboard.press("Enter");
  await admin.keyboard.type("Cambodia asked for assessor training.");
  await expect(mine).toContainText("Cambodia asked for assessor training.");

  // Cambodia's focal point reads the project's report: the narrative live, without a toolbar.
  const reader = await signedInPage(browser, demo.focalPoint("KH"));
  await openReport(reader, "2015 (July–December)");
  await expect(reader.getByText("Read-only: the implementing agency writes the narrative")).toBeVisible();
  await expect(reader.getByRole("textbox", { name: "Narrative of the report" })).toContainText(
    "Cambodia asked for assessor training.",
  );
  await expect(reader.getByRole("toolbar")).toHaveCount(0);
  await expect(page.getByText("All changes saved")).toBeVisible();
  await expect(admin.getByText("All changes saved")).toBeVisible();

  // Locked: the open editor of the other manager turns read-only, and the report shows the text kept.
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByText("The period's status is changed.")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Lock the period" }).click();
  await expect(page.getByText("The period is locked.")).toBeVisible();
  await expect(admin.getByText("Read-only: the implementing agency writes the narrative")).toBeVisible();
  await expect(admin.getByRole("toolbar")).toHaveCount(0);
  const narrative = page.locator(".report-narrative");
  await expect(narrative.getByRole("heading", { name: "Summary of progress" })).toBeVisible();
  await expect(narrative).toContainText("The Bangkok meeting agreed the CLM work plan.");
  await expect(narrative).toContainText("Cambodia asked for assessor training.");
  await expect(narrative.getByRole("textbox")).toHaveCount(0);
  await expectAccessible(page);

  await admin.context().close();
  await reader.context().close();
});
