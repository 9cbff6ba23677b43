import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

/**
 * A workshop from start to finish, as one facilitator runs it: the agenda, the
 * participant list from a ministry's CSV (one bad row), the check-in while the
 * Secretariat watches the board, and an agreed action that lands in a
 * country's action plan. Each step is tested in depth in its own spec; this one
 * checks that they join up.
 */
const TITLE = "Regional workshop on MRS for tourism";
const AGREED = "Pilot the tourism competency standard in two provinces";
const PARTICIPANTS_CSV = [
  "name,email,category,country,organisation,sex,status",
  "Pham Thu Ha,pham.thu.ha@example.test,Task force,VN,MOLISA,F,registered",
  "Chanthy Kim,not-an-address,Focal point,KH,MOLVT,F,registered",
  "Bui Van Long,bui.van.long@example.test,Employers,VN,VCCI,M,registered",
].join("\n");

test("a facilitator builds the agenda, imports participants, checks two in while the Secretariat's board follows, and an agreed action reaches Viet Nam's plan", async ({
  browser,
}) => {
  const facilitatorContext = await browser.newContext();
  const secretariatContext = await browser.newContext();
  const focalPointContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  const secretariat = await secretariatContext.newPage();
  const focalPoint = await focalPointContext.newPage();
  await signIn(facilitator, demo.facilitator);

  // The workshop, in Hanoi's time.
  await facilitator.goto("/workshops");
  await facilitator.getByRole("link", { name: "New workshop" }).click();
  await facilitator.getByLabel("Title").fill(TITLE);
  await facilitator.getByLabel("Kind of workshop").selectOption({ label: "Regional meeting" });
  await facilitator.getByLabel("Host country").selectOption({ label: "Viet Nam" });
  await expect(facilitator.getByLabel("Time zone")).toHaveValue(/^Asia\/(Ho_Chi_Minh|Bangkok)$/);
  await facilitator.getByLabel("City").fill("Hanoi");
  await facilitator.getByLabel("First day").fill("2031-05-13");
  await facilitator.getByLabel("Last day").fill("2031-05-14");
  await facilitator.getByRole("button", { name: "Create workshop" }).click();
  await expect(facilitator.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const workshopUrl = facilitator.url().replace(/\/agenda$/, "");

  // Agenda: two sessions, the second overlapping the first.
  for (const session of [
    { start: "09:00", end: "10:00", title: "Opening and tourism standards", type: "Opening" },
    { start: "09:45", end: "11:00", title: "Country reports", type: "Plenary" },
  ]) {
    await facilitator.getByRole("link", { name: "Add session", exact: true }).click();
    await facilitator.getByLabel("Day", { exact: true }).selectOption({ index: 0 });
    await facilitator.getByLabel("Starts").fill(session.start);
    await facilitator.getByLabel("Ends").fill(session.end);
    await facilitator.getByLabel("Title").fill(session.title);
    await facilitator.getByLabel("Type of session").selectOption({ label: session.type });
    await facilitator.getByRole("button", { name: "Add session" }).click();
    await expect(facilitator.getByRole("heading", { name: "Agenda", exact: true })).toBeVisible();
  }
  await expect(facilitator.getByText("Overlaps with “Opening and tourism standards”")).toBeVisible();

  // Participants from a CSV: the bad row is named in the preview and left out.
  await facilitator
    .getByRole("navigation", { name: "Workshop sections" })
    .getByRole("link", { name: "Participants" })
    .click();
  await facilitator.getByRole("link", { name: "Import CSV" }).click();
  await facilitator.getByLabel("Or paste the CSV").fill(PARTICIPANTS_CSV);
  await facilitator.getByRole("button", { name: "Preview" }).click();
  await expect(facilitator.getByText("2 of 3 rows can be imported.")).toBeVisible();
  await expect(facilitator.getByRole("row", { name: /Chanthy Kim/ })).toContainText("E-mail is not valid");
  await facilitator.getByRole("button", { name: "Import 2 valid rows" }).click();
  await expect(facilitator.getByText("Imported 2 participants. 1 row with problems was skipped.")).toBeVisible();

  // The Secretariat watches the board while the facilitator checks two people in.
  await signIn(secretariat, demo.secretariat);
  await secretariat.goto(`${workshopUrl}/attendance`);
  await expect(secretariat.getByTestId("present-count")).toHaveText("0 present");
  await expect(secretariat.locator(".live-status")).toHaveAttribute("data-status", "connected");
  await facilitator.goto(`${workshopUrl}/attendance`);
  // The workshop is in 2031: check-ins recorded today are confirmed as such.
  await facilitator.getByLabel(/Record check-ins for .+ anyway/).check();
  for (const name of ["Pham Thu Ha", "Bui Van Long"]) {
    await facilitator.getByLabel("Find a participant").fill(name.split(" ")[0]!);
    await facilitator.getByRole("button", { name: `Check in ${name}` }).click();
    await expect(facilitator.getByRole("status").filter({ hasText: `Checked in: ${name}` })).toBeVisible();
  }
  await expect(secretariat.getByTestId("present-count")).toHaveText("2 present");
  await expect(secretariat.getByRole("table", { name: "Present" })).toContainText("Pham Thu Ha");
  await expect(secretariat.getByRole("table", { name: "Present" })).toContainText("Bui Van Long");
  await expectAccessible(secretariat);

  // The agreed action, assigned to Viet Nam.
  await facilitator
    .getByRole("navigation", { name: "Workshop sections" })
    .getByRole("link", { name: "Outcomes" })
    .click();
  const record = facilitator.getByRole("region", { name: "Record an outcome" });
  await record.getByLabel("Agreed action").check();
  await record.getByLabel("Text").fill(AGREED);
  await record.getByLabel("Due date").fill("2031-12-31");
  await record.getByRole("button", { name: "Record outcome" }).click();
  await expect(facilitator.getByText("The outcome has been recorded.")).toBeVisible();
  const outcome = facilitator.getByRole("listitem").filter({ hasText: AGREED });
  await outcome.getByText("Assign to countries").click();
  await outcome.getByLabel("Viet Nam").check();
  await outcome.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(facilitator.getByText("Added as an action item to the plans of Viet Nam.")).toBeVisible();

  // Viet Nam's focal point finds it in the plan, with this workshop as its source.
  await signIn(focalPoint, demo.focalPoint("VN"));
  await focalPoint.goto("/action-plans");
  await focalPoint
    .getByRole("row", { name: /Viet Nam/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  const item = focalPoint.getByRole("row", { name: new RegExp(AGREED) });
  await expect(item.getByRole("link", { name: TITLE })).toBeVisible();

  // The workshop's overview tells the whole story.
  await facilitator
    .getByRole("navigation", { name: "Workshop sections" })
    .getByRole("link", { name: "Overview" })
    .click();
  await expect(facilitator.getByText("Country reports")).toBeVisible();
  await expect(facilitator.getByText(AGREED)).toBeVisible();
  await expectAccessible(facilitator);

  for (const context of [facilitatorContext, secretariatContext, focalPointContext]) await context.close();
});
