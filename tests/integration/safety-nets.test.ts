import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { documentLines } from "~/collab/content.server";
import { appendUpdate, currentDocumentState, loadYDoc } from "~/collab/storage.server";
import { action as planAction } from "~/routes/_app+/action-plans+/$planId._index";
import { loader as asSubmittedLoader } from "~/routes/_app+/action-plans+/$planId.as-submitted";
import { action as editItemAction } from "~/routes/_app+/action-plans+/$planId.items.$itemId";
import { action as removeItemAction } from "~/routes/_app+/action-plans+/$planId.items.$itemId_.remove";
import { action as submitAction } from "~/routes/_app+/action-plans+/$planId.submit";
import { action as editMilestoneAction } from "~/routes/_app+/milestones+/$milestoneId.edit";
import { ACTUAL_DATE_ZONE } from "~/models/milestone.server";
import { todayIn } from "~/utils/format";
import { db } from "~/utils/db.server";
import { typeParagraph } from "../support/collab-clients";
import { demo } from "../support/people";
import { requestAs, routeContext, settle } from "../support/requests";

/**
 * Issue 17's safety nets, from the side of the person who clicks: a removal happens only
 * once confirmed, a restore can be undone, and a submission keeps what was submitted (with
 * its covering note) for the reviewers while the country goes on editing.
 */

async function planOf(countryCode: string) {
  return db.actionPlan.findFirstOrThrow({ where: { country: { code: countryCode } }, include: { items: true } });
}

/** The plan as submitted, read by the Secretariat. */
async function readAsSubmitted(plan: { id: string }) {
  return asSubmittedLoader({
    request: await requestAs(demo.secretariat, `/action-plans/${plan.id}/as-submitted`),
    params: { planId: plan.id },
    context: routeContext,
  });
}

/** The narrative's paragraphs as stored now. */
async function storedLines(documentId: string) {
  return documentLines((await currentDocumentState(documentId))!);
}

/** A paragraph typed at the end of the narrative, stored as an editor's update would be. */
async function typeInto(documentId: string, text: string) {
  const loaded = (await loadYDoc(documentId))!;
  const before = Y.encodeStateVector(loaded.doc);
  typeParagraph(loaded.doc, text);
  await appendUpdate(documentId, Y.encodeStateAsUpdate(loaded.doc, before), null);
  loaded.doc.destroy();
}

function status(reply: unknown) {
  return reply instanceof Response ? reply.status : (reply as { init: { status: number } }).init.status;
}

describe("removing an action item", () => {
  it("is refused without the confirmation, and happens with it", async () => {
    const plan = await planOf("LA");
    const item = plan.items[0]!;
    const params = { planId: plan.id, itemId: item.id };
    const path = `/action-plans/${plan.id}/items/${item.id}/remove`;

    const unconfirmed = await settle(async () =>
      removeItemAction({ request: await requestAs(demo.focalPoint("LA"), path, {}), params, context: routeContext }),
    );
    expect(status(unconfirmed)).toBe(400);
    expect((unconfirmed as unknown as { data: { formError: string } }).data.formError).toMatch(/not removed/);
    // The one-click removal of the edit page is gone: that form is read as an edit, which it is not.
    const oneClick = await settle(async () =>
      editItemAction({
        request: await requestAs(demo.focalPoint("LA"), `/action-plans/${plan.id}/items/${item.id}`, {
          intent: "delete",
        }),
        params,
        context: routeContext,
      }),
    );
    expect(status(oneClick)).toBe(400);
    expect(await db.actionItem.count({ where: { id: item.id } })).toBe(1);

    // Someone who may only read the plan cannot remove it, confirmed or not.
    const reader = await settle(async () =>
      removeItemAction({
        request: await requestAs(demo.secretariat, path, { confirm: "remove" }),
        params,
        context: routeContext,
      }),
    );
    expect(status(reader)).toBe(403);

    const confirmed = await settle(async () =>
      removeItemAction({
        request: await requestAs(demo.focalPoint("LA"), path, { confirm: "remove" }),
        params,
        context: routeContext,
      }),
    );
    expect(status(confirmed)).toBe(302);
    expect(await db.actionItem.count({ where: { id: item.id } })).toBe(0);
  });
});

