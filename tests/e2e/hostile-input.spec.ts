import type { ChildProcess } from "node:child_process";
import http from "node:http";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { id } from "../../app/i18n/id";
import { localeCookie } from "../../app/auth/locale-cookie.server";
import { buildManifest, routePattern, startOwnServer } from "../support/own-server";
import { demo, DEMO_PASSWORD } from "../support/people";

/**
 * Every form action of the app, found in the build's route manifest (so a new
 * route is covered without touching this file), receives what no page sends:
 * empty, huge, malformed, wrong-type, wrong-method, wrong-origin and boundary
 * values, from a person allowed to use it (in Bahasa Indonesia) and from one
 * who is not (in English). The bar: never a 500, nothing written by a refused
 * request, every refusal a clear message in the person's language, and no
 * error in the server's log.
 *
 * It runs against a production server of its own (the built server.ts, as
 * deployed, with its edge checks), on a fresh copy of the demo data: accepted
 * boundary values may change data that other end-to-end tests rely on.
 */

test.describe.configure({ mode: "serial", timeout: 180_000 });

// ───────────────────────── a server of its own ─────────────────────────

let server: ChildProcess;
let base: string;
let db: Database.Database;
let serverLog: string[] = [];

/**
 * A material on the first session of the Bangkok meeting, so the forms that move, publish and remove one
 * show on its pages (the demo data has none).
 */
function withSessionMaterial(file: string) {
  const writable = new Database(file);
  writable
    .prepare(
      `INSERT INTO WorkshopMaterial (id, workshopId, sessionId, title, url, isPublic, createdAt)
       SELECT 'hostile-material', s.workshopId, s.id, 'Opening slides', 'https://www.ilo.org/asia', 1, CURRENT_TIMESTAMP
       FROM AgendaSession s JOIN Workshop w ON w.id = s.workshopId WHERE w.startsOn = '2015-08-10' ORDER BY s.startsAt LIMIT 1`,
    )
    .run();
  writable.close();
}

test.beforeAll(async () => {
  const own = await startOwnServer("hostile", withSessionMaterial);
  ({ server, base } = own);
  serverLog = own.log;
  db = new Database(own.dbFile, { readonly: true, fileMustExist: true });
});

test.afterAll(() => {
  db?.close();
  server?.kill("SIGKILL");
});

// ───────────────────────── raw requests ─────────────────────────

type Answer = { status: number; type: string; location: string | null; body: string; setCookies: string[] };

/** One request on its own connection; a connection the server drops is an answer too (status 0). */
function send(method: string, url: string, headers: Record<string, string> = {}, body?: string | Buffer) {
  return new Promise<Answer>((resolve) => {
    const request = http.request(
      new URL(url, base),
      {
        method,
        agent: false,
        headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            type: String(response.headers["content-type"] ?? ""),
            location: response.headers.location ?? null,
            body: Buffer.concat(chunks).toString("utf8"),
            setCookies: response.headers["set-cookie"] ?? [],
          }),
        );
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, type: "", location: null, body: error.code ?? String(error), setCookies: [] }),
    );
    request.end(body);
  });
}

// ───────────────────────── people ─────────────────────────

type Person = { email: string; locale: "en" | "id"; cookie: string; allowed: boolean };

async function signIn(email: string, locale: "en" | "id", allowed: boolean): Promise<Person> {
  const answer = await send(
    "POST",
    "/login",
    { "content-type": "application/x-www-form-urlencoded", origin: base },
    new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
  );
  expect(answer.status, `sign-in of ${email}`).toBe(302);
  const person = { email, locale, allowed, cookie: "" };
  const cookies = new Map<string, string>();
  const remember = (setCookies: string[]) => {
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!.trim(), value.join("="));
    }
    person.cookie = [...cookies].map(([n, v]) => `${n}=${v}`).join("; ");
  };
  remember(answer.setCookies);
  const language = await send(
    "POST",
    "/settings/language",
    { "content-type": "application/x-www-form-urlencoded", origin: base, cookie: person.cookie },
    new URLSearchParams({ locale, redirectTo: "/" }).toString(),
  );
  expect(language.status).toBe(302);
  remember(language.setCookies);
  return person;
}

// ───────────────────────── what was written ─────────────────────────

