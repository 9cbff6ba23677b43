import { chromium, type Page } from "@playwright/test";
const base = process.env.BASE_URL!;
const out = "/tmp/regshots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
async function setLanguage(page: Page, locale: string) {
  await page.request.post(`${base}/settings/language`, { form: { locale, redirectTo: "/" }, headers: { origin: base } });
}
const fac = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await fac.goto(`${base}/login`);
await fac.getByLabel("E-mail address").fill("facilitator@focalpoint.test");
await fac.getByLabel("Password").fill("focalpoint-demo");
await fac.getByRole("button", { name: "Sign in" }).click();
await fac.waitForLoadState("networkidle");
await fac.goto(`${base}/workshops`);
await fac.getByRole("link", { name: "National workshop on MRS in construction", exact: true }).first().click();
await fac.waitForURL(/workshops\/[a-z0-9]+$/);
const wurl = fac.url();
await fac.goto(`${wurl}/participants/questions`);
for (const b of ["Add “Dietary needs”", "Add “Do you need a visa invitation letter?”", "Add “Travel and arrival details (flight, arrival date and time)”"]) {
  await fac.getByRole("button", { name: b }).click();
  await fac.waitForLoadState("networkidle");
}
await fac.goto(`${wurl}/participants/new`);
await fac.getByRole("textbox", { name: "Name", exact: true }).fill("Malee Chanthavong");
await fac.getByRole("textbox", { name: "E-mail", exact: true }).fill("malee@example.test");
await fac.getByRole("button", { name: "Add participant" }).click();
await fac.waitForURL(/participants$/);
await fac.getByRole("link", { name: "Edit Malee Chanthavong" }).click();
await fac.getByRole("button", { name: "Create registration link" }).click();
const link = await fac.locator("#registration-link").inputValue();
const pid = new URL(fac.url()).pathname.split("/").pop();
for (const locale of ["en", "id"]) {
  for (const width of [1280, 390]) {
    const g = await browser.newPage({ viewport: { width, height: 900 } });
    await setLanguage(g, locale);
    await g.goto(new URL(link).pathname.replace(/^/, base));
    await g.screenshot({ path: `${out}/register-${locale}-${width}.png`, fullPage: true });
    await g.close();
  }
}
// register as guest
const g = await browser.newPage();
await g.goto(base + new URL(link).pathname);
await g.getByLabel("Dietary needs").selectOption({ index: 3 });
await g.getByRole("group", { name: /visa/ }).getByLabel("Yes").check();
await g.getByLabel(/Travel and arrival/).fill("QV 311 from Bangkok, arriving 8 February at 10:40");
await g.getByRole("button", { name: "Register" }).click();
await g.waitForLoadState("networkidle");
await g.screenshot({ path: `${out}/registered-en.png` });
for (const locale of ["en", "id"]) {
  await setLanguage(fac, locale);
  for (const width of [1280, 390]) {
    await fac.setViewportSize({ width, height: 900 });
    await fac.goto(`${wurl}/participants/questions`);
    await fac.screenshot({ path: `${out}/questions-${locale}-${width}.png`, fullPage: true });
    await fac.goto(`${wurl}/participants`);
    const row = fac.getByRole("row", { name: /Malee/ });
    await row.locator("summary").click();
    await row.scrollIntoViewIfNeeded();
    await fac.screenshot({ path: `${out}/list-${locale}-${width}.png` });
    await fac.goto(`${wurl}/participants/${pid}`);
    await fac.screenshot({ path: `${out}/participant-${locale}-${width}.png`, fullPage: true });
  }
}
await setLanguage(fac, "en");
const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await admin.goto(`${base}/login`);
await admin.getByLabel("E-mail address").fill("admin@focalpoint.test");
await admin.getByLabel("Password").fill("focalpoint-demo");
await admin.getByRole("button", { name: "Sign in" }).click();
await admin.waitForLoadState("networkidle");
await admin.goto(`${base}/admin/outbox`);
await admin.screenshot({ path: `${out}/outbox.png` });
const badgeHref = await admin.locator("article.mail").first().getByRole("link", { name: /\/badge\// }).getAttribute("href");
for (const width of [1280, 390]) {
  const b = await browser.newPage({ viewport: { width, height: 900 } });
  await setLanguage(b, "id");
  await b.goto(base + new URL(badgeHref!).pathname);
  await b.screenshot({ path: `${out}/badge-id-${width}.png`, fullPage: true });
  await b.close();
}
await browser.close();
