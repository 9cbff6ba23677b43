import readXlsxFile from "read-excel-file/node";
import { expect, test } from "@playwright/test";
import { demo } from "../support/people";
import { expectAccessible, signedInPage, signIn } from "./utils";

/**
 * Meeting briefs (issue 13, decision 023): the Secretariat builds the regional pack for the next
 * meeting (the 2027 meeting in Hanoi, counted since the 2015 one in Bangkok) and downloads its
 * summary; Viet Nam's focal point writes a note for the meeting and finds it in Viet Nam's brief,
 * which the Secretariat then reads too.
 */

test("the Secretariat builds the pack for the next meeting; Viet Nam's focal point adds a note to Viet Nam's brief", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.secretariat);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meeting briefs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meeting briefs" })).toBeVisible();
  await page.getByRole("link", { name: "ASEAN Meeting of Skills Focal Points 2027" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "ASEAN Meeting of Skills Focal Points 2027, Hanoi",
  );
  await expect(page.getByLabel("Changes since")).toHaveValue("2015-08-10");
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByRole("row")).toHaveCount(11);
  await expectAccessible(page);

  // A day that cannot be counted from: said beside the field, the briefs counted from the last meeting.
  await page.getByLabel("Changes since").fill("2027-04-01");
  await page.getByRole("button", { name: "Count again" }).click();
  await expect(page.getByText("Changes are counted from a day before the meeting")).toBeVisible();

  await page.getByRole("link", { name: "Open the regional pack" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Regional pack: Member States' briefs" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Brief: Viet Nam" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Brief: Lao PDR" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download XLSX summary" }).click();
  const sheets = await readXlsxFile(await (await download).createReadStream());
  const countries = sheets[0]!.data.slice(1).map((row) => row[0]);
  expect(countries).toHaveLength(10);
  expect(countries).toContain("VN");

  const vietNam = await signedInPage(browser, demo.focalPoint("VN"));
  await vietNam.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meeting briefs" }).click();
  await expect(vietNam.getByRole("heading", { level: 1, name: "Meeting briefs" })).toBeVisible();
  await vietNam.getByRole("link", { name: "ASEAN Meeting of Skills Focal Points 2027" }).click();
  // Their own country's brief only: no summary of the others.
  await expect(vietNam.getByRole("region", { name: "Summary" })).toHaveCount(0);
  await vietNam.getByRole("link", { name: "Brief: Viet Nam" }).click();
  const note = "Viet Nam will present the validated tourism standard and asks for support with assessor training.";
  await vietNam.getByLabel("Note", { exact: true }).fill(note);
  await vietNam.getByRole("button", { name: "Save the note" }).click();
  await expect(vietNam.getByText("Your note is saved.")).toBeVisible();
  const brief = vietNam.locator("article.document-sheet");
  await expect(brief.getByRole("heading", { name: "Note from the focal point" })).toBeVisible();
  await expect(brief).toContainText(note);
  await expectAccessible(vietNam);
  // Another country's brief is not theirs to read.
  const laos = await vietNam.goto(vietNam.url().replace(/\/vn$/, "/la"));
  expect(laos?.status()).toBe(403);
  await vietNam.context().close();

  await page.goto(page.url().replace(/\/pack.*$/, "/vn"));
  await expect(page.locator("article.document-sheet")).toContainText(note);
});
