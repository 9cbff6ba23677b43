import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

/** Adds a session through the form; the day is chosen by its position ("Day 1"). */
async function addSession(
  page: Page,
  session: { day: number; start: string; end: string; title: string; type: string; speaker?: string },
) {
  await page.getByRole("link", { name: "Add session", exact: true }).click();
  await expect(page.getByRole("heading", { name: "New session" })).toBeVisible();
  await page.getByLabel("Day", { exact: true }).selectOption({ index: session.day - 1 });
  await page.getByLabel("Starts").fill(session.start);
  await page.getByLabel("Ends").fill(session.end);
  await page.getByLabel("Title").fill(session.title);
  await page.getByLabel("Type of session").selectOption({ label: session.type });
  if (session.speaker) await page.getByLabel("Name (person 1)").fill(session.speaker);
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(page.getByRole("heading", { name: "Agenda", exact: true })).toBeVisible();
}

/** A session of the agenda by its exact title (other sessions mention it in their overlap warnings). */
const sessionItem = (page: Page, title: string) =>
  page
    .locator(".agenda-session")
    .filter({ has: page.locator(".agenda-title strong").getByText(title, { exact: true }) });

const sessionTimes = (page: Page) =>
  page
    .locator(".agenda-day")
    .first()
    .locator(".agenda-session")
    .evaluateAll((items) =>
      items.map(
        (li) =>
          `${li.querySelector(".agenda-time")!.textContent!.trim().replace("⠿", "")} ${li.querySelector(".agenda-title strong")!.textContent}`,
      ),
    );

