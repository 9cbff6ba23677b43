/**
 * `npm run screenshots` draws the README's pictures from a running app with the demo data
 * (`npm run demo` in another terminal, or BASE_URL=… for another one): a focal point's home on a
 * phone in English and in Bahasa Indonesia, the Secretariat's dashboard, the milestones on a phone.
 * Each person's language is changed through the app's own form and put back afterwards.
 */
import { chromium, type Page } from "@playwright/test";

const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const outDir = "docs/screenshots";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

interface Shot {
  file: string;
  email: string;
  path: string;
  viewport: { width: number; height: number };
  locale?: "id";
}

const shots: Shot[] = [
  { file: "home-phone.png", email: "fp.la@focalpoint.test", path: "/", viewport: PHONE },
  { file: "home-phone-id.png", email: "fp.id@focalpoint.test", path: "/", viewport: PHONE, locale: "id" },
  { file: "dashboard.png", email: "secretariat@focalpoint.test", path: "/dashboard", viewport: DESKTOP },
  { file: "milestones-phone.png", email: "tf.kh@focalpoint.test", path: "/milestones", viewport: PHONE },
];

async function setLanguage(page: Page, locale: string) {
  const response = await page.request.post(`${baseUrl}/settings/language`, {
    form: { locale, redirectTo: "/" },
    headers: { origin: baseUrl },
  });
  if (!response.ok()) throw new Error(`Changing the language answered ${response.status()}`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("E-mail address").fill(shot.email);
    await page.getByLabel("Password").fill("focalpoint-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForLoadState("networkidle");
    if (new URL(page.url()).pathname.startsWith("/login")) throw new Error(`${shot.email} could not sign in`);
    if (shot.locale) await setLanguage(page, shot.locale);
    try {
      await page.goto(`${baseUrl}${shot.path}`, { waitUntil: "networkidle" });
      await page.screenshot({ path: `${outDir}/${shot.file}` });
      console.log(`${outDir}/${shot.file}`);
    } finally {
      if (shot.locale) await setLanguage(page, "en");
      await page.close();
    }
  }
} finally {
  await browser.close();
}
