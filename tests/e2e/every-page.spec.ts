import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generateToken, hashToken, signToken } from "../../app/auth/tokens.server";
import { buildManifest, routePattern, startOwnServer, type ManifestRoute } from "../support/own-server";
import { demo, DEMO_PASSWORD } from "../support/people";
import { accessibilityViolations } from "./utils";
import { en } from "../../app/i18n/en";
import { id } from "../../app/i18n/id";

/** The registration questions the tour gives the workshop, as a facilitator would type them (in English). */
const TOUR_QUESTIONS = [
  ["short_text", "Arrival flight", "[]"],
  ["long_text", "Accessibility needs", "[]"],
  ["yes_no", "Do you need a visa invitation letter?", "[]"],
  ["choice", "Dietary needs", '["None","Vegetarian","Halal"]'],
] as const;

/**
 * Every page of the app, once per language, not by following links: the
 * pages are the build's route manifest (so a new page is toured without
 * touching this file), their address parameters filled with real records of
 * the demo data. Each page must answer 200 at its own address, have no serious
 * or critical axe finding, and, on a 390 px phone, be no wider than the
 * screen. Resource routes (CSV, iCalendar, files, health) are not pages.
 *
 * It runs against a production server of its own on a copy of the demo data:
 * a language chosen here is remembered on the account, and the links of the
 * sign-up pages (an invitation, a password reset, a workshop registration)
 * are written into that copy.
 */

// A trace of a hundred pages costs a third of the time; the problems found name the page and the element.
test.use({ trace: "off" });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// ───────────────────────── the pages ─────────────────────────

type PageRoute = { id: string; pattern: string; signedIn: boolean };

/** The routes that render a page: leaves of the route tree whose browser module is not empty (resource routes' are). */
function pageRoutes(): PageRoute[] {
  const { routes, assets } = buildManifest();
  const all = Object.values(routes);
  const parents = new Set(all.map((r) => r.parentId));
  const isPage = (route: ManifestRoute) =>
    !parents.has(route.id) && fs.readFileSync(path.join(assets, "..", route.module), "utf8").trim() !== "";
  const signedIn = (route: ManifestRoute): boolean =>
    route.id === "routes/_app+/_layout" || (route.parentId !== undefined && signedIn(routes[route.parentId]!));
  return all.filter(isPage).map((route) => ({
    id: route.id,
    pattern: routePattern(routes, route),
    // The signed-in part of the app lives under routes/_app+/_layout; the rest (sign-in, links sent by e-mail) is for anyone.
    signedIn: signedIn(route),
  }));
}

// ───────────────────────── a server of its own ─────────────────────────

let server: ChildProcess;
let base: string;
/** Address parameter → a real record of the demo data. */
const params: Record<string, string> = {};

