import { beforeEach, describe, expect, it } from "vitest";
import type { ReminderRuleKind } from "~/domain/reminders";
import { renderNotice } from "~/i18n/activity";
import { translatorFor } from "~/i18n/translate.server";
import { runDueJobs } from "~/jobs/worker.server";
import { enqueueJob } from "~/models/job.server";
import { listNotices, NOTICE_EMAIL_JOB, sendNoticeEmail } from "~/models/notification.server";
import {
  EVALUATE_REMINDERS_JOB,
  evaluateReminders,
  reminderRules,
  saveReminderRule,
  type ReminderRuleInput,
} from "~/models/reminder.server";
import { action as rulesAction, loader as rulesLoader } from "~/routes/_app+/reminders";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, signedIn, userId } from "../support/requests";

/**
 * The Secretariat's reminder rules (decision 019), evaluated at fixed clocks: who is told of
 * what, once per record, rule and level however often the rules run, and never of what they
 * may not read.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const at = (day: string) => new Date(`${day}T09:00:00Z`);
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Only the rule under test is on, so each test reads its own reminders. */
async function onlyRule(rule: ReminderRuleInput) {
  const author = { actorId: await userId(demo.secretariat) };
  const off: Record<ReminderRuleKind, ReminderRuleInput> = {
    stalled: { kind: "stalled", enabled: false, amount: 6 },
    target_soon: { kind: "target_soon", enabled: false, amount: 14 },
    plan_since_meeting: { kind: "plan_since_meeting", enabled: false, meetingOn: null },
    overdue_escalation: { kind: "overdue_escalation", enabled: false, amount: 14, further: 14 },
  };
  for (const input of Object.values({ ...off, [rule.kind]: rule })) await saveReminderRule(input, author);
}

async function laItem(dueOn: string | null, activity = "Publish the assessor handbook") {
  const plan = await db.actionPlan.findFirstOrThrow({ where: { country: { code: "LA" } } });
  return db.actionItem.create({ data: { planId: plan.id, activity, dueOn, status: "on_track" } });
}

/** Who was told about one record, as "email level-message" lines. */
async function toldAbout(entityId: string) {
  const rows = await db.notification.findMany({
    where: { entityId },
    select: { messageKey: true, recipient: { select: { email: true } } },
    orderBy: [{ messageKey: "asc" }, { recipient: { email: "asc" } }],
  });
  return rows.map((r) => `${r.recipient.email} ${r.messageKey.replace("reminders:notices.", "")}`);
}

beforeEach(async () => {
  await db.notification.deleteMany();
  await db.reminderSent.deleteMany();
  await db.job.deleteMany();
  await db.emailMessage.deleteMany();
});

