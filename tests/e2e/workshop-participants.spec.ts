import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

const WORKSHOP = "ASEAN Meeting of Skills Focal Points 2027";

// A list as a ministry might send it: semicolons, its own header spellings, one bad row,
// and an organisation a spreadsheet would run as a formula.
const CSV = [
  "Full name;E-mail;Category;Country;Organization;Gender;Status",
  "Souksavanh Keola;souksavanh.keola@example.test;Task force;Lao PDR;Ministry of Labour and Social Welfare;F;registered",
  "Hoang Minh Tuan;not-an-address;Focal point;VN;MOLISA;M;registered",
  "Bounmy Sithavong;bounmy.sithavong@example.test;Workers;LA;=SUM(1+1);M;registered",
  // Invited, never registered: when she comes anyway she is a walk-in.
  "Nguyễn Thị Hương;huong.nguyen@example.test;Task force;VN;MOLISA;F;invited",
].join("\n");

/** The seeded 2027 meeting is months away, so every check-in here is recorded outside its days. */
const CONFIRM_OUTSIDE_DAYS = /Record check-ins for .+ anyway/;

test("a facilitator imports participants and checks three in while the Secretariat's board follows live", async ({
  browser,
}) => {
  // Import, export, badges, four check-ins and their statistics on two screens: three times the usual time.
  test.slow();
  const facilitatorContext = await browser.newContext();
  const secretariatContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  const secretariat = await secretariatContext.newPage();

  await signIn(facilitator, demo.facilitator);
  await facilitator.goto("/workshops");
  await facilitator.getByRole("link", { name: WORKSHOP, exact: true }).first().click();
  await facilitator
    .getByRole("navigation", { name: "Workshop sections" })
    .getByRole("link", { name: "Participants" })
    .click();
  const workshopUrl = facilitator.url().replace(/\/participants$/, "");

  // Import: the preview names the bad row's problem before anything is written.
  await facilitator.getByRole("link", { name: "Import CSV" }).click();
  await facilitator.getByLabel("Or paste the CSV").fill(CSV);
  await facilitator.getByRole("button", { name: "Preview" }).click();
  await expect(facilitator.getByText("3 of 4 rows can be imported.")).toBeVisible();
  const badRow = facilitator.getByRole("row", { name: /Hoang Minh Tuan/ });
  await expect(badRow).toContainText("E-mail is not valid");
  await expectAccessible(facilitator);
  await facilitator.getByRole("button", { name: "Import 3 valid rows" }).click();
  await expect(facilitator.getByText("Imported 3 participants. 1 row with problems was skipped.")).toBeVisible();
  await expect(facilitator.getByRole("row", { name: /Souksavanh Keola/ })).toBeVisible();
  await expect(facilitator.getByRole("row", { name: /Bounmy Sithavong/ })).toBeVisible();
  await expect(facilitator.getByRole("row", { name: /Hoang Minh Tuan/ })).toHaveCount(0);
  await expectAccessible(facilitator);

  // Export: byte-order mark, the imported rows, and the formula neutralised.
  const [download] = await Promise.all([
    facilitator.waitForEvent("download"),
    facilitator.getByRole("link", { name: "Export CSV", exact: true }).click(),
  ]);
  const exported = await (await download.createReadStream()).toArray();
  const bytes = Buffer.concat(exported);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "name,email,category,country,organisation,sex,status,days attended,invitation sent (Asia/Ho_Chi_Minh),reminder sent (Asia/Ho_Chi_Minh)",
  );
  expect(csv).toContain(
    "Souksavanh Keola,souksavanh.keola@example.test,Task-force representative,LA,Ministry of Labour and Social Welfare,Female,Registered,0,,",
  );
  expect(csv).toContain("Bounmy Sithavong,bounmy.sithavong@example.test,Workers,LA,'=SUM(1+1),Male,Registered,0,,");

  // The badge code of one imported participant, as printed under the QR code.
  await facilitator.getByRole("link", { name: "Print badges" }).click();
  const badge = facilitator.getByRole("article", { name: "Badge of Bounmy Sithavong" });
  await expect(badge.getByRole("img", { name: "Check-in code for Bounmy Sithavong" })).toBeVisible();
  const badgeCode = (await badge.locator("code").textContent())!.trim();
  expect(badgeCode).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  await expectAccessible(facilitator);

  // The Secretariat watches the live board of the same workshop.
  await signIn(secretariat, demo.secretariat);
  await secretariat.goto(`${workshopUrl}/attendance`);
  await expect(secretariat.getByText("This board updates by itself as people are checked in.")).toBeVisible();
  await expect(secretariat.getByTestId("present-count")).toHaveText("0 present");
  await expect(secretariat.getByRole("heading", { name: "Check people in" })).toHaveCount(0);
  await expect(secretariat.locator(".live-status")).toHaveAttribute("data-status", "connected");
  await secretariat.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await expectAccessible(secretariat);

  // Check-in by search-and-tick. Today is not one of the workshop's days: nothing is recorded until confirmed.
  await facilitator.goto(`${workshopUrl}/attendance`);
  await expect(facilitator.locator(".live-status")).toHaveAttribute("data-status", "connected");
  await expect(facilitator.getByText(/is not one of this workshop's days in its time zone/)).toBeVisible();
  const search = facilitator.getByLabel("Find a participant");
  await search.fill("souksavanh");
  await facilitator.getByRole("button", { name: "Check in Souksavanh Keola" }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: /Nothing recorded: today/ })).toBeVisible();
  await expect(facilitator.getByTestId("present-count")).toHaveText(/^0 of \d+ present$/);
  await facilitator.getByLabel(CONFIRM_OUTSIDE_DAYS).check();
  await search.fill("souksavanh");
  await facilitator.getByRole("button", { name: "Check in Souksavanh Keola" }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: "Checked in: Souksavanh Keola" })).toBeVisible();
  // The box is emptied and keeps the cursor, ready for the next name.
  await expect(search).toHaveValue("");
  await expect(search).toBeFocused();
  await expect(secretariat.getByTestId("present-count")).toHaveText("1 present");
  await expect(secretariat.getByRole("table", { name: "Present" })).toContainText("Souksavanh Keola");

  // Accents and capitals do not matter: "huong" and "Nguyen" both find Nguyễn Thị Hương.
  for (const typed of ["huong", "Nguyen"]) {
    await search.fill(typed);
    await expect(facilitator.getByRole("button", { name: "Check in Nguyễn Thị Hương" })).toBeVisible();
  }
  await search.fill("thi huong");
  await expect(facilitator.locator(".tick-list li")).toHaveCount(1);
  await facilitator.getByRole("button", { name: "Check in Nguyễn Thị Hương" }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: "Checked in: Nguyễn Thị Hương" })).toBeVisible();
  await expect(search).toHaveValue("");
  await expect(search).toBeFocused();
  await expect(secretariat.getByTestId("present-count")).toHaveText("2 present");
  // She was invited and never registered: a walk-in, which the facilitator's board says.
  await expect(facilitator.getByRole("row", { name: /Nguyễn Thị Hương/ })).toContainText("walk-in");
  await expect(facilitator.getByRole("row", { name: /Souksavanh Keola/ })).not.toContainText("walk-in");

  // …and by the code on a badge; the same badge again is harmless.
  await facilitator.getByLabel("Badge code").fill(badgeCode);
  await facilitator.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: "Checked in: Bounmy Sithavong" })).toBeVisible();
  await expect(secretariat.getByTestId("present-count")).toHaveText("3 present");
  await expect(secretariat.getByRole("table", { name: "Present" })).toContainText("Bounmy Sithavong");
  await facilitator.getByLabel("Badge code").fill(badgeCode);
  await facilitator.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(
    facilitator.getByRole("status").filter({ hasText: /Already checked in at \d{2}:\d{2}: Bounmy Sithavong/ }),
  ).toBeVisible();
  await expect(facilitator.getByTestId("present-count")).toHaveText(/^3 of \d+ present$/);

  // A code from nowhere names nobody.
  await facilitator.getByLabel("Badge code").fill("AAAAAAAAAAAAAAAAAAAAAA");
  await facilitator.getByRole("button", { name: "Check in", exact: true }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: "Not a participant of this workshop" })).toBeVisible();
  await expectAccessible(facilitator);

  // The board changed without a reload, and its statistics count the three by sex…
  expect(await secretariat.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  const byDay = secretariat.getByRole("table", { name: "By day" });
  // attended, female, male, other, not stated
  await expect(byDay.getByRole("row").nth(1).getByRole("cell")).toHaveText(["3", "2", "1", "0", "0"]);
  // …the walk-in apart from those who registered, and countries by name.
  const byRegistration = secretariat.getByRole("table", { name: "Registered and attended" });
  // people, female, male, other, not stated, person-days
  await expect(
    byRegistration.getByRole("row", { name: /Came without registering \(walk-ins\)/ }).getByRole("cell"),
  ).toHaveText(["1", "1", "0", "0", "0", "1"]);
  await expect(secretariat.getByTestId("attendance-summary")).toContainText("1 came without registering (walk-ins)");
  const byCountry = secretariat.getByRole("table", { name: "By country" });
  await expect(byCountry.getByRole("rowheader")).toHaveText(["Lao PDR", "Viet Nam"]);

  // Undo a check-in made by mistake.
  await facilitator.getByRole("button", { name: "Undo the check-in of Bounmy Sithavong" }).click();
  await expect(secretariat.getByTestId("present-count")).toHaveText("2 present");

  await facilitatorContext.close();
  await secretariatContext.close();
});

