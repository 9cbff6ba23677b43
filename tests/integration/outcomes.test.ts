import { beforeAll, describe, expect, it } from "vitest";
import type { ActionItemStatus } from "~/domain/vocabulary";
import { InputRefused } from "~/domain/input-refused";
import { loadYDoc } from "~/collab/storage.server";
import {
  assignOutcome,
  currentPlanFor,
  linkAssignmentMilestone,
  recordAndAssignOutcome,
  unassignCountry,
} from "~/models/outcome-assignment.server";
import { getWorkshopOutcomes } from "~/models/outcome-follow-up.server";
import { createOutcome, deleteOutcome, updateOutcome } from "~/models/outcome.server";
import { ensureMinutesDocument } from "~/models/workshop-minutes.server";
import { action as outcomesAction, loader as outcomesLoader } from "~/routes/_app+/workshops+/$workshopId+/outcomes";
import { db } from "~/utils/db.server";
import { requestAs, routeContext } from "../support/requests";
import { todayIn } from "~/utils/format";
import { liveServer, typeParagraph, until } from "../support/collab-clients";
import { demo } from "../support/people";

let facilitatorId: string;
let bangkokId: string;
const country = async (code: string) => db.country.findUniqueOrThrow({ where: { code } });
const planOf = async (code: string) => db.actionPlan.findFirstOrThrow({ where: { country: { code } } });

/** A fresh agreed action of the Bangkok meeting, recorded by its facilitator. */
async function agreedAction(text: string, dueOn: string | null = "2027-03-31") {
  return createOutcome(bangkokId, { kind: "agreed_action", text, dueOn }, { actorId: facilitatorId });
}

/** An agreed action assigned to Viet Nam and the Philippines, whose item the Philippines has started on. */
async function assignedWithPhilippinesStarted(text: string, started: { status?: ActionItemStatus; progress: number }) {
  const outcome = await agreedAction(text);
  const [vn, ph] = await Promise.all([country("VN"), country("PH")]);
  await assignOutcome(
    bangkokId,
    outcome.id,
    { countryIds: [vn.id, ph.id], dueOn: "2027-05-31" },
    { actorId: facilitatorId },
  );
  const phItem = await db.actionItem.findFirstOrThrow({
    where: { sourceOutcomeId: outcome.id, plan: { countryId: ph.id } },
  });
  await db.actionItem.update({ where: { id: phItem.id }, data: started });
  return { outcome, vn, ph, phItem };
}

beforeAll(async () => {
  facilitatorId = (
    await db.user.findUniqueOrThrow({
      where: { email: demo.facilitator },
    })
  ).id;
  bangkokId = (await db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } })).id;
});

