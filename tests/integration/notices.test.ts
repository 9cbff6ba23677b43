import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { runDueJobs } from "~/jobs/worker.server";
import { submitPlan } from "~/models/action-plan.server";
import { createActionItem, updateActionItem, type ActionItemInput } from "~/models/action-item.server";
import { claimNextJob, LEASE_MS } from "~/models/job.server";
import { addMilestoneComment } from "~/models/milestone-comment.server";
import { listNotices, NOTICE_EMAIL_JOB, noticesFor, sendNoticeEmail } from "~/models/notification.server";
import { recordAndAssignOutcome } from "~/models/outcome-assignment.server";
import { startNotices } from "~/notices/listener.server";
import { action as stepAction, loader as stepLoader } from "~/routes/_app+/notifications+/step.$token";
import { action as noticesAction, loader as noticesLoader } from "~/routes/_app+/notifications+/_index";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, signedIn, userId } from "../support/requests";

/** Notices: who is told of what, never of their own action nor of what they may not read; e-mailed once. */

let listener: ReturnType<typeof startNotices>;
beforeAll(() => {
  listener = startNotices();
});
afterAll(() => listener.stop());

const noticesOf = async (email: string) =>
  db.notification.findMany({ where: { recipient: { email } }, orderBy: { createdAt: "asc" } });

async function clearNotices() {
  await db.notification.deleteMany();
  await db.job.deleteMany();
  await db.emailMessage.deleteMany();
}

const laPlan = () =>
  db.actionPlan.findFirstOrThrow({ where: { country: { code: "LA" }, status: { not: "endorsed" } } });

const item = (activity: string, ownerId: string | null): ActionItemInput => ({
  activity,
  leadAgency: "",
  startsOn: null,
  dueOn: "2027-06-30",
  indicator: "",
  milestoneId: null,
  status: "not_started",
  progress: 0,
  progressNote: "",
  ownerId,
});

