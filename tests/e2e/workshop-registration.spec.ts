import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible, signedInPage, signIn } from "./utils";
import { demo } from "../support/people";

const WORKSHOP = "National workshop on MRS in construction";
const GUEST = { name: "Malee Chanthavong", email: "malee.chanthavong@example.test" };

test("a facilitator adds registration questions; a guest answers them and gets the confirmation with badge and agenda", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.facilitator);
  test.slow();
  await page.goto("/workshops");
  await page.getByRole("link", { name: WORKSHOP }).first().click();
  await expect(page).toHaveURL(/\/workshops\/[a-z0-9]+$/);
  const participantsUrl = `${page.url()}/participants`;

  // Two common questions in one click each, and one of the facilitator's own.
  await page.goto(participantsUrl);
  await page.getByRole("link", { name: "Registration questions" }).click();
  await page.getByRole("button", { name: "Add “Dietary needs”" }).click();
  await expect(page.getByRole("button", { name: "Add “Dietary needs”" })).toHaveCount(0);
  await page.getByRole("button", { name: "Add “Do you need a visa invitation letter?”" }).click();
  await expect(page.getByRole("button", { name: /Add “Do you need a visa/ })).toHaveCount(0);
  const form = page.getByRole("region", { name: "Add a question" });
  await form.getByLabel("Question").fill("Hotel");
  await form.getByLabel("Kind of answer").selectOption({ label: "One choice from a list" });
  await form.getByLabel("Options").fill("Lao Plaza");
  await form.getByRole("button", { name: "Add question" }).click();
  await expect(form.getByText("Give at least two options, one per line.")).toBeVisible();
  await form.getByLabel("Question").fill("Arrival flight and time");
  await form.getByLabel("Kind of answer").selectOption({ label: "Short text" });
  await form.getByLabel("Options").fill("");
  await form.getByLabel("An answer is required").check();
  await form.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Arrival flight and time" })).toContainText("Required");
  await page.getByRole("button", { name: "Move “Arrival flight and time” up" }).click();
  await expect(page.locator("ol.registration-questions > li").nth(1)).toContainText("Arrival flight and time");
  await expectAccessible(page);

  // A guest without an account, added by hand, gets a registration link.
  await page.goto(`${participantsUrl}/new`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(GUEST.name);
  await page.getByRole("textbox", { name: "E-mail", exact: true }).fill(GUEST.email);
  await page.getByLabel("Category").selectOption({ label: "Employers" });
  await page.getByRole("button", { name: "Add participant" }).click();
  await page.getByRole("link", { name: `Edit ${GUEST.name}` }).click();
  await expect(page.getByRole("link", { name: `Print the badge of ${GUEST.name}` })).toBeVisible();
  await page.getByRole("button", { name: "Create registration link" }).click();
  const link = await page.locator("#registration-link").inputValue();
  expect(link).toMatch(/\/register\/[a-z2-7]{32}$/);

  // The guest registers; the required answer is asked for first.
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(new URL(link).pathname);
  await expect(guest.getByText("A few questions from the organisers")).toBeVisible();
  await expectAccessible(guest);
  await guest.getByRole("button", { name: "Register" }).click();
  await expect(guest.getByText("This field is required.")).toBeVisible();
  await guest.getByLabel("Arrival flight and time *").fill("QV 311, 8 February 10:40");
  await guest.getByLabel("Dietary needs").selectOption("Halal");
  await guest.getByRole("group", { name: "Do you need a visa invitation letter?" }).getByLabel("Yes").check();
  await guest.getByRole("button", { name: "Register" }).click();
  await expect(guest.getByRole("heading", { name: "Thank you, you are registered." })).toBeVisible();
  await expect(guest.getByText("A confirmation with your badge and the agenda is on its way")).toBeVisible();

  // The answers in the list, folded, and as columns of the export.
  await page.goto(participantsUrl);
  const row = page.getByRole("row", { name: new RegExp(GUEST.name) });
  await row.getByText("3 answers").click();
  await expect(row).toContainText("Halal");
  await expect(row).toContainText("QV 311, 8 February 10:40");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV", exact: true }).click(),
  ]);
  const [header, ...rows] = fs.readFileSync((await download.path())!, "utf8").split("\r\n");
  expect(header).toContain(",Dietary needs,Arrival flight and time,Do you need a visa invitation letter?");
  expect(rows.find((r) => r.startsWith(GUEST.name))).toContain(',Halal,"QV 311, 8 February 10:40",Yes');

  // The confirmation, as the administrator reads it in the outbox: badge link, badge image and calendar.
  const admin = await signedInPage(browser, demo.admin);
  await admin.goto("/admin/outbox");
  const mail = admin.locator("article.mail", { hasText: `To: ${GUEST.email}` }).first();
  await expect(mail.getByRole("heading")).toHaveText(`You are registered: ${WORKSHOP}`);
  const badgeLink = await mail.getByRole("link", { name: /\/badge\// }).getAttribute("href");
  await expect(mail.getByRole("link", { name: "badge.png" })).toBeVisible();
  const ics = await admin.request.get((await mail.getByRole("link", { name: "agenda.ics" }).getAttribute("href"))!);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\r\n$/);
  await admin.context().close();

  // The guest opens their badge from the message, without an account.
  await guest.goto(new URL(badgeLink!).pathname);
  await expect(guest.getByRole("heading", { name: "Your badge" })).toBeVisible();
  await expect(guest.getByRole("article", { name: `Badge of ${GUEST.name}` })).toBeVisible();
  await expectAccessible(guest);
  await guest.context().close();
});
