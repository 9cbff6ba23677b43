import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/people";

const waitsForHydration = new WeakSet<Page>();

/**
 * From now on every page load of `page` (goto, reload) returns only once React
 * has hydrated the page (root.tsx marks <html data-hydrated>), as a person
 * would only start using it then: a choice made in a form before hydration can
 * be reset by it. Responses that are not HTML (CSV, calendars) return at once.
 */
function waitForHydrationOnLoad(page: Page) {
  if (waitsForHydration.has(page)) return;
  waitsForHydration.add(page);
  const hydrated = async <T extends { headers(): Record<string, string> } | null>(response: T) => {
    if (response?.headers()["content-type"]?.startsWith("text/html"))
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    return response;
  };
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => hydrated(await goto(...args));
  page.reload = async (...args) => hydrated(await reload(...args));
}

/** Signs in through the real form, as a person would. Every page that signs in waits for hydration on each load. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  waitForHydrationOnLoad(page);
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/**
 * The serious and critical accessibility violations on the current page (axe-core), one line each.
 * axe runs in the page itself (legacy mode: same-origin frames only, which is all the app has) and
 * reports only violations: twice as fast as opening a blank page to merge each frame's results.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Another person's browser: a page in a context of its own, signed in as `email`. Close it with page.context().close(). */
export async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** No serious or critical accessibility violations on the current page (axe-core). */
export async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page), `accessibility violations on ${page.url()}`).toEqual([]);
}
