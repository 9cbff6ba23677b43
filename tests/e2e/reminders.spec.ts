import { expect, test } from "@playwright/test";
import { expectAccessible, signedInPage, signIn } from "./utils";
import { demo } from "../support/people";

/**
 * The Secretariat's reminder rules (issue 14, decision 019): the Secretariat lengthens "dates
 * coming near" on the rules page, the rule is evaluated at once, and Lao PDR's focal point finds
 * the reminder of an item due within the new window on their notifications page.
 */

test("the Secretariat lengthens a rule; Lao PDR's focal point finds the reminder it makes", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.secretariat);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reminder rules" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reminder rules" })).toBeVisible();
  await expectAccessible(page);
  const rule = page.getByRole("region", { name: "Dates coming near" });
  // Off until the Secretariat switches it on.
  await expect(rule.getByLabel("Rule")).toHaveValue("off");
  await rule.getByLabel("Rule").selectOption("on");

  // Bad input: a clear message beside the field, and the rule as it was.
  await rule.getByLabel("Days before the date").fill("0");
  await rule.getByRole("button", { name: "Save" }).click();
  await expect(rule.getByText("Enter 1 or more.")).toBeVisible();
  await page.reload();
  await expect(rule.getByLabel("Rule")).toHaveValue("off");
  await expect(rule.getByLabel("Days before the date")).toHaveValue("14");
  await rule.getByLabel("Rule").selectOption("on");

  // A year ahead: Lao PDR's national workshop (due 28 February 2027 in the demo) comes within it.
  await rule.getByLabel("Days before the date").fill("365");
  await rule.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The rule is saved.")).toBeVisible();
  await expect(rule.getByLabel("Days before the date")).toHaveValue("365");
  await expect(rule).toContainText("Last changed by");

  // The rule runs in the background as soon as it is saved: the reminder arrives within seconds.
  const fp = await signedInPage(browser, demo.focalPoint("LA"));
  const reminder = fp.getByRole("listitem").filter({
    hasText:
      /The action item “Hold a national MRS workshop with employers' and workers' organisations” .* is due on 28 Feb 2027\./,
  });
  await expect(async () => {
    await fp.goto("/notifications");
    await expect(reminder).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(reminder.getByRole("link", { name: "Open" })).toHaveAttribute(
    "href",
    /\/action-plans\/.+#items-heading/,
  );
  await fp.context().close();

  // Back to the default, for the specs that follow.
  await rule.getByLabel("Rule").selectOption("off");
  await rule.getByLabel("Days before the date").fill("14");
  await rule.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The rule is saved.")).toBeVisible();
});

test("a focal point has no rules page", async ({ page }) => {
  await signIn(page, demo.focalPoint("LA"));
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reminder rules" }),
  ).toHaveCount(0);
  const response = await page.goto("/reminders");
  expect(response?.status()).toBe(403);
});
