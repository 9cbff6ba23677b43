import { expect, test, type Page } from "@playwright/test";
import mammoth from "mammoth";
import readXlsxFile from "read-excel-file/node";
import { demo } from "../support/people";
import { expectAccessible, signIn, signedInPage } from "./utils";

/**
 * Issue 13's donor report, end to end: the ILO facilitator defines an indicator of the ILO/Korea
 * CLM project, checks a person in at one of its 2016 workshops in another browser, sees the 2016
 * report's actual rise without reloading, locks the period, and the locked figure stays, also in
 * the DOCX and XLSX downloads read back with independent readers.
 */

const INDICATOR = "Employers' representatives trained at the national workshops";
const CONFIRM_OUTSIDE_DAYS = /Record check-ins for .+ anyway/;

/** Downloads what the link gives and returns the file's path on disk. */
async function downloaded(page: Page, link: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return download.path();
}

async function checkIn(page: Page, workshopTitle: string, name: string) {
  await page.goto("/workshops");
  await page.getByRole("link", { name: workshopTitle }).click();
  await page.getByRole("link", { name: "Attendance" }).first().click();
  await page.getByLabel(CONFIRM_OUTSIDE_DAYS).check();
  await page.getByLabel("Find a participant").fill(name);
  await page.getByRole("button", { name: `Check in ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Checked in: ${name}` })).toBeVisible();
}

test("a facilitator defines an indicator, sees the report rise live at a check-in, locks the period and downloads it", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.facilitator);
  await page.getByRole("link", { name: "Projects" }).click();
  await page.getByRole("link", { name: /Towards a Mutual Recognition of Skills/ }).click();
  await page.getByRole("link", { name: "Edit the results framework" }).click();

  // An indicator counted from the records: chosen from lists, no query written.
  const form = page.locator("form#indicator");
  await form.getByLabel("Under the output").selectOption({ label: "Tripartite partners trained, by sex" });
  await form.getByLabel("Indicator", { exact: true }).fill(INDICATOR);
  await form.getByLabel("Unit").fill("people");
  await form.getByLabel("Project target").fill("6");
  await form.getByLabel("What it counts").selectOption("people_trained");
  await form.getByRole("group", { name: "Kinds of workshop" }).getByLabel("National workshop").check();
  await form.getByRole("group", { name: "Participant categories" }).getByLabel("Employers").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The results framework is saved.")).toBeVisible();

  // The 2016 report: the three employers who came to the national workshops (Chan Dara, Bounmy Sisouk, Aye Aye Myint).
  await page.getByRole("link", { name: /ILO-KOR-CLM-MRS/ }).click();
  await page.getByRole("link", { name: "2016", exact: true }).click();
  const actual = page.locator(`tr[data-indicator="${INDICATOR}"] .report-actual`);
  await expect(actual).toHaveText("3");
  await expect(page.locator(".live-status")).toHaveAttribute("data-status", "connected");
  await expectAccessible(page);

  // Kim Sophal (Cambodia's employers) did not come on the day; checked in now, in another browser.
  const desk = await signedInPage(browser, demo.facilitator);
  await checkIn(desk, "National workshop on the mutual recognition of skills in construction, Cambodia", "Kim Sophal");
  await expect(actual).toHaveText("4");
  await page.locator(`tr[data-indicator="${INDICATOR}"] .report-actual a`).click();
  await expect(page.locator(".report-source").filter({ hasText: INDICATOR })).toContainText("Kim Sophal");

  // Reviewed and locked: the figures are kept as they are.
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByText("The period's status is changed.")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Lock the period" }).click();
  await expect(page.getByText("The period is locked.")).toBeVisible();
  await expect(page.getByText(/Locked by Somchai Rattanakul/)).toBeVisible();

  // Another employer checked in after the lock changes nothing in the locked report.
  await checkIn(
    desk,
    "National workshop on the mutual recognition of skills in construction, Lao PDR",
    "Somphone Chan",
  );
  await page.reload();
  await expect(actual).toHaveText("4");
  await expect(page.getByRole("button", { name: "Lock the period" })).toHaveCount(0);

  // The downloads say the same: the indicator's row (source, baseline, period target, actual) in the DOCX,
  // and the actual as a number in the XLSX's indicator sheet.
  const row = `${INDICATOR} (people)`;
  const { value: text } = await mammoth.extractRawText({ path: await downloaded(page, "Download DOCX") });
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  expect(lines.slice(lines.indexOf(row), lines.indexOf(row) + 5)).toEqual([row, "Counted", "0", "—", "4"]);
  expect(text).toContain("Kim Sophal");
  expect(text).not.toContain("Somphone Chan");
  const [indicators] = await readXlsxFile(await downloaded(page, "Download XLSX"));
  expect(indicators!.data.find((cells) => cells[1] === row)?.[5]).toBe(4);
  await desk.context().close();
});
