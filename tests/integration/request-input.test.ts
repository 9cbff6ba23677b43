import { describe, expect, it } from "vitest";
import { localeCookie } from "~/auth/locale-cookie.server";
import { action as accountAction } from "~/routes/_app+/account";
import { action as milestonePageAction } from "~/routes/_app+/milestones+/$milestoneId._index";
import { action as milestoneEditAction } from "~/routes/_app+/milestones+/$milestoneId.edit";
import { action as loginAction } from "~/routes/_auth+/login";
import { action as languageAction } from "~/routes/_resources+/settings.language";
import { storeUpload } from "~/models/stored-file.server";
import { db } from "~/utils/db.server";
import { cookieFor, formBody, routeContext, settle, userId } from "../support/requests";
import { demo } from "../support/people";

/**
 * Requests as they arrive from outside: bodies that are not forms, broken
 * forms, crafted redirects, file names with unusual characters, and dates and
 * names no person means. Each is answered with a clear message, never a 500.
 */

type Action = (args: { request: Request; params: Record<string, string>; context: typeof routeContext }) => unknown;

async function post(action: Action, path: string, init: RequestInit, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, { method: "POST", ...init });
  return settle(async () => (await action({ request, params, context: routeContext })) as unknown);
}

/** What an action answered: a Response, or the data (and status) of `data()`. */
function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  if (result && typeof result === "object" && "init" in result)
    return (result as { init: { status?: number } | null }).init?.status ?? 200;
  return 200;
}
function dataOf<T>(result: unknown): T {
  return (result as { data: T }).data;
}

async function indonesianCookie() {
  return (await localeCookie.serialize("id")).split(";")[0]!;
}

describe("bodies that cannot be read as a form", () => {
  it("are refused with 415 when they are not a form at all, in the sender's language", async () => {
    for (const [type, body] of [
      ["application/json", '{"email":demo.focalPoint("VN"),"password":"x"}'],
      ["text/plain", "email=fp.vn@focalpoint.test"],
    ]) {
      const refused = await post(loginAction, "/login", { body, headers: { "content-type": type! } });
      expect(statusOf(refused), type).toBe(415);
      expect(await (refused as Response).text()).toBe("This request must be sent as a form from FocalPoint's pages.");
    }
    const untyped = await post(loginAction, "/login", {
      body: new TextEncoder().encode("email=x"),
      headers: { cookie: await indonesianCookie() },
    });
    expect(statusOf(untyped)).toBe(415);
    expect(await (untyped as Response).text()).toBe(
      "Permintaan ini harus dikirim sebagai formulir dari halaman FocalPoint.",
    );
  });

  it("are refused with 400 when a form is broken, and nothing is written", async () => {
    const milestone = await db.milestone.findFirstOrThrow({ where: { country: { code: "KH" } } });
    const before = await db.auditEvent.count();
    const broken = await post(
      milestonePageAction,
      `/milestones/${milestone.id}`,
      {
        body: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\naddLink\r\n--xy',
        headers: {
          "content-type": "multipart/form-data; boundary=xyz",
          cookie: await cookieFor(demo.focalPoint("KH")),
        },
      },
      { milestoneId: milestone.id },
    );
    expect(statusOf(broken)).toBe(400);
    expect(await (broken as Response).text()).toBe("The form could not be read. Please reload the page and try again.");
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("take a file whose name holds a semicolon like any other file", async () => {
    const milestone = await db.milestone.findFirstOrThrow({
      where: { country: { code: "KH" }, stageCode: "national_standard" },
    });
    const form = new FormData();
    form.set("intent", "addFile");
    form.set("title", "");
    form.set("file", new File(["%PDF-1.4 minutes"], "Minutes; final.pdf", { type: "application/pdf" }));
    const answer = await post(
      milestonePageAction,
      `/milestones/${milestone.id}`,
      { body: form, headers: { cookie: await cookieFor(demo.focalPoint("KH")) } },
      { milestoneId: milestone.id },
    );
    expect(statusOf(answer)).toBe(200);
    const evidence = await db.milestoneEvidence.findFirstOrThrow({
      where: { milestoneId: milestone.id, file: { isNot: null } },
      include: { file: true },
      orderBy: { createdAt: "desc" },
    });
    expect(evidence.file!.filename).toBe("Minutes; final.pdf");
  });
});

describe("where a form sends a person next", () => {
  const signIn = (redirectTo: string) =>
    post(loginAction, "/login", {
      body: formBody({ email: demo.focalPoint("VN"), password: "focalpoint-demo", redirectTo }),
    });

  it("is a path of this site as the browser reads it, never another site", async () => {
    for (const evil of [
      "/\t/evil.example/phish",
      "/%09/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\\/evil.example",
      "/\\/evil.example",
      " //evil.example",
      "https://evil.example/",
      "http://127.0.0.1:3000@evil.example/",
    ]) {
      const answer = await signIn(evil);
      expect(statusOf(answer), JSON.stringify(evil)).toBe(302);
      const location = (answer as Response).headers.get("Location")!;
      expect(new URL(location, "http://127.0.0.1:3000").origin, JSON.stringify(evil)).toBe("http://127.0.0.1:3000");
    }
    const answer = await signIn("/countries/VN?tab=plans#milestones");
    expect((answer as Response).headers.get("Location")).toBe("/countries/VN?tab=plans#milestones");
  });

  it("after a language change, a newline in the address is no error", async () => {
    const answer = await post(languageAction, "/settings/language", {
      body: formBody({ locale: "id", redirectTo: "/account\nSet-Cookie: x=y" }),
    });
    expect(statusOf(answer)).toBe(302);
    expect((answer as Response).headers.get("Location")).toBe("/accountSet-Cookie:%20x=y");
  });
});

describe("names and file names", () => {
  // U+202E (right-to-left override) makes "report‮fdp.exe" read as "reportexe.pdf".
  const OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

  it("lose bidirectional override characters, which only disguise what a text says", async () => {
    const answer = await post(accountAction, "/account", {
      body: formBody({ intent: "profile", name: `Lan\u202eAnh${OVERRIDES}`, position: "", phone: "", sex: "female" }),
      headers: { cookie: await cookieFor(demo.focalPoint("VN")) },
    });
    expect(statusOf(answer)).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("VN") } })).name).toBe("LanAnh");

    const file = await storeUpload(
      new File(["%PDF-1.4"], `report\u202etxt${OVERRIDES}.pdf`, { type: "application/pdf" }),
      await userId(demo.focalPoint("VN")),
    );
    expect(file.filename).toBe("reporttxt.pdf");
  });
});

describe("dates", () => {
  it("a milestone completed in the year 0 is refused with a clear message and nothing is saved", async () => {
    const milestone = await db.milestone.findFirstOrThrow({
      where: { country: { code: "VN" }, stageCode: "national_standard" },
    });
    const answer = await post(
      milestoneEditAction,
      `/milestones/${milestone.id}/edit`,
      {
        body: formBody({
          status: "completed",
          startedOn: "",
          targetOn: "",
          achievedOn: "0000-01-01",
          notes: "",
          version: milestone.updatedAt.toISOString(),
        }),
        headers: { cookie: await cookieFor(demo.focalPoint("VN")) },
      },
      { milestoneId: milestone.id },
    );
    expect(statusOf(answer)).toBe(400);
    expect(dataOf<{ result: { error: Record<string, string[]> } }>(answer).result.error.achievedOn?.[0]).toBe(
      "Enter a date between 1990 and 2100.",
    );
    expect((await db.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).achievedOn).toBe(
      milestone.achievedOn,
    );
  });
});