describe("assigning an agreed action to countries", () => {
  it("creates an item in each country's current plan, with the workshop as source, in one transaction", async () => {
    const outcome = await agreedAction("Share the draft national competency standard for welding with the task force");
    const [vn, ph] = await Promise.all([country("VN"), country("PH")]);
    const result = await assignOutcome(
      bangkokId,
      outcome.id,
      { countryIds: [vn.id, ph.id], dueOn: "2027-03-31" },
      { actorId: facilitatorId },
    );
    expect(result.assigned.map((a) => a.countryName).sort()).toEqual(["Philippines", "Viet Nam"]);

    for (const code of ["VN", "PH"]) {
      const plan = await planOf(code);
      const item = await db.actionItem.findFirstOrThrow({
        where: { planId: plan.id, sourceOutcomeId: outcome.id },
        include: { assignment: true },
      });
      expect(item).toMatchObject({
        activity: outcome.text,
        dueOn: "2027-03-31",
        status: "not_started",
        progress: 0,
      });
      expect(item.sourceNote).toBe("Agreed at ASEAN Meeting of Skills Focal Points, Bangkok, 10 August 2015");
      expect(item.assignment?.outcomeId).toBe(outcome.id);
      // placed after the plan's other items
      const last = await db.actionItem.findFirstOrThrow({
        where: { planId: plan.id },
        orderBy: { sortOrder: "desc" },
      });
      expect(last.id).toBe(item.id);
    }
    const audit = await db.auditEvent.findMany({
      where: {
        OR: [
          { entityId: outcome.id },
          {
            entityType: "action_item",
            summary: { contains: "welding with the task force" },
          },
        ],
      },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "action_item.create",
      "action_item.create",
      "outcome.assign",
      "outcome.assign",
      "outcome.create",
    ]);
  });

  it("writes nothing when one of the countries has no current plan", async () => {
    const outcome = await agreedAction("Nominate a contact person for the regional skills portal");
    const [th, sg] = await Promise.all([country("TH"), country("SG")]);
    // With Singapore's only plan moved to 2040-2042, neither the due year (2031) nor this year has a plan.
    await db.actionPlan.updateMany({
      where: { countryId: sg.id },
      data: { periodStart: 2040, periodEnd: 2042 },
    });
    try {
      const itemsBefore = await db.actionItem.count();
      const attempt = assignOutcome(
        bangkokId,
        outcome.id,
        { countryIds: [th.id, sg.id], dueOn: "2031-06-30" },
        { actorId: facilitatorId },
      );
      await expect(attempt).rejects.toBeInstanceOf(InputRefused);
      await expect(attempt).rejects.toMatchObject({
        field: "countryIds",
        messageKey: "outcomes:errors.noPlan",
        values: { countries: "Singapore" },
      });
      expect(await db.actionItem.count()).toBe(itemsBefore);
      expect(await db.outcomeAssignment.count({ where: { outcomeId: outcome.id } })).toBe(0);
    } finally {
      await db.actionPlan.updateMany({
        where: { countryId: sg.id },
        data: { periodStart: 2025, periodEnd: 2027 },
      });
    }
  });

  it("lands in the plan covering the due year, else this year's, and uses an endorsed plan when it is the current one", async () => {
    const kh = await country("KH");
    const khPlan = await planOf("KH");
    expect(khPlan.status).toBe("endorsed");
    const document = await db.collaborativeDocument.create({
      data: { kind: "action_plan_narrative" },
    });
    const later = await db.actionPlan.create({
      data: {
        countryId: kh.id,
        title: "MRS action plan 2028-2030",
        periodStart: 2028,
        periodEnd: 2030,
        documentId: document.id,
      },
    });
    try {
      expect((await currentPlanFor(kh.id, "2029-01-31"))?.id).toBe(later.id);
      expect((await currentPlanFor(kh.id, "2027-01-31"))?.id).toBe(khPlan.id);
      // a due year no plan covers falls back to the plan of this year
      expect(Number(todayIn().slice(0, 4))).toBeLessThanOrEqual(2027);
      expect((await currentPlanFor(kh.id, "2035-01-31"))?.id).toBe(khPlan.id);

      const outcome = await agreedAction("Pilot the regional assessor training in Siem Reap", "2027-06-30");
      const result = await assignOutcome(
        bangkokId,
        outcome.id,
        { countryIds: [kh.id], dueOn: "2027-06-30" },
        { actorId: facilitatorId },
      );
      expect(result.assigned).toEqual([
        {
          countryName: "Cambodia",
          planTitle: "MRS action plan 2025-2027",
          planStatus: "endorsed",
        },
      ]);
      expect(
        await db.actionItem.count({
          where: { planId: khPlan.id, sourceOutcomeId: outcome.id },
        }),
      ).toBe(1);
    } finally {
      await db.actionPlan.delete({ where: { id: later.id } });
    }
  });

  it("is harmless when repeated: a country already assigned keeps its one item", async () => {
    const outcome = await agreedAction("Translate the RMCS for domestic work into the national language");
    const la = await country("LA");
    await assignOutcome(
      bangkokId,
      outcome.id,
      { countryIds: [la.id], dueOn: "2027-01-31" },
      { actorId: facilitatorId },
    );
    const again = await assignOutcome(
      bangkokId,
      outcome.id,
      { countryIds: [la.id, la.id], dueOn: "2027-01-31" },
      { actorId: facilitatorId },
    );
    expect(again).toEqual({ assigned: [], alreadyAssigned: ["Lao PDR"] });
    // and two facilitators pressing Assign at the same moment
    const vn = await country("VN");
    await Promise.all(
      [1, 2].map(() =>
        assignOutcome(bangkokId, outcome.id, { countryIds: [vn.id], dueOn: "2027-01-31" }, { actorId: facilitatorId }),
      ),
    );
    expect(await db.actionItem.count({ where: { sourceOutcomeId: outcome.id } })).toBe(2);
    expect(await db.outcomeAssignment.count({ where: { outcomeId: outcome.id } })).toBe(2);
  });

  it("refuses decisions and due dates before the workshop", async () => {
    const decision = await createOutcome(
      bangkokId,
      { kind: "decision", text: "Meet again in 2016", dueOn: null },
      { actorId: facilitatorId },
    );
    const vn = await country("VN");
    await expect(
      assignOutcome(bangkokId, decision.id, { countryIds: [vn.id], dueOn: "2027-01-31" }, { actorId: facilitatorId }),
    ).rejects.toMatchObject({
      messageKey: "outcomes:errors.onlyAgreedActions",
    });
    const outcome = await agreedAction("Report on assessor numbers");
    await expect(
      assignOutcome(bangkokId, outcome.id, { countryIds: [vn.id], dueOn: "2015-08-01" }, { actorId: facilitatorId }),
    ).rejects.toMatchObject({ field: "dueOn" });
    expect(await db.outcomeAssignment.count({ where: { outcomeId: outcome.id } })).toBe(0);
  });
});

