import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { z } from "zod";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { InputRefused } from "~/domain/input-refused";
import { db } from "~/utils/db.server";
import { LOCALES, type Locale, type RegistrationStatus, type Sex } from "~/domain/vocabulary";
import { env } from "~/utils/env.server";
import { formatDay } from "~/utils/format";
import { translatorFor } from "~/i18n/translate.server";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";
import { sendEmail } from "./email.server";
import { matchOrganisation } from "./participant.server";
import { saveAnswers } from "./registration-questions.server";

/** Invited people register themselves through a one-time link, sent by hand or by e-mail. */

/** The page an invited person opens to register. */
const registrationUrl = (token: string) => `${env().PUBLIC_URL}/register/${token}`;
const RegistrationTokenSchema = z.string().regex(/^[a-z2-7]{32}$/);

/**
 * A new registration link for a participant who has not registered yet. Only
 * the token's hash is kept, so the link is shown once; a new link replaces the
 * previous one.
 */
export async function createRegistrationLink(
  workshopId: string,
  participantId: string,
  { actorId, requestId }: ChangeAuthor,
) {
  const token = generateToken();
  const participant = await db.$transaction(async (tx) => {
    const participant = await tx.participant.findFirst({
      where: { id: participantId, workshopId },
      include: { workshop: { select: { title: true } } },
    });
    if (!participant) throw new InputRefused("form", "participants:errors.notFound");
    if (participant.registrationStatus === "registered")
      throw new InputRefused("form", "participants:errors.alreadyRegistered");
    await tx.participant.update({ where: { id: participantId }, data: { registrationTokenHash: hashToken(token) } });
    await recordAudit(tx, {
      actorId,
      action: "participant.registration_link",
      entityType: "participant",
      entityId: participantId,
      countryId: participant.countryId,
      message: activityMessage("registrationLinkCreated", { name: participant.name }),
      requestId,
    });
    return participant;
  });
  return { url: registrationUrl(token), token, participant };
}

/** An invitation, or a reminder to someone who has not answered theirs: both carry a fresh link. */
export type RegistrationEmailKind = "invitation" | "reminder";

const EMAIL_TEXT = {
  invitation: { subject: "participants:invitation.emailSubject", body: "participants:invitation.emailBody" },
  reminder: { subject: "participants:invitation.reminderSubject", body: "participants:invitation.reminderBody" },
} as const;

/**
 * A fresh registration link sent by e-mail, written in the invited person's
 * language when they have an account, else in `fallbackLocale` (the sender's).
 * The participant keeps when it went out (invitationSentAt or reminderSentAt).
 * Returns the link and the address it went to.
 */
export async function sendRegistrationLink(
  workshopId: string,
  participantId: string,
  author: ChangeAuthor,
  fallbackLocale: Locale,
  kind: RegistrationEmailKind = "invitation",
) {
  const { url, token, participant } = await createRegistrationLink(workshopId, participantId, author);
  if (!participant.email) return { url, sentTo: null };
  const [account, workshop] = await Promise.all([
    participant.userId ? db.user.findUnique({ where: { id: participant.userId }, select: { locale: true } }) : null,
    db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { title: true, startsOn: true, endsOn: true } }),
  ]);
  const locale = (LOCALES as readonly string[]).includes(account?.locale ?? "")
    ? (account!.locale as Locale)
    : fallbackLocale;
  const t = await translatorFor(locale);
  // the page the link opens speaks the e-mail's language (register.$token remembers it for the visitor)
  const link = `${url}?lang=${locale}`;
  const dates =
    workshop.startsOn === workshop.endsOn
      ? formatDay(workshop.startsOn, locale, "long")
      : `${formatDay(workshop.startsOn, locale, "long")} – ${formatDay(workshop.endsOn, locale, "long")}`;
  await sendEmail({
    to: participant.email,
    subject: t(EMAIL_TEXT[kind].subject, { workshop: workshop.title }),
    text: t(EMAIL_TEXT[kind].body, { name: participant.name, workshop: workshop.title, dates, url: link }),
    linkToken: token,
  });
  const sentAt = new Date();
  await db.participant.update({
    where: { id: participantId },
    data: kind === "invitation" ? { invitationSentAt: sentAt } : { reminderSentAt: sentAt },
  });
  return { url, sentTo: participant.email };
}

