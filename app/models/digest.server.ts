/**
 * The weekly digest (issue 14): on Monday at 07:00 in a person's time zone, their countries'
 * overdue and due-soon action items and milestones, what others changed since the last digest
 * and the workshops of the coming month, in their language. It is built from the read models of
 * the focal point's home (country-work.server.ts), so it holds what the home would show them
 * and nothing they may not read. Each digest is queued and sent once (decision 017).
 */
import type { Actor } from "~/auth/permissions";
import { ownCountryIds } from "~/auth/permissions";
import { signToken, verifySignedToken } from "~/auth/tokens.server";
import { digestByDefault, nextDigest, personTimeZone, type DigestChoice } from "~/domain/digest-schedule";
import { noticeChoice, type NoticeChoice } from "~/domain/notices";
import { isOneOf, LOCALES, DEFAULT_LOCALE } from "~/domain/vocabulary";
import { renderActivity, renderNotice } from "~/i18n/activity";
import { countryName, sectorName, stageName } from "~/i18n/names";
import { translatorFor } from "~/i18n/translate.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDay, overdueToday } from "~/utils/format";
import { changesByOthersSince, countryWork } from "./country-work.server";
import { sendEmail } from "./email.server";
import { enqueueKeyedJobs } from "./job.server";
import { noticesForDigest } from "./notification.server";
import { upcomingWorkshops } from "./workshop.server";

export const DIGEST_JOB = "digest";
/** How far ahead the digest lists workshops. */
const WORKSHOP_DAYS = 30;
/** Without an earlier digest, "what changed" looks back a week. */
const FIRST_DIGEST_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const UNSUBSCRIBE = "unsubscribe-digest";

const personSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  status: true,
  digest: true,
  timeZone: true,
  digestCoveredTo: true,
  notices: true,
  country: { select: { code: true } },
  roles: { select: { role: true, countryId: true } },
} as const;

type Person = {
  digest: string | null;
  timeZone: string | null;
  country: { code: string } | null;
  roles: { role: string; countryId: string | null }[];
};

/** The person's digest choice, their roles' default when they have not chosen. */
const digestChoice = (person: Pick<Person, "digest" | "roles">): DigestChoice =>
  person.digest === "weekly" || person.digest === "none" ? person.digest : digestByDefault(person.roles);

const digestTimeZone = (person: Pick<Person, "timeZone" | "country">) =>
  personTimeZone(person.timeZone, person.country?.code);

/**
 * The digests of one hour read the same countries' work and the same workshops hundreds of
 * times (a country's focal points and task force get the same lists): a read is shared for a
 * minute. Only what every reader of the country sees is shared (countryWork's per-reader
 * `canUpdate` is not used in a digest); what depends on the person (the changes since their
 * last digest) is read for each.
 */
const SHARED_FOR_MS = 60 * 1000;
const sharedReads = new Map<string, { until: number; value: Promise<unknown> }>();
function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const kept = sharedReads.get(key);
  if (kept && kept.until > now) return kept.value as Promise<T>;
  for (const [k, v] of sharedReads) if (v.until <= now) sharedReads.delete(k);
  const value = read();
  sharedReads.set(key, { until: now + SHARED_FOR_MS, value });
  // A failed read is not shared: the next digest reads again.
  value.catch(() => sharedReads.delete(key));
  return value;
}

const asActor = (person: { id: string; roles: Person["roles"] }) => person as Actor;

/** Queues the next digest of everyone who gets one; a digest already queued is left as it is. Returns how many. */
export async function scheduleDigests(now = new Date()) {
  const people = await db.user.findMany({
    where: { status: "active", passwordHash: { not: null }, OR: [{ digest: null }, { digest: "weekly" }] },
    select: personSelect,
  });
  const digests = people
    .filter((person) => digestChoice(person) === "weekly")
    .map((person) => {
      const { runAt, week } = nextDigest(digestTimeZone(person), now);
      return { kind: DIGEST_JOB, key: digestKey(person.id, week), payload: { userId: person.id, week }, runAt };
    });
  await enqueueKeyedJobs(digests);
  return digests.length;
}

const digestKey = (userId: string, week: string) => `digest:${userId}:${week}`;

const unsubscribeLink = (userId: string) => `${env().PUBLIC_URL}/notices/unsubscribe/${signToken(UNSUBSCRIBE, userId)}`;

