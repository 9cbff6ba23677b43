import { emit } from "~/events.server";
import { translatorFor } from "~/i18n/translate.server";
import type { Translate } from "~/i18n/types";
import { hashPassword } from "~/auth/password.server";
import { attemptSignIn, forgetSignInFailures } from "~/auth/sign-in.server";
import { invalidateAllSessions } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { db, type Prisma } from "~/utils/db.server";
import { DEFAULT_LOCALE, type Locale, type Role } from "~/domain/vocabulary";
import { env } from "~/utils/env.server";
import { changedFields, recordAudit } from "./audit.server";
import { sendEmail } from "./email.server";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const RESET_LIFETIME_MS = 60 * 60 * 1000;
const MAX_RESETS_PER_LIFETIME = 3;

export type RoleInput = { role: Role; countryId: string | null; label?: string | null };

export class UserError extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
    readonly values?: Record<string, unknown>,
  ) {
    super(messageKey);
  }
}

export async function setUserLocale(userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

function describeRoles(roles: RoleInput[], countryCodes: Map<string, string>, t: Translate) {
  return roles
    .map((r) =>
      r.countryId
        ? t("roleIn", { role: t(`roles.${r.role}`), country: countryCodes.get(r.countryId) ?? "" })
        : t(`roles.${r.role}`),
    )
    .join(", ");
}

/**
 * Invite a person: the account exists at once (status "invited", with its roles)
 * so the directory shows them; the link lets them choose a password. Inviting
 * an address that is still only invited sends a fresh link and revokes the old.
 */
export async function inviteUser(
  input: {
    email: string;
    name: string;
    roles: RoleInput[];
    organisationId?: string | null;
    countryId?: string | null;
    locale?: Locale;
  },
  actor: { id: string; name: string },
  requestId?: string,
) {
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, status: true, passwordHash: true, locale: true },
  });
  if (existing && (existing.status !== "invited" || existing.passwordHash))
    throw new UserError("email", "admin:invite.alreadyMember");
  // The invitation, and the account it opens, speak the invitee's language.
  const locale = input.locale ?? (existing?.locale as Locale | undefined) ?? DEFAULT_LOCALE;

  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const user = await db.$transaction(async (tx) => {
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: {
            name: input.name,
            organisationId: input.organisationId ?? null,
            countryId: input.countryId ?? null,
            locale,
          },
        })
      : await tx.user.create({
          data: {
            email: input.email,
            name: input.name,
            status: "invited",
            locale,
            organisationId: input.organisationId ?? null,
            countryId: input.countryId ?? null,
          },
        });
    await tx.roleAssignment.deleteMany({ where: { userId: user.id } });
    await tx.roleAssignment.createMany({
      data: input.roles.map((r) => ({ userId: user.id, role: r.role, countryId: r.countryId, label: r.label ?? null })),
    });
    await tx.invitation.updateMany({
      where: { userId: user.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.invitation.create({
      data: { tokenHash: hashToken(token), userId: user.id, invitedById: actor.id, expiresAt },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.invite",
      entityType: "user",
      entityId: user.id,
      countryId: input.roles.find((r) => r.countryId)?.countryId ?? null,
      summary: `Invited ${input.email} as ${input.roles.map((r) => r.role).join(", ")}`,
      requestId,
    });
    return user;
  });

  const countries = await db.country.findMany({ select: { id: true, code: true } });
  const codes = new Map(countries.map((c) => [c.id, c.code]));
  const link = `${env().PUBLIC_URL}/invitations/${token}`;
  const t = await translatorFor(locale);
  await sendEmail({
    to: input.email,
    subject: t("auth:invitation.emailSubject"),
    text: t("auth:invitation.emailBody", {
      name: input.name,
      inviter: actor.name,
      roles: describeRoles(input.roles, codes, t),
      link,
      expires: expiresAt.toISOString().slice(0, 10),
    }),
    linkToken: token,
  });
  return { user, link };
}

/** The open invitation a link points to, or null when it is used, revoked or expired. */
export async function findOpenInvitation(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      invitedBy: { select: { name: true } },
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          status: true,
          roles: { include: { country: { select: { code: true } } } },
        },
      },
    },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() < Date.now())
    return null;
  if (invitation.user.status !== "invited") return null;
  return invitation;
}

