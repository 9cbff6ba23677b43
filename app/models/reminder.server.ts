/**
 * Reminder rules the Secretariat sets (issue 14, decision 019): an action item or milestone that
 * has not moved for N weeks, a plan not updated since the last meeting, a target date within N
 * days, and escalation of what is still overdue (after N days to the country's focal points,
 * after M more to the Secretariat). A job evaluates them; each reminder is a notice
 * (notification.server.ts), so it reaches people by the channel they chose, in their language,
 * and only those who may read the record. What was sent is recorded in `ReminderSent` under a
 * unique key per rule, level, record and occasion, in the notices' own transaction: a record is
 * told of once, however often and in however many processes the rules run.
 */
import {
  DEFAULT_REMINDER_RULES,
  REMINDER_RULES,
  type ReminderLevel,
  type ReminderRuleKind,
  type ReminderRuleSettings,
} from "~/domain/reminders";
import { db, type Prisma } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { activityMessage, type ActivityParam } from "~/i18n/activity";
import { recordAudit, type ChangeAuthor } from "./audit.server";
import {
  actionItemDueBetweenWhere,
  actionItemDueByWhere,
  milestoneDueBetweenWhere,
  milestoneDueByWhere,
  openActionItemWhere,
} from "./overdue.server";
import { createNotices, editorsOf, type NoticeDraft } from "./notification.server";

export const EVALUATE_REMINDERS_JOB = "evaluate-reminders";
const DAY_MS = 24 * 60 * 60 * 1000;
/** The kind of workshop whose end is "the last meeting" when the Secretariat has not set a date. */
const MEETING_KIND = "regional_meeting";

/** Every rule as it stands: the one set on the rules page, else its default. */
export async function reminderRules(): Promise<ReminderRuleSettings[]> {
  const rows = await db.reminderRule.findMany();
  const stored = new Map(rows.map((r) => [r.kind, r]));
  return REMINDER_RULES.map((kind) => {
    const row = stored.get(kind);
    return row
      ? { kind, enabled: row.enabled, amount: row.amount, further: row.further, meetingOn: row.meetingOn }
      : DEFAULT_REMINDER_RULES[kind];
  });
}

export type ReminderRuleInput =
  | { kind: "stalled" | "target_soon"; enabled: boolean; amount: number }
  | { kind: "plan_since_meeting"; enabled: boolean; meetingOn: string | null }
  | { kind: "overdue_escalation"; enabled: boolean; amount: number; further: number };

/** Sets one rule, with a history row. */
export async function saveReminderRule(input: ReminderRuleInput, author: ChangeAuthor) {
  const before = DEFAULT_REMINDER_RULES[input.kind];
  const settings: ReminderRuleSettings = { ...before, ...input };
  const { kind, ...values } = settings;
  await db.$transaction(async (tx) => {
    await tx.reminderRule.upsert({
      where: { kind },
      create: { kind, ...values, updatedById: author.actorId },
      update: { ...values, updatedById: author.actorId },
    });
    await recordAudit(tx, {
      actorId: author.actorId,
      action: "reminder-rule.update",
      entityType: "reminder_rule",
      entityId: kind,
      // The settings as figures ("6", "14 + 14") or the meeting's ISO day ("–" for the last regional meeting): alike in every language.
      message: values.enabled
        ? activityMessage("reminderRuleOn", {
            rule: { reminderRule: kind },
            settings:
              kind === "plan_since_meeting"
                ? (values.meetingOn ?? "–")
                : [values.amount, values.further].filter((v) => v !== null).join(" + "),
          })
        : activityMessage("reminderRuleOff", { rule: { reminderRule: kind } }),
      requestId: author.requestId,
    });
  });
}

// ───────────────────────── the last meeting ─────────────────────────

/** The day the last meeting ended: the date the Secretariat set, else the latest regional meeting held before `today`. */
export async function lastMeetingDay(rule: Pick<ReminderRuleSettings, "meetingOn">, today: string) {
  if (rule.meetingOn) return rule.meetingOn;
  const meeting = await db.workshop.findFirst({
    where: { kind: MEETING_KIND, endsOn: { lt: today } },
    orderBy: { endsOn: "desc" },
    select: { endsOn: true },
  });
  return meeting?.endsOn ?? null;
}

// ───────────────────────── evaluation ─────────────────────────

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** One reminder to make: the notice, whom it is for, and the occasion that makes it once. */
type Reminder = {
  rule: ReminderRuleKind;
  level: ReminderLevel;
  occasion: string;
  draft: NoticeDraft;
  to: Prisma.UserWhereInput;
};

const focalPointsOf = (countryId: string): Prisma.UserWhereInput => ({
  roles: { some: { role: "focal_point", countryId } },
});
const SECRETARIAT: Prisma.UserWhereInput = { roles: { some: { role: "secretariat" } } };