// Sessions and sign-in counts change with any request by design; everything else is data.
const NOT_DATA = new Set(["Session", "SignInThrottle", "_prisma_migrations"]);
// Keyed e-mails are written by the jobs worker whenever its next tick comes, for jobs queued
// earlier (a queued job is a Job row, counted); only the e-mails a request writes itself are its own.
const OWN_ROWS: Record<string, string> = {
  EmailMessage: `SELECT count(*) FROM "EmailMessage" WHERE key IS NULL`,
  EmailAttachment: `SELECT count(*) FROM "EmailAttachment" a JOIN "EmailMessage" m ON m.id = a.messageId WHERE m.key IS NULL`,
};

let countRows: () => Record<string, number>;
function rowCounts(): Record<string, number> {
  if (!countRows) {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[]
    ).filter((t) => !NOT_DATA.has(t.name));
    const all = db.prepare(
      `SELECT ${tables.map((t) => `(${OWN_ROWS[t.name] ?? `SELECT count(*) FROM "${t.name}"`}) AS "${t.name}"`).join(", ")}`,
    );
    countRows = () => all.get() as Record<string, number>;
  }
  return countRows();
}

// ───────────────────────── the routes with an action ─────────────────────────

/** Every route with an action, as the build's manifest lists them, with its address pattern. */
function actionRoutes(): { id: string; pattern: string; index: boolean }[] {
  const { routes } = buildManifest();
  return Object.values(routes)
    .filter((r) => r.hasAction)
    .map((r) => ({ id: r.id, pattern: routePattern(routes, r), index: Boolean(r.index) }));
}

/** A real record for each kind of address parameter; a route with a parameter not named here fails loudly. */
function paramValue(name: string, known: Record<string, string>): string {
  const one = (sql: string, ...args: unknown[]) => {
    const row = db.prepare(sql).get(...args) as { v: string } | undefined;
    if (!row) throw new Error(`no record for :${name}`);
    return row.v;
  };
  const bangkok = () => one("SELECT id AS v FROM Workshop WHERE startsOn = '2015-08-10'");
  switch (name) {
    case "planId":
      return one("SELECT p.id AS v FROM ActionPlan p JOIN Country c ON c.id = p.countryId WHERE c.code = 'VN'");
    case "itemId":
      return one("SELECT id AS v FROM ActionItem WHERE planId = ?", known.planId);
    case "code":
      return "VN";
    case "milestoneId":
      return one(
        "SELECT m.id AS v FROM Milestone m JOIN Country c ON c.id = m.countryId WHERE c.code = 'VN' ORDER BY m.id",
      );
    case "organisationId":
      return one("SELECT id AS v FROM Organisation ORDER BY name");
    case "userId":
    case "personId":
      return one(`SELECT id AS v FROM User WHERE email = '${demo.focalPoint("VN")}'`);
    case "workshopId":
      return bangkok();
    case "sessionId":
      return one("SELECT id AS v FROM AgendaSession WHERE workshopId = ? ORDER BY startsAt", known.workshopId);
    case "participantId":
      return one("SELECT id AS v FROM Participant WHERE workshopId = ? ORDER BY name", known.workshopId);
    case "badgeToken":
      return one("SELECT badgeToken AS v FROM Participant WHERE workshopId = ? ORDER BY name", known.workshopId);
    case "projectId":
      return one("SELECT id AS v FROM Project WHERE code = 'ILO-KOR-CLM-MRS'");
    case "periodId":
      return one(
        "SELECT id AS v FROM ReportingPeriod WHERE projectId = ? AND startsOn = '2016-01-01'",
        known.projectId,
      );
    case "meeting":
      // the next regional meeting, whose briefs are not frozen
      return one("SELECT id AS v FROM Workshop WHERE kind = 'regional_meeting' ORDER BY startsOn DESC");
    case "token":
      // A link nobody was sent: the page must refuse it, not fail.
      return "a".repeat(32);
    default:
      throw new Error(`the hostile-input test has no value for the address parameter :${name}; add one`);
  }
}

function addressOf(route: { pattern: string; index: boolean }): string {
  const known: Record<string, string> = {};
  const filled = route.pattern.replace(/:(\w+)/g, (_, name: string) => {
    known[name] = paramValue(name, known);
    return encodeURIComponent(known[name]);
  });
  return route.index ? `${filled}?index` : filled;
}

