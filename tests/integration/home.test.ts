import { describe, expect, it } from "vitest";
import { dueSoonUntil } from "~/domain/overdue";
import { changesByOthersSince, countryWork, myOpenItems } from "~/models/country-work.server";
import { recordHomeVisit } from "~/models/user.server";
import { action as homeAction, loader as homeLoader } from "~/routes/_app+/_index";
import { action as newItemAction } from "~/routes/_app+/action-plans+/$planId.items.new";
import { db } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { requestAs, routeContext, settle, signedIn } from "../support/requests";
import { demo } from "../support/people";

/**
 * A focal point's home: what needs doing in their country, updated in place through the
 * home's own action, each write checked against the record it changes.
 */

type Reply = {
  data: { result: { status?: string; error?: Record<string, string[] | null> } };
  init: { status: number } | null;
};

const reportItem = (countryCode: string) =>
  db.actionItem.findFirstOrThrow({
    where: {
      plan: { country: { code: countryCode } },
      activity: { startsWith: "Prepare the country progress report" },
    },
  });

describe("what needs doing in a country", () => {
  it("lists the country's overdue and due-soon items and milestones, and nothing of other countries", async () => {
    const { user } = await signedIn(demo.focalPoint("LA"));
    const work = await countryWork(
      user,
      user.roles.map((r) => r.countryId!),
    );
    expect(work.countries.map((c) => c.country.code)).toEqual(["LA"]);
    const until = dueSoonUntil(overdueToday());
    const [la] = work.countries;
    expect(la!.items.length).toBeGreaterThan(0);
    for (const item of la!.items) {
      expect(item.plan.countryId).toBe(la!.country.id);
      expect(item.status).not.toBe("done");
      expect(item.dueOn! <= until).toBe(true);
    }
    for (const m of la!.milestones) {
      expect(m.countryId).toBe(la!.country.id);
      expect(m.status === "blocked" || (m.status !== "completed" && m.targetOn! <= until)).toBe(true);
    }
    // The same rule the database filter uses: every overdue item in the country is there.
    const overdue = await db.actionItem.count({
      where: { plan: { countryId: la!.country.id }, status: { not: "done" }, dueOn: { lt: overdueToday() } },
    });
    expect(la!.items.filter((i) => i.overdue)).toHaveLength(overdue);
  });

  it("lists the open items a person owns", async () => {
    const { user } = await signedIn(demo.focalPoint("LA"));
    const mine = await myOpenItems(user);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.owner?.id === user.id && i.status !== "done")).toBe(true);
  });

  it("sends people who follow many countries to the dashboard, with their filters", async () => {
    const response = await settle(async () =>
      homeLoader({ request: await requestAs(demo.secretariat, "/?status=blocked"), params: {}, context: routeContext }),
    );
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/dashboard?status=blocked");
  });
});