const itemSelect = {
  id: true,
  activity: true,
  dueOn: true,
  updatedAt: true,
  plan: { select: { id: true, title: true, countryId: true, country: { select: { name: true } } } },
} as const;
type ItemRow = Prisma.ActionItemGetPayload<{ select: typeof itemSelect }>;

const milestoneSelect = {
  id: true,
  countryId: true,
  targetOn: true,
  updatedAt: true,
  country: { select: { name: true } },
  stage: { select: { name: true } },
  sector: { select: { name: true } },
} as const;
type MilestoneRow = Prisma.MilestoneGetPayload<{ select: typeof milestoneSelect }>;

const itemDraft = (
  item: ItemRow,
  kind: NoticeDraft["kind"],
  message: string,
  extra: Record<string, ActivityParam>,
) => ({
  kind,
  messageKey: `reminders:notices.${message}_item`,
  entityType: "action_item" as const,
  entityId: item.id,
  countryId: item.plan.countryId,
  path: `/action-plans/${item.plan.id}#items-heading`,
  params: { activity: item.activity, plan: item.plan.title, country: item.plan.country.name, ...extra },
  readAction: "plan.read" as const,
});

const milestoneDraft = (
  milestone: MilestoneRow,
  kind: NoticeDraft["kind"],
  message: string,
  extra: Record<string, ActivityParam>,
) => ({
  kind,
  messageKey: `reminders:notices.${message}_milestone`,
  entityType: "milestone" as const,
  entityId: milestone.id,
  countryId: milestone.countryId,
  path: `/milestones/${milestone.id}`,
  params: {
    milestone: [milestone.sector?.name, milestone.stage.name].filter(Boolean).join(" · "),
    country: milestone.country.name,
    ...extra,
  },
  readAction: "milestone.read" as const,
});

/** Open items and milestones under way that nobody has changed for `weeks` weeks; the occasion is their last change. */
async function stalled(weeks: number, now: Date): Promise<Reminder[]> {
  const before = new Date(now.getTime() - weeks * 7 * DAY_MS);
  const [items, milestones] = await Promise.all([
    db.actionItem.findMany({
      where: { ...openActionItemWhere, updatedAt: { lt: before } },
      select: itemSelect,
    }),
    // A milestone not started has nothing to move yet; one under way or blocked has.
    db.milestone.findMany({
      where: { status: { in: ["in_progress", "blocked"] }, updatedAt: { lt: before } },
      select: milestoneSelect,
    }),
  ]);
  const extra = (updatedAt: Date) => ({ weeks: String(weeks), since: { day: updatedAt.toISOString().slice(0, 10) } });
  return [
    ...items.map((item) => ({
      rule: "stalled" as const,
      level: "reminder" as const,
      occasion: item.updatedAt.toISOString(),
      draft: itemDraft(item, "reminder", "stalled", extra(item.updatedAt)),
      to: editorsOf(item.plan.countryId),
    })),
    ...milestones.map((m) => ({
      rule: "stalled" as const,
      level: "reminder" as const,
      occasion: m.updatedAt.toISOString(),
      draft: milestoneDraft(m, "reminder", "stalled", extra(m.updatedAt)),
      to: editorsOf(m.countryId),
    })),
  ];
}

/** Open items and milestones whose date falls within `days` days from today; the occasion is the date. */
async function targetSoon(days: number, today: string): Promise<Reminder[]> {
  const until = addDays(today, days);
  const [items, milestones] = await Promise.all([
    db.actionItem.findMany({
      where: actionItemDueBetweenWhere(today, until),
      select: itemSelect,
    }),
    db.milestone.findMany({
      where: milestoneDueBetweenWhere(today, until),
      select: milestoneSelect,
    }),
  ]);
  return [
    ...items.map((item) => ({
      rule: "target_soon" as const,
      level: "reminder" as const,
      occasion: item.dueOn!,
      draft: itemDraft(item, "reminder", "target_soon", { date: { day: item.dueOn! } }),
      to: editorsOf(item.plan.countryId),
    })),
    ...milestones.map((m) => ({
      rule: "target_soon" as const,
      level: "reminder" as const,
      occasion: m.targetOn!,
      draft: milestoneDraft(m, "reminder", "target_soon", { date: { day: m.targetOn! } }),
      to: editorsOf(m.countryId),
    })),
  ];
}

/**
 * What is still overdue `days` days after its date goes to the country's focal points, and
 * `further` days later to the Secretariat; the occasion is the date, so a new date starts again.
 */
