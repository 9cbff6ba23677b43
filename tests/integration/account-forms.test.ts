import { describe, expect, it } from "vitest";
import { action as accountAction } from "~/routes/_app+/account";
import { action as forgotAction } from "~/routes/_auth+/forgot-password";
import { action as acceptAction } from "~/routes/_auth+/invitations.$token";
import { action as loginAction } from "~/routes/_auth+/login";
import { action as resetAction } from "~/routes/_auth+/reset-password.$token";
import { db } from "~/utils/db.server";
import { formBody, requestAs, routeContext, settle } from "../support/requests";
import { demo } from "../support/people";

/**
 * The account forms on Conform: what the schema or the model refuses comes
 * back beside its field, in the sender's language, passwords are never sent
 * back, and nothing is written.
 */

type Reply = {
  data: { result: { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
  init: { status: number };
};

const post = (path: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: "POST", body: formBody(fields) });
const run = async (action: () => Promise<unknown>) => (await settle(action)) as unknown as Reply;
const TOKEN = "a".repeat(32);

describe("the account forms", () => {
  it("sign-in: a bad address is refused beside its field, wrong credentials for the form, no password echoed", async () => {
    const bad = await run(() =>
      loginAction({ request: post("/login", { email: "nope", password: "x" }), params: {}, context: routeContext }),
    );
    expect(bad.init.status).toBe(400);
    expect(bad.data.result.error?.email?.[0]).toMatch(/e-mail|email/i);
    expect(bad.data.result.initialValue?.password).toBeUndefined();
    const wrong = await run(() =>
      loginAction({
        request: post("/login", { email: demo.focalPoint("VN"), password: "not-the-password" }),
        params: {},
        context: { ...routeContext, clientIp: "10.9.9.9" },
      }),
    );
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.result.error?.[""]?.[0]).toBeTruthy();
    expect(wrong.data.result.initialValue).toMatchObject({ email: demo.focalPoint("VN") });
    expect(wrong.data.result.initialValue?.password).toBeUndefined();
  });

  it("forgotten password: a bad address is refused beside its field and sends nothing", async () => {
    const before = await db.emailMessage.count();
    const reply = await run(() =>
      forgotAction({
        request: post("/forgot-password", { email: "not-an-address" }),
        params: {},
        context: routeContext,
      }),
    );
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.email).toHaveLength(1);
    expect(await db.emailMessage.count()).toBe(before);
  });

  it("reset and invitation links that are not valid are refused for the whole form", async () => {
    for (const [action, path] of [
      [resetAction, "/reset-password/"],
      [acceptAction, "/invitations/"],
    ] as const) {
      const reply = await run(() =>
        action({
          request: post(`${path}${TOKEN}`, {
            name: "X",
            password: "long-enough-pass",
            confirmPassword: "long-enough-pass",
          }),
          params: { token: TOKEN },
          context: routeContext,
        }),
      );
      expect(reply.init.status, path).toBe(400);
      expect(reply.data.result.error?.[""]?.[0], path).toBeTruthy();
      expect(reply.data.result.initialValue?.password, path).toBeUndefined();
    }
  });

  it("profile: an empty name and an organisation not in the list are refused beside their fields, nothing saved", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("TH") } });
    const empty = await run(async () =>
      accountAction({
        request: await requestAs(demo.focalPoint("TH"), "/account", { intent: "profile", name: "", sex: "male" }),
        params: {},
        context: routeContext,
      }),
    );
    expect(empty.init.status).toBe(400);
    expect(empty.data.result.error?.name).toEqual(["This field is required."]);
    const unknown = await run(async () =>
      accountAction({
        request: await requestAs(demo.focalPoint("TH"), "/account", {
          intent: "profile",
          name: "Somchai",
          sex: "male",
          organisationId: "no-such-organisation",
        }),
        params: {},
        context: routeContext,
      }),
    );
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.result.error?.organisationId).toEqual(["Choose one of the options."]);
    expect(await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("TH") } })).toEqual(before);
  });

  it("password change: a wrong current password is refused beside its field, no password echoed, nothing changed", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("MM") } });
    const reply = await run(async () =>
      accountAction({
        request: await requestAs(demo.focalPoint("MM"), "/account", {
          intent: "password",
          currentPassword: "not-the-password",
          password: "myanmar-skills-2026",
          confirmPassword: "myanmar-skills-2026",
        }),
        params: {},
        context: { ...routeContext, clientIp: "10.9.9.8" },
      }),
    );
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.currentPassword).toHaveLength(1);
    expect(reply.data.result.initialValue).not.toHaveProperty("password");
    expect(reply.data.result.initialValue).not.toHaveProperty("currentPassword");
    expect((await db.user.findUniqueOrThrow({ where: { id: before.id } })).passwordHash).toBe(before.passwordHash);
  });
});
