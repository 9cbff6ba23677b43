import { activityMessage } from "~/i18n/activity";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { hashPassword } from "~/auth/password.server";
import { InputRefused } from "~/domain/input-refused";
import { DEFAULT_LOCALE, type Locale } from "~/domain/vocabulary";
import { translatorFor } from "~/i18n/translate.server";
import type { Translate } from "~/i18n/types";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { sendEmail } from "./email.server";
import { refuseUnknownScopes, type RoleInput } from "./user.server";

/** Invitations to an account: sent by an administrator, accepted once by choosing a password. */

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

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
    throw new InputRefused("email", "admin:invite.alreadyMember");
  await refuseUnknownScopes(input.roles);
  if (input.organisationId && !(await db.organisation.count({ where: { id: input.organisationId } })))
    throw new InputRefused("organisationId", "common:validation.invalidChoice");
  if (input.countryId && !(await db.country.count({ where: { id: input.countryId } })))
    throw new InputRefused("countryId", "common:validation.invalidChoice");
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
      message: activityMessage("personInvited", {
        email: input.email,
        roles: { roles: input.roles.map((r) => r.role) },
      }),
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
    if (claimed.count !== 1) throw new InputRefused("form", "auth:invitation.invalidLink");
    await tx.user.update({
      where: { id: invitation.userId },
      data: { name: input.name, passwordHash, passwordChangedAt: new Date(), status: "active" },
    });
    await recordAudit(tx, {
      actorId: invitation.userId,
      action: "user.accept_invitation",
      entityType: "user",
      entityId: invitation.userId,
      message: activityMessage("invitationAccepted", { email: invitation.user.email }),
    });
  });
  return invitation.userId;
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
        message: activityMessage("invitationRevoked", {}),
        requestId,
      });
    }
  });
}