describe("changing an agreed action", () => {
  it("rewords the items nobody has started on, keeps the others, and will not turn it into a decision while assigned", async () => {
    const { outcome, vn, ph } = await assignedWithPhilippinesStarted("Draft a national skills recogniton roadmap", {
      progress: 10,
    });

    const fixed = "Draft a national skills recognition roadmap";
    await updateOutcome(
      bangkokId,
      outcome.id,
      { kind: "agreed_action", text: fixed, dueOn: "2027-05-31" },
      { actorId: facilitatorId },
    );
    const items = await db.actionItem.findMany({
      where: { sourceOutcomeId: outcome.id },
      include: { plan: { select: { countryId: true } } },
    });
    expect(items.find((i) => i.plan.countryId === vn.id)!.activity).toBe(fixed);
    expect(items.find((i) => i.plan.countryId === ph.id)!.activity).toBe(outcome.text);

    await expect(
      updateOutcome(bangkokId, outcome.id, { kind: "decision", text: fixed, dueOn: null }, { actorId: facilitatorId }),
    ).rejects.toMatchObject({ field: "kind" });
    expect((await db.outcome.findUniqueOrThrow({ where: { id: outcome.id } })).kind).toBe("agreed_action");
  });
});

describe("linking an assigned item to a milestone", () => {
  it("accepts only a milestone of the item's own country", async () => {
    const outcome = await agreedAction("Benchmark the welding standard against the RMCS");
    const [vn, th] = await Promise.all([country("VN"), country("TH")]);
    await assignOutcome(
      bangkokId,
      outcome.id,
      { countryIds: [vn.id], dueOn: "2027-05-31" },
      { actorId: facilitatorId },
    );
    const assignment = await db.outcomeAssignment.findFirstOrThrow({
      where: { outcomeId: outcome.id, countryId: vn.id },
    });
    const [vnMilestone, thMilestone] = await Promise.all([
      db.milestone.findFirstOrThrow({ where: { countryId: vn.id } }),
      db.milestone.findFirstOrThrow({ where: { countryId: th.id } }),
    ]);

    await expect(
      linkAssignmentMilestone(bangkokId, assignment.id, thMilestone.id, {
        actorId: facilitatorId,
      }),
    ).rejects.toMatchObject({
      field: "milestoneId",
      messageKey: "validation.invalidChoice",
    });
    await linkAssignmentMilestone(bangkokId, assignment.id, vnMilestone.id, {
      actorId: facilitatorId,
    });
    expect(
      (
        await db.actionItem.findUniqueOrThrow({
          where: { id: assignment.actionItemId! },
        })
      ).milestoneId,
    ).toBe(vnMilestone.id);
    await linkAssignmentMilestone(bangkokId, assignment.id, null, {
      actorId: facilitatorId,
    });
    expect(
      (
        await db.actionItem.findUniqueOrThrow({
          where: { id: assignment.actionItemId! },
        })
      ).milestoneId,
    ).toBeNull();
    expect(
      await db.auditEvent.count({
        where: {
          action: "action_item.update",
          entityId: assignment.actionItemId!,
        },
      }),
    ).toBe(2);
  });
});

