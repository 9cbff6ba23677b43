import { InputRefused } from "~/domain/input-refused";
import type { Locale } from "~/domain/vocabulary";
import { db, type Prisma } from "~/utils/db.server";
import type { ChangeAuthor } from "./audit.server";
import { sendRegistrationLink, type RegistrationEmailKind } from "./participant-registration.server";

/**
 * Invitations and reminders to many participants at once, each sent by the
 * single send (sendRegistrationLink). Each person is claimed before their
 * message goes out (their invitationSentAt or reminderSentAt is set only if
 * still unset or old enough), so a second click, or two facilitators clicking
 * together, sends nobody the same message twice.
 */

/** Why someone got nothing, in the order the summary lists them. */
export const SKIP_REASONS = [
  "noEmail",
  "alreadyRegistered",
  "declined",
  "waitlisted",
  "alreadySent",
  "notSentYet",
  "remindedRecently",
  "notOnList",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A reminder goes to each person at most once in this time, however often the button is pressed. */
export const REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;

type Person = { id: string; name: string };
export type BulkSendResult = { sent: Person[]; skipped: Partial<Record<SkipReason, Person[]>> };

const candidateSelect = {
  id: true,
  name: true,
  email: true,
  registrationStatus: true,
  invitationSentAt: true,
  reminderSentAt: true,
} satisfies Prisma.ParticipantSelect;
type Candidate = Prisma.ParticipantGetPayload<{ select: typeof candidateSelect }>;

/** Why this person gets no message of this kind now, or null when they should get one. */
function skipReason(person: Candidate, kind: RegistrationEmailKind, remindedSince: Date): SkipReason | null {
  if (person.registrationStatus === "registered") return "alreadyRegistered";
  if (person.registrationStatus === "declined") return "declined";
  if (person.registrationStatus === "waitlisted") return "waitlisted";
  if (!person.email) return "noEmail";
  if (kind === "invitation") return person.invitationSentAt ? "alreadySent" : null;
  if (!person.invitationSentAt) return "notSentYet";
  return person.reminderSentAt && person.reminderSentAt > remindedSince ? "remindedRecently" : null;
}

/** Marks the person as sent to, unless someone else did meanwhile; true when this call may send. */
async function claim(person: Candidate, kind: RegistrationEmailKind, remindedSince: Date, now: Date) {
  const claimed = await db.participant.updateMany({
    where:
      kind === "invitation"
        ? { id: person.id, registrationStatus: "invited", invitationSentAt: null }
        : {
            id: person.id,
            registrationStatus: "invited",
            invitationSentAt: { not: null },
            OR: [{ reminderSentAt: null }, { reminderSentAt: { lte: remindedSince } }],
          },
    data: kind === "invitation" ? { invitationSentAt: now } : { reminderSentAt: now },
  });
  return claimed.count === 1;
}

/**
 * Sends invitations (to the invited who have had none) or reminders (to the
 * invited who had one and have not answered) to everyone on the workshop's
 * list, or only to `participantIds`, and says who got one and why the others
 * did not.
 */
export async function sendRegistrationEmails(
  workshopId: string,
  kind: RegistrationEmailKind,
  {
    participantIds,
    fallbackLocale,
    now = new Date(),
  }: { participantIds?: string[]; fallbackLocale: Locale; now?: Date },
  author: ChangeAuthor,
): Promise<BulkSendResult> {
  const chosen = participantIds ? [...new Set(participantIds)] : null;
  const people = await db.participant.findMany({
    // Without a selection, only the people still invited are considered: the registered are not news.
    where: { workshopId, ...(chosen ? { id: { in: chosen } } : { registrationStatus: "invited" }) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: candidateSelect,
  });
  const remindedSince = new Date(now.getTime() - REMINDER_INTERVAL_MS);
  const result: BulkSendResult = { sent: [], skipped: {} };
  const skip = (reason: SkipReason, person: Person) =>
    (result.skipped[reason] ??= []).push({ id: person.id, name: person.name });

  if (chosen) {
    const found = new Set(people.map((p) => p.id));
    for (const id of chosen) if (!found.has(id)) skip("notOnList", { id, name: "" });
  }
  // One at a time: a mail server takes them in turn anyway, and SQLite has one writer.
  for (const person of people) {
    const reason = skipReason(person, kind, remindedSince);
    if (reason) {
      skip(reason, person);
      continue;
    }
    if (!(await claim(person, kind, remindedSince, now))) {
      skip(kind === "invitation" ? "alreadySent" : "remindedRecently", person);
      continue;
    }
    try {
      await sendRegistrationLink(workshopId, person.id, author, fallbackLocale, kind);
      result.sent.push({ id: person.id, name: person.name });
    } catch (error) {
      // They registered, or were removed, between the list being read and their turn:
      // nothing went out, so the claim is undone.
      if (!(error instanceof InputRefused)) throw error;
      await db.participant.updateMany({
        where: { id: person.id },
        data: kind === "invitation" ? { invitationSentAt: null } : { reminderSentAt: person.reminderSentAt },
      });
      skip(error.messageKey === "participants:errors.alreadyRegistered" ? "alreadyRegistered" : "notOnList", person);
    }
  }
  return result;
}

/** How many of the workshop's invited people an invitation, or a reminder, would reach now. */
export async function registrationEmailsDue(workshopId: string, now = new Date()) {
  const invited = await db.participant.findMany({
    where: { workshopId, registrationStatus: "invited", email: { not: null } },
    select: candidateSelect,
  });
  const remindedSince = new Date(now.getTime() - REMINDER_INTERVAL_MS);
  return {
    invitations: invited.filter((p) => skipReason(p, "invitation", remindedSince) === null).length,
    reminders: invited.filter((p) => skipReason(p, "reminder", remindedSince) === null).length,
  };
}
