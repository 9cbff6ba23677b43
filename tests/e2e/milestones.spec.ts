import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

/** A calendar day a few days back, so "not in the future" holds in every time zone. */
function daysAgo(days: number) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The field (label, input, hint and error) that holds the labelled control. */
const fieldOf = (page: Page, label: string) =>
  page.locator(".field").filter({ has: page.getByLabel(label, { exact: true }) });

test("a focal point edits a milestone, adds evidence and a comment, and sees the history while the Secretariat watches live", async ({
  browser,
}) => {
  const fpContext = await browser.newContext();
  const secretariatContext = await browser.newContext();
  const fp = await fpContext.newPage();
  const secretariat = await secretariatContext.newPage();
  await signIn(fp, demo.focalPoint("KH"));
  await signIn(secretariat, demo.secretariat);

  // From the country page to the sector pipelines, then to one milestone.
  await fp.goto("/countries/kh");
  await expect(fp.getByRole("heading", { name: "Country-level milestones" })).toBeVisible();
  await fp.getByRole("link", { name: "Priority sectors and pipelines" }).click();
  await expect(fp.getByRole("heading", { name: "Priority sectors of Cambodia" })).toBeVisible();
  await expectAccessible(fp);
  const construction = fp.getByRole("region", { name: "Construction" });
  await construction.getByRole("link", { name: /Testing and certification/ }).click();
  await expect(fp.getByRole("heading", { level: 1, name: "Testing and certification" })).toBeVisible();
  await expectAccessible(fp);

  // The Secretariat reads the same milestone but cannot edit it.
  await secretariat.goto(fp.url());
  await expect(secretariat.getByRole("heading", { level: 1, name: "Testing and certification" })).toBeVisible();
  await expect(secretariat.getByRole("link", { name: "Edit milestone" })).toHaveCount(0);
  await expect(secretariat.getByText("Live", { exact: true })).toBeVisible();

  await fp.getByRole("link", { name: "Edit milestone" }).click();
  await expect(fp.getByRole("heading", { name: "Edit milestone" })).toBeVisible();
  await expectAccessible(fp);

  // Completed without an actual date: refused, the message beside the field, nothing saved.
  await fp.getByLabel("Status").selectOption("completed");
  await fp.getByLabel("Started").fill(daysAgo(120));
  await fp.getByRole("button", { name: "Save" }).click();
  await expect(fieldOf(fp, "Actual date").getByText("A completed milestone needs its actual date.")).toBeVisible();
  await expect(fp.getByLabel("Actual date")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(fp);

  await fp.getByLabel("Actual date").fill(daysAgo(2));
  await fp.getByLabel("Notes").fill("Testing modules endorsed by the National Training Board.");
  await fp.getByRole("button", { name: "Save" }).click();
  await expect(fp.getByText("The milestone has been saved.")).toBeVisible();
  const details = fp.getByRole("region", { name: "Details" });
  await expect(details.getByText("Completed", { exact: true })).toBeVisible();
  await expect(details.getByText("Testing modules endorsed by the National Training Board.")).toBeVisible();

  // The Secretariat's open page shows the change without a reload.
  await expect(
    secretariat.getByRole("region", { name: "Details" }).getByText("Completed", { exact: true }),
  ).toBeVisible();
  await expect(
    secretariat
      .getByRole("region", { name: "Details" })
      .getByText("Testing modules endorsed by the National Training Board."),
  ).toBeVisible();

  // Evidence: a link.
  const evidence = fp.getByRole("region", { name: "Evidence" });
  await evidence.getByLabel("Title of the link").fill("Testing and certification modules (construction)");
  await evidence.getByLabel("Web address").fill("https://example.org/kh/construction-testing.pdf");
  await evidence.getByRole("button", { name: "Add link" }).click();
  await expect(
    evidence.getByRole("link", { name: "Testing and certification modules (construction)" }),
  ).toHaveAttribute("href", "https://example.org/kh/construction-testing.pdf");
  await expect(evidence.getByLabel("Web address")).toHaveValue("");

  // Evidence: an uploaded file, served back as a download.
  await evidence.getByLabel("File", { exact: true }).setInputFiles({
    name: "Assessor list.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("name,trade\nAssessor 1,Masonry\n"),
  });
  await evidence.getByRole("button", { name: "Upload" }).click();
  const upload = evidence.getByRole("link", { name: "Assessor list.csv" });
  await expect(upload).toHaveAttribute("href", /^\/files\/[a-z0-9]+$/);
  const download = await fp.request.get((await upload.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe("name,trade\nAssessor 1,Masonry\n");

  // A comment.
  const comments = fp.getByRole("region", { name: "Comments" });
  await comments
    .getByLabel("Add a comment")
    .fill("Assessors for the first cohort are trained; results go to the next SLOM-WG meeting.");
  await comments.getByRole("button", { name: "Post comment" }).click();
  await expect(
    comments.getByText("Assessors for the first cohort are trained; results go to the next SLOM-WG meeting."),
  ).toBeVisible();
  await expect(
    secretariat.getByRole("region", { name: "Comments" }).getByText("Assessors for the first cohort are trained"),
  ).toBeVisible();

  // The history names who changed what, from → to.
  const events = fp.getByRole("region", { name: "History" }).locator(".history-list > li");
  await expect(events.nth(0)).toContainText("Sokha Chenda");
  await expect(events.nth(0)).toContainText("Evidence added: Assessor list.csv");
  await expect(events.nth(1)).toContainText("Evidence added: Testing and certification modules (construction)");
  await expect(events.nth(2)).toContainText("Sokha Chenda");
  await expect(events.nth(2)).toContainText(/Status: In progress\s*→\s*to\s*Completed/);
  await expect(events.nth(2)).toContainText("Notes changed");
  await expectAccessible(fp);

  // Removing evidence and deleting a comment ask first: "Cancel" keeps them.
  const removeLink = evidence.getByRole("button", {
    name: "Remove evidence: Testing and certification modules (construction)",
  });
  fp.once("dialog", (dialog) => void dialog.dismiss());
  await removeLink.click();
  await expect(removeLink).toBeEnabled();
  await expect(evidence.getByRole("link", { name: "Testing and certification modules (construction)" })).toBeVisible();
  fp.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Remove “Testing and certification modules (construction)”");
    void dialog.accept();
  });
  await removeLink.click();
  await expect(evidence.getByRole("link", { name: "Testing and certification modules (construction)" })).toHaveCount(0);
  await expect(events.nth(0)).toContainText("Evidence removed: Testing and certification modules (construction)");

  const deleteComment = comments.getByRole("button", { name: /^Delete your comment of/ });
  fp.once("dialog", (dialog) => void dialog.dismiss());
  await deleteComment.click();
  await expect(comments.getByText("Assessors for the first cohort are trained")).toBeVisible();
  fp.once("dialog", (dialog) => void dialog.accept());
  await deleteComment.click();
  await expect(comments.getByText("Assessors for the first cohort are trained")).toHaveCount(0);

  await fpContext.close();
  await secretariatContext.close();
});

test("a task-force member chooses a priority sector, finds its new pipeline, and removes it again while it is empty", async ({
  page,
}) => {
  await signIn(page, demo.taskForce("LA"));
  await page.goto("/countries/la/sectors");
  await expect(page.getByRole("heading", { name: "Priority sectors of Lao PDR" })).toBeVisible();
  // Sectors with recorded work offer no removal.
  await expect(page.getByRole("button", { name: "Remove Construction from the priority sectors" })).toHaveCount(0);

  const choose = page.getByRole("region", { name: "Choose a reference sector" });
  await choose.getByRole("button", { name: "Add as priority" }).click();
  await expect(choose.getByText("Choose a sector from the list.")).toBeVisible();
  await choose.getByLabel("Sector").selectOption({ label: "Tourism" });
  await choose.getByRole("button", { name: "Add as priority" }).click();
  await expect(page.getByText("Tourism is now a priority sector; its pipeline has been created.")).toBeVisible();
  const tourism = page.getByRole("region", { name: "Tourism" });
  await expect(tourism.getByRole("link")).toHaveCount(7);
  await expect(tourism.getByText("1 of 7 stages completed")).toBeVisible();
  await expectAccessible(page);

  const create = page.getByRole("region", { name: "Add a new sector" });
  await create.getByLabel("Sector name").fill("welding");
  await create.getByRole("button", { name: "Add sector" }).click();
  await expect(create.getByText("A sector with this name already exists: choose it from the list.")).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await tourism.getByRole("button", { name: "Remove Tourism from the priority sectors" }).click();
  await expect(page.getByText("Tourism is no longer a priority sector.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Tourism" })).toHaveCount(0);
});