export async function acceptInvitation(token: string, input: { name: string; password: string }) {
  const invitation = await findOpenInvitation(token);
  if (!invitation) return null;
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    // Claim the invitation first: a second submission of the same link finds nothing to claim.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new UserError("form", "auth:invitation.invalidLink");
    await tx.user.update({
      where: { id: invitation.userId },
      data: { name: input.name, passwordHash, passwordChangedAt: new Date(), status: "active" },
    });
    await recordAudit(tx, {
      actorId: invitation.userId,
      action: "user.accept_invitation",
      entityType: "user",
      entityId: invitation.userId,
      summary: `${invitation.user.email} accepted the invitation`,
    });
  });
  return invitation.userId;
}

/**
 * Sends a single-use reset link when the address has an active account; says
 * nothing either way. A few links per hour are enough for a real person, and
 * the cap keeps a stranger from filling someone's mailbox.
 */
export async function requestPasswordReset(emailAddress: string) {
  const user = await db.user.findUnique({
    where: { email: emailAddress },
    select: { id: true, name: true, email: true, status: true, locale: true },
  });
  if (!user || user.status !== "active") return;
  const recent = await db.passwordResetToken.count({
    where: { userId: user.id, createdAt: { gt: new Date(Date.now() - RESET_LIFETIME_MS) } },
  });
  if (recent >= MAX_RESETS_PER_LIFETIME) return;
  const token = generateToken();
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_LIFETIME_MS) },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "user.request_reset",
      entityType: "user",
      entityId: user.id,
      summary: `Password reset link sent to ${user.email}`,
    });
  });
  const t = await translatorFor(user.locale as Locale);
  await sendEmail({
    to: user.email,
    subject: t("auth:forgot.emailSubject"),
    text: t("auth:forgot.emailBody", { name: user.name, link: `${env().PUBLIC_URL}/reset-password/${token}` }),
    linkToken: token,
  });
}

export async function findValidResetToken(token: string) {
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { status: true, email: true } } },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() < Date.now() || row.user.status !== "active") return null;
  return row;
}

/**
 * Sets a new password and ends every session, including ones a thief may hold,
 * and every reset link still open (an older link sitting in a mailbox must not
 * undo the new password). `claim` runs first in the same transaction and may
 * refuse by returning false, so a link used twice at once changes nothing.
 */
async function replacePassword(
  userId: string,
  password: string,
  reason: string,
  claim: (tx: Prisma.TransactionClient) => Promise<boolean> = async () => true,
) {
  const passwordHash = await hashPassword(password);
  const sessions = await db.session.findMany({ where: { userId }, select: { id: true } });
  const replaced = await db.$transaction(async (tx) => {
    if (!(await claim(tx))) return false;
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.password_change",
      entityType: "user",
      entityId: userId,
      summary: reason,
    });
    return true;
  });
  if (replaced) await emit({ type: "sessions.ended", sessionIds: sessions.map((s) => s.id) });
  return replaced;
}

/** Uses a reset link once; returns the account's id, or null when the link is not valid. */
export async function resetPassword(token: string, password: string) {
  const row = await findValidResetToken(token);
  if (!row) return null;
  const claimUnusedLink = async (tx: Prisma.TransactionClient) =>
    (await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } }))
      .count === 1;
  if (!(await replacePassword(row.userId, password, "Password reset by e-mail link", claimUnusedLink))) return null;
  // Whoever holds the mailbox is the owner: a lock that strangers' guesses put on the account is lifted.
  await forgetSignInFailures(row.user.email);
  return row.userId;
}

/**
 * The current password is checked like a sign-in, sharing its throttle, so a
 * session left open on a shared computer cannot be used to guess it.
 */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  ipAddress: string | null,
) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const check = await attemptSignIn(user.email, currentPassword, ipAddress);
  if (!check.ok && check.reason === "throttled") {
    throw new UserError("currentPassword", "auth:signIn.throttled", { seconds: check.retryAfterSeconds });
  }
  if (!check.ok) throw new UserError("currentPassword", "account:password.wrongCurrent");
  await replacePassword(userId, newPassword, "Password changed by its owner");
}

// ───────────────────────── administration ─────────────────────────

export type UserListFilter = { query?: string; role?: Role; status?: string; page?: number };
export const USERS_PER_PAGE = 25;