describe("the rules at fixed clocks", () => {
  it("a date within N days tells the country's focal points and task force once, and nobody else", async () => {
    await onlyRule({ kind: "target_soon", enabled: true, amount: 10 });
    const item = await laItem("2031-03-20");
    await evaluateReminders(at("2031-03-09"));
    expect(await toldAbout(item.id)).toEqual([]);
    await evaluateReminders(at("2031-03-10"));
    expect(await toldAbout(item.id)).toEqual([
      `${demo.focalPoint("LA")} target_soon_item`,
      `${demo.taskForce("LA")} target_soon_item`,
    ]);
    await evaluateReminders(at("2031-03-11"));
    expect(await toldAbout(item.id)).toHaveLength(2);
    // A new date is a new occasion.
    await db.actionItem.update({ where: { id: item.id }, data: { dueOn: "2031-03-25" } });
    await evaluateReminders(at("2031-03-16"));
    expect(await toldAbout(item.id)).toHaveLength(4);
  });

  it("an item nobody changed for N weeks is stalled; a change starts the count again", async () => {
    await onlyRule({ kind: "stalled", enabled: true, amount: 3 });
    const item = await laItem(null, "Translate the competency standard");
    await db.actionItem.update({ where: { id: item.id }, data: { updatedAt: at("2031-01-01") } });
    await evaluateReminders(at("2031-01-21"));
    expect(await toldAbout(item.id)).toEqual([]);
    await evaluateReminders(at("2031-01-23"));
    expect(await toldAbout(item.id)).toEqual([
      `${demo.focalPoint("LA")} stalled_item`,
      `${demo.taskForce("LA")} stalled_item`,
    ]);
    await evaluateReminders(at("2031-02-23"));
    expect(await toldAbout(item.id)).toHaveLength(2);
    await db.actionItem.update({ where: { id: item.id }, data: { updatedAt: at("2031-03-01") } });
    await evaluateReminders(at("2031-03-30"));
    expect(await toldAbout(item.id)).toHaveLength(4);
  });

  it("a plan not updated since the last meeting, the date the Secretariat set or the latest regional meeting", async () => {
    const plan = await db.actionPlan.findFirstOrThrow({ where: { country: { code: "LA" } }, include: { items: true } });
    await db.actionItem.updateMany({ where: { planId: plan.id }, data: { updatedAt: at("2030-01-10") } });
    await db.actionPlan.update({
      where: { id: plan.id },
      data: { updatedAt: at("2030-01-10"), periodStart: 2030, periodEnd: 2031 },
    });
    await onlyRule({ kind: "plan_since_meeting", enabled: true, meetingOn: "2030-01-05" });
    await evaluateReminders(at("2030-02-01"));
    // Updated after that meeting: nothing to remind.
    expect(await toldAbout(plan.id)).toEqual([]);

    await onlyRule({ kind: "plan_since_meeting", enabled: true, meetingOn: null });
    const meeting = await db.workshop.create({
      data: {
        title: "Regional meeting",
        kind: "regional_meeting",
        timeZone: "Asia/Jakarta",
        startsOn: "2030-03-02",
        endsOn: "2030-03-03",
      },
    });
    await evaluateReminders(at("2030-03-04"));
    expect(await toldAbout(plan.id)).toEqual([
      `${demo.focalPoint("LA")} plan_since_meeting`,
      `${demo.taskForce("LA")} plan_since_meeting`,
    ]);
    await evaluateReminders(at("2030-03-20"));
    expect(await toldAbout(plan.id)).toHaveLength(2);
    await db.workshop.delete({ where: { id: meeting.id } });
  });

  it("a rule switched off makes nothing", async () => {
    await onlyRule({ kind: "stalled", enabled: false, amount: 1 });
    const item = await laItem("2031-03-20");
    await evaluateReminders(at("2031-03-19"));
    expect(await toldAbout(item.id)).toEqual([]);
  });
});

describe("escalation of what stays overdue", () => {
  it("after N days the country's focal points, after M more the Secretariat, each once and never daily", async () => {
    await onlyRule({ kind: "overdue_escalation", enabled: true, amount: 7, further: 10 });
    const item = await laItem("2031-05-01");
    const due = "2031-05-01";
    for (let day = 1; day <= 6; day++) await evaluateReminders(at(plusDays(due, day)));
    expect(await toldAbout(item.id)).toEqual([]);
    for (let day = 7; day <= 16; day++) await evaluateReminders(at(plusDays(due, day)));
    // The focal point only: the task force is not an escalation's audience.
    expect(await toldAbout(item.id)).toEqual([`${demo.focalPoint("LA")} overdue_focal_points_item`]);
    for (let day = 17; day <= 30; day++) await evaluateReminders(at(plusDays(due, day)));
    const told = await toldAbout(item.id);
    expect(told.filter((line) => line.endsWith("overdue_focal_points_item"))).toHaveLength(1);
    expect(told.filter((line) => line.endsWith("overdue_secretariat_item"))).toEqual([
      `${demo.secretariat} overdue_secretariat_item`,
    ]);
    expect(await db.reminderSent.count({ where: { entityId: item.id } })).toBe(2);
  });

  it("done before the Secretariat's turn: the Secretariat is not told", async () => {
    await onlyRule({ kind: "overdue_escalation", enabled: true, amount: 7, further: 10 });
    const item = await laItem("2031-05-01");
    await evaluateReminders(at("2031-05-09"));
    await db.actionItem.update({ where: { id: item.id }, data: { status: "done", progress: 100 } });
    await evaluateReminders(at("2031-05-30"));
    expect(await toldAbout(item.id)).toEqual([`${demo.focalPoint("LA")} overdue_focal_points_item`]);
  });
});

