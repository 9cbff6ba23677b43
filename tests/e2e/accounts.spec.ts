import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

/** The newest outbox message to an address, read as the administrator reads it. */
async function linkFromOutbox(page: Page, to: string, pathPrefix: string) {
  await page.goto("/admin/outbox");
  const mail = page.locator("article.mail", { hasText: `To: ${to}` }).first();
  await expect(mail).toBeVisible();
  const href = await mail
    .getByRole("link", { name: new RegExp(pathPrefix) })
    .first()
    .getAttribute("href");
  expect(href).toBeTruthy();
  return new URL(href!).pathname;
}

test("an admin invites a focal point for Lao PDR who sets a password and lands in the app", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.admin);
  await page.getByRole("link", { name: "Administration" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: /People and access/ }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Invite a person" }).click();

  // A focal point without a country is refused, and nothing is sent.
  await page.getByLabel("E-mail address").fill("new.fp.la@focalpoint.test");
  await page.getByLabel("Name", { exact: true }).fill("Bounmy Inthavong");
  await page.getByRole("checkbox", { name: "Focal point" }).check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Choose the country for this role.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Country for Focal point").selectOption({ label: "Lao PDR" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent to new.fp.la@focalpoint.test.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "new.fp.la@focalpoint.test" })).toBeVisible();

  const invitationPath = await linkFromOutbox(page, "new.fp.la@focalpoint.test", "/invitations/");
  await expectAccessible(page);

  // The invitation is in the history, found by who made it.
  await page.goto("/admin/audit");
  await page.getByLabel("Who").selectOption({ label: "Platform Administrator" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: /Invited new\.fp\.la@focalpoint\.test/ })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole("row", { name: /Invited new\.fp\.la@focalpoint\.test/ })
    .getByRole("link", { name: "Person" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Bounmy Inthavong" })).toBeVisible();
  await expect(page.getByText(/Invitation sent/)).toBeVisible();
  await expectAccessible(page);

  const invitee = await browser.newContext();
  const newcomer = await invitee.newPage();
  await newcomer.goto(invitationPath);
  await expect(
    newcomer.getByText("Platform Administrator invited you to FocalPoint as Focal point, Lao PDR."),
  ).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel("New password", { exact: true }).fill("short");
  await newcomer.getByLabel("Repeat the new password").fill("short");
  await newcomer.getByRole("button", { name: "Create my account" }).click();
  await expect(newcomer.getByText(/too short/)).toBeVisible();
  await newcomer.getByLabel("New password", { exact: true }).fill("vientiane-skills-2026");
  await newcomer.getByLabel("Repeat the new password").fill("vientiane-skills-2026");
  await newcomer.getByRole("button", { name: "Create my account" }).click();
  const sidebar = newcomer.getByRole("complementary");
  await expect(sidebar.getByText("Bounmy Inthavong")).toBeVisible();
  await expect(sidebar.getByText("Focal point, Lao PDR")).toBeVisible();

  // The link works once.
  await newcomer.goto(invitationPath);
  await expect(newcomer.getByRole("alert")).toContainText("This invitation is not valid any more");
  await invitee.close();
});

test("a forgotten password is reset through a single-use link, which ends the other sessions", async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await signIn(elsewhere, demo.taskForce("PH"));

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expectAccessible(page);
  await page.getByLabel("E-mail address").fill(demo.taskForce("PH"));
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(/a reset link is on its way/)).toBeVisible();

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, demo.admin);
  const resetPath = await linkFromOutbox(adminPage, demo.taskForce("PH"), "/reset-password/");
  await admin.close();

  await page.goto(resetPath);
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill("manila-tesda-2026");
  await page.getByLabel("Repeat the new password").fill("manila-tesda-2027");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("manila-tesda-2026");
  await page.getByLabel("Repeat the new password").fill("manila-tesda-2026");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByRole("complementary").getByText("Paolo Reyes Castillo")).toBeVisible();

  // The session opened before the reset is over.
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login/);
  await other.close();

  await page.goto(resetPath);
  await expect(page.getByRole("alert")).toContainText("This link is not valid any more");
});

// Singapore's task-force member, whose password no other test needs.
test("a person edits their profile, signs out elsewhere and changes their password on the account page", async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await signIn(elsewhere, demo.taskForce("SG"));
  await signIn(page, demo.taskForce("SG"));
  await page.getByRole("link", { name: "My account" }).click();
  await expectAccessible(page);

  await expect(page.getByText("This device")).toBeVisible();
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByText("Your other sessions have been signed out.")).toBeVisible();
  await expect(page.getByText("No other sessions.")).toBeVisible();
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login/);
  await other.close();

  await page.getByLabel("Show FocalPoint in").selectOption({ label: "Bahasa Indonesia" });
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Akun saya" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Tampilkan FocalPoint dalam").selectOption({ label: "English" });
  await page.getByRole("button", { name: "Ganti bahasa" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

  await page.getByLabel("Position").fill("Deputy Director, Skills Development");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Your profile has been saved.")).toBeVisible();
  await expect(page.getByLabel("Position")).toHaveValue("Deputy Director, Skills Development");

  await page.getByLabel("Current password").fill("wrong-password");
  await page.getByLabel("New password", { exact: true }).fill("singapore-skills-1");
  await page.getByLabel("Repeat the new password").fill("singapore-skills-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not correct.")).toBeVisible();

  await page.getByLabel("Current password").fill("focalpoint-demo");
  await page.getByLabel("New password", { exact: true }).fill("singapore-skills-1");
  await page.getByLabel("Repeat the new password").fill("singapore-skills-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Your password has been changed/)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, demo.taskForce("SG"), "singapore-skills-1");
});

test("people who are not administrators are refused the administration pages", async ({ page }) => {
  await signIn(page, demo.secretariat);
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/outbox", "/admin/audit", "/admin/users/new"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByText("You do not have permission to see or do this.")).toBeVisible();
  }
  await expectAccessible(page);
});