export async function listUsers(filter: UserListFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const query = filter.query?.trim().toLowerCase();
  const where = {
    status: filter.status || undefined,
    roles: filter.role ? { some: { role: filter.role } } : undefined,
    OR: query ? [{ name: { contains: query } }, { email: { contains: query } }] : undefined,
  };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ name: "asc" }],
      skip: (page - 1) * USERS_PER_PAGE,
      take: USERS_PER_PAGE,
      select: {
        id: true,
        name: true,
        email: true,
        status: true,
        organisation: { select: { name: true, acronym: true } },
        roles: { select: { role: true, label: true, country: { select: { code: true } } } },
      },
    }),
  ]);
  return { users, total, page, pages: Math.max(1, Math.ceil(total / USERS_PER_PAGE)) };
}

export async function getUserForAdmin(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    include: {
      organisation: { select: { id: true, name: true } },
      country: { select: { code: true, name: true } },
      roles: { include: { country: { select: { code: true, name: true } } }, orderBy: { createdAt: "asc" } },
      invitations: {
        where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
}

/** Replace a person's roles; their open pages and sockets pick up the change on the next request. */
export async function updateUserRoles(userId: string, roles: RoleInput[], actorId: string, requestId?: string) {
  // An administrator who drops their own admin role could leave nobody able to manage access.
  if (userId === actorId && !roles.some((r) => r.role === "admin"))
    throw new UserError("roles", "admin:user.cannotDropOwnAdmin");
  await db.$transaction(async (tx) => {
    const before = await tx.roleAssignment.findMany({
      where: { userId },
      select: { role: true, countryId: true, label: true },
    });
    await tx.roleAssignment.deleteMany({ where: { userId } });
    await tx.roleAssignment.createMany({
      data: roles.map((r) => ({ userId, role: r.role, countryId: r.countryId, label: r.label ?? null })),
    });
    await recordAudit(tx, {
      actorId,
      action: "user.roles",
      entityType: "user",
      entityId: userId,
      summary: `Roles set to ${roles.map((r) => r.role).join(", ")}`,
      changes: { roles: [before, roles] },
      requestId,
    });
  });
  await emit({ type: "person.access-changed", userId });
}

export async function setUserStatus(
  userId: string,
  status: "active" | "disabled",
  actorId: string,
  requestId?: string,
) {
  if (userId === actorId && status === "disabled") throw new UserError("form", "admin:user.cannotDisableSelf");
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { status: true, passwordHash: true, email: true },
  });
  // An invited person who never set a password stays "invited" when re-enabled.
  const next = status === "active" && !user.passwordHash ? "invited" : status;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { status: next } });
    await recordAudit(tx, {
      actorId,
      action: status === "disabled" ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      summary: `${user.email} ${status === "disabled" ? "disabled" : "enabled"}`,
      changes: { status: [user.status, next] },
      requestId,
    });
  });
  if (status === "disabled") await invalidateAllSessions(userId);
}

export async function revokeInvitations(userId: string, actorId: string, requestId?: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { userId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) {
      await recordAudit(tx, {
        actorId,
        action: "user.revoke_invitation",
        entityType: "user",
        entityId: userId,
        summary: "Invitation revoked",
        requestId,
      });
    }
  });
}

// ───────────────────────── a person's own account ─────────────────────────

export async function getAccount(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      position: true,
      phone: true,
      sex: true,
      organisationId: true,
      locale: true,
    },
  });
}

export type ProfileInput = {
  name: string;
  position: string;
  phone: string;
  sex: string;
  organisationId: string | null;
};

export async function updateProfile(userId: string, input: ProfileInput, requestId?: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, position: true, phone: true, sex: true, organisationId: true },
    });
    const data = {
      name: input.name,
      position: input.position || null,
      phone: input.phone || null,
      sex: input.sex,
      organisationId: input.organisationId,
    };
    await tx.user.update({ where: { id: userId }, data });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.profile",
      entityType: "user",
      entityId: userId,
      summary: "Profile updated",
      changes: changedFields(before, data),
      requestId,
    });
  });
}

export async function listSessions(userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true, ipAddress: true },
  });
}

/** Ends every session of the person except the one identified by `keepSessionId`. */
export async function endOtherSessions(userId: string, keepSessionId: string, requestId?: string) {
  const others = await db.session.findMany({ where: { userId, id: { not: keepSessionId } }, select: { id: true } });
  if (others.length === 0) return 0;
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: { in: others.map((s) => s.id) } } });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.end_sessions",
      entityType: "user",
      entityId: userId,
      summary: `Signed out ${others.length} other session(s)`,
      requestId,
    });
  });
  await emit({ type: "sessions.ended", sessionIds: others.map((s) => s.id) });
  return others.length;
}