describe("taking an assignment back", () => {
  it("removes an untouched item, and refuses once the country has started on it", async () => {
    const { outcome, vn, ph, phItem } = await assignedWithPhilippinesStarted(
      "Set up a national register of certified welders",
      { status: "on_track", progress: 20 },
    );

    expect(
      await unassignCountry(bangkokId, outcome.id, vn.id, {
        actorId: facilitatorId,
      }),
    ).toBe("Viet Nam");
    expect(
      await db.actionItem.count({
        where: { sourceOutcomeId: outcome.id, plan: { countryId: vn.id } },
      }),
    ).toBe(0);
    // removing again is harmless
    expect(
      await unassignCountry(bangkokId, outcome.id, vn.id, {
        actorId: facilitatorId,
      }),
    ).toBeNull();

    await expect(unassignCountry(bangkokId, outcome.id, ph.id, { actorId: facilitatorId })).rejects.toMatchObject({
      messageKey: "outcomes:errors.itemStarted",
      values: { countries: "Philippines" },
    });
    await expect(deleteOutcome(bangkokId, outcome.id, { actorId: facilitatorId })).rejects.toMatchObject({
      messageKey: "outcomes:errors.itemStarted",
    });
    expect(await db.actionItem.findUnique({ where: { id: phItem.id } })).not.toBeNull();
    expect(await db.outcome.findUnique({ where: { id: outcome.id } })).not.toBeNull();
  });

  it("deletes an outcome with the untouched items it created", async () => {
    const outcome = await agreedAction("Share labour-market information with the Secretariat");
    const vn = await country("VN");
    await assignOutcome(
      bangkokId,
      outcome.id,
      { countryIds: [vn.id], dueOn: "2027-05-31" },
      { actorId: facilitatorId },
    );
    await deleteOutcome(bangkokId, outcome.id, { actorId: facilitatorId });
    expect(await db.outcome.findUnique({ where: { id: outcome.id } })).toBeNull();
    expect(await db.actionItem.count({ where: { activity: outcome.text } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { action: "outcome.delete", entityId: outcome.id },
      }),
    ).toBe(1);
  });

  it("keeps the seeded Bangkok outcome and its items in Cambodia, Lao PDR and Myanmar", async () => {
    const page = (await getWorkshopOutcomes(bangkokId, {
      id: facilitatorId,
      roles: [{ role: "facilitator", countryId: null }],
    }))!;
    const seeded = page.outcomes.find((o) => o.text.startsWith("Nominate national assessors"))!;
    expect(seeded.assignments.map((a) => [a.country.code, a.item?.status, a.item?.progress])).toEqual([
      ["KH", "done", 100],
      ["LA", "done", 100],
      ["MM", "delayed", 60],
    ]);
    // a focal point of Viet Nam sees that the countries were assigned, not how their items are going
    const fpVn = await db.user.findUniqueOrThrow({
      where: { email: demo.focalPoint("VN") },
    });
    const asFocalPoint = (await getWorkshopOutcomes(bangkokId, {
      id: fpVn.id,
      roles: [{ role: "focal_point", countryId: (await country("VN")).id }],
    }))!;
    const seen = asFocalPoint.outcomes.find((o) => o.id === seeded.id)!;
    expect(seen.assignments.map((a) => [a.country.code, a.visible, a.item])).toEqual([
      ["KH", false, null],
      ["LA", false, null],
      ["MM", false, null],
    ]);
  });
});

