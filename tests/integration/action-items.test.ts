import { describe, expect, it } from "vitest";
import { action as newItemAction } from "~/routes/_app+/action-plans+/$planId.items.new";
import { action as editItemAction } from "~/routes/_app+/action-plans+/$planId.items.$itemId";
import { db } from "~/utils/db.server";
import { requestAs, routeContext, settle } from "../support/requests";
import { demo } from "../support/people";

/**
 * Adding and editing action items through their forms: one schema checks the
 * page and the action; what the schema or the model refuses comes back beside
 * its field, in the sender's language, and nothing is written.
 */

type Reply = {
  data: { result: { status: string; error?: Record<string, string[] | null> } };
  init: { status: number };
};

/** A country's plan that its editors may still change (not endorsed). */
async function planOf(countryCode: string) {
  return db.actionPlan.findFirstOrThrow({
    where: { country: { code: countryCode }, status: { not: "endorsed" } },
    include: { items: true },
  });
}

const valid = { activity: "Validate the welding standard", status: "on_track", progress: "40" };

describe("the action item form", () => {
  it("refuses numbers that are not plain decimal digits, and an empty progress, writing nothing", async () => {
    const plan = await planOf("LA");
    for (const progress of ["0x10", "", "1e2", "40.5", "101"]) {
      const request = await requestAs(demo.focalPoint("LA"), `/action-plans/${plan.id}/items/new`, {
        ...valid,
        progress,
      });
      const reply = (await settle(() =>
        newItemAction({ request, params: { planId: plan.id }, context: routeContext }),
      )) as unknown as Reply;
      expect(reply.init.status, `progress "${progress}"`).toBe(400);
      expect(reply.data.result.error?.progress?.[0], `progress "${progress}"`).toMatch(/whole number|required|or less/);
    }
    expect(await db.actionItem.count({ where: { planId: plan.id } })).toBe(plan.items.length);
  });

  it("puts the model's refusal beside its field: a milestone of another country is not a choice", async () => {
    const plan = await planOf("LA");
    const foreign = await db.milestone.findFirstOrThrow({ where: { country: { code: "VN" } } });
    const item = plan.items[0]!;
    const request = await requestAs(demo.focalPoint("LA"), `/action-plans/${plan.id}/items/${item.id}`, {
      ...valid,
      milestoneId: foreign.id,
    });
    const reply = (await settle(() =>
      editItemAction({ request, params: { planId: plan.id, itemId: item.id }, context: routeContext }),
    )) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error?.milestoneId).toEqual(["Choose one of the options."]);
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      activity: item.activity,
      milestoneId: item.milestoneId,
    });
  });

  it("saves a valid item and takes the person back to the plan", async () => {
    const plan = await planOf("LA");
    const request = await requestAs(demo.taskForce("LA"), `/action-plans/${plan.id}/items/new`, valid);
    const response = await settle(() => newItemAction({ request, params: { planId: plan.id }, context: routeContext }));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe(`/action-plans/${plan.id}#items-heading`);
    expect(await db.actionItem.findFirst({ where: { planId: plan.id, activity: valid.activity } })).toMatchObject({
      progress: 40,
      status: "on_track",
    });
  });
});