describe("who is told of what", () => {
  it("an item's new owner, not the person who gave it, and not again when nothing about the owner changed", async () => {
    await clearNotices();
    const plan = await laPlan();
    const [fp, tf] = await Promise.all([userId(demo.focalPoint("LA")), userId(demo.taskForce("LA"))]);
    const created = await createActionItem(plan.id, item("Draft the tourism assessor guide", fp), tf);
    const [notice] = await noticesOf(demo.focalPoint("LA"));
    expect(notice).toMatchObject({
      kind: "item_assigned",
      entityId: created.id,
      messageKey: "notifications:messages.item_assigned",
    });
    expect(JSON.parse(notice!.params)).toMatchObject({ activity: "Draft the tourism assessor guide" });
    expect(await noticesOf(demo.taskForce("LA"))).toHaveLength(0);

    // Saved again with the same owner: nobody is told again.
    await updateActionItem(plan.id, created.id, item("Draft the tourism assessor guide (v2)", fp), tf);
    expect(await noticesOf(demo.focalPoint("LA"))).toHaveLength(1);
    // Taking an item oneself tells nobody.
    await updateActionItem(plan.id, created.id, item("Draft the tourism assessor guide (v2)", tf), tf);
    expect(await noticesOf(demo.taskForce("LA"))).toHaveLength(0);
  });

  it("a comment on a milestone: the country's focal points and task force, but not its author nor other countries", async () => {
    await clearNotices();
    const milestone = await db.milestone.findFirstOrThrow({ where: { country: { code: "LA" } } });
    await addMilestoneComment(milestone, "The ministry signed the decree today.", await userId(demo.focalPoint("LA")));
    const told = await db.notification.findMany({ include: { recipient: { select: { email: true } } } });
    expect(told.map((n) => n.recipient.email)).toEqual([demo.taskForce("LA")]);
    expect(told[0]).toMatchObject({ kind: "milestone_comment", path: `/milestones/${milestone.id}` });
  });

  it("an agreed action: the focal points and task force of each country it is given to, not the facilitator", async () => {
    await clearNotices();
    const workshop = await db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } });
    const countries = await db.country.findMany({ where: { code: { in: ["LA", "VN"] } } });
    await recordAndAssignOutcome(
      workshop.id,
      { kind: "agreed_action", text: "Publish the welding standard", dueOn: "2027-03-31" },
      countries.map((c) => c.id),
      { actorId: await userId(demo.facilitator) },
    );
    const told = await db.notification.findMany({ include: { recipient: { select: { email: true } } } });
    expect(told.map((n) => n.recipient.email).sort()).toEqual(
      [demo.focalPoint("LA"), demo.taskForce("LA"), demo.focalPoint("VN"), demo.taskForce("VN")].sort(),
    );
    expect(told.every((n) => n.kind === "agreed_action")).toBe(true);
  });

  it("a plan submitted: the Secretariat, its reviewers", async () => {
    await clearNotices();
    const plan = await db.actionPlan.update({ where: { id: (await laPlan()).id }, data: { status: "draft" } });
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    await submitPlan(plan.id, { note: null, versionName: "Submitted", state }, await userId(demo.focalPoint("LA")));
    const told = await db.notification.findMany({ include: { recipient: { select: { email: true } } } });
    expect(told.map((n) => n.recipient.email)).toContain(demo.secretariat);
    expect(told.map((n) => n.recipient.email)).not.toContain(demo.focalPoint("LA"));
    expect(told.every((n) => n.kind === "plan_submitted")).toBe(true);
  });

  it("nobody of a record they may not read: an item of Lao PDR named for Viet Nam's focal point tells nobody", async () => {
    await clearNotices();
    const plan = await laPlan();
    const anItem = await db.actionItem.findFirstOrThrow({ where: { planId: plan.id } });
    const told = await noticesFor({
      type: "action-item.changed",
      countryId: plan.countryId,
      planId: plan.id,
      itemId: anItem.id,
      assigned: { ownerId: await userId(demo.focalPoint("VN")), actorId: await userId(demo.admin) },
    });
    expect(told).toBe(0);
    expect(await db.notification.count()).toBe(0);
  });

  it("a notice stops showing, and is not e-mailed, once its reader may no longer read the record", async () => {
    await clearNotices();
    const plan = await laPlan();
    const fp = await userId(demo.focalPoint("LA"));
    await createActionItem(plan.id, item("Translate the curriculum", fp), await userId(demo.taskForce("LA")));
    const roles = await db.roleAssignment.findMany({ where: { userId: fp } });
    await db.roleAssignment.deleteMany({ where: { userId: fp } });
    await db.roleAssignment.create({
      data: {
        userId: fp,
        role: "focal_point",
        countryId: (await db.country.findUniqueOrThrow({ where: { code: "VN" } })).id,
      },
    });
    try {
      const { user } = await signedIn(demo.focalPoint("LA"));
      expect((await listNotices(user, 1)).notices).toHaveLength(0);
      await runDueJobs();
      expect(await db.emailMessage.count({ where: { to: demo.focalPoint("LA") } })).toBe(0);
    } finally {
      await db.roleAssignment.deleteMany({ where: { userId: fp } });
      await db.roleAssignment.createMany({ data: roles });
    }
  });
});

describe("e-mail of a notice", () => {
  it("goes once, in the reader's language, even when the process dies after recording it", async () => {
    await clearNotices();
    const plan = await laPlan();
    const fp = await userId(demo.focalPoint("LA"));
    await db.user.update({ where: { id: fp }, data: { locale: "id" } });
    try {
      await createActionItem(plan.id, item("Survey employers", fp), await userId(demo.taskForce("LA")));
      const job = await db.job.findFirstOrThrow({ where: { kind: NOTICE_EMAIL_JOB } });
      const claimed = await claimNextJob("dying-process");
      expect(claimed?.id).toBe(job.id);
      await sendNoticeEmail(claimed!.payload);
      // The lease runs out; another process runs the job again.
      await db.job.update({ where: { id: job.id }, data: { lockedUntil: new Date(Date.now() - LEASE_MS) } });
      expect(await runDueJobs(undefined, { workerId: "next-process" })).toBe(1);
      const mails = await db.emailMessage.findMany({ where: { to: demo.focalPoint("LA") } });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain("menjadikan Anda penanggung jawab");
      expect(mails[0]!.text).toContain("/notifications/step/");
      expect(mails[0]!.text).toContain("/notices/unsubscribe/");
    } finally {
      await db.user.update({ where: { id: fp }, data: { locale: "en" } });
    }
  });

  it("is not sent to one who reads notices in the digest or not at all", async () => {
    await clearNotices();
    const plan = await laPlan();
    const fp = await userId(demo.focalPoint("LA"));
    await db.user.update({ where: { id: fp }, data: { notices: "digest" } });
    try {
      await createActionItem(plan.id, item("Map the assessors", fp), await userId(demo.taskForce("LA")));
      expect(await db.job.count({ where: { kind: NOTICE_EMAIL_JOB } })).toBe(0);
      expect(await noticesOf(demo.focalPoint("LA"))).toHaveLength(1);
    } finally {
      await db.user.update({ where: { id: fp }, data: { notices: null } });
    }
  });
});

