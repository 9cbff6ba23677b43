import crypto from "node:crypto";
import QRCode from "qrcode";
import { z } from "zod";
import { db } from "~/utils/db.server";
import type { RegistrationStatus } from "~/domain/vocabulary";
import { env } from "~/utils/env.server";
import { todayIn } from "~/utils/format";

/**
 * Badges: the opaque code each participant carries to check in, its QR code,
 * and the sheets a facilitator prints.
 */

/** The opaque code printed on a badge: random, unrelated to the person, useless without a facilitator's session. */
export const newBadgeToken = () => crypto.randomBytes(16).toString("base64url");
export const BadgeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** The URL a badge's QR code encodes. Opening it checks nobody in: it asks for a facilitator's session. */
export function badgeUrl(badgeToken: string) {
  return `${env().PUBLIC_URL}/check-in/${badgeToken}`;
}

/** The page where a participant sees their own badge, linked from their confirmation e-mail; no account needed. */
export function badgeViewUrl(badgeToken: string) {
  return `${env().PUBLIC_URL}/badge/${badgeToken}`;
}

/** A badge code as typed or scanned: the bare token, or the whole badge URL. */
export function badgeTokenFromCode(code: string): string | null {
  const trimmed = code.trim();
  const candidate = trimmed.includes("/")
    ? (trimmed.split("?")[0]!.replace(/\/+$/, "").split("/").pop() ?? "")
    : trimmed;
  const parsed = BadgeTokenSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** The QR code of a badge as inline SVG: the badge URL, nothing about the person. */
function badgeQrSvg(badgeToken: string) {
  return QRCode.toString(badgeUrl(badgeToken), { type: "svg", margin: 0, errorCorrectionLevel: "M" });
}

/** The QR code of a badge as a PNG image, for the confirmation e-mail. */
export function badgeQrPng(badgeToken: string): Promise<Buffer> {
  return QRCode.toBuffer(badgeUrl(badgeToken), { type: "png", margin: 2, width: 480, errorCorrectionLevel: "M" });
}

/**
 * A participant's own badge, from the code only they (and the organisers)
 * have: what the printed badge shows, nothing more. Null for an unknown code
 * or someone who declined.
 */
export async function findOwnBadge(badgeToken: string) {
  const token = BadgeTokenSchema.safeParse(badgeToken);
  if (!token.success) return null;
  const participant = await db.participant.findUnique({
    where: { badgeToken: token.data },
    select: { id: true, workshopId: true, registrationStatus: true },
  });
  if (!participant || participant.registrationStatus === "declined") return null;
  const [badge] = await listBadges(participant.workshopId, participant.id);
  const workshop = await db.workshop.findUniqueOrThrow({
    where: { id: participant.workshopId },
    select: { title: true, startsOn: true, endsOn: true, city: true },
  });
  return badge ? { ...badge, workshop } : null;
}

/** Badges to print: everyone invited, registered or waitlisted (not those who declined), or one person. */
export async function listBadges(workshopId: string, participantId?: string) {
  const participants = await db.participant.findMany({
    where: { workshopId, ...(participantId ? { id: participantId } : { registrationStatus: { not: "declined" } }) },
    orderBy: [{ country: { sortOrder: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      category: true,
      organisationName: true,
      badgeToken: true,
      organisation: { select: { name: true } },
      country: { select: { code: true, name: true } },
    },
  });
  return Promise.all(
    participants.map(async ({ badgeToken, organisation, ...p }) => ({
      ...p,
      organisationName: p.organisationName || organisation?.name || "",
      code: badgeToken,
      qrSvg: await badgeQrSvg(badgeToken),
    })),
  );
}

/** The coming (or running) workshops a person takes part in, with their badge, for their account page. */
export async function listOwnBadges(userId: string) {
  const participations = await db.participant.findMany({
    where: { userId, registrationStatus: { in: ["registered", "invited", "waitlisted"] } },
    select: {
      badgeToken: true,
      registrationStatus: true,
      workshop: { select: { id: true, title: true, startsOn: true, endsOn: true, timeZone: true, city: true } },
    },
  });
  const coming = participations
    .filter((p) => p.workshop.endsOn >= todayIn(p.workshop.timeZone))
    .sort((a, b) => a.workshop.startsOn.localeCompare(b.workshop.startsOn));
  return Promise.all(
    coming.map(async (p) => ({
      workshop: p.workshop,
      registrationStatus: p.registrationStatus as RegistrationStatus,
      // Only a registered person needs a badge; the invited see the invitation to answer first.
      qrSvg: p.registrationStatus === "registered" ? await badgeQrSvg(p.badgeToken) : null,
      code: p.registrationStatus === "registered" ? p.badgeToken : null,
    })),
  );
}

/** The workshop a badge belongs to, for the badge URL's landing (who it names is not revealed). */
export async function findBadgeWorkshop(badgeToken: string) {
  const participant = await db.participant.findUnique({
    where: { badgeToken },
    select: { workshop: { select: { id: true, startsOn: true, endsOn: true, timeZone: true } } },
  });
  return participant?.workshop ?? null;
}
