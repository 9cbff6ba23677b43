/**
 * Notices: what is addressed to one person (decision 018). They are made by listening to the
 * domain events (`noticesFor`, attached by app/notices), never by the models that change the
 * records: an item given to its owner, a comment on a milestone of one's country, an agreed
 * action given to one's country, a plan submitted for the Secretariat's review. Nobody is told
 * of their own action, and nobody of a record they may not read. Each notice is stored as a
 * message key and its values, so it reads in the reader's language, and e-mailed once through
 * a keyed job when the person chose to hear of notices at once.
 */
import { can, readableCountryIds, type Action, type Actor } from "~/auth/permissions";
import { signToken, verifySignedToken } from "~/auth/tokens.server";
import { noticeChoice, SNOOZE_DAYS, type NoticeKind, type NoticeStep } from "~/domain/notices";
import { DEFAULT_LOCALE, isOneOf, LOCALES } from "~/domain/vocabulary";
import { emit, type DomainEvent } from "~/events.server";
import { renderNotice, type ActivityParam } from "~/i18n/activity";
import { translatorFor } from "~/i18n/translate.server";
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sendEmail } from "./email.server";
import { enqueueKeyedJobs } from "./job.server";

export const NOTICE_EMAIL_JOB = "notice-email";
const STEP_LINK = "notice-step";
const UNSUBSCRIBE = "unsubscribe-notices";
const DAY_MS = 24 * 60 * 60 * 1000;
/** How much of a comment a notice quotes. */
const EXCERPT = 140;

type NoticeEntity = "action_item" | "milestone" | "action_plan" | "workshop";

/** What a notice's reader must still be allowed, on its country, for the notice to be shown and e-mailed. */
const READ_ACTION: Record<NoticeEntity, Action> = {
  action_item: "plan.read",
  action_plan: "plan.read",
  milestone: "milestone.read",
  workshop: "workshop.read",
};

export type NoticeDraft = {
  kind: NoticeKind;
  /** the message, when it is not `notifications:messages.<kind>` (a reminder's says which rule and record) */
  messageKey?: string;
  entityType: NoticeEntity;
  entityId: string;
  /** null for what every signed-in person may read (a workshop) */
  countryId: string | null;
  path: string;
  /** user text as typed; days as `{ day }`, shown the way the reader's language writes them */
  params: Record<string, ActivityParam>;
  /** what a recipient must be allowed, on the record's country, to be told */
  readAction: Action;
};

const recipientSelect = {
  id: true,
  email: true,
  locale: true,
  notices: true,
  roles: { select: { role: true, countryId: true } },
} as const;