describe("acting from a notice", () => {
  it("asks on GET, acts on POST, and only for the notice's own reader", async () => {
    await clearNotices();
    const plan = await laPlan();
    const fp = await userId(demo.focalPoint("LA"));
    const created = await createActionItem(
      plan.id,
      item("Hold the validation workshop", fp),
      await userId(demo.taskForce("LA")),
    );
    const { user } = await signedIn(demo.focalPoint("LA"));
    const [notice] = (await listNotices(user, 1)).notices;
    const done = notice!.steps.find((s) => s.step === "done")!.path;
    const token = done.split("/").pop()!;
    const args = (request: Request) => ({ request, params: { token }, context: routeContext });

    // Opening the link changes nothing.
    const shown = await stepLoader(args(await requestAs(demo.focalPoint("LA"), done)));
    expect(shown.item?.status).toBe("not_started");
    expect((await db.actionItem.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("not_started");

    // Another person's link, or an altered one, is not found.
    const asOther = await requestAs(demo.taskForce("LA"), done);
    const other = await settle(() => stepLoader(args(asOther)));
    expect(other).toBeInstanceOf(Response);
    expect((other as Response).status).toBe(404);
    const asReader = await requestAs(demo.focalPoint("LA"), done);
    const altered = await settle(() =>
      stepLoader({ ...args(asReader), params: { token: token.replace(/.$/, (c) => (c === "a" ? "b" : "a")) } }),
    );
    expect((altered as Response).status).toBe(404);

    // Confirming marks the item done and the notice read.
    const confirm = await requestAs(demo.focalPoint("LA"), done, {});
    const answer = await settle(() => stepAction(args(confirm)));
    expect((answer as Response).status).toBe(302);
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      status: "done",
      progress: 100,
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: notice!.id } })).readAt).toBeInstanceOf(Date);
  });

  it("marks read one or all, lists unread first, and snoozes a notice out of the count for a week", async () => {
    await clearNotices();
    const plan = await laPlan();
    const fp = await userId(demo.focalPoint("LA"));
    const tf = await userId(demo.taskForce("LA"));
    for (const activity of ["First", "Second", "Third"]) await createActionItem(plan.id, item(activity, fp), tf);
    const { user } = await signedIn(demo.focalPoint("LA"));
    const list = await listNotices(user, 1);
    expect(list.unread).toBe(3);
    expect(list.notices.map((n) => n.params.activity)).toEqual(["Third", "Second", "First"]);

    await noticesAction({
      request: await requestAs(demo.focalPoint("LA"), "/notifications", {
        intent: "read",
        noticeId: list.notices[0]!.id,
      }),
      params: {},
      context: routeContext,
    });
    const after = await noticesLoader({
      request: await requestAs(demo.focalPoint("LA"), "/notifications"),
      params: {},
      context: routeContext,
    });
    expect(after.unread).toBe(2);
    expect(after.notices.map((n) => n.params.activity)).toEqual(["Second", "First", "Third"]);

    const snooze = after.notices[0]!.steps.find((s) => s.step === "snooze")!.path;
    const token = snooze.split("/").pop()!;
    await stepAction({
      request: await requestAs(demo.focalPoint("LA"), snooze, {}),
      params: { token },
      context: routeContext,
    }).catch((r: unknown) => r);
    const snoozed = await listNotices(user, 1);
    expect(snoozed.unread).toBe(1);
    expect(snoozed.snoozed.map((n) => n.params.activity)).toEqual(["Second"]);

    await noticesAction({
      request: await requestAs(demo.focalPoint("LA"), "/notifications", { intent: "read-all" }),
      params: {},
      context: routeContext,
    });
    expect((await listNotices(user, 1)).unread).toBe(0);
  });
});