/**
 * The device camera, faked at the browser's edge: getUserMedia returns a video
 * stream of a canvas showing whatever badge QR code the test put in
 * localStorage. Everything after the camera (the scanner, jsQR, the check-in) is real.
 */
function fakeCamera() {
  navigator.mediaDevices.getUserMedia = async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 480;
    canvas.height = 360;
    const context = canvas.getContext("2d")!;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(localStorage.getItem("fake-camera-svg") ?? "<svg xmlns='http://www.w3.org/2000/svg'/>")}`;
    const draw = () => {
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      if (image.complete) context.drawImage(image, 120, 60, 240, 240);
      requestAnimationFrame(draw);
    };
    draw();
    return canvas.captureStream(15);
  };
}

test("a badge alone checks nobody in; the facilitator's camera reads it", async ({ page, browser }) => {
  const facilitatorContext = await browser.newContext();
  await facilitatorContext.addInitScript(fakeCamera);
  const facilitator = await facilitatorContext.newPage();
  await signIn(facilitator, demo.facilitator);
  await facilitator.goto("/workshops");
  await facilitator.getByRole("link", { name: WORKSHOP, exact: true }).first().click();
  await facilitator
    .getByRole("navigation", { name: "Workshop sections" })
    .getByRole("link", { name: "Participants" })
    .click();
  await facilitator.getByRole("link", { name: "Print badges" }).click();
  const badge = facilitator.getByRole("article").first();
  const name = (await badge.getAttribute("aria-label"))!.replace(/^Badge of /, "");
  const code = (await badge.locator("code").textContent())!.trim();
  const svg = await badge.locator("svg").evaluate((el) => el.outerHTML);

  // Someone else who scans the badge with their phone lands on a refusal.
  await signIn(page, demo.focalPoint("KH"));
  await page.goto(`/check-in/${code}`);
  await expect(
    page.getByText("Only the workshop's facilitators can check people in. A badge alone checks nobody in."),
  ).toBeVisible();

  // The facilitator lands on the check-in desk with the code filled in; nothing is written until they confirm.
  await facilitator.goto(`/check-in/${code}`);
  await expect(facilitator.getByLabel("Badge code")).toHaveValue(code);
  await expect(facilitator.getByRole("heading", { name: "Check people in" })).toBeVisible();
  await expect(facilitator.getByRole("button", { name: `Check in ${name}` })).toBeVisible();

  // Scanning the badge with the camera checks the person in (today is not one of the workshop's days: confirmed).
  await facilitator.getByLabel(CONFIRM_OUTSIDE_DAYS).check();
  await facilitator.evaluate((markup) => localStorage.setItem("fake-camera-svg", markup), svg);
  await facilitator.getByRole("button", { name: "Start camera" }).click();
  await expect(facilitator.getByRole("status").filter({ hasText: `Checked in: ${name}` })).toBeVisible({
    timeout: 15_000,
  });
  await expect(facilitator.getByRole("table", { name: "Present" })).toContainText(name);
  await facilitator.getByRole("button", { name: "Stop camera" }).click();
  await facilitatorContext.close();
});

test("an invited focal point finds the invitation on their account page, answers it, and gets a badge", async ({
  page,
}) => {
  await signIn(page, demo.focalPoint("MY"));
  await page.goto("/account");
  const mine = page.getByRole("region", { name: "My workshops" });
  const invitation = mine.getByRole("listitem").filter({ hasText: WORKSHOP });
  await expect(invitation).toContainText("Invited");
  await expect(invitation.getByRole("img", { name: `Check-in code for ${WORKSHOP}` })).toHaveCount(0);
  await invitation.getByRole("link", { name: "Answer the invitation" }).click();

  await expect(page).toHaveURL(/\/participants#own-registration$/);
  const own = page.getByRole("region", { name: "Your registration" });
  await expect(own).toContainText("You are invited to this workshop.");
  await own.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("You are registered. Your badge is on your account page.")).toBeVisible();

  await page.goto("/account");
  await expect(invitation).toContainText("Registered");
  await expect(invitation.getByRole("link", { name: "Answer the invitation" })).toHaveCount(0);
  await expect(invitation.getByRole("img", { name: `Check-in code for ${WORKSHOP}` })).toBeVisible();
  await expectAccessible(page);
});