const nameOf = async (userId: string) =>
  (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "";

/** The active focal points and task force of a country: those who keep its work current. */
export const editorsOf = (countryId: string): Prisma.UserWhereInput => ({
  roles: { some: { role: { in: ["focal_point", "task_force"] }, countryId } },
});

/** What an event tells whom: the notice and who it is for, or null for events that tell nobody. */
async function draftOf(
  event: DomainEvent,
): Promise<{ draft: NoticeDraft; to: Prisma.UserWhereInput; actorId: string } | null> {
  switch (event.type) {
    case "action-item.changed": {
      if (!event.assigned) return null;
      const item = await db.actionItem.findUnique({
        where: { id: event.itemId },
        select: { activity: true, plan: { select: { title: true } } },
      });
      if (!item) return null;
      return {
        to: { id: event.assigned.ownerId },
        actorId: event.assigned.actorId,
        draft: {
          kind: "item_assigned",
          entityType: "action_item",
          entityId: event.itemId,
          countryId: event.countryId,
          path: `/action-plans/${event.planId}#items-heading`,
          params: { activity: item.activity, plan: item.plan.title, actor: await nameOf(event.assigned.actorId) },
          readAction: "plan.read",
        },
      };
    }
    case "agreed-action.assigned": {
      const item = await db.actionItem.findUnique({
        where: { id: event.itemId },
        select: { activity: true, plan: { select: { title: true } }, sourceOutcome: { select: { workshop: true } } },
      });
      if (!item) return null;
      return {
        to: editorsOf(event.countryId),
        actorId: event.actorId,
        draft: {
          kind: "agreed_action",
          entityType: "action_item",
          entityId: event.itemId,
          countryId: event.countryId,
          path: `/action-plans/${event.planId}#items-heading`,
          params: {
            activity: item.activity,
            plan: item.plan.title,
            workshop: item.sourceOutcome?.workshop.title ?? "",
            actor: await nameOf(event.actorId),
          },
          readAction: "plan.read",
        },
      };
    }
    case "milestone-comment.changed": {
      if (event.change !== "added") return null;
      const [comment, milestone] = await Promise.all([
        db.comment.findUnique({ where: { id: event.commentId }, select: { body: true } }),
        db.milestone.findUnique({
          where: { id: event.milestoneId },
          select: { stage: { select: { name: true } }, sector: { select: { name: true } } },
        }),
      ]);
      if (!comment || !milestone) return null;
      return {
        to: editorsOf(event.countryId),
        actorId: event.actorId,
        draft: {
          kind: "milestone_comment",
          entityType: "milestone",
          entityId: event.milestoneId,
          countryId: event.countryId,
          path: `/milestones/${event.milestoneId}`,
          params: {
            milestone: [milestone.sector?.name, milestone.stage.name].filter(Boolean).join(" · "),
            excerpt: excerptOf(comment.body),
            actor: await nameOf(event.actorId),
          },
          readAction: "milestone.read",
        },
      };
    }
    case "plan.status-changed": {
      if (event.transition === "return") return returnedPlanNotice(event);
      if (event.transition !== "submit") return null;
      const plan = await db.actionPlan.findUnique({
        where: { id: event.planId },
        select: { title: true, country: { select: { name: true } } },
      });
      if (!plan) return null;
      return {
        // The Secretariat reviews and endorses submitted plans.
        to: { roles: { some: { role: "secretariat" } } },
        actorId: event.actorId,
        draft: {
          kind: "plan_submitted",
          entityType: "action_plan",
          entityId: event.planId,
          countryId: event.countryId,
          path: `/action-plans/${event.planId}`,
          params: { plan: plan.title, country: plan.country.name, actor: await nameOf(event.actorId) },
          readAction: "plan.read",
        },
      };
    }
    case "minutes.status-changed":
      return circulatedMinutesNotice(event);
    default:
      return null;
  }
}

/** Circulated minutes tell the workshop's participants who have an account, so they read them before adoption. */
async function circulatedMinutesNotice(event: Extract<DomainEvent, { type: "minutes.status-changed" }>) {
  if (event.transition !== "circulate") return null;
  const workshop = await db.workshop.findUnique({ where: { id: event.workshopId }, select: { title: true } });
  if (!workshop) return null;
  return {
    to: { participations: { some: { workshopId: event.workshopId, registrationStatus: { not: "declined" } } } },
    actorId: event.actorId,
    draft: {
      kind: "minutes_circulated",
      entityType: "workshop",
      entityId: event.workshopId,
      // Every signed-in person reads workshops: the notice is not bound to the host country.
      countryId: null,
      path: `/workshops/${event.workshopId}#minutes-heading`,
      params: { workshop: workshop.title, actor: await nameOf(event.actorId) },
      readAction: "workshop.read",
    },
  } satisfies Awaited<ReturnType<typeof draftOf>>;
}

/** A plan returned with comments tells its country's focal points and task force what should change. */
async function returnedPlanNotice(event: Extract<DomainEvent, { type: "plan.status-changed" }>) {
  const plan = await db.actionPlan.findUnique({
    where: { id: event.planId },
    select: { title: true, returns: { orderBy: { createdAt: "desc" }, take: 1, select: { remark: true } } },
  });
  const remark = plan?.returns[0]?.remark;
  if (!plan || remark === undefined) return null;
  return {
    to: editorsOf(event.countryId),
    actorId: event.actorId,
    draft: {
      kind: "plan_returned",
      entityType: "action_plan",
      entityId: event.planId,
      countryId: event.countryId,
      path: `/action-plans/${event.planId}`,
      params: { plan: plan.title, excerpt: excerptOf(remark), actor: await nameOf(event.actorId) },
      readAction: "plan.read",
    },
  } satisfies Awaited<ReturnType<typeof draftOf>>;
}

const excerptOf = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT)}…` : body);

/**
 * The listener of the domain events: records the notices an event makes, queues the e-mail of
 * each whose recipient wants it at once, and tells the recipients' open pages. Returns how many.
 */
export async function noticesFor(event: DomainEvent): Promise<number> {
  const found = await draftOf(event);
  return found ? createNotices(found.draft, found.to, { exceptId: found.actorId }) : 0;
}

/**
 * Records one notice for each of `to` who may sign in and read the record (never `exceptId`, the
 * person who acted), queues the e-mail of each who wants it at once and tells their open pages.
 * `claim` runs in the same transaction first: a reminder records there that it was sent, and a
 * unique violation from it (sent already, by this process or another) makes nothing and returns 0.
 */
export async function createNotices(
  draft: NoticeDraft,
  to: Prisma.UserWhereInput,
  { exceptId, claim }: { exceptId?: string; claim?: (tx: Prisma.TransactionClient) => Promise<unknown> } = {},
): Promise<number> {
  const candidates = await db.user.findMany({
    where: {
      AND: [to, { status: "active", passwordHash: { not: null }, ...(exceptId ? { id: { not: exceptId } } : {}) }],
    },
    select: recipientSelect,
  });
  const recipients = candidates.filter((person) =>
    can(person as Actor, draft.readAction, { countryId: draft.countryId }),
  );
  if (recipients.length === 0) return 0;
  const { readAction: _, params, messageKey = `notifications:messages.${draft.kind}`, ...fields } = draft;
  let created: { id: string; recipientId: string }[];
  try {
    created = await db.$transaction(async (tx) => {
      if (claim) await claim(tx);
      return Promise.all(
        recipients.map((person) =>
          tx.notification.create({
            data: { ...fields, recipientId: person.id, messageKey, params: JSON.stringify(params) },
            select: { id: true, recipientId: true },
          }),
        ),
      );
    });
  } catch (error) {
    if (claim && isUniqueViolation(error)) return 0;
    throw error;
  }
  const immediate = new Set(recipients.filter((p) => noticeChoice(p.notices) === "immediate").map((p) => p.id));
  await enqueueKeyedJobs(
    created
      .filter((n) => immediate.has(n.recipientId))
      .map((n) => ({ kind: NOTICE_EMAIL_JOB, key: `${NOTICE_EMAIL_JOB}:${n.id}`, payload: { noticeId: n.id } })),
  );
  await emit({ type: "notices.changed", userIds: recipients.map((p) => p.id) });
  return created.length;
}

// ───────────────────────── reading ─────────────────────────

/** A person's notices they may still read (roles change), snoozed ones apart. */
function visibleWhere(actor: Actor, now: Date): Prisma.NotificationWhereInput {
  const countries = readableCountryIds(actor);
  return {
    recipientId: actor.id,
    ...(countries === "all" ? {} : { OR: [{ countryId: null }, { countryId: { in: countries } }] }),
    AND: [{ OR: [{ snoozedUntil: null }, { snoozedUntil: { lte: now } }] }],
  };
}

export function unreadNoticeCount(actor: Actor, now = new Date()) {
  return db.notification.count({ where: { ...visibleWhere(actor, now), readAt: null } });
}

const noticeSelect = {
  id: true,
  kind: true,
  entityType: true,
  entityId: true,
  path: true,
  messageKey: true,
  params: true,
  readAt: true,
  snoozedUntil: true,
  createdAt: true,
} as const;

type StoredNotice = Prisma.NotificationGetPayload<{ select: typeof noticeSelect }>;

/** A notice as pages show it: its message's values read, and the one-click steps it offers as signed links. */
function shown(notice: StoredNotice) {
  const { params, ...rest } = notice;
  return { ...rest, params: JSON.parse(params) as Record<string, ActivityParam>, steps: stepLinks(notice) };
}

const NOTICES_PER_PAGE = 20;
const SNOOZED_SHOWN = 20;

/** One page of a person's notices, unread first and newest first, and those snoozed for later. */
export async function listNotices(actor: Actor, page: number, now = new Date()) {
  const where = visibleWhere(actor, now);
  const [total, unread, rows, snoozed] = await Promise.all([
    db.notification.count({ where }),
    db.notification.count({ where: { ...where, readAt: null } }),
    db.notification.findMany({
      where,
      orderBy: [{ readAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTICES_PER_PAGE,
      take: NOTICES_PER_PAGE,
      select: noticeSelect,
    }),
    db.notification.findMany({
      where: { recipientId: actor.id, snoozedUntil: { gt: now } },
      orderBy: { snoozedUntil: "asc" },
      take: SNOOZED_SHOWN,
      select: noticeSelect,
    }),
  ]);
  return {
    notices: rows.map(shown),
    snoozed: snoozed.map(shown),
    unread,
    pages: Math.max(1, Math.ceil(total / NOTICES_PER_PAGE)),
  };
}

/** Marks one of the person's notices read; false when it is not theirs. */
export async function markNoticeRead(userId: string, noticeId: string, now = new Date()) {
  const { count } = await db.notification.updateMany({
    where: { id: noticeId, recipientId: userId, readAt: null },
    data: { readAt: now },
  });
  if (count) await emit({ type: "notices.changed", userIds: [userId] });
  return count === 1;
}

export async function markAllNoticesRead(userId: string, now = new Date()) {
  const { count } = await db.notification.updateMany({
    where: { recipientId: userId, readAt: null },
    data: { readAt: now },
  });
  if (count) await emit({ type: "notices.changed", userIds: [userId] });
  return count;
}

/** Hides a notice for a week; it comes back unread. False when it is not the person's. */
export async function snoozeNotice(userId: string, noticeId: string, now = new Date()) {
  const { count } = await db.notification.updateMany({
    where: { id: noticeId, recipientId: userId },
    data: { snoozedUntil: new Date(now.getTime() + SNOOZE_DAYS * DAY_MS), readAt: null },
  });
  if (count) await emit({ type: "notices.changed", userIds: [userId] });
  return count === 1;
}

// ───────────────────────── one click from a notice ─────────────────────────

/** The steps a notice offers: an action item can be marked done or updated; any notice snoozed. */
function stepsOf(notice: Pick<StoredNotice, "entityType">): NoticeStep[] {
  return notice.entityType === "action_item" ? ["done", "progress", "snooze"] : ["snooze"];
}

/** Each step as a signed path: it lands on a page that asks before acting, after sign-in. */
function stepLinks(notice: Pick<StoredNotice, "id" | "entityType">) {
  return stepsOf(notice).map((step) => ({
    step,
    path: `/notifications/step/${signToken(STEP_LINK, `${notice.id}:${step}`)}`,
  }));
}

/**
 * The notice and step a signed link names, if the link is intact and the notice is the
 * signed-in person's; null otherwise (an altered link, or another person's notice).
 */
export async function findNoticeStep(token: string, userId: string) {
  const value = verifySignedToken(STEP_LINK, token);
  if (!value) return null;
  const [noticeId, step] = value.split(":") as [string, string];
  const notice = await db.notification.findFirst({
    where: { id: noticeId, recipientId: userId },
    select: { ...noticeSelect, countryId: true },
  });
  if (!notice || !stepsOf(notice).some((s) => s === step)) return null;
  return { notice: shown(notice), countryId: notice.countryId, step: step as NoticeStep };
}

// ───────────────────────── e-mail ─────────────────────────

const stepLabelKey = (step: NoticeStep) => `notifications:steps.${step}` as const;

const unsubscribeLink = (userId: string) => `${env().PUBLIC_URL}/notices/unsubscribe/${signToken(UNSUBSCRIBE, userId)}`;

/**
 * The job that e-mails one notice. The e-mail is recorded under the notice's key before it is
 * handed on (decision 017), so a run repeated after a crash sends nothing twice. A notice read
 * in the app before its e-mail left, or whose reader changed their choice or lost access to the
 * record, is not sent.
 */
export async function sendNoticeEmail(payload: unknown) {
  const { noticeId } = payload as { noticeId: string };
  const notice = await db.notification.findUnique({
    where: { id: noticeId },
    select: { ...noticeSelect, countryId: true, recipient: { select: { ...recipientSelect, status: true } } },
  });
  if (!notice || notice.readAt) return "skipped" as const;
  const person = notice.recipient;
  const readAction = READ_ACTION[notice.entityType as NoticeEntity] ?? "plan.read";
  if (
    person.status !== "active" ||
    noticeChoice(person.notices) !== "immediate" ||
    !can(person as Actor, readAction, { countryId: notice.countryId })
  )
    return "skipped" as const;
  const locale = isOneOf(LOCALES, person.locale) ? person.locale : DEFAULT_LOCALE;
  const t = await translatorFor(locale);
  const tr = t as unknown as (key: string, values?: Record<string, string>) => string;
  const base = env().PUBLIC_URL;
  const { params, steps } = shown(notice);
  const message = renderNotice(t, locale, { messageKey: notice.messageKey, params });
  const unsubscribe = unsubscribeLink(person.id);
  const lines = [
    message,
    "",
    `${t("notifications:email.open")}: ${base}${notice.path}`,
    ...steps.map((s) => `${tr(stepLabelKey(s.step))}: ${base}${s.path}`),
    "",
    "--",
    t("notifications:email.why"),
    t("notifications:email.unsubscribe", { link: unsubscribe }),
  ];
  await sendEmail({
    to: person.email,
    subject: t("notifications:email.subject", { message }),
    text: lines.join("\n"),
    key: `notice:${notice.id}`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  });
  return "sent" as const;
}

/** The unread notices of a person who reads them in the digest, since `since`, as the digest's lines. */
export async function noticesForDigest(
  person: { id: string; notices: string | null; roles: Actor["roles"] },
  since: Date,
  now = new Date(),
) {
  if (noticeChoice(person.notices) !== "digest") return [];
  const rows = await db.notification.findMany({
    where: { ...visibleWhere(person, now), readAt: null, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: noticeSelect,
  });
  return rows.map(shown);
}

// ───────────────────────── the person's choice ─────────────────────────

/** The person an unsubscribe link of a notice e-mail names, or null when it was altered or they are gone. */
export async function findNoticeUnsubscriber(token: string) {
  const userId = verifySignedToken(UNSUBSCRIBE, token);
  if (!userId) return null;
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, notices: true } });
  return person && { ...person, choice: noticeChoice(person.notices) };
}

/** Stops the e-mails of notices from the link in one; false when the link is not valid. */
export async function unsubscribeNotices(token: string) {
  const person = await findNoticeUnsubscriber(token);
  if (!person) return false;
  await db.user.update({ where: { id: person.id }, data: { notices: "none" } });
  return true;
}