test("a facilitator creates a workshop, builds its agenda, reorders it by keyboard and mouse, downloads it as iCalendar and links the concept note", async ({
  page,
}) => {
  await signIn(page, demo.facilitator);
  await page.goto("/workshops");
  await page.getByRole("link", { name: "New workshop" }).click();
  await expect(page.getByRole("heading", { name: "New workshop" })).toBeVisible();
  await expectAccessible(page);

  // A mistake first: the last day before the first is refused beside the field.
  await page.getByLabel("Title").fill("Regional validation of the AQRF referencing reports");
  await page.getByLabel("Kind of workshop").selectOption({ label: "Consultation/validation workshop" });
  await page.getByLabel("Host country").selectOption({ label: "Indonesia" });
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Jakarta");
  await page.getByLabel("Venue").fill("Hotel Borobudur");
  await page.getByLabel("City").fill("Jakarta");
  await page.getByLabel("First day").fill("2031-03-10");
  await page.getByLabel("Last day").fill("2031-03-09");
  await page.getByLabel("Objectives").fill("Validate the referencing reports of the CLM countries.");
  await page.getByRole("button", { name: "Create workshop" }).click();
  await expect(page.getByText("The last day cannot be before the first day.")).toBeVisible();
  await expect(page.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Last day").fill("2031-03-11");
  await page.getByRole("button", { name: "Create workshop" }).click();

  // The new workshop opens on its (empty) agenda, in Jakarta's time.
  await expect(
    page.getByRole("heading", { level: 1, name: "Regional validation of the AQRF referencing reports" }),
  ).toBeVisible();
  await expect(page.getByText("Times are in Western Indonesia Time (Asia/Jakarta).")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Day 1 · 10 March 2031" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Day 2 · 11 March 2031" })).toBeVisible();

  await addSession(page, {
    day: 1,
    start: "09:00",
    end: "09:30",
    title: "Opening remarks",
    type: "Opening",
    speaker: "Somchai Rattanakul",
  });
  await addSession(page, {
    day: 1,
    start: "09:30",
    end: "10:30",
    title: "Referencing reports: Cambodia",
    type: "Plenary",
  });
  await addSession(page, {
    day: 1,
    start: "10:45",
    end: "11:30",
    title: "Referencing reports: Lao PDR",
    type: "Plenary",
  });
  // This one overlaps the Lao PDR session: saved, but flagged in words.
  await addSession(page, { day: 1, start: "11:00", end: "12:00", title: "Group work on comments", type: "Group work" });
  await expect(page.getByText("Saved, but it overlaps “Referencing reports: Lao PDR”. Check the times.")).toBeVisible();
  await expect(page.getByText("2 sessions overlap others. They are marked below; check their times.")).toBeVisible();
  await expect(page.getByText("Overlaps with “Group work on comments”")).toBeVisible();
  await expect(page.getByText("Overlaps with “Referencing reports: Lao PDR”")).toBeVisible();

  // A session that ends before it starts is refused beside the field (days outside the workshop
  // cannot be chosen in the form; the server refuses them too, see tests/integration/agenda.test.ts).
  await page.getByRole("link", { name: "Add session", exact: true }).click();
  await page.getByLabel("Starts").fill("15:00");
  await page.getByLabel("Ends").fill("14:00");
  await page.getByLabel("Title").fill("Backwards");
  await page.getByRole("button", { name: "Add session" }).click();
  await expect(page.getByText("The session must end after it starts.")).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();

  await expect
    .poll(() => sessionTimes(page))
    .toEqual([
      "09:00–09:30 Opening remarks",
      "09:30–10:30 Referencing reports: Cambodia",
      "10:45–11:30 Referencing reports: Lao PDR",
      "11:00–12:00 Group work on comments",
    ]);
  await expectAccessible(page);

  // Keyboard: move the Lao PDR session earlier; the move is announced and the focus is back on its button.
  // Redrawing the list in its new order takes the focus off the moved button, so each focus check comes after
  // the new order is on screen: a check before it would pass on the focus of before the move.
  const moveUp = page.getByRole("button", { name: "Move Referencing reports: Lao PDR earlier" });
  await moveUp.focus();
  await expect(moveUp).toBeFocused();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => sessionTimes(page))
    .toEqual([
      "09:00–09:30 Opening remarks",
      "09:30–10:15 Referencing reports: Lao PDR",
      "10:30–11:30 Referencing reports: Cambodia",
      "11:00–12:00 Group work on comments",
    ]);
  await expect(
    page.getByText("Referencing reports: Lao PDR moved to position 2 of 4, now 09:30–10:15."),
  ).toBeAttached();
  await expect(moveUp).toBeFocused();
  // Once more reaches the top; the focus then lands on its "Move later" button, since "earlier" is no longer possible.
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await sessionTimes(page))[0]).toBe("09:00–09:45 Referencing reports: Lao PDR");
  await expect(
    page.getByText("Referencing reports: Lao PDR moved to position 1 of 4, now 09:00–09:45."),
  ).toBeAttached();
  await expect(page.getByRole("button", { name: "Move Referencing reports: Lao PDR later" })).toBeFocused();

  // With the mouse: drag the group work onto the second place of the day.
  await sessionItem(page, "Group work on comments").dragTo(sessionItem(page, "Opening remarks"));
  await expect(page.getByText(/^Group work on comments moved to position 2 of 4/)).toBeAttached();
  await expect
    .poll(async () => (await sessionTimes(page)).map((line) => line.slice(12)))
    .toEqual([
      "Referencing reports: Lao PDR",
      "Group work on comments",
      "Opening remarks",
      "Referencing reports: Cambodia",
    ]);

  // The calendar file carries the workshop's zone and every session.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download calendar (.ics)" }).click();
  const file = await (await download).path();
  const ics = fs.readFileSync(file!, "utf8");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics).toContain("\r\nTZID:Asia/Jakarta\r\n");
  expect(ics).toContain("\r\nDTSTART;TZID=Asia/Jakarta:20310310T090000\r\n");
  expect(ics).toContain("\r\nSUMMARY:Referencing reports: Lao PDR\r\n");
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);

  // Materials: the concept note as a link (a non-web address is refused beside the field), shown on the overview.
  await page.getByRole("link", { name: "Edit workshop" }).click();
  await page.getByLabel("Title of the link").fill("Concept note");
  await page.getByLabel("Web address").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByText("Enter a web address starting with https:// or http://.")).toBeVisible();
  await page.getByLabel("Web address").fill("https://www.ilo.org/asia/concept-note-aqrf-validation");
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByRole("link", { name: "Open Concept note (link)" })).toBeVisible();
  await page.getByLabel("Title of the file").fill("Concept note (PDF)");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "concept-note.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 concept note"),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  const fileLink = page.getByRole("link", { name: /^Download Concept note \(PDF\)/ });
  await expect(fileLink).toBeVisible();
  const downloaded = page.waitForEvent("download");
  await fileLink.click();
  expect(fs.readFileSync((await (await downloaded).path())!, "utf8")).toBe("%PDF-1.4 concept note");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Materials" }).getByRole("link", { name: "Open Concept note (link)" }),
  ).toHaveAttribute("href", "https://www.ilo.org/asia/concept-note-aqrf-validation");
});