describe("once, across restarts and processes", () => {
  it("two processes evaluating at once, and the job run again after a crash, tell each person once", async () => {
    await onlyRule({ kind: "target_soon", enabled: true, amount: 10 });
    const item = await laItem("2031-08-10");
    const now = at("2031-08-05");
    await Promise.all([evaluateReminders(now), evaluateReminders(now), evaluateReminders(now)]);
    expect(await toldAbout(item.id)).toHaveLength(2);
    // A run repeated after a restart (its lease ran out before it was marked done) finds it sent.
    await evaluateReminders(now);
    expect(await toldAbout(item.id)).toHaveLength(2);
    expect(await db.reminderSent.count({ where: { entityId: item.id } })).toBe(1);
  });

  it("runs through the jobs table; each notice's e-mail is queued once by its key", async () => {
    // The job runs on the real clock.
    await onlyRule({ kind: "target_soon", enabled: true, amount: 5 });
    const item = await laItem(plusDays(new Date().toISOString().slice(0, 10), 3));
    await enqueueJob({ kind: EVALUATE_REMINDERS_JOB, key: "evaluate-reminders:test" });
    await runDueJobs();
    const notices = await db.notification.findMany({ where: { entityId: item.id } });
    expect(notices).toHaveLength(2);
    const mails = await db.emailMessage.findMany({ where: { key: { in: notices.map((n) => `notice:${n.id}`) } } });
    expect(mails).toHaveLength(2);
    expect(await db.job.count({ where: { kind: NOTICE_EMAIL_JOB } })).toBeGreaterThanOrEqual(2);
    // Queued again under the same key: kept as it is, nothing sent again.
    await enqueueJob({ kind: EVALUATE_REMINDERS_JOB, key: "evaluate-reminders:test" });
    await runDueJobs();
    expect(await db.notification.count({ where: { entityId: item.id } })).toBe(2);
  });
});

describe("what a notice may hold", () => {
  it("another country's focal point is never told; one who lost the country no longer reads it nor gets its e-mail", async () => {
    await onlyRule({ kind: "target_soon", enabled: true, amount: 10 });
    const item = await laItem("2031-09-10", "Accredit the hospitality assessors");
    await evaluateReminders(at("2031-09-05"));
    const emails = (await toldAbout(item.id)).map((line) => line.split(" ")[0]);
    expect(emails).not.toContain(demo.focalPoint("VN"));
    expect(emails).not.toContain(demo.secretariat);

    const fp = await signedIn(demo.focalPoint("LA"));
    const notice = await db.notification.findFirstOrThrow({ where: { entityId: item.id, recipientId: fp.user.id } });
    expect((await listNotices(fp.user, 1)).notices.map((n) => n.id)).toContain(notice.id);
    const vn = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
    const role = await db.roleAssignment.findFirstOrThrow({ where: { userId: fp.user.id, role: "focal_point" } });
    await db.roleAssignment.update({ where: { id: role.id }, data: { countryId: vn.id } });
    try {
      const moved = (await signedIn(demo.focalPoint("LA"))).user;
      expect((await listNotices(moved, 1)).notices.map((n) => n.id)).not.toContain(notice.id);
      expect(await sendNoticeEmail({ noticeId: notice.id })).toBe("skipped");
    } finally {
      await db.roleAssignment.update({ where: { id: role.id }, data: { countryId: role.countryId } });
    }
  });

  it("the notice reads in its recipient's language", async () => {
    await onlyRule({ kind: "target_soon", enabled: true, amount: 10 });
    const item = await laItem("2031-10-10", "Sahkan standar");
    const fpId = await userId(demo.focalPoint("LA"));
    await db.user.update({ where: { id: fpId }, data: { locale: "id" } });
    try {
      await evaluateReminders(at("2031-10-05"));
      const notice = await db.notification.findFirstOrThrow({ where: { entityId: item.id, recipientId: fpId } });
      await sendNoticeEmail({ noticeId: notice.id });
      const mail = await db.emailMessage.findUniqueOrThrow({ where: { key: `notice:${notice.id}` } });
      // The day written as the reader's language writes it, in the e-mail and on the notifications page.
      expect(mail.subject).toContain("jatuh tempo pada 10 Okt 2031");
      const page = await listNotices((await signedIn(demo.focalPoint("LA"))).user, 1);
      const shown = page.notices.find((n) => n.id === notice.id);
      expect(renderNotice(await translatorFor("id"), "id", shown!)).toContain("jatuh tempo pada 10 Okt 2031");
      expect(renderNotice(await translatorFor("en"), "en", shown!)).toContain("is due on 10 Oct 2031.");
    } finally {
      await db.user.update({ where: { id: fpId }, data: { locale: "en" } });
    }
  });
});