/** Real records for every address parameter, and the sign-up links nobody has been sent yet, written into the copy. */
function prepareData(file: string) {
  const db = new Database(file);
  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { v: string }).v;
  const now = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().replace("Z", "+00:00");
  const lao = one("SELECT id AS v FROM Country WHERE code = 'LA'");
  const admin = one("SELECT id AS v FROM User WHERE email = ?", demo.admin);
  const focalPoint = one("SELECT id AS v FROM User WHERE email = ?", demo.focalPoint("LA"));
  // The most eventful workshop (the 2015 meeting in Bangkok: agenda, participants, outcomes) and Lao PDR's plan.
  const workshop = one(
    "SELECT w.id AS v FROM Workshop w ORDER BY (SELECT count(*) FROM Participant p WHERE p.workshopId = w.id) DESC",
  );
  const plan = one("SELECT id AS v FROM ActionPlan WHERE countryId = ? ORDER BY createdAt DESC", lao);
  Object.assign(params, {
    planId: plan,
    itemId: one("SELECT id AS v FROM ActionItem WHERE planId = ? ORDER BY createdAt", plan),
    code: "LA",
    milestoneId: one("SELECT id AS v FROM Milestone WHERE countryId = ? ORDER BY createdAt", lao),
    organisationId: one("SELECT id AS v FROM Organisation ORDER BY name"),
    userId: focalPoint,
    personId: focalPoint,
    workshopId: workshop,
    sessionId: one("SELECT id AS v FROM AgendaSession WHERE workshopId = ? ORDER BY startsAt", workshop),
    participantId: one("SELECT id AS v FROM Participant WHERE workshopId = ? ORDER BY name", workshop),
    badgeToken: one("SELECT badgeToken AS v FROM Participant WHERE workshopId = ? ORDER BY name", workshop),
    // the next regional meeting's briefs (counted since the one before it)
    meeting: one("SELECT id AS v FROM Workshop WHERE kind = 'regional_meeting' ORDER BY startsOn DESC"),
    // The ILO/Korea CLM project and its 2016 report (three national workshops, people trained, standards).
    projectId: one("SELECT id AS v FROM Project WHERE code = 'ILO-KOR-CLM-MRS'"),
    periodId: one(
      "SELECT r.id AS v FROM ReportingPeriod r JOIN Project p ON p.id = r.projectId WHERE p.code = 'ILO-KOR-CLM-MRS' AND r.startsOn = '2016-01-01'",
    ),
  });
  // Its agenda public, with a public material on its first session and a private one for the whole workshop.
  const publicCode = crypto.randomBytes(16).toString("base64url");
  db.prepare("UPDATE Workshop SET publicAgendaOn = 1, publicAgendaCode = ? WHERE id = ?").run(publicCode, workshop);
  const material = db.prepare(
    "INSERT INTO WorkshopMaterial (id, workshopId, sessionId, title, url, isPublic, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  material.run(
    "tour-session-slides",
    workshop,
    params.sessionId,
    "Opening remarks: slides",
    "https://www.ilo.org/asia",
    1,
    now(),
  );
  material.run(
    "tour-internal-note",
    workshop,
    null,
    "Logistics note for facilitators",
    "https://www.ilo.org",
    0,
    now(),
  );
  routeParams["routes/_auth+/agenda.$code"] = { code: publicCode };
  const links = { invitation: generateToken(), reset: generateToken(), registration: generateToken() };
  db.prepare(
    "INSERT INTO User (id, email, name, status, createdAt, updatedAt) VALUES ('tour-invitee', 'invitee.tour@focalpoint.test', 'Souksavanh Phommachanh', 'invited', ?, ?)",
  ).run(now(), now());
  db.prepare(
    "INSERT INTO RoleAssignment (id, userId, role, countryId, createdAt) VALUES ('tour-invitee-role', 'tour-invitee', 'task_force', ?, ?)",
  ).run(lao, now());
  db.prepare(
    "INSERT INTO Invitation (id, tokenHash, userId, invitedById, expiresAt, createdAt) VALUES ('tour-invitation', ?, 'tour-invitee', ?, ?, ?)",
  ).run(hashToken(links.invitation), admin, now(7), now());
  db.prepare(
    "INSERT INTO PasswordResetToken (id, tokenHash, userId, expiresAt, createdAt) VALUES ('tour-reset', ?, ?, ?, ?)",
  ).run(hashToken(links.reset), focalPoint, now(1), now());
  // Questions of every kind on the registration page, one required.
  const question = db.prepare(
    "INSERT INTO RegistrationQuestion (id, workshopId, kind, label, options, required, sortOrder, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const [i, [kind, label, options]] of TOUR_QUESTIONS.entries())
    question.run(`tour-question-${i}`, workshop, kind, label, options, i === 0 ? 1 : 0, i, now(), now());
  db.prepare(
    "UPDATE Participant SET registrationTokenHash = ? WHERE id = (SELECT id FROM Participant WHERE workshopId = ? AND registrationStatus = 'invited' ORDER BY name LIMIT 1)",
  ).run(hashToken(links.registration), workshop);
  // A notice to the administrator about one of Lao PDR's action items, for the page its e-mail's step links open.
  const item = one("SELECT id AS v FROM ActionItem WHERE planId = ? ORDER BY createdAt", plan);
  db.prepare(
    "INSERT INTO Notification (id, recipientId, kind, entityType, entityId, countryId, path, messageKey, params, createdAt) VALUES ('tour-notice', ?, 'item_assigned', 'action_item', ?, ?, ?, 'notifications:messages.item_assigned', ?, ?)",
  ).run(
    admin,
    item,
    lao,
    `/action-plans/${plan}`,
    JSON.stringify({ actor: "Noy Phetsamone", activity: "Draft the welding standard", plan: "Lao PDR 2026–2030" }),
    now(),
  );
  db.close();
  // The digest's unsubscribe link is signed with the server's secret: the tour gives the server one it knows.
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(path.join(path.dirname(file), "app-secret"), secret);
  process.env.APP_SECRET = secret;
  return {
    ...links,
    unsubscribe: signToken("unsubscribe-digest", focalPoint),
    noticeStep: signToken("notice-step", "tour-notice:progress"),
  };
}

test.beforeAll(async () => {
  let links: ReturnType<typeof prepareData> | undefined;
  ({ server, base } = await startOwnServer("every-page", (dbFile) => (links = prepareData(dbFile))));
  params.token = links!.invitation;
  // The pages opened from a link in an e-mail, each with its own kind of token.
  tokenFor["routes/_auth+/reset-password.$token"] = links!.reset;
  tokenFor["routes/_auth+/register.$token"] = links!.registration;
  tokenFor["routes/_auth+/notices.unsubscribe.$token"] = links!.unsubscribe;
  tokenFor["routes/_app+/notifications+/step.$token"] = links!.noticeStep;
});