test("everyone who may read a workshop sees its agenda read-only, with the zone named", async ({ page }) => {
  await signIn(page, demo.focalPoint("KH"));
  await page.goto("/workshops");
  await page.getByRole("link", { name: "ASEAN Meeting of Skills Focal Points", exact: true }).click();
  await page.getByRole("link", { name: "Agenda", exact: true }).click();
  await expect(page.getByText("Times are in Indochina Time (Asia/Bangkok).")).toBeVisible();
  await expect(page.getByText("Opening and welcome remarks")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add session" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit workshop" })).toHaveCount(0);
  await expectAccessible(page);
});

test("during the workshop the agenda shows what is on now and next, and moves on as time passes", async ({ page }) => {
  await signIn(page, demo.observer);
  await page.goto("/workshops");
  const bangkok = await page
    .getByRole("link", { name: "ASEAN Meeting of Skills Focal Points", exact: true })
    .getAttribute("href");
  // 10:00 in Bangkok on the first day of the meeting.
  await page.clock.install({ time: new Date("2015-08-10T03:00:00Z") });
  await page.goto(`${bangkok}/agenda`);
  const live = page.getByRole("status").filter({ hasText: "On now" });
  await expect(live).toHaveText(
    "On now: Skills development and the AEC 2015: challenges and opportunities, until 10:30. Next: Coffee break at 10:30.",
  );
  await expect(sessionItem(page, "Skills development and the AEC 2015: challenges and opportunities")).toHaveAttribute(
    "aria-current",
    "time",
  );
  await expect(sessionItem(page, "Coffee break").getByText("Next", { exact: true })).toBeVisible();

  await page.clock.fastForward("40:00");
  await expect(live).toHaveText(
    "On now: Coffee break, until 10:45. Next: Country updates on MRS action plans (part 1) at 10:45.",
  );
  await expect(sessionItem(page, "Coffee break")).toHaveAttribute("aria-current", "time");
});

