import nodemailer, { type Transporter } from "nodemailer";
import { hashToken } from "~/auth/tokens.server";
import { db, isUniqueViolation } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/**
 * Every message is recorded: to whom, what about, when, and whether it went
 * out (decision 013). With SMTP_HOST set, the text is handed to that server
 * and never stored, so no sign-in link stays readable in the database. Without
 * it (the offline demo), the text is the only way the message reaches anyone:
 * it stays in the outbox an administrator reads in the app, and only while the
 * single-use link it carries can still be used.
 */

let transporter: Transporter | undefined;
function smtp(): Transporter | null {
  const config = env();
  if (!config.SMTP_HOST) return null;
  transporter ??= nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE === "true",
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
  });
  return transporter;
}

/** A file sent with a message: a badge's QR code, a calendar. */
type EmailAttachmentInput = { filename: string; contentType: string; content: Uint8Array<ArrayBuffer> };

/**
 * `linkToken`: the single-use token of the link the text carries (invitation, reset, registration).
 * `key`: names a message that must go out at most once (a digest): the record is written
 * before the message is handed to the mail server, so a second send with the key, even after a
 * crash in between, finds it and sends nothing. `headers`: extra mail headers (List-Unsubscribe).
 * `attachments`: files sent with the text, and, like it, kept only in the outbox.
 */
export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  linkToken?: string;
  key?: string;
  headers?: Record<string, string>;
  attachments?: EmailAttachmentInput[];
};

/** The message's record, or null when a message with its key was already recorded (and so not sent again). */
export async function sendEmail({ linkToken, key, ...message }: OutgoingEmail) {
  const transport = smtp();
  let stored;
  try {
    stored = await db.emailMessage.create({
      data: {
        to: message.to,
        subject: message.subject,
        key,
        text: transport ? null : message.text,
        linkTokenHash: !transport && linkToken ? hashToken(linkToken) : null,
        transport: transport ? "smtp" : "outbox",
        attachments:
          !transport && message.attachments?.length
            ? {
                create: message.attachments.map(({ filename, contentType, content }) => ({
                  filename,
                  contentType,
                  content,
                })),
              }
            : undefined,
      },
    });
  } catch (error) {
    if (key && isUniqueViolation(error)) return null;
    throw error;
  }
  if (!transport) return stored;
  try {
    await transport.sendMail({
      from: env().MAIL_FROM,
      ...message,
      attachments: message.attachments?.map((a) => ({ ...a, content: Buffer.from(a.content) })),
    });
    return db.emailMessage.update({ where: { id: stored.id }, data: { sentAt: new Date() } });
  } catch (error) {
    logger.error({ err: error, to: message.to }, "SMTP delivery failed");
    return db.emailMessage.update({ where: { id: stored.id }, data: { error: String(error).slice(0, 500) } });
  }
}

/** The hashes among `hashes` whose link still works: an open invitation, an unused reset, an unanswered registration. */
async function openLinks(hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const now = new Date();
  const [invitations, resets, registrations] = await Promise.all([
    db.invitation.findMany({
      where: { tokenHash: { in: hashes }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { tokenHash: true },
    }),
    db.passwordResetToken.findMany({
      where: { tokenHash: { in: hashes }, usedAt: null, expiresAt: { gt: now } },
      select: { tokenHash: true },
    }),
    db.participant.findMany({
      where: { registrationTokenHash: { in: hashes } },
      select: { registrationTokenHash: true },
    }),
  ]);
  return new Set([
    ...invitations.map((i) => i.tokenHash),
    ...resets.map((r) => r.tokenHash),
    ...registrations.map((p) => p.registrationTokenHash!),
  ]);
}

/**
 * Why the outbox shows no text for a message: "notKept" (handed to a mail
 * server, the text was never stored), "linkClosed" (its link has been used,
 * replaced or has expired) or "mailServerConfigured" (kept before SMTP was set
 * up; mail is now read in mailboxes, not here); null when the text is shown.
 */
type WithheldText = "notKept" | "linkClosed" | "mailServerConfigured" | null;

/** Each message's reason to withhold its text (and files) under the rule above, or null when they are shown. */
async function withheldReasons(messages: { text: string | null; linkTokenHash: string | null }[]) {
  const demoMode = smtp() === null;
  const open = await openLinks(messages.flatMap((m) => (m.text && m.linkTokenHash ? [m.linkTokenHash] : [])));
  return messages.map(({ text, linkTokenHash }): WithheldText =>
    text === null
      ? "notKept"
      : !demoMode
        ? "mailServerConfigured"
        : linkTokenHash && !open.has(linkTokenHash)
          ? "linkClosed"
          : null,
  );
}

/** The latest messages for the administrators' outbox, with the text and files only where the rule above allows it. */
export async function listOutbox({ take = 50 }: { take?: number } = {}) {
  const messages = await db.emailMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.min(take, 200),
    include: { attachments: { select: { id: true, filename: true, contentType: true } } },
  });
  const withheld = await withheldReasons(messages);
  return messages.map(({ text, linkTokenHash: _, attachments, ...message }, i) => ({
    ...message,
    text: withheld[i] ? null : text,
    withheld: withheld[i],
    attachments: withheld[i] ? [] : attachments,
  }));
}

/** One file of a message in the outbox, for the administrator reading it; null when the message's text is withheld. */
export async function findOutboxAttachment(attachmentId: string) {
  const attachment = await db.emailAttachment.findUnique({ where: { id: attachmentId }, include: { message: true } });
  if (!attachment) return null;
  const [withheld] = await withheldReasons([attachment.message]);
  return withheld ? null : attachment;
}