test.afterAll(() => server?.kill("SIGKILL"));

const tokenFor: Record<string, string> = {};
/** Address parameters of one page that differ from the rest (the public agenda's code is no country code). */
const routeParams: Record<string, Record<string, string>> = {};

/** A page's address with real records; a parameter not known here fails loudly, so a new page cannot slip past. */
function addressOf(route: PageRoute): string {
  if (route.pattern.endsWith("/*")) return route.pattern.replace("*", "no-such-page");
  return route.pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = (name === "token" ? tokenFor[route.id] : undefined) ?? routeParams[route.id]?.[name] ?? params[name];
    if (!value) throw new Error(`the tour has no value for the address parameter :${name} of ${route.id}; add one`);
    return encodeURIComponent(value);
  });
}

// ───────────────────────── the tour ─────────────────────────

type Pass = { locale: "en" | "id"; viewport: { width: number; height: number } };

async function contextFor(browser: Browser, pass: Pass, email: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: pass.viewport, locale: pass.locale });
  const post = (url: string, form: Record<string, string>) =>
    context.request.post(url, { form, headers: { origin: base }, maxRedirects: 0 });
  if (email) expect((await post("/login", { email, password: DEMO_PASSWORD })).status(), email).toBe(302);
  expect((await post("/settings/language", { locale: pass.locale, redirectTo: "/" })).status()).toBe(302);
  return context;
}

