import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

const BANGKOK = "ASEAN Meeting of Skills Focal Points";
const AGREED = "Publish the national list of certified assessors for construction trades";

async function openBangkokOutcomes(page: Page) {
  await page.goto("/workshops");
  await page.getByRole("link", { name: BANGKOK, exact: true }).click();
  await page.getByRole("navigation", { name: "Workshop sections" }).getByRole("link", { name: "Outcomes" }).click();
  await expect(page.getByRole("heading", { name: "Agreed actions" })).toBeVisible();
}

test("a facilitator records an agreed action for Viet Nam; it lands in Viet Nam's plan with the workshop as its source", async ({
  browser,
}) => {
  const facilitatorContext = await browser.newContext();
  const focalPointContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  const focalPoint = await focalPointContext.newPage();
  await signIn(facilitator, demo.facilitator);
  await signIn(focalPoint, demo.focalPoint("VN"));

  await openBangkokOutcomes(facilitator);
  // The seeded agreed action shows what became of it in Cambodia, Lao PDR and Myanmar.
  const seeded = facilitator.getByRole("listitem").filter({
    hasText: "Nominate national assessors for the regional training",
  });
  await expect(seeded.getByRole("row", { name: /Myanmar/ }).getByText("Delayed")).toBeVisible();
  await expectAccessible(facilitator);

  // Record the agreed action; a bad due date is refused beside the field.
  const record = facilitator.getByRole("region", { name: "Record an outcome" });
  await record.getByLabel("Agreed action").check();
  await record.getByLabel("Text").fill(AGREED);
  await record.getByLabel("Due date").fill("2014-01-31");
  await record.getByRole("button", { name: "Record outcome" }).click();
  await expect(record.getByText("The due date cannot be before the workshop starts.")).toBeVisible();
  await record.getByLabel("Due date").fill("2027-06-30");
  await record.getByRole("button", { name: "Record outcome" }).click();
  await expect(facilitator.getByText("The outcome has been recorded.")).toBeVisible();

  // Assign it to Viet Nam.
  const outcome = facilitator.getByRole("listitem").filter({ hasText: AGREED });
  await expect(outcome.getByText("Not assigned to any country yet.")).toBeVisible();
  await outcome.getByText("Assign to countries").click();
  await outcome.getByLabel("Viet Nam").check();
  await expect(outcome.getByLabel("Due date for the countries")).toHaveValue("2027-06-30");
  await outcome.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(facilitator.getByText("Added as an action item to the plans of Viet Nam.")).toBeVisible();
  const row = outcome.getByRole("row", { name: /Viet Nam/ });
  await expect(row.getByRole("link", { name: "MRS action plan 2025-2027" })).toBeVisible();
  await expect(row.getByText("Not started")).toBeVisible();
  await expectAccessible(facilitator);

  // Viet Nam's focal point finds it in their plan, from this workshop.
  await focalPoint.goto("/action-plans");
  await focalPoint
    .getByRole("row", { name: /Viet Nam/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  const item = focalPoint.getByRole("row", { name: new RegExp(AGREED) });
  await expect(item).toBeVisible();
  await expect(item.getByRole("link", { name: BANGKOK })).toBeVisible();
  await expect(item.getByText("Not started")).toBeVisible();
  await expectAccessible(focalPoint);

  // The focal point starts on it; the facilitator's open page follows.
  await item.getByRole("link", { name: AGREED }).click();
  await expect(focalPoint.getByRole("heading", { name: "Edit action item" })).toBeVisible();
  await focalPoint.getByLabel("Status").selectOption("on_track");
  await focalPoint.getByLabel("Progress (%)").fill("25");
  await focalPoint.getByRole("button", { name: "Save" }).click();
  await expect(focalPoint.getByText("The action item has been saved.")).toBeVisible();
  await expect(row.getByText("On track")).toBeVisible();
  await expect(row.getByText("25%")).toBeVisible();

  // Now that Viet Nam has started, the facilitator cannot take it back.
  facilitator.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Remove Viet Nam" }).click();
  await expect(facilitator.getByText(/Already started by: Viet Nam/)).toBeVisible();

  await facilitatorContext.close();
  await focalPointContext.close();
});

test("an agreed action is recorded and given to Cambodia and Lao PDR in the same step", async ({ page }) => {
  await signIn(page, demo.facilitator);
  await openBangkokOutcomes(page);
  const text = "Publish the assessors' register on the ministry's website";
  const record = page.getByRole("region", { name: "Record an outcome" });
  await record.getByLabel("Agreed action").check();
  await record.getByLabel("Text").fill(text);
  await record.getByLabel("Cambodia").check();
  await record.getByLabel("Lao PDR").check();
  // Countries need the day they should have done it by; the ticks survive the refusal.
  await record.getByRole("button", { name: "Record outcome" }).click();
  await expect(record.getByText("Give the date the countries should have done it by.")).toBeVisible();
  await expect(record.getByLabel("Lao PDR")).toBeChecked();
  await record.getByLabel("Due date").fill("2027-06-30");
  await record.getByRole("button", { name: "Record outcome" }).click();
  await expect(
    page.getByText("The outcome has been recorded. Added as an action item to the plans of Cambodia, Lao PDR."),
  ).toBeVisible();
  const outcome = page.getByRole("listitem").filter({ hasText: text });
  await expect(outcome.getByRole("row", { name: /Cambodia/ }).getByText("Not started")).toBeVisible();
  await expect(outcome.getByRole("row", { name: /Lao PDR/ }).getByText("Not started")).toBeVisible();
  await expectAccessible(page);
});

test("the facilitator writes the minutes while a participant reads them live", async ({ browser }) => {
  const facilitatorContext = await browser.newContext();
  const readerContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  const reader = await readerContext.newPage();
  await signIn(facilitator, demo.facilitator);
  await signIn(reader, demo.focalPoint("KH"));
  await openBangkokOutcomes(facilitator);
  // Opening the page writes nothing: a facilitator starts the minutes.
  await facilitator.getByRole("button", { name: "Start the minutes" }).click();
  await expect(facilitator.getByText("The minutes are ready to be written.")).toBeVisible();
  await openBangkokOutcomes(reader);

  const writing = facilitator.getByRole("textbox", {
    name: "Minutes of the workshop",
  });
  const reading = reader.getByRole("textbox", {
    name: "Minutes of the workshop",
  });
  await expect(writing).toHaveAttribute("contenteditable", "true");
  await expect(reading).toHaveAttribute("contenteditable", "false");
  await expect(
    reader.getByText("You can read the minutes as they are written; the workshop's facilitators write them."),
  ).toBeVisible();

  await writing.click();
  await facilitator.keyboard.type("Opening: the Secretariat welcomed ten Member States.");
  await expect(reading).toContainText("Opening: the Secretariat welcomed ten Member States.");
  await expect(reader.getByLabel("In the document").getByText("Somchai Rattanakul")).toBeVisible();
  await expect(facilitator.locator(".editor-status")).toHaveText("All changes saved");
  await expectAccessible(reader);

  // What was written is there after a reload.
  await reader.reload();
  await expect(reader.getByRole("textbox", { name: "Minutes of the workshop" })).toContainText(
    "Opening: the Secretariat welcomed ten Member States.",
  );
  await facilitatorContext.close();
  await readerContext.close();
});
