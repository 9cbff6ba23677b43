import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signedInPage } from "./utils";
import { demo } from "../support/people";

/**
 * Issue 17's safety nets, as Viet Nam's focal point and the ASEAN Secretariat meet them: a
 * removal asks first, a restore can be undone, and a submission carries a covering note and
 * keeps the plan as submitted for the reviewers while the country goes on editing.
 */

async function openVietNamPlan(page: Page) {
  await page.goto("/action-plans");
  await page
    .getByRole("row", { name: /Viet Nam/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  await expect(page.getByRole("heading", { name: "Viet Nam: MRS action plan 2025-2027" })).toBeVisible();
}

/** Types a paragraph at the end of the narrative and waits until it is stored. */
async function typeParagraph(page: Page, text: string) {
  const editor = page.getByRole("textbox", { name: "Narrative of the action plan" });
  await expect(page.getByText("All changes saved")).toBeVisible();
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
  await expect(page.getByText("All changes saved")).toBeVisible();
}

test("removing an item asks first, a restore is undone, and the Secretariat reads the plan as submitted", async ({
  browser,
}) => {
  const fp = await signedInPage(browser, demo.focalPoint("VN"));
  await openVietNamPlan(fp);
  const planUrl = fp.url();
  const firstItem = fp.locator("tbody tr").first().getByRole("link").first();
  const activity = (await firstItem.textContent())!;

  // Removing asks on a page of its own; "keep it" leaves the item alone.
  await firstItem.click();
  await fp.getByRole("link", { name: "Remove this action item" }).click();
  await expect(fp.getByRole("heading", { name: "Remove this action item?" })).toBeVisible();
  await expect(fp.getByText(activity, { exact: true })).toBeVisible();
  await expectAccessible(fp);
  await fp.getByRole("link", { name: "No, keep it" }).click();
  await expect(fp.getByRole("heading", { name: "Edit action item" })).toBeVisible();
  await fp.getByRole("link", { name: "Remove this action item" }).click();
  await fp.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(fp.getByText("The action item has been removed.")).toBeVisible();
  await expect(fp.getByRole("link", { name: activity, exact: true })).toHaveCount(0);
  // The message belongs to the page it came with: it does not follow the person to the next one.
  await fp.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Action plans" }).click();
  await expect(fp.getByRole("heading", { name: "Action plans", level: 1 })).toBeVisible();
  await expect(fp.getByText("The action item has been removed.")).toHaveCount(0);

  // A named version, then a paragraph, then the version restored: and the restore undone.
  await fp.goto(planUrl);
  await fp.getByLabel("Name of the version").fill("Before the Hanoi meeting");
  await fp.getByRole("button", { name: "Keep this version" }).click();
  await expect(fp.getByText('Version "Before the Hanoi meeting" kept.')).toBeVisible();
  await expect(fp.getByLabel("Name of the version")).toHaveValue("");
  await typeParagraph(fp, "A paragraph the restore takes away and the undo brings back.");
  const editor = fp.getByRole("textbox", { name: "Narrative of the action plan" });
  const versions = fp.getByRole("region", { name: "Versions" });
  await versions
    .getByRole("listitem")
    .filter({ hasText: "Before the Hanoi meeting" })
    .getByRole("button", { name: "Restore" })
    .click();
  await expect(
    fp.getByText(/Version "Before the Hanoi meeting" restored\. What it replaced is kept as "Before restore /),
  ).toBeVisible();
  await expect(editor).not.toContainText("A paragraph the restore takes away");
  const kept = versions.getByRole("listitem").filter({ hasText: "Kept by a restore" });
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText(/Before restore \d{1,2} \w{3} \d{4}/);
  await kept.getByRole("button", { name: "Restore" }).click();
  await expect(editor).toContainText("A paragraph the restore takes away and the undo brings back.");

  // Submitting has its own page: what happens next, a covering note, the confirmation.
  await fp.getByRole("link", { name: "Submit for review" }).click();
  await expect(fp.getByRole("heading", { name: "Submit the plan for review" })).toBeVisible();
  await expect(fp.getByRole("heading", { name: "What happens next" })).toBeVisible();
  await expectAccessible(fp);
  await fp.getByLabel("Covering note for the reviewers (optional)").fill("Section 2 is new since the Hanoi meeting.");
  await fp.getByRole("button", { name: "Submit for review" }).click();
  await expect(fp.getByText("The plan is now Submitted.")).toBeVisible();
  await expect(fp.locator(".submission-note")).toContainText("Section 2 is new since the Hanoi meeting.");
  // The country goes on editing after the submission.
  await typeParagraph(fp, "Written after the submission.");

  const secretariat = await signedInPage(browser, demo.secretariat);
  await secretariat.goto(planUrl);
  await expect(secretariat.locator(".submission-note")).toContainText("Section 2 is new since the Hanoi meeting.");
  await secretariat.getByRole("link", { name: "Read the plan as submitted" }).click();
  await expect(secretariat.getByRole("heading", { name: /As submitted/, level: 1 })).toBeVisible();
  await expect(secretariat.locator(".submission-note")).toContainText("Section 2 is new since the Hanoi meeting.");
  const asSubmitted = secretariat.getByRole("region", { name: "Narrative" });
  await expect(asSubmitted).toContainText("A paragraph the restore takes away and the undo brings back.");
  await expect(asSubmitted).not.toContainText("Written after the submission.");
  await expectAccessible(secretariat);

  await fp.context().close();
  await secretariat.context().close();
});