// ───────────────────────── the forms a page shows ─────────────────────────

type FormField = { name: string; value: string; hidden: boolean; file: boolean };
type PageForm = { action: string; fields: FormField[]; multipart: boolean };

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** The POST forms of a page that go to `address`, one per submit button (its name and value, as the browser sends it). */
function formsOn(html: string, address: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attrs, inner] = match as unknown as [string, string, string];
    if ((attribute(attrs, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = decode(attribute(attrs, "action") ?? address);
    if (action !== address) continue;
    const fields: FormField[] = [];
    const buttons: FormField[] = [];
    for (const tag of inner.matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const [, kind, tagAttrs] = tag as unknown as [string, string, string];
      const name = attribute(tagAttrs, "name");
      if (!name) continue;
      const type = (attribute(tagAttrs, "type") ?? "").toLowerCase();
      const value = decode(attribute(tagAttrs, "value") ?? "");
      if (kind === "button" || type === "submit") buttons.push({ name, value, hidden: true, file: false });
      else if (type === "checkbox" || type === "radio") {
        if (/\schecked=""/.test(tagAttrs) || !fields.some((f) => f.name === name))
          fields.push({ name, value, hidden: false, file: false });
      } else fields.push({ name, value, hidden: type === "hidden", file: type === "file" });
    }
    const multipart = (attribute(attrs, "enctype") ?? "").toLowerCase() === "multipart/form-data";
    for (const button of buttons.length ? buttons : [null])
      forms.push({ action, multipart, fields: button ? [...fields, button] : fields });
  }
  // One of each kind: the same form repeated for every item of a list says nothing new.
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = f.fields.map((x) => `${x.name}${x.hidden ? `=${x.value.length > 20 ? "#" : x.value}` : ""}`).join("&");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ───────────────────────── hostile bodies ─────────────────────────

type Body = { type: string; body: string | Buffer };
const BOUNDARY = "----hostile-input";

function urlencoded(entries: [string, string][]): Body {
  const params = new URLSearchParams();
  for (const [k, v] of entries) params.append(k, v);
  return { type: "application/x-www-form-urlencoded", body: params.toString() };
}

function multipart(entries: [string, string, string?][]): Body {
  const parts = entries.map(([name, value, filename]) =>
    filename === undefined
      ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n${value}\r\n`,
  );
  return { type: `multipart/form-data; boundary=${BOUNDARY}`, body: `${parts.join("")}--${BOUNDARY}--\r\n` };
}

// Days outside 1990-2100, numbers no person types, blank, a bidirectional override, a NUL.
const BOUNDARY_VALUES = [
  "0000-01-01",
  "1989-12-31",
  "2101-01-01",
  "0x10",
  "-1",
  "1e309",
  " ",
  "\u202eevil",
  "a\u0000b",
];
// Longer than any field allows (the longest, a pasted participant list, takes 512 KB).
const HUGE = "x".repeat(600_000);

/** The form with every field a person fills in (not the hidden ones) set to `value`. */
const filledWith = (form: PageForm, value: string): [string, string][] =>
  form.fields.filter((f) => !f.file).map((f) => [f.name, f.hidden ? f.value : value]);

type Case = { label: string; method?: string; origin?: string; body: Body; mustRefuse: boolean };

/** `shown`: the person can open the page the form is on, so its refusals reach them there. */
function casesFor(form: PageForm, allowed: boolean, shown: boolean): Case[] {
  const cases: Case[] = [
    { label: "empty", body: urlencoded(filledWith(form, "")), mustRefuse: false },
    {
      label: "huge",
      body: urlencoded(filledWith(form, HUGE)),
      mustRefuse: shown && form.fields.some((f) => !f.hidden),
    },
  ];
  const values = allowed ? BOUNDARY_VALUES : BOUNDARY_VALUES.slice(0, 1);
  for (const value of values)
    cases.push({
      label: `every field ${JSON.stringify(value)}`,
      body: urlencoded(filledWith(form, value)),
      mustRefuse: false,
    });
  if (!allowed) return cases;
  // Wrong types: each field twice (a list where one value is meant), and ids that name nothing.
  cases.push({
    label: "every field twice",
    body: urlencoded(
      form.fields
        .filter((f) => !f.file)
        .flatMap(
          (f) =>
            [
              [f.name, f.value],
              [f.name, "second"],
            ] as [string, string][],
        ),
    ),
    mustRefuse: false,
  });
  cases.push({
    label: "hidden ids that name nothing",
    body: urlencoded(
      form.fields
        .filter((f) => !f.file)
        .map((f) => [f.name, f.hidden && f.name !== "intent" ? "../../etc/passwd'--" : f.value]),
    ),
    mustRefuse: false,
  });
  // The page's own values, as multipart, with a file whose name has a semicolon wherever a file goes.
  cases.push({
    label: "multipart, file name with a semicolon",
    body: multipart(
      form.fields.map((f) => (f.file ? [f.name, "%PDF-1.4 minutes", "Minutes; final.pdf"] : [f.name, f.value])),
    ),
    mustRefuse: false,
  });
  return cases;
}

/** What no page sends, to any action: a refusal at the edge or by readFormData, every time. */
function protocolCases(form: PageForm | null): Case[] {
  const fields = form ? filledWith(form, "x") : [["intent", "x"] as [string, string]];
  return [
    ...["PUT", "PATCH", "DELETE"].map((method) => ({
      label: method,
      method,
      body: urlencoded(fields),
      mustRefuse: true,
    })),
    { label: "another site", origin: "https://evil.example", body: urlencoded(fields), mustRefuse: true },
    {
      label: "JSON",
      body: { type: "application/json", body: JSON.stringify(Object.fromEntries(fields)) },
      mustRefuse: true,
    },
    { label: "text/plain", body: { type: "text/plain", body: "intent=x" }, mustRefuse: true },
    { label: "no content type", body: { type: "", body: "intent=x" }, mustRefuse: true },
    {
      label: "broken multipart",
      body: {
        type: `multipart/form-data; boundary=${BOUNDARY}`,
        body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--${BOUNDARY.slice(0, 5)}`,
      },
      mustRefuse: true,
    },
    {
      label: "a part without a name",
      body: {
        type: `multipart/form-data; boundary=${BOUNDARY}`,
        body: `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
      },
      mustRefuse: true,
    },
  ];
}

// ───────────────────────── what a refusal must say ─────────────────────────

function leaves(tree: unknown, out: string[] = []): string[] {
  if (typeof tree === "string") out.push(tree);
  else if (tree && typeof tree === "object") for (const value of Object.values(tree)) leaves(value, out);
  return out;
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Every sentence of a language, interpolations as wildcards. */
const sentences = Object.fromEntries(
  (
    [
      ["en", en],
      ["id", id],
    ] as const
  ).map(([locale, catalog]) => [
    locale,
    leaves(catalog)
      .filter((s) => s.length > 12)
      .map(
        (s) =>
          new RegExp(
            `^${s
              .split(/\{\{\w+\}\}/)
              .map(escapeRegExp)
              .join("[\\s\\S]*")}$`,
          ),
      ),
  ]),
) as Record<"en" | "id", RegExp[]>;
const speaks = (locale: "en" | "id", text: string) => sentences[locale].some((r) => r.test(text.trim()));

/** The messages a refusal shows: the whole body when it is text, else the error texts of the page. */
function messagesOf(answer: Answer): string[] {
  if (!answer.type.startsWith("text/html")) return [answer.body];
  const texts: string[] = [];
  for (const m of answer.body.matchAll(
    /<(p|div)\b[^>]*class="(?:field-error|form-error|notice)(?:\s[^"]*)?"[^>]*>([\s\S]*?)<\/\1>|<section class="error-panel"[\s\S]*?<\/h1><p>([\s\S]*?)<\/p>/g,
  ))
    texts.push(decode((m[2] ?? m[3] ?? "").replace(/<[^>]+>/g, "").trim()));
  return texts.filter(Boolean);
}

// ───────────────────────── the test ─────────────────────────

/**
 * The routes in four parts, each a test of its own with fresh sessions, so that each part stays
 * well inside a test's time as routes are added. Sign-out and the language change come last in the
 * last part: they end the session or change the language the others check.
 */
const PARTS = 4;
function routesOfPart(part: number) {
  const routes = actionRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const lastOf = (r: { pattern: string }) => (r.pattern === "/logout" ? 2 : r.pattern === "/settings/language" ? 1 : 0);
  routes.sort((a, b) => lastOf(a) - lastOf(b) || a.pattern.localeCompare(b.pattern));
  const size = Math.ceil(routes.length / PARTS);
  return routes.slice(part * size, (part + 1) * size);
}
let requests = 0;

for (let part = 0; part < PARTS; part++)
  test(`every form action refuses hostile input clearly, writes nothing it refuses and never fails (part ${part + 1} of ${PARTS})`, async () => {
    const routes = routesOfPart(part);
    const logFrom = serverLog.length;

    const people = [await signIn(demo.admin, "id", true), await signIn(demo.observer, "en", false)];
    // Someone signed out, on the public pages (sign-in, reset, invitation, registration) that a stranger reaches.
    const visitor: Person = {
      email: "a visitor",
      locale: "id",
      allowed: true,
      cookie: (await localeCookie.serialize("id")).split(";")[0]!,
    };
    const problems: string[] = [];
    const requestsBefore = requests;
    // Forms of public pages (seen signed out) and of the app shell (sign-out, language) go to routes without a page of their own.
    const shared = [(await send("GET", "/login")).body, (await send("GET", "/", { cookie: people[0]!.cookie })).body];

    /** Sends one hostile request and notes what is wrong with the answer; `counted` false when the caller checks writes. */
    async function probe(person: Person, address: string, hostile: Case, counted = true) {
      const before = counted ? rowCounts() : null;
      const answer = await send(
        hostile.method ?? "POST",
        address,
        {
          cookie: person.cookie,
          origin: hostile.origin ?? base,
          ...(hostile.body.type ? { "content-type": hostile.body.type } : {}),
        },
        hostile.body.body,
      );
      requests++;
      const where = `${hostile.method ?? "POST"} ${address} as ${person.email}, ${hostile.label}: ${answer.status}`;
      if (answer.status >= 500 || answer.status === 0) {
        problems.push(`${where}: ${answer.status ? "server error" : `no answer (${answer.body})`}`);
        return;
      }
      const refused = answer.status >= 400;
      if (hostile.mustRefuse && !refused) problems.push(`${where}: accepted`);
      if (!refused) return;
      if (before) {
        const after = rowCounts();
        const written = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (written.length) problems.push(`${where}: wrote to ${written.join(", ")}`);
      }
      const messages = messagesOf(answer);
      if (!messages.length) problems.push(`${where}: refused without a message`);
      for (const message of messages)
        if (!speaks(person.locale, message))
          problems.push(`${where}: "${message.slice(0, 100)}" is not a sentence of the ${person.locale} catalog`);
    }

    for (const route of routes) {
      const address = addressOf(route);
      const own = address.replace(/\?index$/, "");
      const pages = new Map<Person, Answer>();
      for (const person of [...people, visitor]) pages.set(person, await send("GET", own, { cookie: person.cookie }));
      const forms = formsOn([...[...pages.values()].map((p) => p.body), ...shared].join("\n"), address);
      const publicPage = pages.get(visitor)!.status === 200;
      for (const person of publicPage ? [...people, visitor] : people) {
        // What no page sends is refused before anything is read, so these go all at once, with one count around them.
        const before = rowCounts();
        await Promise.all(protocolCases(forms[0] ?? null).map((hostile) => probe(person, address, hostile, false)));
        const after = rowCounts();
        const written = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (written.length)
          problems.push(`${address} as ${person.email}, malformed requests wrote to ${written.join(", ")}`);
        const pageForms = forms.length ? forms : [{ action: address, multipart: false, fields: [] }];
        const shown = pages.get(person)!.status === 200;
        for (const hostile of pageForms.flatMap((form) => casesFor(form, person.allowed, shown)))
          await probe(person, address, hostile);
      }
    }

    const errors = serverLog.slice(logFrom).filter((line) => /"level":(50|60)/.test(line));
    expect(problems, `${problems.length} problems in ${requests - requestsBefore} requests`).toEqual([]);
    expect(errors, "errors in the server's log").toEqual([]);
    // The parts run in order in one worker: by the last, every route has had its share.
    if (part === PARTS - 1) expect(requests).toBeGreaterThan(500);
  });
