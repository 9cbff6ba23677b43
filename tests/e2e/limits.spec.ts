import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demo, DEMO_PASSWORD } from "../support/people";

/**
 * What the server's edge (server.ts) refuses before the app reads a request:
 * bodies too large (counted as they arrive, whatever the headers say), methods
 * and content types no form uses, and forms sent from another site.
 */

const TOO_LARGE = "This request is too large: a file may be at most 10 MB.";
const MB = 1024 * 1024;

type Streamed = { status: number | null; body: string; sentBytes: number; error: string | null; ms: number };

/**
 * Sends `total` bytes of `part` as a chunked body (no Content-Length), as fast
 * as the server takes them, and stops at the first answer.
 */
function streamBody(path: string, contentType: string, chunk: Buffer, total: number, prefix = ""): Promise<Streamed> {
  const url = new URL(path, test.info().project.use.baseURL);
  const started = Date.now();
  return new Promise((resolve) => {
    let sentBytes = 0;
    let done = false;
    const finish = (result: Omit<Streamed, "sentBytes" | "ms">) => {
      if (done) return;
      done = true;
      request.destroy();
      resolve({ ...result, sentBytes, ms: Date.now() - started });
    };
    const request = http.request(
      url,
      { method: "POST", headers: { "content-type": contentType, "transfer-encoding": "chunked" } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (text: string) => (body += text));
        response.on("end", () => finish({ status: response.statusCode ?? null, body, error: null }));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => finish({ status: null, body: "", error: error.code ?? "" }));
    if (prefix) {
      request.write(prefix);
      sentBytes += Buffer.byteLength(prefix);
    }
    const write = () => {
      while (!done && sentBytes < total) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", write);
      }
      if (!done) request.end();
    };
    write();
  });
}

async function healthLatency(): Promise<number> {
  const url = new URL("/healthz", test.info().project.use.baseURL);
  const started = Date.now();
  const response = await fetch(url);
  await response.text();
  return Date.now() - started;
}

async function signedInContext(request: APIRequestContext, email: string) {
  const response = await request.post("/login", { form: { email, password: DEMO_PASSWORD }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

test("a body larger than any upload is refused with a clear message before the app reads it", async ({ request }) => {
  const boundary = "----focalpoint";
  const response = await request.post("/login", {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    data: Buffer.alloc(12 * MB),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toBe(TOO_LARGE);
  // An ordinary form still goes through.
  const ordinary = await request.post("/login", {
    form: { email: "nobody@focalpoint.test", password: "wrong-password" },
  });
  expect(ordinary.status()).toBe(400);
});

test("a chunked body is counted as it arrives: 300 MB stops after the limit, and the server keeps answering", async () => {
  // A form without files: the limit is far lower than an upload's.
  const form = streamBody(
    "/login",
    "application/x-www-form-urlencoded",
    Buffer.alloc(64 * 1024, "a"),
    300 * MB,
    "email=",
  );
  // Meanwhile every other request is answered promptly.
  const latencies: number[] = [];
  for (let i = 0; i < 5; i++) latencies.push(await healthLatency());
  const refused = await form;
  expect(refused).toMatchObject({ status: 413, body: TOO_LARGE });
  // After its answer the server drops what still arrives for two seconds and then closes the connection;
  // how much a client pushes in that time depends on the machine, so the bound is "far from the whole body".
  expect(refused.sentBytes).toBeLessThan(300 * MB * 0.5);
  expect(Math.max(...latencies)).toBeLessThan(1000);

  // A multipart body of many small parts counts as a whole, not part by part.
  const boundary = "----many-parts";
  const part = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${"x".repeat(1024)}\r\n`,
  );
  const parts = await streamBody("/login", `multipart/form-data; boundary=${boundary}`, part, 150 * MB);
  expect(parts).toMatchObject({ status: 413, body: TOO_LARGE });
  expect(parts.sentBytes).toBeLessThan(150 * MB * 0.5);
  expect(await healthLatency()).toBeLessThan(1000);
});

test("methods no form uses are refused with 405, before any action runs", async ({ request }) => {
  await signedInContext(request, demo.focalPoint("VN"));
  for (const method of ["PUT", "PATCH", "DELETE"] as const) {
    for (const path of ["/login", "/logout", "/account", "/settings/language"]) {
      const response = await request.fetch(path, { method, form: { locale: "id" } });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
      expect(await response.text()).toBe("This address does not accept this kind of request.");
    }
  }
  // Still signed in: DELETE /logout did nothing.
  expect((await request.get("/account", { maxRedirects: 0 })).status()).toBe(200);
});

test("bodies that are not forms are refused with 415, and a broken form with 400, never 500", async ({ request }) => {
  const message = "This request must be sent as a form from FocalPoint's pages.";
  for (const [contentType, body] of [
    ["application/json", '{"email":demo.focalPoint("VN"),"password":"x"}'],
    ["text/plain", "email=fp.vn@focalpoint.test&password=x"],
    ["application/xml", "<email/>"],
    ["multipart/form-data", "no boundary"],
  ] as const) {
    const response = await request.post("/login", { headers: { "content-type": contentType }, data: body });
    expect(response.status(), contentType).toBe(415);
    expect(await response.text()).toBe(message);
  }
  const untyped = await request.fetch("/login", { method: "POST", data: Buffer.from("email=x") });
  expect(untyped.status()).toBe(415);

  const broken = await request.post("/login", {
    headers: { "content-type": "multipart/form-data; boundary=xyz" },
    data: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nfp.vn@focalpoint.test\r\n--xy',
  });
  expect(broken.status()).toBe(400);
  expect(await broken.text()).toContain("The form could not be read. Please reload the page and try again.");
});

test("another site cannot sign a person out, change their language or post a page's form", async ({ request }) => {
  await signedInContext(request, demo.focalPoint("KH"));
  const foreign = { origin: "http://evil.example" };
  const message = "This form was sent from another site, so it was refused.";

  const logout = await request.post("/logout", { headers: foreign, form: {}, maxRedirects: 0 });
  expect(logout.status()).toBe(403);
  expect(await logout.text()).toBe(message);

  const language = await request.post("/settings/language", {
    headers: foreign,
    form: { locale: "id", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(language.status()).toBe(403);

  // A page's own action (Remix answered these with a 500 and an error in the log).
  const account = await request.post("/account", {
    headers: foreign,
    form: { intent: "profile", name: "Renamed from elsewhere" },
    maxRedirects: 0,
  });
  expect(account.status()).toBe(403);
  expect(await account.text()).toBe(message);

  // A page sandboxed or opened from a file sends "Origin: null": refused too.
  const opaque = await request.post("/logout", { headers: { origin: "null" }, form: {}, maxRedirects: 0 });
  expect(opaque.status()).toBe(403);
  // Without an Origin header, the browser's own Sec-Fetch-Site says where the form came from.
  const crossSite = await request.post("/logout", {
    headers: { "sec-fetch-site": "cross-site" },
    form: {},
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);

  // Still signed in, in English, under the same name.
  const page = await request.get("/account", { maxRedirects: 0 });
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain('lang="en"');
  expect(html).not.toContain("Renamed from elsewhere");

  // The same forms from FocalPoint's own pages work.
  const own = new URL(test.info().project.use.baseURL!).origin;
  const signOut = await request.post("/logout", { headers: { origin: own }, form: {}, maxRedirects: 0 });
  expect(signOut.status()).toBe(302);
  expect(signOut.headers()["location"]).toBe("/login?signedOut=1");
});
