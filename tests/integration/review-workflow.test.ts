import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentPermission } from "~/collab/access.server";
import { PlanStateError, findStandingReturn, listPlans, returnPlan, submitPlan } from "~/models/action-plan.server";
import {
  adoptMinutes,
  changeMinutesStatus,
  ensureMinutesDocument,
  findMinutesRecord,
  MinutesStateError,
} from "~/models/workshop-minutes.server";
import { startNotices } from "~/notices/listener.server";
import { action as returnAction } from "~/routes/_app+/action-plans+/$planId.return";
import { action as outcomesAction } from "~/routes/_app+/workshops+/$workshopId+/outcomes";
import { loader as workshopLoader } from "~/routes/_app+/workshops+/$workshopId+/_index";
import { RETURN_REMARK_MAX } from "~/domain/vocabulary";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, signedIn, userId } from "../support/requests";

/** Issue 16's two workflows: a plan returned with comments, minutes circulated and adopted. */

let listener: ReturnType<typeof startNotices>;
beforeAll(() => {
  listener = startNotices();
});
afterAll(() => listener.stop());

const emptyState = () => Y.encodeStateAsUpdate(new Y.Doc());

/** Viet Nam's plan, submitted by its focal point (the demo seeds it as a draft). */
async function submittedVietNamPlan() {
  const plan = await db.actionPlan.findFirstOrThrow({ where: { country: { code: "VN" } } });
  await db.actionPlan.update({ where: { id: plan.id }, data: { status: "draft" } });
  await submitPlan(
    plan.id,
    { note: null, versionName: "Submitted", state: emptyState() },
    await userId(demo.focalPoint("VN")),
  );
  return plan;
}

const returnAs = (email: string, planId: string, remark: string) =>
  settle(async () =>
    returnAction({
      request: await requestAs(email, `/action-plans/${planId}/return`, { remark }),
      params: { planId },
      context: routeContext,
    }),
  );