describe("recording an agreed action and assigning it in one step", () => {
  const record = (fields: Record<string, string | string[]>) =>
    requestAs(demo.facilitator, `/workshops/${bangkokId}/outcomes`, { intent: "create", ...fields }).then((request) =>
      outcomesAction({ request, params: { workshopId: bangkokId }, context: routeContext }),
    );

  it("writes the outcome, each country's item and the assignments together, and says where they went", async () => {
    const [kh, la] = await Promise.all([country("KH"), country("LA")]);
    const text = "Translate the regional welding standard into national languages";
    const response = await record({ kind: "agreed_action", text, dueOn: "2027-06-30", countryIds: [kh.id, la.id] });
    expect(response).toBeInstanceOf(Response);
    const outcome = await db.outcome.findFirstOrThrow({ where: { text }, include: { assignments: true } });
    expect(outcome.assignments.map((a) => a.countryId).sort()).toEqual([kh.id, la.id].sort());
    const items = await db.actionItem.findMany({ where: { sourceOutcomeId: outcome.id }, include: { plan: true } });
    expect(items.map((i) => [i.plan.countryId, i.dueOn, i.activity]).sort()).toEqual(
      [
        [kh.id, "2027-06-30", text],
        [la.id, "2027-06-30", text],
      ].sort(),
    );
  });

  it("writes nothing at all when one country has no current plan", async () => {
    const [th, sg] = await Promise.all([country("TH"), country("SG")]);
    const plans = await db.actionPlan.findMany({ where: { countryId: sg.id } });
    await db.actionPlan.updateMany({ where: { countryId: sg.id }, data: { periodStart: 2040, periodEnd: 2042 } });
    try {
      const [outcomes, items] = await Promise.all([db.outcome.count(), db.actionItem.count()]);
      const attempt = recordAndAssignOutcome(
        bangkokId,
        { kind: "agreed_action", text: "Publish the national skills registry", dueOn: "2031-06-30" },
        [th.id, sg.id],
        { actorId: facilitatorId },
      );
      await expect(attempt).rejects.toMatchObject({ messageKey: "outcomes:errors.noPlan" });
      expect([await db.outcome.count(), await db.actionItem.count()]).toEqual([outcomes, items]);
    } finally {
      for (const plan of plans)
        await db.actionPlan.update({
          where: { id: plan.id },
          data: { periodStart: plan.periodStart, periodEnd: plan.periodEnd },
        });
    }
  });

  it("asks for a due date, refuses countries for a decision, and writes nothing", async () => {
    const kh = await country("KH");
    const before = await db.outcome.count();
    const errors = async (fields: Record<string, string | string[]>) => {
      const result = await record(fields);
      if (result instanceof Response) throw new Error(`expected field errors, got ${result.status}`);
      return (result as unknown as { data: { result: { error: Record<string, string[]> } } }).data.result.error;
    };
    expect(await errors({ kind: "agreed_action", text: "No date given", countryIds: kh.id })).toMatchObject({
      dueOn: ["Give the date the countries should have done it by."],
    });
    expect(await errors({ kind: "decision", text: "A decision", countryIds: kh.id })).toMatchObject({
      countryIds: ["Only agreed actions can be assigned to countries."],
    });
    await expect(
      record({ kind: "agreed_action", text: "Not a country", dueOn: "2027-06-30", countryIds: "not-an-id" }),
    ).resolves.not.toBeInstanceOf(Response);
    expect(await db.outcome.count()).toBe(before);
  });
});

