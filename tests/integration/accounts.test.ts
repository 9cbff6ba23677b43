import crypto from "node:crypto";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { attemptSignIn } from "~/auth/sign-in.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { startHousekeeping } from "~/auth/housekeeping.server";
import { hashToken } from "~/auth/tokens.server";
import { listAuditEvents } from "~/models/audit.server";
import { InputRefused } from "~/domain/input-refused";
import { RolesSchema } from "~/forms/roles";
import { endOtherSessions } from "~/models/account.server";
import { acceptInvitation, findOpenInvitation, inviteUser } from "~/models/invitation.server";
import { changePassword, requestPasswordReset, resetPassword } from "~/models/password.server";
import { setUserStatus, updateUserRoles } from "~/models/user.server";
import { loader as auditLoader } from "~/routes/_app+/admin+/audit";
import { loader as outboxLoader } from "~/routes/_app+/admin+/outbox";
import { action as userAction, loader as userLoader } from "~/routes/_app+/admin+/users.$userId";
import { loader as usersLoader } from "~/routes/_app+/admin+/users._index";
import { action as inviteAction, loader as inviteLoader } from "~/routes/_app+/admin+/users.new";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext as context } from "../support/requests";

/** What an action answers when a form comes back (Conform's reply). */
type Reply = {
  data: { result: { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
  init: { status: number };
};
const tokenIn = (text: string | null, path: string) => new RegExp(`${path}([a-z2-7]{32})`).exec(text ?? "")![1]!;

async function admin() {
  const user = await db.user.findUniqueOrThrow({ where: { email: demo.admin } });
  return { id: user.id, name: user.name };
}
async function countryId(code: string) {
  return (await db.country.findUniqueOrThrow({ where: { code } })).id;
}
async function lastMailTo(to: string) {
  return db.emailMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}

describe("invitations", () => {
  it("work once, and a new invitation revokes the previous link", async () => {
    const la = await countryId("LA");
    await inviteUser(
      { email: "a.invitee@focalpoint.test", name: "A Invitee", roles: [{ role: "focal_point", countryId: la }] },
      await admin(),
    );
    const first = tokenIn((await lastMailTo("a.invitee@focalpoint.test")).text, "/invitations/");
    await inviteUser(
      { email: "a.invitee@focalpoint.test", name: "A Invitee", roles: [{ role: "focal_point", countryId: la }] },
      await admin(),
    );
    const second = tokenIn((await lastMailTo("a.invitee@focalpoint.test")).text, "/invitations/");

    expect(await findOpenInvitation(first)).toBeNull();
    expect(await acceptInvitation(first, { name: "A", password: "long-enough-pass" })).toBeNull();
    const userId = await acceptInvitation(second, { name: "A Invitee", password: "long-enough-pass" });
    expect(userId).toBeTruthy();
    expect(await acceptInvitation(second, { name: "Again", password: "another-password" })).toBeNull();

    const user = await db.user.findUniqueOrThrow({ where: { id: userId! }, include: { roles: true } });
    expect(user).toMatchObject({ status: "active", name: "A Invitee" });
    expect(user.roles).toEqual([expect.objectContaining({ role: "focal_point", countryId: la })]);
    expect((await attemptSignIn("a.invitee@focalpoint.test", "long-enough-pass", null)).ok).toBe(true);
  });

  it("expire", async () => {
    await inviteUser(
      { email: "late@focalpoint.test", name: "Late", roles: [{ role: "observer", countryId: null }] },
      await admin(),
    );
    const token = tokenIn((await lastMailTo("late@focalpoint.test")).text, "/invitations/");
    await db.invitation.updateMany({
      where: { user: { email: "late@focalpoint.test" } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await acceptInvitation(token, { name: "Late", password: "long-enough-pass" })).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { email: "late@focalpoint.test" } })).status).toBe("invited");
  });

  it("are refused for people who already have an account", async () => {
    await expect(
      inviteUser(
        { email: demo.focalPoint("VN"), name: "Again", roles: [{ role: "observer", countryId: null }] },
        await admin(),
      ),
    ).rejects.toBeInstanceOf(InputRefused);
  });

  it("can be sent only by administrators, and bad input writes nothing", async () => {
    const before = await db.user.count();
    const form = new URLSearchParams({ email: "x@focalpoint.test", name: "X", role: "observer" });
    const asFocalPoint = await requestAs(demo.focalPoint("VN"), "/admin/users/new", form);
    await expect(inviteAction({ request: asFocalPoint, params: {}, context })).rejects.toMatchObject({ status: 403 });
    await expect(
      inviteLoader({
        request: await requestAs(demo.secretariat, "/admin/users/new"),
        params: {},
        context,
      }),
    ).rejects.toMatchObject({ status: 403 });

    const bad = new URLSearchParams({
      email: "not-an-email",
      name: "",
      role: "focal_point",
      scope_focal_point: "",
      locale: "en",
    });
    const result = (await inviteAction({
      request: await requestAs(demo.admin, "/admin/users/new", bad),
      params: {},
      context,
    })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(Object.keys(result.data.result.error ?? {}).sort()).toEqual(["email", "name", "scope_focal_point"]);
    expect(await db.user.count()).toBe(before);
  });

  it("are written in the invitee's language, which the new account keeps, whatever the sender's", async () => {
    const kh = await countryId("KH");
    const form = new URLSearchParams({
      email: "sokha@focalpoint.test",
      name: "Sokha Chan",
      role: "task_force",
      scope_task_force: kh,
      locale: "id",
    });
    const request = await requestAs(demo.admin, "/admin/users/new", form);
    await inviteAction({ request, params: {}, context });
    const mail = await lastMailTo("sokha@focalpoint.test");
    expect(mail.subject).toBe("Anda diundang ke FocalPoint");
    expect(await db.user.findUniqueOrThrow({ where: { email: "sokha@focalpoint.test" } })).toMatchObject({
      locale: "id",
      status: "invited",
    });

    // Sending a fresh link later keeps the language chosen the first time.
    await inviteUser(
      { email: "sokha@focalpoint.test", name: "Sokha Chan", roles: [{ role: "task_force", countryId: kh }] },
      await admin(),
    );
    expect((await lastMailTo("sokha@focalpoint.test")).subject).toBe("Anda diundang ke FocalPoint");
  });
});

describe("password reset and change", () => {
  it("a reset link works once, expires, and ends every session", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: demo.taskForce("SG") } });
    const { token: sessionToken } = await createSession(user.id);
    await requestPasswordReset(demo.taskForce("SG"));
    const token = tokenIn((await lastMailTo(demo.taskForce("SG"))).text, "/reset-password/");
    expect(await resetPassword(token, "singapore-skills-1")).toBe(user.id);
    expect(await resetPassword(token, "singapore-skills-2")).toBeNull();
    expect(await validateSessionToken(sessionToken)).toBeNull();
    expect((await attemptSignIn(demo.taskForce("SG"), "singapore-skills-1", null)).ok).toBe(true);

    await requestPasswordReset(demo.taskForce("SG"));
    const late = tokenIn((await lastMailTo(demo.taskForce("SG"))).text, "/reset-password/");
    await db.passwordResetToken.updateMany({
      where: { userId: user.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await resetPassword(late, "singapore-skills-3")).toBeNull();
  });

  it("the reset e-mail is written in the account's language", async () => {
    await db.user.update({ where: { email: demo.taskForce("ID") }, data: { locale: "id" } });
    await requestPasswordReset(demo.taskForce("ID"));
    expect((await lastMailTo(demo.taskForce("ID"))).subject).toBe("Atur ulang kata sandi FocalPoint Anda");
    await requestPasswordReset(demo.taskForce("SG"));
    expect((await lastMailTo(demo.taskForce("SG"))).subject).toBe("Reset your FocalPoint password");
  });

  it("a new password closes every other open reset link", async () => {
    await requestPasswordReset(demo.taskForce("VN"));
    const older = tokenIn((await lastMailTo(demo.taskForce("VN"))).text, "/reset-password/");
    await requestPasswordReset(demo.taskForce("VN"));
    const newer = tokenIn((await lastMailTo(demo.taskForce("VN"))).text, "/reset-password/");
    expect(newer).not.toBe(older);
    expect(await resetPassword(newer, "hanoi-skills-2026")).toBeTruthy();
    expect(await resetPassword(older, "someone-elses-choice")).toBeNull();
    expect((await attemptSignIn(demo.taskForce("VN"), "hanoi-skills-2026", null)).ok).toBe(true);
  });

  it("sends at most three links an hour to one address", async () => {
    const before = await db.emailMessage.count({ where: { to: demo.focalPoint("KH") } });
    for (let i = 0; i < 5; i++) await requestPasswordReset(demo.focalPoint("KH"));
    expect((await db.emailMessage.count({ where: { to: demo.focalPoint("KH") } })) - before).toBe(3);
  });

  it("says nothing about addresses without an account", async () => {
    const before = await db.emailMessage.count();
    await requestPasswordReset("nobody@focalpoint.test");
    expect(await db.emailMessage.count()).toBe(before);
  });

  it("changing the password needs the current one and ends the other sessions", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: demo.taskForce("BN") } });
    const { token } = await createSession(user.id);
    await expect(changePassword(user.id, "wrong", "brunei-skills-2026", "10.0.0.7")).rejects.toBeInstanceOf(
      InputRefused,
    );
    expect(await validateSessionToken(token)).not.toBeNull();
    await changePassword(user.id, "focalpoint-demo", "brunei-skills-2026", "10.0.0.7");
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("guessing the current password through an open session is throttled like sign-in, even with the right one", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: demo.taskForce("KH") } });
    // Frozen clock: the one-second lock after the sixth failure must not run out on a slow machine.
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => void vi.useRealTimers());
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(
        changePassword(user.id, `guess-${attempt}`, "cambodia-skills-2026", "10.0.0.8"),
      ).rejects.toMatchObject({
        messageKey: "account:password.wrongCurrent",
      });
    }
    await expect(changePassword(user.id, "guess-5", "cambodia-skills-2026", "10.0.0.8")).rejects.toMatchObject({
      messageKey: "account:password.wrongCurrent",
    });
    const refused = await changePassword(user.id, "focalpoint-demo", "cambodia-skills-2026", "10.0.0.8").catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ field: "currentPassword", messageKey: "auth:signIn.throttled" });
    expect((refused as InputRefused).values).toMatchObject({ seconds: expect.any(Number) });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      passwordHash: user.passwordHash,
    });
  });

  it("signing out everywhere else keeps this session and is recorded", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("ID") } });
    const here = await createSession(user.id);
    const there = await createSession(user.id);
    expect(await endOtherSessions(user.id, hashToken(here.token))).toBeGreaterThanOrEqual(1);
    expect(await validateSessionToken(here.token)).not.toBeNull();
    expect(await validateSessionToken(there.token)).toBeNull();
    const { events } = await listAuditEvents({ entityType: "user", entityId: user.id, take: 1 });
    expect(events[0]).toMatchObject({ action: "user.end_sessions", actorId: user.id });
  });

  it("disabling an account ends its sessions and refuses sign-in", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: demo.observer } });
    const { token } = await createSession(user.id);
    await setUserStatus(user.id, "disabled", (await admin()).id);
    expect(await validateSessionToken(token)).toBeNull();
    expect((await attemptSignIn(demo.observer, "focalpoint-demo", null)).ok).toBe(false);
  });
});