describe("a plan returned with comments", () => {
  it("goes back to draft with the remark, who and when; the country is told; it stands until resubmitted", async () => {
    const plan = await submittedVietNamPlan();
    await db.notification.deleteMany();
    const secretariat = await userId(demo.secretariat);
    const answer = await returnAs(demo.secretariat, plan.id, "  Add the budget for the welding pilot.  ");
    expect((answer as Response).status).toBe(302);

    const after = await db.actionPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(after.status).toBe("draft");
    const standing = await findStandingReturn(after);
    expect(standing).toMatchObject({ remark: "Add the budget for the welding pilot.", openThreads: 0 });
    expect(standing?.returnedBy?.name).toBeTruthy();
    expect(
      await db.auditEvent.count({ where: { action: "plan.return", entityId: plan.id, actorId: secretariat } }),
    ).toBe(1);

    const told = await db.notification.findMany({ include: { recipient: { select: { email: true } } } });
    expect(told.map((n) => n.recipient.email).sort()).toEqual([demo.focalPoint("VN"), demo.taskForce("VN")].sort());
    expect(told[0]).toMatchObject({ kind: "plan_returned", path: `/action-plans/${plan.id}` });
    expect(JSON.parse(told[0]!.params)).toMatchObject({ excerpt: "Add the budget for the welding pilot." });

    const { user } = await signedIn(demo.secretariat);
    expect((await listPlans(user, { countryId: plan.countryId }))[0]).toMatchObject({
      status: "draft",
      returned: true,
    });

    // Submitted again: the return no longer stands, its record stays.
    await submitPlan(
      plan.id,
      { note: "Budget added", versionName: "Again", state: emptyState() },
      await userId(demo.focalPoint("VN")),
    );
    const resubmitted = await db.actionPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(await findStandingReturn(resubmitted)).toBeNull();
    expect((await listPlans(user, { countryId: plan.countryId }))[0]).toMatchObject({ returned: false });
    expect(await db.planReturn.count({ where: { planId: plan.id } })).toBe(1);
  });

  it("is refused to the country, facilitators (who may not endorse) and observers, and changes nothing", async () => {
    const plan = await submittedVietNamPlan();
    for (const email of [demo.focalPoint("VN"), demo.facilitator, demo.observer]) {
      const answer = await returnAs(email, plan.id, "Please change this.");
      expect((answer as Response).status, email).toBe(403);
    }
    expect((await db.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("submitted");
  });

  it("needs a remark, not too long; a plan that is not submitted is refused with a clear message", async () => {
    const plan = await submittedVietNamPlan();
    const before = await db.planReturn.count();
    for (const remark of ["", "   ", "x".repeat(RETURN_REMARK_MAX + 1)]) {
      const answer = (await returnAs(demo.secretariat, plan.id, remark)) as { init: ResponseInit | null };
      expect(answer.init?.status).toBe(400);
    }
    await expect(returnPlan(plan.id, { remark: " " }, await userId(demo.secretariat))).rejects.toThrow();
    expect(await db.planReturn.count()).toBe(before);
    expect((await db.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("submitted");

    await db.actionPlan.update({ where: { id: plan.id }, data: { status: "endorsed" } });
    const stale = (await returnAs(demo.secretariat, plan.id, "Too late.")) as { init: ResponseInit | null };
    expect(stale.init?.status).toBe(409);
    expect(await db.planReturn.count()).toBe(before);
  });

  it("two reviewers returning at once return it once", async () => {
    const plan = await submittedVietNamPlan();
    const secretariat = await userId(demo.secretariat);
    const results = await Promise.allSettled([
      returnPlan(plan.id, { remark: "First" }, secretariat),
      returnPlan(plan.id, { remark: "Second" }, secretariat),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PlanStateError);
    const since = (await db.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).submittedAt!;
    expect(await db.planReturn.count({ where: { planId: plan.id, createdAt: { gte: since } } })).toBe(1);
  });
});

describe("minutes circulated and adopted", () => {
  async function draftMinutes() {
    const facilitator = await userId(demo.facilitator);
    const workshop = await db.workshop.findFirstOrThrow({
      where: { facilitators: { some: { userId: facilitator } } },
      orderBy: { startsOn: "asc" },
    });
    await db.workshop.update({
      where: { id: workshop.id },
      data: { minutesStatus: "draft", minutesAdoptedAt: null, minutesAdoptedById: null },
    });
    const documentId = await ensureMinutesDocument(workshop.id, { actorId: facilitator });
    return { workshop, documentId, facilitator };
  }

  it("circulating tells the participants with an account; recalling goes back to draft", async () => {
    const { workshop, facilitator } = await draftMinutes();
    const participant = await db.user.findFirstOrThrow({ where: { email: demo.focalPoint("LA") } });
    await db.participant.upsert({
      where: { workshopId_email: { workshopId: workshop.id, email: participant.email } },
      create: {
        workshopId: workshop.id,
        userId: participant.id,
        name: participant.name,
        email: participant.email,
        category: "focal_point",
        badgeToken: `badge-${workshop.id}`,
        registrationStatus: "registered",
      },
      update: { userId: participant.id, registrationStatus: "registered" },
    });
    await db.notification.deleteMany();
    await changeMinutesStatus(workshop.id, "circulate", { actorId: facilitator });
    expect((await findMinutesRecord(workshop.id))?.status).toBe("circulated");
    const told = await db.notification.findMany({ where: { kind: "minutes_circulated" } });
    expect(told.map((n) => n.recipientId)).toContain(participant.id);
    expect(told.map((n) => n.recipientId)).not.toContain(facilitator);
    expect(told.every((n) => n.countryId === null && n.entityType === "workshop")).toBe(true);

    await changeMinutesStatus(workshop.id, "recall", { actorId: facilitator });
    expect((await findMinutesRecord(workshop.id))?.status).toBe("draft");
  });

  it("adopting keeps one version, records who and when, and makes the minutes read-only for everyone", async () => {
    const { workshop, documentId, facilitator } = await draftMinutes();
    // Only circulated minutes are adopted.
    await expect(
      adoptMinutes(workshop.id, { versionName: "Adopted", state: emptyState() }, { actorId: facilitator }),
    ).rejects.toBeInstanceOf(MinutesStateError);
    await changeMinutesStatus(workshop.id, "circulate", { actorId: facilitator });
    const { user: facilitatorUser } = await signedIn(demo.facilitator);
    expect((await documentPermission(facilitatorUser, documentId))?.canWrite).toBe(true);

    const versionsBefore = await db.documentVersion.count({ where: { documentId, kind: "adopted" } });
    const results = await Promise.allSettled([
      adoptMinutes(workshop.id, { versionName: "Adopted", state: emptyState() }, { actorId: facilitator }),
      adoptMinutes(workshop.id, { versionName: "Adopted", state: emptyState() }, { actorId: facilitator }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.documentVersion.count({ where: { documentId, kind: "adopted" } })).toBe(versionsBefore + 1);

    const record = await findMinutesRecord(workshop.id);
    expect(record).toMatchObject({ status: "adopted", minutesAdoptedBy: { name: facilitatorUser.name } });
    expect(record?.minutesAdoptedAt).toBeInstanceOf(Date);
    expect(record?.adoptedState).toBeInstanceOf(Uint8Array);
    for (const email of [demo.facilitator, demo.admin]) {
      const { user } = await signedIn(email);
      expect(await documentPermission(user, documentId), email).toEqual({ canRead: true, canWrite: false });
    }
    // Adopted minutes stay adopted: neither recalled nor circulated again.
    await expect(changeMinutesStatus(workshop.id, "recall", { actorId: facilitator })).rejects.toBeInstanceOf(
      MinutesStateError,
    );
    expect(await db.auditEvent.count({ where: { action: "workshop.minutes_adopt", entityId: workshop.id } })).toBe(1);
  });

  it("through the outcomes page: the facilitator circulates and adopts; others are refused; the workshop page shows the adopted text", async () => {
    const { workshop } = await draftMinutes();
    const post = (email: string, intent: string) =>
      settle(async () =>
        outcomesAction({
          request: await requestAs(email, `/workshops/${workshop.id}/outcomes`, { intent }),
          params: { workshopId: workshop.id },
          context: routeContext,
        }),
      );
    for (const email of [demo.observer, demo.focalPoint("VN"), demo.secretariat]) {
      expect(((await post(email, "minutes-circulate")) as Response).status, email).toBe(403);
    }
    expect((await findMinutesRecord(workshop.id))?.status).toBe("draft");
    expect(((await post(demo.facilitator, "minutes-circulate")) as Response).status).toBe(302);
    expect(((await post(demo.facilitator, "minutes-adopt")) as Response).status).toBe(302);
    // A second click finds them adopted: a message, nothing kept twice.
    const again = (await post(demo.facilitator, "minutes-adopt")) as Response;
    expect(again.status).toBe(302);
    expect((await findMinutesRecord(workshop.id))?.status).toBe("adopted");

    const page = (await workshopLoader({
      request: await requestAs(demo.focalPoint("VN"), `/workshops/${workshop.id}`),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as { adoptedMinutes: { adoptedBy: string } | null };
    expect(page.adoptedMinutes?.adoptedBy).toBeTruthy();
  });
});