describe("restoring a version", () => {
  it("keeps what it replaces as 'Before restore <date>', so restoring that undoes the restore", async () => {
    const plan = await planOf("VN");
    const fpUser = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("VN") } });
    const post = async (form: Record<string, string>, email = demo.focalPoint("VN")) =>
      settle(async () =>
        planAction({
          request: await requestAs(email, `/action-plans/${plan.id}`, form),
          params: { planId: plan.id },
          context: routeContext,
        }),
      );

    expect(status(await post({ intent: "version", name: "Before the Hanoi meeting" }))).toBe(302);
    const named = await db.documentVersion.findFirstOrThrow({ where: { documentId: plan.documentId } });
    await typeInto(plan.documentId, "Written after the Hanoi meeting");
    const edited = await storedLines(plan.documentId);

    // Only the plan's editors restore.
    expect(status(await post({ intent: "restore", versionId: named.id }, demo.focalPoint("TH")))).toBe(403);
    expect(await storedLines(plan.documentId)).toEqual(edited);

    const restored = await post({ intent: "restore", versionId: named.id });
    expect(status(restored)).toBe(302);
    expect(await storedLines(plan.documentId)).not.toContain("Written after the Hanoi meeting");

    const kept = await db.documentVersion.findFirstOrThrow({
      where: { documentId: plan.documentId, kind: "before_restore" },
    });
    expect(kept.name).toMatch(/^Before restore \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
    expect(kept.createdById).toBe(fpUser.id);
    expect(documentLines(new Uint8Array(kept.state))).toEqual(edited);

    // Undo: restoring what the restore kept brings the paragraph back (and keeps, in turn, what it replaced).
    expect(status(await post({ intent: "restore", versionId: kept.id }))).toBe(302);
    expect(await storedLines(plan.documentId)).toEqual(edited);
    expect(await db.documentVersion.count({ where: { documentId: plan.documentId, kind: "before_restore" } })).toBe(2);
  });

  it("names the kept version in the person's language and date format", async () => {
    const plan = await planOf("VN");
    const version = await db.documentVersion.findFirstOrThrow({
      where: { documentId: plan.documentId, kind: "named" },
    });
    await typeInto(plan.documentId, "Satu paragraf lagi");
    await db.user.update({ where: { email: demo.focalPoint("VN") }, data: { locale: "id" } });
    const request = await requestAs(demo.focalPoint("VN"), `/action-plans/${plan.id}`, {
      intent: "restore",
      versionId: version.id,
    });
    expect(
      status(await settle(() => planAction({ request, params: { planId: plan.id }, context: routeContext }))),
    ).toBe(302);
    const kept = await db.documentVersion.findFirstOrThrow({
      where: { documentId: plan.documentId, kind: "before_restore" },
      orderBy: { createdAt: "desc" },
    });
    expect(kept.name).toMatch(/^Sebelum pemulihan \d{1,2} \w{3} \d{4}/);
  });
});

