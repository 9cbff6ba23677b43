import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./utils";
import { demo } from "../support/people";

/**
 * Every page each demo person can reach, found by following the links of the
 * app's own pages from the dashboard, checked by axe (signIn makes every page
 * load run it: no serious or critical finding) in English on a desktop, then
 * in Bahasa Indonesia on a 390px-wide phone. One page per route is enough:
 * ids and country codes in a URL are taken as the same page.
 */

const PEOPLE = {
  Secretariat: demo.secretariat,
  "a focal point": demo.focalPoint("VN"),
  "a task-force member": demo.taskForce("KH"),
  "a facilitator": demo.facilitator,
  "an admin": demo.admin,
  "an observer": demo.observer,
};

// Links that act rather than show (signing out, files, exports) are not pages to check.
const NOT_A_PAGE = /^\/(logout|settings\/|files\/)|\.(csv|ics)$|\/export|\/calendar/;

/** The route a path belongs to: ids and two-letter country codes stand for any. */
const routeOf = (path: string) =>
  path
    .split("/")
    .map((segment) => (/^[a-z0-9]{20,}$/i.test(segment) ? ":id" : /^[a-z]{2}$/.test(segment) ? ":code" : segment))
    .join("/");

async function linksOn(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin && !NOT_A_PAGE.test(url.pathname))
    .map((url) => url.pathname);
}

/** Visits every page reachable from the dashboard, one per route; gives their paths. */
async function crawl(page: Page): Promise<string[]> {
  const seen = new Set<string>();
  const visited: string[] = [];
  const queue = ["/"];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(routeOf(path))) continue;
    seen.add(routeOf(path));
    const response = await page.goto(path);
    if (!response?.headers()["content-type"]?.startsWith("text/html")) continue;
    visited.push(path);
    queue.push(...(await linksOn(page)));
  }
  return visited;
}

async function chooseLanguage(page: Page, label: string) {
  await page.goto("/");
  await page.getByRole("combobox", { name: /Show FocalPoint in|Tampilkan FocalPoint dalam/ }).selectOption({ label });
  await expect(page.locator("html")).toHaveAttribute("lang", label === "English" ? "en" : "id");
}

for (const [who, email] of Object.entries(PEOPLE)) {
  test(`${who}: every page they can open is accessible, in English and in Bahasa Indonesia on a phone`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, email);
    const pages = await crawl(page);
    expect(pages.length).toBeGreaterThan(3);

    await page.setViewportSize({ width: 390, height: 844 });
    await chooseLanguage(page, "Bahasa Indonesia");
    try {
      for (const path of pages) await page.goto(path);
    } finally {
      // The language is kept on the account, which other specs sign in as.
      await chooseLanguage(page, "English");
    }
  });
}