describe("updating in place", () => {
  it("records an item's progress, with who and what changed, and refuses it to another country", async () => {
    const item = await reportItem("LA");
    const form = {
      intent: "item-progress",
      itemId: item.id,
      status: "on_track",
      progress: "30",
      progressNote: "Draft sent",
    };

    const foreign = await settle(async () =>
      homeAction({
        request: await requestAs(demo.focalPoint("KH"), "/?index", form),
        params: {},
        context: routeContext,
      }),
    );
    expect((foreign as Response).status).toBe(403);
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      progress: item.progress,
    });

    const reply = (await homeAction({
      request: await requestAs(demo.taskForce("LA"), "/?index", form),
      params: {},
      context: routeContext,
    })) as unknown as Reply;
    expect(reply.data.result.status).toBe("success");
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: "on_track",
      progress: 30,
      progressNote: "Draft sent",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: item.id, action: "action_item.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(audit.changes!)).toMatchObject({
      progress: [item.progress, 30],
      progressNote: ["", "Draft sent"],
    });
  });

  it("refuses a bad progress beside its field and writes nothing", async () => {
    const item = await reportItem("VN");
    const reply = (await homeAction({
      request: await requestAs(demo.focalPoint("VN"), "/?index", {
        intent: "item-progress",
        itemId: item.id,
        status: "on_track",
        progress: "0x10",
      }),
      params: {},
      context: routeContext,
    })) as unknown as Reply;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.result.error?.progress?.[0]).toMatch(/whole number/);
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      progress: item.progress,
    });
  });

  it("completes a milestone with today as its actual day and keeps the note as a comment", async () => {
    const milestone = await db.milestone.findFirstOrThrow({
      where: { country: { code: "LA" }, status: "in_progress", stageCode: "curriculum_materials" },
    });
    const reply = (await homeAction({
      request: await requestAs(demo.focalPoint("LA"), "/?index", {
        intent: "milestone-status",
        milestoneId: milestone.id,
        status: "completed",
        note: "Curriculum approved by the ministry",
        seenUpdatedAt: milestone.updatedAt.toISOString(),
      }),
      params: {},
      context: routeContext,
    })) as unknown as Reply;
    // A milestone's form starts again empty: Conform's reset answer.
    expect(reply.data.result).toEqual({ initialValue: null });
    const after = await db.milestone.findUniqueOrThrow({ where: { id: milestone.id } });
    expect(after.status).toBe("completed");
    expect(after.achievedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      await db.comment.count({ where: { entityId: milestone.id, body: "Curriculum approved by the ministry" } }),
    ).toBe(1);
  });

  it("refuses to complete a milestone the full form must finish, and one saved meanwhile", async () => {
    const aqrf = await db.milestone.findFirstOrThrow({
      where: { country: { code: "LA" }, stageCode: "aqrf_referenced", aqrfLevel: null, status: { not: "completed" } },
    });
    const refused = (await homeAction({
      request: await requestAs(demo.focalPoint("LA"), "/?index", {
        intent: "milestone-status",
        milestoneId: aqrf.id,
        status: "completed",
        seenUpdatedAt: aqrf.updatedAt.toISOString(),
      }),
      params: {},
      context: routeContext,
    })) as unknown as Reply;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.result.error?.status?.[0]).toMatch(/needs its level/);

    const stale = (await homeAction({
      request: await requestAs(demo.focalPoint("LA"), "/?index", {
        intent: "milestone-status",
        milestoneId: aqrf.id,
        status: "blocked",
        note: "should not be kept",
        seenUpdatedAt: new Date(aqrf.updatedAt.getTime() - 60_000).toISOString(),
      }),
      params: {},
      context: routeContext,
    })) as unknown as Reply;
    expect(stale.data.result.error?.status?.[0]).toMatch(/Someone saved this milestone/);
    expect(await db.milestone.findUniqueOrThrow({ where: { id: aqrf.id } })).toMatchObject({ status: aqrf.status });
    expect(await db.comment.count({ where: { entityId: aqrf.id, body: "should not be kept" } })).toBe(0);
  });
});

describe("owners and visits", () => {
  it("gives an item only to a focal point or task-force member of its country", async () => {
    const plan = await db.actionPlan.findFirstOrThrow({
      where: { country: { code: "LA" }, status: { not: "endorsed" } },
    });
    const foreigner = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("VN") } });
    const before = await db.actionItem.count({ where: { planId: plan.id } });
    const reply = (await settle(async () =>
      newItemAction({
        request: await requestAs(demo.focalPoint("LA"), `/action-plans/${plan.id}/items/new`, {
          activity: "Brief the national working group",
          status: "not_started",
          progress: "0",
          ownerId: foreigner.id,
        }),
        params: { planId: plan.id },
        context: routeContext,
      }),
    )) as unknown as Reply;
    expect(reply.data.result.error?.ownerId).toEqual(["Choose one of the options."]);
    expect(await db.actionItem.count({ where: { planId: plan.id } })).toBe(before);
  });

  it("counts changes since the end of the previous visit, not since the last reload", async () => {
    const { user } = await signedIn(demo.taskForce("MY"));
    const start = new Date("2026-12-01T08:00:00Z");
    expect(await recordHomeVisit(user.id, start)).toBeNull();
    // A reload ten minutes later is the same visit: still "since the first visit ever".
    expect(await recordHomeVisit(user.id, new Date(start.getTime() + 10 * 60_000))).toBeNull();
    // The next morning is a new visit: changes since the last look of the previous one.
    const nextDay = new Date("2026-12-02T01:00:00Z");
    expect(await recordHomeVisit(user.id, nextDay)).toEqual(new Date(start.getTime() + 10 * 60_000));
    expect(await recordHomeVisit(user.id, new Date(nextDay.getTime() + 30 * 60_000))).toEqual(
      new Date(start.getTime() + 10 * 60_000),
    );
  });

  it("lists what others changed, not the person's own changes", async () => {
    const { user } = await signedIn(demo.focalPoint("TH"));
    const country = await db.country.findUniqueOrThrow({ where: { code: "TH" } });
    const since = new Date(Date.now() - 1000);
    const other = await db.user.findUniqueOrThrow({ where: { email: demo.taskForce("TH") } });
    for (const actorId of [user.id, other.id]) {
      await db.auditEvent.create({
        data: {
          actorId,
          action: "test",
          entityType: "test",
          entityId: actorId,
          countryId: country.id,
          summary: actorId,
        },
      });
    }
    const changes = await changesByOthersSince(user, [country.id], since);
    expect(changes.events.map((e) => e.summary)).toEqual([other.id]);
  });
});