describe("submitting a plan", () => {
  it("keeps the plan as submitted with the covering note, for reviewers, while the country edits on", async () => {
    const plan = await planOf("MM");
    expect(plan.status).toBe("draft");
    const path = `/action-plans/${plan.id}/submit`;
    const submit = async (form: Record<string, string>, email = demo.focalPoint("MM")) =>
      settle(async () =>
        submitAction({
          request: await requestAs(email, path, form),
          params: { planId: plan.id },
          context: routeContext,
        }),
      );

    // A note over 2,000 characters is refused beside its field, and nothing changes.
    const tooLong = await submit({ note: "x".repeat(2001) });
    expect(status(tooLong)).toBe(400);
    expect((tooLong as unknown as { data: { result: { error: { note: string[] } } } }).data.result.error.note).toEqual([
      "This is too long (at most 2000 characters).",
    ]);
    // Who may submit stays as it was: the Secretariat reviews, it does not submit.
    expect(status(await submit({ note: "" }, demo.secretariat))).toBe(403);
    expect((await planOf("MM")).status).toBe("draft");
    expect(await db.documentVersion.count({ where: { documentId: plan.documentId, kind: "submitted" } })).toBe(0);

    const submittedLines = await storedLines(plan.documentId);
    const note = "Sections 2 and 3 are new since the Bangkok meeting.";
    expect(status(await submit({ note }))).toBe(302);
    expect((await planOf("MM")).status).toBe("submitted");
    const version = await db.documentVersion.findFirstOrThrow({
      where: { documentId: plan.documentId, kind: "submitted" },
    });
    expect(version.note).toBe(note);
    expect(version.name).toMatch(/^As submitted /);

    // Submitting twice (a second tab) is refused: the plan is not a draft any more.
    expect(status(await submit({ note: "again" }))).toBe(409);

    // The country goes on editing; the Secretariat reads what was submitted.
    await typeInto(plan.documentId, "Edited after the submission");
    const asSubmitted = async (email: string) =>
      settle(async () =>
        asSubmittedLoader({
          request: await requestAs(email, `/action-plans/${plan.id}/as-submitted`),
          params: { planId: plan.id },
          context: routeContext,
        }),
      );
    const read = (await asSubmitted(demo.secretariat)) as Awaited<ReturnType<typeof asSubmittedLoader>>;
    expect(read.submission!.note).toBe(note);
    expect(JSON.stringify(read.submission!.content)).not.toContain("Edited after the submission");
    expect(JSON.stringify(read.submission!.content)).toContain(submittedLines[0]);
    // Another country's focal point may not read it.
    expect(status(await asSubmitted(demo.focalPoint("TH")))).toBe(403);
  });

  it("says there is nothing to read as submitted before a first submission", async () => {
    expect((await readAsSubmitted(await planOf("VN"))).submission).toBeNull();
  });

  it("reads a demo plan that starts out submitted as it was submitted", async () => {
    const plan = await planOf("BN");
    expect(plan.status).toBe("submitted");
    const read = await readAsSubmitted(plan);
    expect(read.submission!.createdAt).toEqual(plan.submittedAt);
    expect(JSON.stringify(read.submission!.content)).toContain("Brunei Darussalam");
  });
});

describe("completing a milestone", () => {
  it("marks done, in the same save, the linked open action items that were ticked, and only those", async () => {
    const plan = await planOf("LA");
    const milestone = await db.milestone.findFirstOrThrow({
      where: {
        countryId: plan.countryId,
        status: { not: "completed" },
        stageCode: { notIn: ["aqrf_referenced", "mutual_recognition"] },
      },
    });
    const linked = (activity: string) =>
      db.actionItem.create({
        data: { planId: plan.id, activity, status: "on_track", progress: 62, milestoneId: milestone.id, sortOrder: 99 },
      });
    const [ticked, left] = [await linked("Publish the standard"), await linked("Train the assessors")];
    const otherMilestone = await db.actionItem.findFirstOrThrow({
      where: { status: { not: "done" }, NOT: { milestoneId: milestone.id } },
    });

    const request = await requestAs(demo.focalPoint("LA"), `/milestones/${milestone.id}/edit`, {
      version: milestone.updatedAt.toISOString(),
      status: "completed",
      startedOn: milestone.startedOn ?? "",
      targetOn: milestone.targetOn ?? "",
      achievedOn: todayIn(ACTUAL_DATE_ZONE),
      notes: milestone.notes,
      // An item of another milestone, sent by hand, is not touched.
      alsoDone: [ticked.id, otherMilestone.id],
    });
    const reply = await settle(() =>
      editMilestoneAction({ request, params: { milestoneId: milestone.id }, context: routeContext }),
    );
    expect(status(reply)).toBe(302);
    expect(await db.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).toMatchObject({
      status: "completed",
    });
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: ticked.id } })).toMatchObject({
      status: "done",
      progress: 100,
    });
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: left.id } })).toMatchObject({
      status: "on_track",
      progress: 62,
    });
    expect(await db.actionItem.findUniqueOrThrow({ where: { id: otherMilestone.id } })).toMatchObject({
      status: otherMilestone.status,
    });
  });
});