describe("administration", () => {
  it("refuses every administration loader and action to people who are not administrators", async () => {
    const target = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("PH") } });
    const pages = [
      ["/admin/users", usersLoader],
      ["/admin/outbox", outboxLoader],
      ["/admin/audit", auditLoader],
      [`/admin/users/${target.id}`, userLoader],
    ] as const;
    for (const [path, loader] of pages) {
      const request = await requestAs(demo.secretariat, path);
      await expect(loader({ request, params: { userId: target.id }, context })).rejects.toMatchObject({ status: 403 });
    }
    const disable = await requestAs(
      demo.focalPoint("VN"),
      `/admin/users/${target.id}`,
      new URLSearchParams({ intent: "disable" }),
    );
    await expect(userAction({ request: disable, params: { userId: target.id }, context })).rejects.toMatchObject({
      status: 403,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("active");

    // Signed out: sent to the sign-in page, not shown the page.
    const anonymous = new Request("http://localhost/admin/audit");
    await expect(auditLoader({ request: anonymous, params: {}, context })).rejects.toMatchObject({ status: 302 });
  });

  it("a bad country scope when editing roles writes nothing", async () => {
    const target = await db.user.findUniqueOrThrow({
      where: { email: demo.focalPoint("PH") },
      include: { roles: true },
    });
    const auditBefore = await db.auditEvent.count();
    const form = new URLSearchParams({ intent: "roles", role: "focal_point", scope_focal_point: "not-a-country-id" });
    const request = await requestAs(demo.admin, `/admin/users/${target.id}`, form);
    const result = (await userAction({ request, params: { userId: target.id }, context })) as unknown as Reply;
    expect(result.init.status).toBe(400);
    expect(result.data.result.error).toEqual({ scope_focal_point: ["Choose one of the options."] });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id }, include: { roles: true } })).roles).toEqual(
      target.roles,
    );
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("a bad user id is a 404, not an error", async () => {
    const request = await requestAs(demo.admin, "/admin/users/../../etc");
    await expect(userLoader({ request, params: { userId: "../../etc" }, context })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("reads roles with the country scope only where the role takes one", async () => {
    const la = await countryId("LA");
    expect(
      RolesSchema.parse({
        role: ["admin", "focal_point", "observer"],
        scope_admin: la,
        scope_focal_point: la,
        label_observer: "ILO",
      }),
    ).toEqual({
      roles: [
        { role: "admin", countryId: null, label: null },
        { role: "focal_point", countryId: la, label: null },
        { role: "observer", countryId: null, label: "ILO" },
      ],
    });
    const refused = RolesSchema.safeParse({ role: ["focal_point", "superuser"], scope_focal_point: "" });
    expect(refused.success ? [] : refused.error.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "role",
      "scope_focal_point",
    ]);
  });

  it("an administrator cannot remove their own administrator role", async () => {
    const me = await admin();
    await expect(updateUserRoles(me.id, [{ role: "observer", countryId: null }], me.id)).rejects.toBeInstanceOf(
      InputRefused,
    );
    expect(await db.roleAssignment.count({ where: { userId: me.id, role: "admin" } })).toBe(1);
  });

  it("role changes are recorded with what changed, and the history filters by actor and pages without gaps", async () => {
    const me = await admin();
    const target = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("SG") } });
    const sg = await countryId("SG");
    await updateUserRoles(
      target.id,
      [
        { role: "focal_point", countryId: sg },
        { role: "observer", countryId: null, label: "ILO" },
      ],
      me.id,
    );
    const { events } = await listAuditEvents({ entityType: "user", entityId: target.id, actorId: me.id, take: 1 });
    expect(events[0]).toMatchObject({ action: "user.roles", actorId: me.id });
    expect(JSON.parse(events[0]!.changes!).roles[1]).toEqual([
      { role: "focal_point", countryId: sg },
      { role: "observer", countryId: null, label: "ILO" },
    ]);

    const everything = await listAuditEvents({ take: 200 });
    const paged: string[] = [];
    let afterId: string | undefined;
    for (;;) {
      const page = await listAuditEvents({ take: 7, afterId });
      paged.push(...page.events.map((e) => e.id));
      if (!page.hasMore) break;
      afterId = page.events[page.events.length - 1]!.id;
    }
    expect(paged.slice(0, everything.events.length)).toEqual(everything.events.map((e) => e.id));
    expect(new Set(paged).size).toBe(paged.length);
  });
});

