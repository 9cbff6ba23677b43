import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signedInPage, signIn } from "./utils";
import { demo } from "../support/people";

const WORKSHOP = "National workshop on MRS in construction";

// Three people still to be invited (one without an address) and one already registered.
const LIST = [
  "name;email;category;country;organisation;sex;status",
  "Phetsamone Inthavong;phetsamone.inthavong@example.test;Focal point;LA;Ministry of Labour and Social Welfare;F;invited",
  "Khamla Vongsa;khamla.vongsa@example.test;Employers;LA;Lao National Chamber of Commerce and Industry;M;invited",
  "Noy Sisouk;;Workers;LA;Lao Federation of Trade Unions;F;invited",
  "Somphone Keomany;somphone.keomany@example.test;Task force;LA;Ministry of Education and Sports;M;registered",
].join("\n");

/** The summary of the last send, as the facilitator reads it. */
const summary = (page: Page) => page.locator(".bulk-summary");

/** The newest message in the outbox to an address, read as the administrator reads it. */
async function newestMailTo(admin: Page, to: string) {
  await admin.goto("/admin/outbox");
  return admin.locator("article.mail", { hasText: `To: ${to}` }).first();
}

test("a facilitator invites a whole list at once, reminds one person, and prints the sign-in sheets", async ({
  page,
  browser,
}) => {
  test.slow();
  await signIn(page, demo.facilitator);
  await page.goto("/workshops");
  await page.getByRole("link", { name: WORKSHOP, exact: true }).first().click();
  await page.getByRole("navigation", { name: "Workshop sections" }).getByRole("link", { name: "Participants" }).click();
  await expect(page).toHaveURL(/\/participants$/);
  const participantsUrl = page.url();

  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.getByLabel("Or paste the CSV").fill(LIST);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Import 4 valid rows" }).click();
  await expect(page.getByText(/Imported 4 participants/)).toBeVisible();

  // Everyone invited at once; the one without an address is named.
  page.on("dialog", (dialog) => dialog.accept());
  const invitations = page.getByRole("region", { name: "Invitations by e-mail" });
  await expect(invitations.getByText("Ready to send: 2 invitations, 0 reminders")).toBeVisible();
  await invitations.getByRole("button", { name: "Send invitations" }).click();
  await expect(summary(page)).toContainText("2 sent, 1 skipped: no e-mail address (1)");
  await expect(summary(page)).toContainText("no e-mail address: Noy Sisouk");
  await expect(invitations.getByText("Ready to send: 0 invitations, 2 reminders")).toBeVisible();
  await expect(page.getByRole("row", { name: /Phetsamone Inthavong/ })).toContainText("Invited by e-mail");
  await expectAccessible(page);

  // Pressing it again sends nobody a second invitation.
  await invitations.getByRole("button", { name: "Send invitations" }).click();
  await expect(summary(page)).toContainText("0 sent, 3 skipped: no e-mail address (1), invitation already sent (2)");

  // A reminder to one ticked person only.
  await page.getByRole("checkbox", { name: "Select Khamla Vongsa" }).check();
  await invitations.getByRole("button", { name: "Send reminder to 1 ticked" }).click();
  await expect(summary(page)).toHaveText(/^1 sent$/);
  await expect(page.getByRole("row", { name: /Khamla Vongsa/ })).toContainText("Reminded");

  // The administrator reads what went out.
  const admin = await signedInPage(browser, demo.admin);
  const invitation = await newestMailTo(admin, "phetsamone.inthavong@example.test");
  await expect(invitation.getByRole("heading")).toHaveText(`Your invitation: ${WORKSHOP}`);
  await expect(invitation).toContainText("Dear Phetsamone Inthavong");
  await expect(invitation.getByRole("link", { name: /\/register\// })).toBeVisible();
  const reminder = await newestMailTo(admin, "khamla.vongsa@example.test");
  await expect(reminder.getByRole("heading")).toHaveText(`Reminder: please answer your invitation to ${WORKSHOP}`);
  await expect(reminder).toContainText("We have not yet heard whether you will attend");
  await expect(admin.locator("article.mail", { hasText: "To: somphone.keomany@example.test" })).toHaveCount(0);
  await admin.context().close();

  // The export says when, on the workshop's clock; its semicolon variant is for an Indonesian spreadsheet.
  await page.goto(participantsUrl);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV: with semicolons" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-semicolon\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain(";invitation sent (Asia/Vientiane);reminder sent (Asia/Vientiane)");
  expect(csv).toMatch(/Phetsamone Inthavong;[^\r\n]*;\d{4}-\d{2}-\d{2} \d{2}:\d{2};\r\n/);

  // The paper fallback: one sheet for the workshop's one day, then one per session.
  await page.getByRole("navigation", { name: "Workshop sections" }).getByRole("link", { name: "Attendance" }).click();
  await page.getByRole("link", { name: "Print sign-in sheets" }).click();
  const sheet = page.getByRole("region", { name: "Sign-in sheet · Day 1 · 9 February 2027" });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("columnheader")).toHaveText(["No.", "Name", "Organisation", "Country", "Signature"]);
  await expect(sheet.getByRole("row", { name: /Somphone Keomany/ })).toContainText("Ministry of Education and Sports");
  // Only the registered are printed; the others, if they come, write their names on the empty lines.
  await expect(sheet.getByRole("row", { name: /Khamla Vongsa/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "One page per session" }).click();
  await expect(page.getByRole("region", { name: /^Sign-in sheet · Day 1/ })).toHaveCount(3);
  await expect(page.getByText("08:30–09:00 · Opening")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Workshop sections" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print", exact: true })).toBeHidden();
});