async function escalations(days: number, further: number, today: string): Promise<Reminder[]> {
  const levels = [
    { level: "focal_points" as const, latest: addDays(today, -days), to: focalPointsOf },
    { level: "secretariat" as const, latest: addDays(today, -(days + further)), to: () => SECRETARIAT },
  ];
  const found = await Promise.all(
    levels.map(async ({ level, latest, to }) => {
      const [items, milestones] = await Promise.all([
        db.actionItem.findMany({
          where: actionItemDueByWhere(latest),
          select: itemSelect,
        }),
        db.milestone.findMany({
          where: milestoneDueByWhere(latest),
          select: milestoneSelect,
        }),
      ]);
      const message = `overdue_${level}`;
      return [
        ...items.map((item) => ({
          rule: "overdue_escalation" as const,
          level,
          occasion: item.dueOn!,
          draft: itemDraft(item, "escalation", message, { date: { day: item.dueOn! } }),
          to: to(item.plan.countryId),
        })),
        ...milestones.map((m) => ({
          rule: "overdue_escalation" as const,
          level,
          occasion: m.targetOn!,
          draft: milestoneDraft(m, "escalation", message, { date: { day: m.targetOn! } }),
          to: to(m.countryId),
        })),
      ];
    }),
  );
  return found.flat();
}

/**
 * Plans covering this year whose plan and items have not changed since the day the last meeting
 * ended; the occasion is that meeting, so each meeting reminds once.
 */
async function plansSinceMeeting(meetingDay: string | null, today: string): Promise<Reminder[]> {
  if (!meetingDay) return [];
  const year = Number(today.slice(0, 4));
  const plans = await db.actionPlan.findMany({
    where: { periodStart: { lte: year }, periodEnd: { gte: year } },
    select: {
      id: true,
      title: true,
      countryId: true,
      updatedAt: true,
      country: { select: { name: true } },
      items: { orderBy: { updatedAt: "desc" }, take: 1, select: { updatedAt: true } },
    },
  });
  const lastChange = (plan: (typeof plans)[number]) =>
    [plan.updatedAt, ...plan.items.map((i) => i.updatedAt)].reduce((a, b) => (a > b ? a : b));
  return plans
    .filter((plan) => lastChange(plan).toISOString().slice(0, 10) <= meetingDay)
    .map((plan) => ({
      rule: "plan_since_meeting" as const,
      level: "reminder" as const,
      occasion: meetingDay,
      draft: {
        kind: "reminder" as const,
        messageKey: "reminders:notices.plan_since_meeting",
        entityType: "action_plan" as const,
        entityId: plan.id,
        countryId: plan.countryId,
        path: `/action-plans/${plan.id}`,
        params: { plan: plan.title, country: plan.country.name, date: { day: meetingDay } },
        readAction: "plan.read" as const,
      },
      to: editorsOf(plan.countryId),
    }));
}

/** The reminders the rules make at `now`, before those already sent are left out. */
async function dueReminders(now = new Date()): Promise<Reminder[]> {
  const today = overdueToday(now);
  const found = await Promise.all(
    (await reminderRules())
      .filter((rule) => rule.enabled)
      .map(async (rule) => {
        switch (rule.kind) {
          case "stalled":
            return stalled(rule.amount, now);
          case "target_soon":
            return targetSoon(rule.amount, today);
          case "overdue_escalation":
            return escalations(rule.amount, rule.further ?? rule.amount, today);
          case "plan_since_meeting":
            return plansSinceMeeting(await lastMeetingDay(rule, today), today);
        }
      }),
  );
  return found.flat();
}

/**
 * The job that evaluates the rules: each reminder not sent before becomes notices for the people
 * it is for, recorded as sent in the same transaction. Returns how many notices were made.
 */
export async function evaluateReminders(now = new Date()) {
  const reminders = await dueReminders(now);
  const sent = new Set(
    (
      await db.reminderSent.findMany({
        where: { entityId: { in: [...new Set(reminders.map((r) => r.draft.entityId))] } },
        select: { rule: true, level: true, entityType: true, entityId: true, occasion: true },
      })
    ).map(sentKey),
  );
  let notices = 0;
  for (const reminder of reminders) {
    const once = {
      rule: reminder.rule,
      level: reminder.level,
      entityType: reminder.draft.entityType,
      entityId: reminder.draft.entityId,
      occasion: reminder.occasion,
    };
    if (sent.has(sentKey(once))) continue;
    notices += await createNotices(reminder.draft, reminder.to, {
      claim: (tx) => tx.reminderSent.create({ data: once }),
    });
  }
  return notices;
}

const sentKey = (r: { rule: string; level: string; entityType: string; entityId: string; occasion: string }) =>
  [r.rule, r.level, r.entityType, r.entityId, r.occasion].join("|");

/** Who last changed each rule set on the page, and when. */
export async function reminderRulesChangedBy() {
  const rows = await db.reminderRule.findMany({
    select: { kind: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ kind: r.kind, updatedAt: r.updatedAt, name: r.updatedBy?.name ?? "" }));
}
