import nodemailer, { type Transporter } from "nodemailer";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/**
 * Every message is kept in the database. With SMTP_HOST set it is also handed
 * to that server; without it the message stays in the outbox an admin reads in
 * the app, so invitations and resets work on a machine with no mail server.
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

export type OutgoingEmail = { to: string; subject: string; text: string };

export async function sendEmail(message: OutgoingEmail) {
  const transport = smtp();
  const stored = await db.emailMessage.create({
    data: { ...message, transport: transport ? "smtp" : "outbox" },
  });
  if (!transport) return stored;
  try {
    await transport.sendMail({ from: env().MAIL_FROM, ...message });
    return db.emailMessage.update({ where: { id: stored.id }, data: { sentAt: new Date() } });
  } catch (error) {
    logger.error({ err: error, to: message.to }, "SMTP delivery failed");
    return db.emailMessage.update({ where: { id: stored.id }, data: { error: String(error).slice(0, 500) } });
  }
}

export async function listOutbox({ take = 50 }: { take?: number } = {}) {
  return db.emailMessage.findMany({ orderBy: { createdAt: "desc" }, take: Math.min(take, 200) });
}