/** What is wider than a phone's screen: the innermost elements sticking out on the right that no scrolling box clips. */
const overflowingElements = () => {
  const width = window.innerWidth;
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${[...el.classList].map((c) => `.${c}`).join("")}`;
  const clipped = (el: Element) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement)
      if (getComputedStyle(box).overflowX !== "visible") return true;
    return false;
  };
  const wide = [...document.body.querySelectorAll("*")].filter(
    (el) => el.getBoundingClientRect().right > width + 1 && !clipped(el),
  );
  return wide
    .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
    .slice(0, 5)
    .map(
      (el) => `${describe(el.parentElement!)} > ${describe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`,
    );
};

// ───────────────────────── no English on an Indonesian page ─────────────────────────

/** Every string of a translation file by its path ("common.nav.home"). */
function strings(tree: object, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree))
    if (typeof value === "string") found.set(prefix + key, value);
    else for (const [k, v] of strings(value as object, `${prefix}${key}.`)) found.set(k, v);
  return found;
}

/**
 * Texts that may read the same in English on an Indonesian page: proper nouns and words both languages use.
 * What the demo's people typed in English (as a real team may) is USER_CONTENT, below.
 */
const SAME_IN_BOTH = new Set(["FocalPoint", "CSV", "PDF", "E-mail", "Online", "Draft"]);

/** The English texts of the interface (reference names included) whose Indonesian differs, placeholders cut out. */
const ENGLISH_ONLY = (() => {
  const indonesian = strings(id);
  const phrases = new Set<string>();
  for (const [key, text] of strings(en)) {
    if (indonesian.get(key) === text) continue;
    // a text with {{placeholders}} is looked for by its longest fixed part
    const part = text
      .split(/{{\w+}}/)
      .map((p) => p.trim())
      .sort((a, b) => b.length - a.length)[0]!;
    if (part.length >= 4 && /[a-z]{3}/i.test(part) && !SAME_IN_BOTH.has(part)) phrases.add(part);
  }
  return [...phrases];
})();

/**
 * What the demo's people typed that reads like interface English: cut out of a page's texts before they are
 * compared, so the interface around it is still checked. Keep it short: interface text is translated, never listed.
 */
const USER_CONTENT = [
  // the Lao plan's title, as its focal point typed it (it matches the English default name of a new plan)
  "MRS action plan 2025-2027",
  // an action item's activity, as typed into that plan (it names an MRS stage in English)
  "Move construction to the next MRS stage: Curriculum and learning materials",
  // agenda session titles, as the facilitator typed them
  "Country updates on MRS action plans",
  "Registration",
  // the registration questions' labels the tour inserts
  ...TOUR_QUESTIONS.map(([, label]) => label),
];

/**
 * Organisation names the demo's people typed that are also interface English ("ASEAN Secretariat" is the
 * English name of a role and a category): passed only as the whole text of a place that shows an
 * organisation's name, so the role or category left in English anywhere else is still found.
 */
const ORGANISATION_NAMES = {
  names: ["ASEAN Secretariat"],
  places: [
    ".name-badge-org", // a badge (check-in desk, badges to print)
    'a[href^="/organisations/"]', // the organisations list and an organisation's breadcrumbs
    'td[data-label="Organisasi"]', // the participants and attendance tables
    ".sign-in-name + td", // a sign-in sheet's row
  ].join(", "),
};

/** The visible texts of the page that are, or contain as a phrase of several words, English of the interface. */
const englishOnPage = ({
  phrases,
  userContent,
  organisationNames,
}: {
  phrases: string[];
  userContent: string[];
  organisationNames: typeof ORGANISATION_NAMES;
}) => {
  const texts = new Set<string>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, [hidden], [aria-hidden=true], [data-user-content]")) continue;
    if (organisationNames.names.includes(node.textContent?.trim() ?? "") && el.matches(organisationNames.places))
      continue;
    // typed phrases are cut out of longer texts; a typed single word passes only as a whole text
    const text = userContent
      .reduce(
        (rest, typed) => (typed.includes(" ") ? rest.replaceAll(typed, "") : rest.trim() === typed ? "" : rest),
        node.textContent ?? "",
      )
      .trim();
    if (text && el.checkVisibility?.()) texts.add(text);
  }
  const found: string[] = [];
  for (const text of texts)
    for (const phrase of phrases)
      if (text === phrase || (phrase.includes(" ") && phrase.split(" ").length >= 3 && text.includes(phrase)))
        found.push(`"${text}" (${phrase})`);
  return [...new Set(found)].slice(0, 20);
};

type Visit = { route: PageRoute; as: string | null };

/** The manifest, read when the tests are listed: one test per page and language. */
let routes: PageRoute[] = [];
let manifestProblem: unknown = null;
try {
  routes = pageRoutes();
} catch (error) {
  manifestProblem = error;
}
// Administrators see every signed-in page but one: home is a country's work, so it is seen as Lao PDR's
// focal point (everyone else is sent on to the dashboard, decision 016).
const visits: Visit[] = routes.map((route) => ({
  route,
  as: route.pattern === "/" ? demo.focalPoint("LA") : route.signedIn ? demo.admin : null,
}));

test("the tour has every page of the build's manifest, and only pages", () => {
  if (manifestProblem) throw manifestProblem;
  const patterns = visits.map((v) => v.route.pattern);
  expect(patterns).toEqual(expect.arrayContaining(["/", "/login", "/workshops/:workshopId/participants", "/*"]));
  expect(patterns.filter((p) => /\.(csv|ics)$|^\/(healthz|logout|files\/)/.test(p))).toEqual([]);
});

/** The first word of English page titles, before they were translated. */
const TITLE_WORDS = "Dashboard|Workshops|Milestones|Participants|Attendance|Edit|New|Add|Sign in|Home|History|People";

const PASSES: Pass[] = [
  { locale: "en", viewport: DESKTOP },
  { locale: "id", viewport: PHONE },
];

for (const pass of PASSES) {
  test.describe(`${pass.locale} at ${pass.viewport.width} px`, () => {
    // One browser context per person and pass, kept from page to page.
    const pages = new Map<string | null, Page>();
    const pageFor = async (browser: Browser, as: string | null) => {
      if (!pages.has(as)) pages.set(as, await (await contextFor(browser, pass, as)).newPage());
      return pages.get(as)!;
    };
    test.afterAll(async () => {
      for (const page of pages.values()) await page.context().close();
    });

    for (const { route, as } of visits)
      test(`${route.pattern} (${as ?? "signed out"})`, async ({ browser }) => {
        const page = await pageFor(browser, as);
        const address = addressOf(route);
        const response = await page.goto(address);
        await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
        // The page itself, not a refusal or a redirect (a badge's code opens the check-in desk with the code filled in).
        expect(response?.status(), address).toBe(route.pattern.endsWith("/*") ? 404 : 200);
        if (!route.id.endsWith("check-in.$badgeToken")) expect(new URL(page.url()).pathname).toBe(address);
        expect(await accessibilityViolations(page), `accessibility violations on ${address}`).toEqual([]);
        if (pass.locale === "id") {
          expect(
            await page.evaluate(englishOnPage, {
              phrases: ENGLISH_ONLY,
              userContent: USER_CONTENT,
              organisationNames: ORGANISATION_NAMES,
            }),
            `English on ${address}`,
          ).toEqual([]);
          expect(await page.title(), `the title of ${address}`).not.toMatch(new RegExp(`^(${TITLE_WORDS}) ·`));
        }
        if (pass.viewport.width > PHONE.width) return;
        const [scrollWidth, innerWidth] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          window.innerWidth,
        ]);
        if (scrollWidth > innerWidth)
          throw new Error(
            `${address} is ${scrollWidth} px wide on a ${innerWidth} px screen: ${(await page.evaluate(overflowingElements)).join("; ")}`,
          );
      });
  });
}