/** A digest's text for a person, or null when there is nothing to tell them. */
async function buildDigest(
  person: {
    id: string;
    name: string;
    locale: string;
    digestCoveredTo: Date | null;
    notices: string | null;
    roles: Person["roles"];
  },
  now = new Date(),
) {
  const actor = asActor(person);
  const locale = isOneOf(LOCALES, person.locale) ? person.locale : DEFAULT_LOCALE;
  const t = await translatorFor(locale);
  const base = env().PUBLIC_URL;
  const since = person.digestCoveredTo ?? new Date(now.getTime() - FIRST_DIGEST_DAYS * DAY_MS);
  const countryIds = ownCountryIds(actor);
  const workshopsUntil = new Date(now.getTime() + WORKSHOP_DAYS * DAY_MS).toISOString().slice(0, 10);
  const [works, changes, workshops, notices] = await Promise.all([
    Promise.all(countryIds.map((id) => sharedRead(`work:${id}`, () => countryWork(actor, [id])))),
    changesByOthersSince(actor, countryIds, since),
    sharedRead(`workshops:${workshopsUntil}`, () => upcomingWorkshops(20, workshopsUntil)),
    noticesForDigest({ ...person, roles: actor.roles }, since, now),
  ]);
  const work = { countries: works.flatMap((w) => w.countries) };
  const day = (value: string | null) => (value ? formatDay(value, locale) : t("account:digest.noDay"));
  const lines: string[] = [t("account:digest.greeting", { name: person.name }), ""];
  let told = 0;

  // Notices of one who reads them here rather than one e-mail each (app/domain/notices.ts).
  if (notices.length > 0) {
    told += notices.length;
    lines.push(t("notifications:email.inDigest", { count: notices.length }));
    for (const n of notices) lines.push(`- ${renderNotice(t, locale, n)}`, `  ${base}${n.path}`);
    lines.push(`  ${base}/notifications`, "");
  }

  for (const { country, items, milestones } of work.countries) {
    if (items.length + milestones.length === 0) continue;
    told += items.length + milestones.length;
    lines.push(`== ${countryName(t, country)} ==`, "");
    const overdueItems = items.filter((i) => i.overdue);
    const soonItems = items.filter((i) => !i.overdue);
    const section = (heading: string, entries: string[]) => {
      if (entries.length > 0) lines.push(heading, ...entries, "");
    };
    const itemLine = (i: (typeof items)[number]) =>
      `- ${i.activity} (${t("account:digest.due", { date: day(i.dueOn) })}, ${i.progress}%)\n  ${base}/#${country.code}-item-${i.id}`;
    const milestoneLine = (m: (typeof milestones)[number]) =>
      `- ${m.sector ? sectorName(t, m.sector) : countryName(t, country)}: ${stageName(t, m.stage, { long: true })} (${t("account:digest.target", { date: day(m.targetOn) })}, ${t(`common:milestoneStatuses.${m.status}`)})\n  ${base}/#milestone-${m.id}`;
    section(t("account:digest.itemsOverdue", { count: overdueItems.length }), overdueItems.map(itemLine));
    section(t("account:digest.itemsSoon", { count: soonItems.length }), soonItems.map(itemLine));
    section(t("account:digest.milestones", { count: milestones.length }), milestones.map(milestoneLine));
  }

  if (changes.total > 0) {
    told += changes.total;
    lines.push(t("account:digest.changes", { count: changes.total, date: formatDay(since.toISOString(), locale) }));
    for (const e of changes.events) {
      lines.push(
        `- ${formatDay(e.createdAt.toISOString(), locale)} ${e.actor?.name ?? ""}: ${renderActivity(t, locale, e)}`,
      );
    }
    lines.push(`  ${base}/`, "");
  }

  if (workshops.length > 0) {
    told += workshops.length;
    lines.push(t("account:digest.workshops", { count: workshops.length }));
    for (const w of workshops) {
      lines.push(`- ${w.title}, ${w.city} (${formatDay(w.startsOn, locale)} – ${formatDay(w.endsOn, locale)})`);
      lines.push(`  ${base}/workshops/${w.id}`);
    }
    lines.push("");
  }

  if (told === 0) return null;
  const unsubscribe = unsubscribeLink(person.id);
  lines.push("--", t("account:digest.why"), t("account:digest.unsubscribe", { link: unsubscribe }));
  return {
    subject: t("account:digest.subject", { date: formatDay(overdueToday(now), locale) }),
    text: lines.join("\n"),
    unsubscribe,
  };
}

/**
 * The job that sends one person's digest of one week. The e-mail is recorded under the
 * digest's key before it is handed on, so a run repeated after a crash sends nothing twice.
 */
export async function sendDigest(payload: unknown, now = new Date()) {
  const { userId, week } = payload as { userId: string; week: string };
  const person = await db.user.findUnique({ where: { id: userId }, select: personSelect });
  if (!person || person.status !== "active" || digestChoice(person) !== "weekly") return "skipped" as const;
  const digest = await buildDigest(person, now);
  if (digest) {
    await sendEmail({
      to: person.email,
      subject: digest.subject,
      text: digest.text,
      key: digestKey(userId, week),
      headers: { "List-Unsubscribe": `<${digest.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
  }
  await db.user.update({ where: { id: userId }, data: { digestCoveredTo: now } });
  return digest ? ("sent" as const) : ("empty" as const);
}

/** Who each queued digest among `jobs` is for and which week it covers, for the administrators' queue; null for other jobs. */
export async function digestJobSubjects(jobs: readonly { id: string; kind: string; payload: unknown }[]) {
  const digests = jobs.flatMap((job) =>
    job.kind === DIGEST_JOB ? [{ id: job.id, ...(job.payload as { userId: string; week: string }) }] : [],
  );
  const people = await db.user.findMany({
    where: { id: { in: digests.map((d) => d.userId) } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return new Map(digests.map((d) => [d.id, { name: names.get(d.userId) ?? d.userId, week: d.week }]));
}

/** The person an unsubscribe link names, or null when the link was altered or the person is gone. */
export async function findUnsubscriber(token: string) {
  const userId = verifySignedToken(UNSUBSCRIBE, token);
  if (!userId) return null;
  return db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, digest: true } });
}

/** Turns a person's digest off from the link in it; false when the link is not valid. */
export async function unsubscribeDigest(token: string) {
  const person = await findUnsubscriber(token);
  if (!person) return false;
  await db.user.update({ where: { id: person.id }, data: { digest: "none" } });
  return true;
}

/** A person's e-mail settings as the account page shows them. */
export async function getEmailSettings(userId: string) {
  const person = await db.user.findUniqueOrThrow({ where: { id: userId }, select: personSelect });
  return { digest: digestChoice(person), timeZone: digestTimeZone(person), notices: noticeChoice(person.notices) };
}

export async function updateEmailSettings(
  userId: string,
  settings: { digest: DigestChoice; timeZone: string; notices: NoticeChoice },
) {
  await db.user.update({ where: { id: userId }, data: settings });
}