describe("the rules page", () => {
  const post = (email: string, form: Record<string, string>) =>
    settle(async () =>
      rulesAction({ request: await requestAs(email, "/reminders", form), params: {}, context: routeContext }),
    );

  it("the Secretariat changes a rule; the history says who", async () => {
    const response = await post(demo.secretariat, { kind: "target_soon", enabled: "on", amount: "21" });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((await reminderRules()).find((r) => r.kind === "target_soon")).toMatchObject({ enabled: true, amount: 21 });
    // The rule's run, started in the background, finishes through the jobs table.
    await expect
      .poll(() => db.job.count({ where: { kind: EVALUATE_REMINDERS_JOB, finishedAt: { not: null } } }), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(
      await db.auditEvent.count({ where: { action: "reminder-rule.update", entityId: "target_soon" } }),
    ).toBeGreaterThan(0);
  });

  it("bad input gets a clear error and changes nothing", async () => {
    await onlyRule({ kind: "overdue_escalation", enabled: true, amount: 7, further: 10 });
    const before = await reminderRules();
    const forms: Record<string, string>[] = [
      { kind: "overdue_escalation", enabled: "on", amount: "0", further: "10" },
      { kind: "overdue_escalation", enabled: "on", amount: "7", further: "abc" },
      { kind: "overdue_escalation", enabled: "maybe", amount: "7", further: "10" },
      { kind: "stalled", enabled: "on", amount: "99999" },
      { kind: "plan_since_meeting", enabled: "on", meetingOn: "2999-01-01" },
      { kind: "plan_since_meeting", enabled: "on", meetingOn: "2030-02-30" },
    ];
    for (const form of forms) {
      const answer = await post(demo.secretariat, form);
      expect(answer, JSON.stringify(form)).not.toBeInstanceOf(Response);
      const { result } = (answer as { data: { result: { error: Record<string, string[]> } } }).data;
      expect(Object.values(result.error).flat().length, JSON.stringify(form)).toBeGreaterThan(0);
    }
    // A rule no page shows is refused as a whole.
    expect(
      ((await post(demo.secretariat, { kind: "no_such_rule", enabled: "on", amount: "3" })) as Response).status,
    ).toBe(400);
    expect(await reminderRules()).toEqual(before);
  });

  it("only the Secretariat and administrators see or change the rules", async () => {
    for (const email of [demo.focalPoint("LA"), demo.facilitator]) {
      const page = await settle(async () =>
        rulesLoader({ request: await requestAs(email, "/reminders"), params: {}, context: routeContext }),
      );
      expect((page as Response).status).toBe(403);
      expect(((await post(email, { kind: "stalled", enabled: "off", amount: "2" })) as Response).status).toBe(403);
    }
    const page = await rulesLoader({
      request: await requestAs(demo.admin, "/reminders"),
      params: {},
      context: routeContext,
    });
    expect(page.rules.map((r) => r.kind)).toEqual([
      "stalled",
      "plan_since_meeting",
      "target_soon",
      "overdue_escalation",
    ]);
  });
});
