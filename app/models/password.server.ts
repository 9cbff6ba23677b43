import { activityMessage, type ActivityMessage } from "~/i18n/activity";
import { hashPassword } from "~/auth/password.server";
import { attemptSignIn, forgetSignInFailures } from "~/auth/sign-in.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { InputRefused } from "~/domain/input-refused";
import type { Locale } from "~/domain/vocabulary";
import { emit } from "~/events.server";
import { translatorFor } from "~/i18n/translate.server";
import { db, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { sendEmail } from "./email.server";

/** A password forgotten (reset by an e-mailed link) or changed by its owner. */

const RESET_LIFETIME_MS = 60 * 60 * 1000;
const MAX_RESETS_PER_LIFETIME = 3;

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
      message: activityMessage("resetLinkSent", { email: user.email }),
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
  reason: ActivityMessage,
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
      message: reason,
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
  if (!(await replacePassword(row.userId, password, activityMessage("passwordResetByLink", {}), claimUnusedLink)))
    return null;
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
    throw new InputRefused("currentPassword", "auth:signIn.throttled", { seconds: check.retryAfterSeconds });
  }
  if (!check.ok) throw new InputRefused("currentPassword", "account:password.wrongCurrent");
  await replacePassword(userId, newPassword, activityMessage("passwordChangedByOwner", {}));
}