describe("the outcomes page's actions", () => {
  it("refuse people who do not run the workshop, and write nothing", async () => {
    const before = await db.outcome.count();
    for (const email of [demo.focalPoint("KH"), demo.secretariat, demo.facilitatorIom]) {
      const request = await requestAs(email, `/workshops/${bangkokId}/outcomes`, {
        intent: "create",
        kind: "decision",
        text: "Not theirs to record",
      });
      await expect(
        outcomesAction({ request, params: { workshopId: bangkokId }, context: routeContext }),
      ).rejects.toMatchObject({ status: 403 });
    }
    expect(await db.outcome.count()).toBe(before);
  });

  it("check the text, its length per kind and the due date, beside each field", async () => {
    const send = async (fields: Record<string, string | string[]>) => {
      const result = await outcomesAction({
        request: await requestAs(demo.facilitator, `/workshops/${bangkokId}/outcomes`, fields),
        params: { workshopId: bangkokId },
        context: routeContext,
      });
      if (result instanceof Response)
        throw new Error(`expected field errors, got ${result.status} ${result.headers.get("location")}`);
      const { error } = (result as unknown as { data: { result: { error: Record<string, string[]> } } }).data.result;
      return Object.fromEntries(Object.entries(error).map(([field, messages]) => [field, messages[0]]));
    };
    expect(await send({ intent: "create", kind: "agreed_action", text: "   " })).toMatchObject({
      text: "This field is required.",
    });
    expect(
      await send({
        intent: "create",
        kind: "agreed_action",
        text: "x".repeat(301),
      }),
    ).toMatchObject({ text: "This is too long (at most 300 characters)." });
    expect(await send({ intent: "create", kind: "decision", text: "x".repeat(1001) })).toMatchObject({
      text: "This is too long (at most 1000 characters).",
    });
    expect(
      await send({
        intent: "create",
        kind: "agreed_action",
        text: "Valid",
        dueOn: "2027-02-31",
      }),
    ).toMatchObject({ dueOn: "Enter a date that exists, as day, month and year." });
    expect(
      await send({
        intent: "create",
        kind: "agreed_action",
        text: "Valid",
        dueOn: "2014-01-01",
      }),
    ).toMatchObject({
      dueOn: "The due date cannot be before the workshop starts.",
    });
    expect(await send({ intent: "create", kind: "promise", text: "Valid" })).toMatchObject({
      kind: "Choose one of the options.",
    });
    const outcome = await agreedAction("Assign me");
    expect(
      await send({
        intent: "assign",
        outcomeId: outcome.id,
        dueOn: "2027-01-31",
      }),
    ).toMatchObject({ countryIds: "Choose at least one country." });

    const sg = await country("SG");
    const redirect = await outcomesAction({
      request: await requestAs(demo.facilitator, `/workshops/${bangkokId}/outcomes`, {
        intent: "assign",
        outcomeId: outcome.id,
        countryIds: [sg.id],
        dueOn: "2027-01-31",
      }),
      params: { workshopId: bangkokId },
      context: routeContext,
    });
    expect((redirect as Response).status).toBe(302);
    expect(
      await db.outcomeAssignment.count({
        where: { outcomeId: outcome.id, countryId: sg.id },
      }),
    ).toBe(1);
  });
});

describe("the outcomes page's forms", () => {
  it("put the model's refusal beside its field and write nothing", async () => {
    const outcome = await agreedAction("Link me to a milestone");
    const writes = await db.auditEvent.count();
    const send = async (fields: Record<string, string | string[]>) =>
      (await outcomesAction({
        request: await requestAs(demo.facilitator, `/workshops/${bangkokId}/outcomes`, fields),
        params: { workshopId: bangkokId },
        context: routeContext,
      })) as unknown as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    const early = await send({
      intent: "update",
      outcomeId: outcome.id,
      kind: "agreed_action",
      text: "Early",
      dueOn: "2014-01-01",
    });
    expect(early.init.status).toBe(400);
    expect(early.data.result.error.dueOn).toEqual(["The due date cannot be before the workshop starts."]);
    const unknown = await send({
      intent: "link-milestone",
      outcomeId: outcome.id,
      assignmentId: outcome.id,
      milestoneId: "",
    });
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.result.error.milestoneId?.[0]).toBeTruthy();
    expect(await db.auditEvent.count()).toBe(writes);
    expect((await db.outcome.findUniqueOrThrow({ where: { id: outcome.id } })).text).toBe("Link me to a milestone");
  });
});