describe("sign-in throttling", () => {
  // Frozen clock: the short locks after the free attempts must not run out on a slow machine.
  const freezeClock = () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    onTestFinished(() => void vi.useRealTimers());
  };

  it("slows down guesses at an account from one address after five failures, even with the right password", async () => {
    freezeClock();
    for (let i = 0; i < 6; i++)
      expect(await attemptSignIn(demo.focalPoint("MY"), "wrong", "10.0.0.1")).toEqual({
        ok: false,
        reason: "invalid",
      });
    const locked = await attemptSignIn(demo.focalPoint("MY"), "focalpoint-demo", "10.0.0.1");
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("guesses sent all at once get no more tries than guesses sent one by one", async () => {
    freezeClock();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => attemptSignIn(demo.focalPoint("LA"), "wrong", "10.0.0.2")),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(6);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(6);
  });

  it("a stranger's failures do not lock the owner out of their account", async () => {
    freezeClock();
    for (let i = 0; i < 20; i++) await attemptSignIn(demo.focalPoint("SG"), "wrong", "203.0.113.9");
    expect(await attemptSignIn(demo.focalPoint("SG"), "wrong", "203.0.113.9")).toMatchObject({
      reason: "throttled",
    });
    expect((await attemptSignIn(demo.focalPoint("SG"), "focalpoint-demo", "198.51.100.4")).ok).toBe(true);
  });

  it("guesses spread over many addresses still meet a ceiling per account", async () => {
    freezeClock();
    for (let i = 0; i < 100; i++) await attemptSignIn(demo.focalPoint("BN"), "wrong", `10.1.${i >> 8}.${i & 255}`);
    expect(await attemptSignIn(demo.focalPoint("BN"), "focalpoint-demo", "198.51.100.5")).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("counts only failures from an address: an office signing in all day behind one address is never locked", async () => {
    const office = "192.0.2.77";
    for (let i = 0; i < 40; i++)
      expect((await attemptSignIn(demo.focalPoint("KH"), "focalpoint-demo", office)).ok, `sign-in ${i + 1}`).toBe(true);
    expect((await attemptSignIn(demo.focalPoint("PH"), "focalpoint-demo", office)).ok).toBe(true);
  });

  it("slows down an address that tries many accounts", async () => {
    const address = "192.0.2.55";
    for (let i = 0; i < 31; i++) await attemptSignIn(`guess${i}@focalpoint.test`, "wrong", address);
    expect(await attemptSignIn(demo.focalPoint("TH"), "focalpoint-demo", address)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect((await attemptSignIn(demo.focalPoint("TH"), "focalpoint-demo", "192.0.2.56")).ok).toBe(true);
  });
});

describe("the outbox", () => {
  async function outboxText(to: string) {
    const { messages } = (await outboxLoader({
      request: await requestAs(demo.admin, "/admin/outbox"),
      params: {},
      context,
    })) as { messages: { to: string; text: string | null }[] };
    return messages.find((m) => m.to === to)?.text ?? null;
  }

  it("shows an invitation's link only until the invitation is used", async () => {
    await inviteUser(
      {
        email: "outbox.invitee@focalpoint.test",
        name: "Outbox Invitee",
        roles: [{ role: "observer", countryId: null }],
      },
      await admin(),
    );
    const text = (await outboxText("outbox.invitee@focalpoint.test"))!;
    const token = tokenIn(text, "/invitations/");
    await acceptInvitation(token, { name: "Outbox Invitee", password: "long-enough-pass" });
    const after = await outboxText("outbox.invitee@focalpoint.test");
    expect(after ?? "").not.toContain(token);
  });

  it("shows a reset link only until it is used", async () => {
    await requestPasswordReset(demo.focalPoint("PH"));
    const token = tokenIn((await outboxText(demo.focalPoint("PH")))!, "/reset-password/");
    expect(await resetPassword(token, "philippines-skills-2026")).toBeTruthy();
    expect((await outboxText(demo.focalPoint("PH"))) ?? "").not.toContain(token);
  });
});

describe("expired sessions", () => {
  it("are deleted by the housekeeping the server starts, and again on its interval", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("MM") } });
    const expired = () =>
      db.session.create({
        data: { id: hashToken(crypto.randomUUID()), userId: owner.id, expiresAt: new Date(Date.now() - 1000) },
      });
    const live = await createSession(owner.id);
    const first = await expired();
    const housekeeping = startHousekeeping({ everyMs: 50 });
    onTestFinished(() => housekeeping.stop());
    await vi.waitFor(async () => expect(await db.session.findUnique({ where: { id: first.id } })).toBeNull());
    const second = await expired();
    await vi.waitFor(async () => expect(await db.session.findUnique({ where: { id: second.id } })).toBeNull());
    expect(await validateSessionToken(live.token)).not.toBeNull();
  });
});