/** The participant and workshop behind an unused registration link, or null. */
export async function findRegistration(token: string) {
  const parsed = RegistrationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return db.participant.findUnique({
    where: { registrationTokenHash: hashToken(parsed.data) },
    select: {
      id: true,
      name: true,
      email: true,
      sex: true,
      organisationName: true,
      countryId: true,
      registrationStatus: true,
      workshop: {
        select: {
          id: true,
          title: true,
          startsOn: true,
          endsOn: true,
          venue: true,
          city: true,
          timeZone: true,
          hostCountry: { select: { code: true, name: true } },
        },
      },
    },
  });
}

export type RegistrationAnswer = {
  decision: "register" | "decline";
  name: string;
  organisationName: string;
  countryId: string | null;
  sex: Sex;
  /** answers to the workshop's registration questions, by question id ("" for none) */
  answers?: Record<string, string>;
};

/**
 * Answers an invitation from its link. The link is used up in the same
 * statement that checks it, so two submissions cannot both succeed. The
 * answers to the registration questions are written with it, or, when they no
 * longer fit the questions asked (InputRefused), nothing is.
 * Returns null when the link is unknown or already used.
 */
export async function completeRegistration(token: string, answer: RegistrationAnswer) {
  const parsed = RegistrationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const tokenHash = hashToken(parsed.data);
  const result = await db.$transaction(async (tx) => {
    const participant = await tx.participant.findUnique({ where: { registrationTokenHash: tokenHash } });
    if (!participant) return null;
    const status: RegistrationStatus = answer.decision === "register" ? "registered" : "declined";
    const details =
      answer.decision === "register"
        ? { name: answer.name, organisationName: answer.organisationName, countryId: answer.countryId, sex: answer.sex }
        : {};
    const organisationId =
      answer.decision === "register" &&
      (answer.organisationName !== participant.organisationName || answer.countryId !== participant.countryId)
        ? await matchOrganisation(tx, answer.organisationName, answer.countryId)
        : participant.organisationId;
    const used = await tx.participant.updateMany({
      where: { id: participant.id, registrationTokenHash: tokenHash },
      data: { ...details, organisationId, registrationStatus: status, registrationTokenHash: null },
    });
    if (used.count !== 1) return null;
    if (answer.decision === "register")
      await saveAnswers(tx, participant.workshopId, participant.id, answer.answers ?? {});
    await recordAudit(tx, {
      actorId: participant.userId,
      action: answer.decision === "register" ? "participant.register" : "participant.decline",
      entityType: "participant",
      entityId: participant.id,
      countryId: answer.countryId ?? participant.countryId,
      message: activityMessage(answer.decision === "register" ? "registeredByLink" : "declinedByLink", {
        name: participant.name,
      }),
      changes: changedFields(participant as Record<string, unknown>, { ...details, registrationStatus: status }),
    });
    return { participantId: participant.id, workshopId: participant.workshopId, status };
  });
  if (result)
    await emit({ type: "participant.changed", workshopId: result.workshopId, participantId: result.participantId });
  return result;
}

/** A signed-in participant answers for themselves (workshop.register is checked by the caller). */
export async function answerOwnInvitation(
  workshopId: string,
  userId: string,
  decision: "register" | "decline",
  requestId?: string | null,
) {
  const participant = await db.$transaction(async (tx) => {
    const participant = await tx.participant.findFirst({ where: { workshopId, userId } });
    if (!participant) throw new InputRefused("form", "participants:errors.notFound");
    const status: RegistrationStatus = decision === "register" ? "registered" : "declined";
    await tx.participant.update({
      where: { id: participant.id },
      data: { registrationStatus: status, registrationTokenHash: null },
    });
    await recordAudit(tx, {
      actorId: userId,
      action: decision === "register" ? "participant.register" : "participant.decline",
      entityType: "participant",
      entityId: participant.id,
      countryId: participant.countryId,
      message: activityMessage(decision === "register" ? "registered" : "declined", { name: participant.name }),
      changes: { registrationStatus: [participant.registrationStatus, status] },
      requestId,
    });
    return participant;
  });
  await emit({ type: "participant.changed", workshopId, participantId: participant.id });
}