describe("the minutes", () => {
  const live = liveServer();

  it("are created once, however many facilitators open the page at the same moment", async () => {
    const jakarta = await db.workshop.findFirstOrThrow({
      where: { startsOn: "2014-09-24" },
    });
    expect(jakarta.minutesDocumentId).toBeNull();
    const ids = await Promise.all([1, 2, 3].map(() => ensureMinutesDocument(jakarta.id, { actorId: facilitatorId })));
    expect(new Set(ids).size).toBe(1);
    expect((await db.workshop.findUniqueOrThrow({ where: { id: jakarta.id } })).minutesDocumentId).toBe(ids[0]);
    expect(
      await db.collaborativeDocument.count({
        where: { kind: "workshop_minutes", workshop: { id: jakarta.id } },
      }),
    ).toBe(1);
  });

  it("are started by a facilitator's choice: opening the page writes nothing", async () => {
    const openPage = async () =>
      (await outcomesLoader({
        request: await requestAs(demo.facilitator, `/workshops/${bangkokId}/outcomes`),
        params: { workshopId: bangkokId },
        context: routeContext,
      })) as unknown as { minutesDocumentId: string | null; canManage: boolean };
    const written = async () => ({
      audit: await db.auditEvent.count(),
      documents: await db.collaborativeDocument.count(),
    });
    const before = await written();
    const first = await openPage();
    expect(first).toMatchObject({ canManage: true, minutesDocumentId: null });
    expect(await written()).toEqual(before);

    const started = await outcomesAction({
      request: await requestAs(demo.facilitator, `/workshops/${bangkokId}/outcomes`, { intent: "start-minutes" }),
      params: { workshopId: bangkokId },
      context: routeContext,
    });
    expect((started as Response).status).toBe(302);
    expect((await openPage()).minutesDocumentId).toBeTruthy();
    expect(await db.auditEvent.count({ where: { action: "workshop.minutes_create", entityId: bangkokId } })).toBe(1);
  });

  it("are co-edited live by the facilitator and read live, without writing, by a participant", async () => {
    const { minutesDocumentId } = await db.workshop.findUniqueOrThrow({ where: { id: bangkokId } });
    if (!minutesDocumentId) throw new Error("the minutes were started by the test before");

    const open = (email: string) => live.editor(email, minutesDocumentId);
    const facilitator = await open(demo.facilitator);
    const focalPoint = await open(demo.focalPoint("KH"));
    expect([facilitator.provider.readOnly, focalPoint.provider.readOnly]).toEqual([false, true]);

    typeParagraph(facilitator.doc, "Day 1: the focal points agreed to nominate assessors by December.");
    await until(() => facilitator.provider.pending === 0);
    await until(() => focalPoint.text().includes("nominate assessors by December"));
    const stored = (await loadYDoc(minutesDocumentId))!.doc;
    expect(stored.getXmlFragment("default").toString()).toContain("nominate assessors by December");

    // The focal point's own typing is refused and reaches nobody.
    typeParagraph(focalPoint.doc, "Written by someone who may only read");
    // Her caret, sent after, reaches the facilitator after anything her editor could have sent before it.
    const start = { type: null, tname: "default", item: null, assoc: 0 };
    focalPoint.provider.awareness.setLocalStateField("cursor", { anchor: start, head: start });
    await until(() => Boolean(facilitator.provider.awareness.getStates().get(focalPoint.doc.clientID)?.cursor));
    expect(facilitator.text()).not.toContain("may only read");
    expect((await loadYDoc(minutesDocumentId))!.doc.getXmlFragment("default").toString()).not.toContain(
      "may only read",
    );
  });
});
