import { LOCALES, type Locale } from "~/domain/vocabulary";
import { translatorFor } from "~/i18n/translate.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDay } from "~/utils/format";
import { buildAgendaCalendar } from "./agenda-calendar.server";
import { sendEmail } from "./email.server";
import { badgeQrPng, badgeViewUrl } from "./participant-badge.server";

/**
 * The message a person receives once registered: their badge (its QR code
 * attached, and a link to view it) and the agenda as a calendar file. It goes
 * out once per participant: registering again (a new link) sends nothing more.
 * Written in the person's language when they have an account, else in the
 * language they registered in (`fallbackLocale`). Returns the message's
 * record, or null when nothing was sent (no address, not registered, sent before).
 */
export async function sendRegistrationConfirmation(participantId: string, fallbackLocale: Locale) {
  const participant = await db.participant.findUnique({
    where: { id: participantId },
    select: {
      name: true,
      email: true,
      badgeToken: true,
      registrationStatus: true,
      user: { select: { locale: true } },
      workshop: {
        select: {
          id: true,
          title: true,
          startsOn: true,
          endsOn: true,
          timeZone: true,
          venue: true,
          city: true,
          hostCountry: { select: { code: true, name: true } },
        },
      },
    },
  });
  if (!participant?.email || participant.registrationStatus !== "registered") return null;
  const { workshop } = participant;
  const accountLocale = participant.user?.locale;
  const locale =
    accountLocale && (LOCALES as readonly string[]).includes(accountLocale)
      ? (accountLocale as Locale)
      : fallbackLocale;
  const t = await translatorFor(locale);
  const publicUrl = new URL(env().PUBLIC_URL);
  const [calendar, qrPng] = await Promise.all([
    buildAgendaCalendar(workshop, {
      agendaUrl: `${publicUrl.origin}/workshops/${workshop.id}/agenda`,
      uidDomain: publicUrl.hostname,
      t,
    }),
    badgeQrPng(participant.badgeToken),
  ]);
  const dates =
    workshop.startsOn === workshop.endsOn
      ? formatDay(workshop.startsOn, locale, "long")
      : `${formatDay(workshop.startsOn, locale, "long")} – ${formatDay(workshop.endsOn, locale, "long")}`;
  const place = [workshop.venue, workshop.city].filter(Boolean).join(", ");
  return sendEmail({
    to: participant.email,
    subject: t("registration:confirmation.subject", { workshop: workshop.title }),
    text: t("registration:confirmation.body", {
      name: participant.name,
      workshop: workshop.title,
      dates,
      place: place ? ` (${place})` : "",
      badgeUrl: badgeViewUrl(participant.badgeToken),
    }),
    key: `registration-confirmation:${participantId}`,
    attachments: [
      { filename: "badge.png", contentType: "image/png", content: new Uint8Array(qrPng) },
      {
        filename: "agenda.ics",
        contentType: "text/calendar; charset=utf-8; method=PUBLISH",
        content: new TextEncoder().encode(calendar),
      },
    ],
  });
}
