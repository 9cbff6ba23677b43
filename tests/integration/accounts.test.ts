import { describe, expect, it } from "vitest";
import { attemptSignIn } from "~/auth/sign-in.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import type { Translate } from "~/i18n/translate.server";
import {
  acceptInvitation,
  changePassword,
  findOpenInvitation,
  inviteUser,
  requestPasswordReset,
  resetPassword,
  setUserStatus,
  UserError,
} from "~/models/user.server";
import { action as inviteAction, loader as inviteLoader } from "~/routes/_app.admin.users.new";
import { db } from "~/utils/db.server";

const t: Translate = (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key);
const tokenIn = (text: string, path: string) => new RegExp(`${path}([a-z2-7]{32})`).exec(text)![1]!;

async function admin() {
  const user = await db.user.findUniqueOrThrow({ where: { email: "admin@focalpoint.test" } });
  return { id: user.id, name: user.name };
}
async function countryId(code: string) {
  return (await db.country.findUniqueOrThrow({ where: { code } })).id;
}
async function lastMailTo(to: string) {
  return db.emailMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}
async function requestAs(email: string, url: string, init: RequestInit = {}) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const { token } = await createSession(user.id);
  return new Request(url, { ...init, headers: { cookie: `fp_session=${token}`, ...(init.headers ?? {}) } });
}
const context = { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" };

describe("invitations", () => {
  it("work once, and a new invitation revokes the previous link", async () => {
    const la = await countryId("LA");
    await inviteUser({ email: "a.invitee@focalpoint.test", name: "A Invitee", roles: [{ role: "focal_point", countryId: la }] }, await admin(), t);
    const first = tokenIn((await lastMailTo("a.invitee@focalpoint.test")).text, "/invitations/");
    await inviteUser({ email: "a.invitee@focalpoint.test", name: "A Invitee", roles: [{ role: "focal_point", countryId: la }] }, await admin(), t);
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
    await inviteUser({ email: "late@focalpoint.test", name: "Late", roles: [{ role: "observer", countryId: null }] }, await admin(), t);
    const token = tokenIn((await lastMailTo("late@focalpoint.test")).text, "/invitations/");
    await db.invitation.updateMany({ where: { user: { email: "late@focalpoint.test" } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await acceptInvitation(token, { name: "Late", password: "long-enough-pass" })).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { email: "late@focalpoint.test" } })).status).toBe("invited");
  });

  it("are refused for people who already have an account", async () => {
    await expect(
      inviteUser({ email: "fp.vn@focalpoint.test", name: "Again", roles: [{ role: "observer", countryId: null }] }, await admin(), t),
    ).rejects.toBeInstanceOf(UserError);
  });

  it("can be sent only by administrators, and bad input writes nothing", async () => {
    const before = await db.user.count();
    const form = new URLSearchParams({ email: "x@focalpoint.test", name: "X", role: "observer" });
    const asFocalPoint = await requestAs("fp.vn@focalpoint.test", "http://localhost/admin/users/new", { method: "POST", body: form });
    await expect(inviteAction({ request: asFocalPoint, params: {}, context })).rejects.toMatchObject({ status: 403 });
    await expect(inviteLoader({ request: await requestAs("secretariat@focalpoint.test", "http://localhost/admin/users/new"), params: {}, context })).rejects.toMatchObject({ status: 403 });

    const bad = new URLSearchParams({ email: "not-an-email", name: "", role: "focal_point", scope_focal_point: "" });
    const result = (await inviteAction({
      request: await requestAs("admin@focalpoint.test", "http://localhost/admin/users/new", { method: "POST", body: bad }),
      params: {},
      context,
    })) as unknown as { data: { fieldErrors: Record<string, string> }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(Object.keys(result.data.fieldErrors).sort()).toEqual(["email", "name", "scope_focal_point"]);
    expect(await db.user.count()).toBe(before);
  });
});

describe("password reset and change", () => {
  it("a reset link works once, expires, and ends every session", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "tf.sg@focalpoint.test" } });
    const { token: sessionToken } = await createSession(user.id);
    await requestPasswordReset("tf.sg@focalpoint.test", t);
    const token = tokenIn((await lastMailTo("tf.sg@focalpoint.test")).text, "/reset-password/");
    expect(await resetPassword(token, "singapore-skills-1")).toBe(user.id);
    expect(await resetPassword(token, "singapore-skills-2")).toBeNull();
    expect(await validateSessionToken(sessionToken)).toBeNull();
    expect((await attemptSignIn("tf.sg@focalpoint.test", "singapore-skills-1", null)).ok).toBe(true);

    await requestPasswordReset("tf.sg@focalpoint.test", t);
    const late = tokenIn((await lastMailTo("tf.sg@focalpoint.test")).text, "/reset-password/");
    await db.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await resetPassword(late, "singapore-skills-3")).toBeNull();
  });

  it("says nothing about addresses without an account", async () => {
    const before = await db.emailMessage.count();
    await requestPasswordReset("nobody@focalpoint.test", t);
    expect(await db.emailMessage.count()).toBe(before);
  });

  it("changing the password needs the current one and ends the other sessions", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "tf.bn@focalpoint.test" } });
    const { token } = await createSession(user.id);
    await expect(changePassword(user.id, "wrong", "brunei-skills-2026")).rejects.toBeInstanceOf(UserError);
    expect(await validateSessionToken(token)).not.toBeNull();
    await changePassword(user.id, "focalpoint-demo", "brunei-skills-2026");
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("disabling an account ends its sessions and refuses sign-in", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "observer@focalpoint.test" } });
    const { token } = await createSession(user.id);
    await setUserStatus(user.id, "disabled", (await admin()).id);
    expect(await validateSessionToken(token)).toBeNull();
    expect((await attemptSignIn("observer@focalpoint.test", "focalpoint-demo", null)).ok).toBe(false);
  });
});

describe("sign-in throttling", () => {
  it("slows down an account after five failures, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect(await attemptSignIn("fp.my@focalpoint.test", "wrong", `10.0.0.${i}`)).toEqual({ ok: false, reason: "invalid" });
    const sixth = await attemptSignIn("fp.my@focalpoint.test", "wrong", "10.0.1.1");
    expect(sixth).toEqual({ ok: false, reason: "invalid" });
    const locked = await attemptSignIn("fp.my@focalpoint.test", "focalpoint-demo", "10.0.1.2");
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("slows down an address that tries many accounts", async () => {
    const address = "192.0.2.55";
    for (let i = 0; i < 31; i++) await attemptSignIn(`guess${i}@focalpoint.test`, "wrong", address);
    expect(await attemptSignIn("fp.th@focalpoint.test", "focalpoint-demo", address)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attemptSignIn("fp.th@focalpoint.test", "focalpoint-demo", "192.0.2.56")).ok).toBe(true);
  });
});
