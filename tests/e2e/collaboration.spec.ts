import { expect, test, type Browser, type Page } from "@playwright/test";
import * as Y from "yjs";
import { expectAccessible, signIn } from "./utils";
import { demo } from "../support/people";

async function openVietNamPlan(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Action plans" }).click();
  await page
    .getByRole("row", { name: /Viet Nam/ })
    .getByRole("link", { name: "MRS action plan 2025-2027" })
    .click();
  const editor = page.getByRole("textbox", { name: "Narrative of the action plan" });
  await expect(editor).toBeVisible();
  await expect(page.getByText("All changes saved")).toBeVisible();
  return editor;
}

/** Viet Nam's focal point (A) and a member of its task force (B), each in a browser of their own, in the plan. */
async function focalPointAndTaskForceInThePlan(browser: Browser) {
  const focalPoint = await browser.newContext();
  const taskForce = await browser.newContext();
  const a = await focalPoint.newPage();
  const b = await taskForce.newPage();
  await signIn(a, demo.focalPoint("VN"));
  await signIn(b, demo.taskForce("VN"));
  return { focalPoint, taskForce, a, b, editorA: await openVietNamPlan(a), editorB: await openVietNamPlan(b) };
}

/** The document as the page's browser keeps its copy (IndexedDB): every update stored there, applied in order. */
async function browserCopy(page: Page) {
  const updates = await page.evaluate(async () => {
    const [copy] = (await indexedDB.databases()).filter((d) => d.name?.startsWith("focalpoint-document-"));
    if (!copy?.name) return [];
    const name = copy.name;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const stored = await new Promise<Uint8Array[]>((resolve, reject) => {
      const reading = db.transaction("updates").objectStore("updates").getAll();
      reading.onsuccess = () => resolve(reading.result as Uint8Array[]);
      reading.onerror = () => reject(reading.error);
    });
    db.close();
    return stored.map((update) => Array.from(update));
  });
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, new Uint8Array(update));
  return doc.getXmlFragment("default").toString();
}

test("two people edit the Viet Nam plan together, see each other's text and caret, and converge after going offline", async ({
  browser,
}) => {
  const { focalPoint, taskForce, a, b, editorA, editorB } = await focalPointAndTaskForceInThePlan(browser);
  await expectAccessible(a);

  // Both are listed as present.
  await expect(a.getByLabel("In the document").getByText("Tran Quoc Minh")).toBeVisible();
  await expect(b.getByLabel("In the document").getByText("Nguyen Thi Lan Anh")).toBeVisible();

  await editorA.click();
  await a.keyboard.press("Control+End");
  await a.keyboard.press("Enter");
  await a.keyboard.type("Hanoi will host the 2027 meeting of skills focal points.");
  await expect(editorB).toContainText("Hanoi will host the 2027 meeting of skills focal points.");
  // B sees A's caret, labelled with A's name.
  await expect(b.locator(".collaboration-carets__label", { hasText: "Nguyen Thi Lan Anh" })).toBeVisible();

  await editorB.click();
  await b.keyboard.press("Control+End");
  await b.keyboard.press("Enter");
  await b.keyboard.type("Assessor training starts in March.");
  await expect(editorA).toContainText("Assessor training starts in March.");

  // A loses the connection, keeps typing; B types too; both converge when A is back.
  await focalPoint.setOffline(true);
  await expect(a.getByText(/Offline: your changes are kept/)).toBeVisible({ timeout: 20_000 });
  await a.keyboard.type(" Typed without a connection.");
  await b.keyboard.type(" Typed while A was away.");
  await focalPoint.setOffline(false);
  await expect(a.getByText("All changes saved")).toBeVisible({ timeout: 20_000 });
  await expect(editorB).toContainText("Typed without a connection.");
  await expect(editorA).toContainText("Typed while A was away.");
  // Same document on both screens (each shows the other's caret label, which is not content).
  const content = (editor: typeof editorA) =>
    editor.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
      return copy.textContent;
    });
  await expect.poll(async () => (await content(editorA)) === (await content(editorB))).toBe(true);

  // A reload shows what was saved.
  await b.reload();
  await expect(b.getByRole("textbox", { name: "Narrative of the action plan" })).toContainText(
    "Typed without a connection.",
  );
  await focalPoint.close();
  await taskForce.close();
});

test("the Secretariat reads the live document but cannot type in it", async ({ browser }) => {
  const editorContext = await browser.newContext();
  const readerContext = await browser.newContext();
  const writer = await editorContext.newPage();
  const reader = await readerContext.newPage();
  await signIn(writer, demo.focalPoint("VN"));
  await signIn(reader, demo.secretariat);
  const writing = await openVietNamPlan(writer);
  const reading = await openVietNamPlan(reader);
  await expect(reader.getByText(/You can read this plan/)).toBeVisible();
  await expect(reading).toHaveAttribute("contenteditable", "false");
  await expect(reader.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);

  await writing.click();
  await writer.keyboard.press("Control+End");
  await writer.keyboard.type(" The Secretariat sees this at once.");
  await expect(reading).toContainText("The Secretariat sees this at once.");
  await expect(writer.getByLabel("In the document").getByText("Dewi Anggraini Putri")).toBeVisible();
  await expectAccessible(reader);
  await editorContext.close();
  await readerContext.close();
});

test("edits typed offline survive closing the tab: the browser's copy brings them back and they reach the server and a colleague", async ({
  browser,
}) => {
  const { focalPoint, taskForce, a, editorA, editorB } = await focalPointAndTaskForceInThePlan(browser);

  await editorA.click();
  await a.keyboard.press("Control+End");
  await a.keyboard.press("Enter");
  await a.keyboard.type("Typed online before the outage.");
  await expect(editorB).toContainText("Typed online before the outage.");

  // A loses the connection, types on, and closes the tab before the connection is back.
  await focalPoint.setOffline(true);
  await expect(a.getByText(/Offline: your changes are kept/)).toBeVisible({ timeout: 20_000 });
  await a.keyboard.type(" Typed offline, then the tab was closed.");
  // Each keystroke is written to the browser's copy (IndexedDB) as it happens: the tab closes once the last is there.
  await expect.poll(() => browserCopy(a)).toContain("Typed offline, then the tab was closed.");
  await a.close();
  await expect(editorB).not.toContainText("Typed offline");

  // Back online, A opens the plan again: the offline edit is there, is stored, and reaches B.
  await focalPoint.setOffline(false);
  const reopened = await focalPoint.newPage();
  await reopened.goto("/");
  const editorAgain = await openVietNamPlan(reopened);
  await expect(editorAgain).toContainText("Typed offline, then the tab was closed.");
  await expect(editorB).toContainText("Typed offline, then the tab was closed.");
  await expect(reopened.getByText("All changes saved")).toBeVisible();

  // Stored on the server: a third person who never had it in a browser sees it.
  const secretariatContext = await browser.newContext();
  const reader = await secretariatContext.newPage();
  await signIn(reader, demo.secretariat);
  await expect(await openVietNamPlan(reader)).toContainText("Typed offline, then the tab was closed.");
  await focalPoint.close();
  await taskForce.close();
  await secretariatContext.close();
});
