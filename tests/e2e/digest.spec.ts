import { expect, test } from "@playwright/test";
import { expectAccessible, signedInPage, signIn } from "./utils";
import { demo } from "../support/people";

/**
 * Issue 14's "done": Lao PDR's focal point gets a weekly digest (the administrator runs it now
 * rather than wait for Monday, and reads it in the outbox, where e-mail is kept without a mail
 * server), follows its link to an overdue or due-soon item and updates it there.
 */

test("the administrator runs Lao PDR's focal point's digest; its link leads to the item, which is updated there", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: /Background jobs/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Background jobs" })).toBeVisible();
  await expectAccessible(page);
  const digest = page.getByRole("listitem").filter({ hasText: /Weekly digest for Khamla Vongsa/ });
  await digest.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText("The job has run.")).toBeVisible();

  await page.goto("/admin/outbox");
  const mail = page.locator("article.mail", { hasText: `To: ${demo.focalPoint("LA")}` }).first();
  await expect(mail.getByRole("heading", { name: /FocalPoint: your week ahead/ })).toBeVisible();
  await expect(mail).toContainText("Lao PDR");
  await expect(mail).toContainText("To stop receiving it:");
  const itemLink = await mail
    .getByRole("link", { name: /#LA-item-/ })
    .first()
    .getAttribute("href");
  const target = new URL(itemLink!);

  const fp = await signedInPage(browser, demo.focalPoint("LA"));
  await fp.goto(`${target.pathname}${target.hash}`);
  const card = fp.getByRole("listitem").filter({ has: fp.locator(target.hash) });
  await expect(card).toBeVisible();
  await card.getByLabel("Progress (%)").fill("45");
  await card.getByLabel("Note on progress").fill("Updated from the weekly digest");
  await card.getByRole("button", { name: "Save update" }).click();
  await expect(fp.getByText("Action item updated.")).toBeVisible();
  await fp.reload();
  await expect(
    fp
      .getByRole("listitem")
      .filter({ has: fp.locator(target.hash) })
      .getByLabel("Progress (%)"),
  ).toHaveValue("45");
  await fp.context().close();
});

test("a task-force member turns the digest off and picks a time zone on the account page", async ({ page }) => {
  await signIn(page, demo.taskForce("LA"));
  await page.goto("/account");
  const emails = page.getByRole("region", { name: "E-mails from FocalPoint" });
  await expect(emails.getByLabel("Weekly digest")).toHaveValue("weekly");
  await expect(emails.getByLabel("Time zone")).toHaveValue("Asia/Vientiane");
  await emails.getByLabel("Weekly digest").selectOption("none");
  await emails.getByLabel("Time zone").selectOption("Asia/Bangkok");
  await emails.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(page.getByText("Your e-mail settings have been saved.")).toBeVisible();
  await page.reload();
  await expect(emails.getByLabel("Weekly digest")).toHaveValue("none");
  await expect(emails.getByLabel("Time zone")).toHaveValue("Asia/Bangkok");
  await expectAccessible(page);
});