test("a facilitator attaches slides to a session and publishes the agenda: a stranger reads it and downloads the public slides, not the private notes, until it is switched off", async ({
  page,
  browser,
}) => {
  await signIn(page, demo.facilitator);
  await page.goto("/workshops/new");
  await page.getByLabel("Title").fill("Vientiane dialogue on skills recognition");
  await page.getByLabel("Kind of workshop").selectOption({ label: "Consultation/validation workshop" });
  await page.getByLabel("Host country").selectOption({ label: "Lao PDR" });
  await page.getByLabel("Venue").fill("Lao Plaza Hotel");
  await page.getByLabel("City").fill("Vientiane");
  await page.getByLabel("First day").fill("2031-06-02");
  await page.getByLabel("Last day").fill("2031-06-03");
  await page.getByRole("button", { name: "Create workshop" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vientiane dialogue on skills recognition" })).toBeVisible();
  await addSession(page, {
    day: 1,
    start: "09:00",
    end: "10:30",
    title: "Recognising prior learning in tourism",
    type: "Plenary",
    speaker: "Somchai Rattanakul",
  });
  const agendaUrl = page.url();

  // From the session on the agenda to its page, where slides (public) and internal notes (not) are uploaded.
  await page.getByRole("link", { name: "Add slides or papers to Recognising prior learning in tourism" }).click();
  await expect(page.getByRole("heading", { name: "Slides and papers of this session" })).toBeVisible();
  const upload = page.getByRole("form", { name: "Upload a file" });
  await upload.getByLabel("Title of the file").fill("RPL slides");
  await upload.getByLabel("File", { exact: true }).setInputFiles({
    name: "rpl-slides.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 public slides"),
  });
  await upload.getByLabel("Show on the public agenda").check();
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("link", { name: /^Download RPL slides/ })).toBeVisible();
  // A file of a kind the store refuses is refused beside the field, and nothing is added.
  await upload.getByLabel("File", { exact: true }).setInputFiles({
    name: "notes.html",
    mimeType: "text/html",
    buffer: Buffer.from("<script>alert(1)</script>"),
  });
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").or(page.locator(".field-error")).first()).toBeVisible();
  await upload.getByLabel("Title of the file").fill("Facilitators' notes");
  await upload.getByLabel("File", { exact: true }).setInputFiles({
    name: "notes.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 private notes"),
  });
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("link", { name: /^Download Facilitators' notes/ })).toBeVisible();
  const privateHref = await page.getByRole("link", { name: /^Download Facilitators' notes/ }).getAttribute("href");
  await expectAccessible(page);

  // Both are listed under the session on the agenda, the public one marked so.
  await page.goto(agendaUrl);
  const session = sessionItem(page, "Recognising prior learning in tourism");
  await expect(session.getByRole("link", { name: /^Download RPL slides/ })).toBeVisible();
  await expect(session.getByRole("link", { name: /^Download Facilitators' notes/ })).toBeVisible();

  // The public page is off until the facilitator switches it on.
  await expect(page.getByText(/^Off: only people signed in/)).toBeVisible();
  await page.getByRole("button", { name: "Switch on" }).click();
  await expect(page.getByText("The public agenda page is on.")).toBeVisible();
  const publicUrl = (await page
    .getByRole("region", { name: "Public agenda page" })
    .getByRole("link")
    .getAttribute("href"))!;
  expect(publicUrl).toMatch(/\/agenda\/[A-Za-z0-9_-]{22}$/);
  await expectAccessible(page);

  // A stranger, not signed in, reading Indonesian.
  const stranger = await browser.newContext({ locale: "id-ID", viewport: { width: 390, height: 844 } });
  const anonymous = await stranger.newPage();
  const opened = await anonymous.goto(publicUrl);
  expect(opened!.status()).toBe(200);
  expect(opened!.headers()["cache-control"]).toBe("no-cache");
  await expect(
    anonymous.getByRole("heading", { level: 1, name: "Vientiane dialogue on skills recognition" }),
  ).toBeVisible();
  // The host country in the reader's language too.
  await expect(anonymous.getByText("Lao Plaza Hotel, Vientiane, Laos")).toBeVisible();
  await expect(anonymous.getByText(/Asia\/Vientiane/)).toBeVisible();
  await expect(anonymous.getByText("Somchai Rattanakul (Pembicara)")).toBeVisible();
  await expect(anonymous.getByRole("link", { name: /^Unduh RPL slides/ })).toBeVisible();
  await expect(anonymous.getByText("Facilitators' notes")).toHaveCount(0);
  // Nothing about who takes part (the loader's data is checked in tests/integration/agenda-materials.test.ts).
  await expect(anonymous.getByRole("link", { name: "Peserta", exact: true })).toHaveCount(0);
  await expect(anonymous.getByText(/terdaftar|hadir/i)).toHaveCount(0);
  await expectAccessible(anonymous);
  expect(await anonymous.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const slides = anonymous.waitForEvent("download");
  await anonymous.getByRole("link", { name: /^Unduh RPL slides/ }).click();
  expect(fs.readFileSync((await (await slides).path())!, "utf8")).toBe("%PDF-1.4 public slides");
  const calendar = await stranger.request.get(`${publicUrl}/calendar.ics`);
  expect(calendar.status()).toBe(200);
  expect(await calendar.text()).toContain("SUMMARY:Recognising prior learning in tourism");
  // The private notes: not through the public page, nor through the signed-in download route.
  const privateFileId = privateHref!.split("/").pop()!;
  expect((await stranger.request.get(`${publicUrl}/files/${privateFileId}`)).status()).toBe(404);
  const signedInRoute = await stranger.request.get(privateHref!, { maxRedirects: 0 });
  expect(signedInRoute.status()).not.toBe(200);

  // Switched off, the page, its calendar and its files are gone at once.
  await page.getByRole("button", { name: "Switch off" }).click();
  await expect(page.getByText("The public agenda page is off; its link no longer opens.")).toBeVisible();
  expect((await anonymous.goto(publicUrl))!.status()).toBe(404);
  expect((await stranger.request.get(`${publicUrl}/calendar.ics`)).status()).toBe(404);
  await stranger.close();
});
