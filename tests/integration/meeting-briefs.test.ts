import mammoth from "mammoth";
import readXlsxFile from "read-excel-file/node";
import { beforeAll, describe, expect, it } from "vitest";
import { InputRefused } from "~/domain/input-refused";
import { packDocument, packSummarySheet } from "~/models/brief-document.server";
import { docxBytes } from "~/models/document-export/docx.server";
import { xlsxBytes } from "~/models/document-export/xlsx.server";
import { briefFigures } from "~/models/meeting-brief.server";
import {
  findMeeting,
  freezeBriefing,
  readBriefing,
  saveBriefNote,
  type Meeting,
} from "~/models/meeting-briefing.server";
import { changeMilestoneStatus } from "~/models/milestone.server";
import { addMilestoneComment } from "~/models/milestone-comment.server";
import { translatorFor } from "~/i18n/translate.server";
import { action as briefAction, loader as briefLoader } from "~/routes/_app+/briefs+/$meeting.$code";
import { loader as packDocxLoader } from "~/routes/_app+/briefs+/$meeting.pack[.]docx";
import { loader as packXlsxLoader } from "~/routes/_app+/briefs+/$meeting.pack[.]xlsx";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, signedIn } from "../support/requests";

/** The 2027 meeting in Hanoi; the one before it is the 2015 meeting in Bangkok. */
let hanoi: Meeting;
const country = (code: string) =>
  db.country.findUniqueOrThrow({ where: { code }, select: { id: true, code: true, name: true } });

beforeAll(async () => {
  const workshop = await db.workshop.findFirstOrThrow({ where: { kind: "regional_meeting", startsOn: "2027-03-16" } });
  hanoi = (await findMeeting(workshop.id))!;
});

describe("a Member State's brief", () => {
  it("says what moved since the last meeting, what is overdue and blocked, and what became of its agreed actions", async () => {
    const mm = await country("MM");
    const fp = await signedIn(demo.focalPoint("MM"));
    const milestone = await db.milestone.findFirstOrThrow({ where: { countryId: mm.id, status: "not_started" } });
    await changeMilestoneStatus(
      milestone.id,
      { status: "in_progress", note: "", seenUpdatedAt: milestone.updatedAt.toISOString() },
      fp.user.id,
    );
    await addMilestoneComment(milestone, "Please send a resource person for the assessor training.", fp.user.id);

    const { briefs, since, previous } = await readBriefing(fp.user, hanoi, null);
    expect(since).toBe("2015-08-10");
    expect(previous?.title).toBe("ASEAN Meeting of Skills Focal Points");
    const [brief] = briefs;
    expect(brief!.country.code).toBe("MM");
    expect(brief!.moved).toContainEqual(
      expect.objectContaining({
        from: "not_started",
        to: "in_progress",
        stage: expect.objectContaining({ code: milestone.stageCode }),
      }),
    );
    // Myanmar's item for the Bangkok agreed action is delayed at 60 %.
    expect(brief!.agreedActions).toEqual([
      expect.objectContaining({
        text: expect.stringContaining("Nominate national assessors"),
        item: expect.objectContaining({ status: "delayed", progress: 60 }),
      }),
    ]);
    expect(brief!.requests[0]).toMatchObject({ body: "Please send a resource person for the assessor training." });
    expect(brief!.overdueMilestones).toHaveLength(brief!.milestones.overdue);
    expect(brief!.blockedMilestones).toHaveLength(brief!.milestones.blocked);
  });

  it("never holds another country's record: a focal point reads their own country's brief only", async () => {
    // Lao PDR's records with words of their own: an overdue item, a blocked milestone's note, a request.
    const la = await country("LA");
    const laFocalPoint = await signedIn(demo.focalPoint("LA"));
    const plan = await db.actionPlan.findFirstOrThrow({
      where: { countryId: la.id },
      orderBy: { periodStart: "desc" },
    });
    await db.actionItem.create({
      data: { planId: plan.id, activity: "LAO-ONLY overdue item", dueOn: "2026-01-31", status: "delayed" },
    });
    const milestone = await db.milestone.findFirstOrThrow({ where: { countryId: la.id, status: "not_started" } });
    await db.milestone.update({
      where: { id: milestone.id },
      data: { status: "blocked", notes: "LAO-ONLY blocked note" },
    });
    await addMilestoneComment(milestone, "LAO-ONLY request for help", laFocalPoint.user.id);

    const secretariat = await signedIn(demo.secretariat);
    const laosBrief = JSON.stringify((await readBriefing(secretariat.user, hanoi, null, la.id)).briefs);
    for (const marker of ["LAO-ONLY overdue item", "LAO-ONLY blocked note", "LAO-ONLY request for help"])
      expect(laosBrief).toContain(marker);

    const fp = await signedIn(demo.focalPoint("VN"));
    const { briefs } = await readBriefing(fp.user, hanoi, null);
    expect(briefs.map((b) => b.country.code)).toEqual(["VN"]);
    expect(JSON.stringify(briefs)).not.toContain("LAO-ONLY");
    // Asking for Lao PDR's brief by name gives nothing either.
    expect((await readBriefing(fp.user, hanoi, null, la.id)).briefs).toEqual([]);
    // Another country's brief and the regional pack's exports are refused.
    const laosPage = await settle(async () =>
      briefLoader({
        request: await requestAs(demo.focalPoint("VN"), `/briefs/${hanoi.ref}/la`),
        params: { meeting: hanoi.ref, code: "la" },
        context: routeContext,
      }),
    );
    expect((laosPage as Response).status).toBe(403);
    for (const loader of [packDocxLoader, packXlsxLoader]) {
      const refused = await settle(async () =>
        loader({
          request: await requestAs(demo.focalPoint("VN"), `/briefs/${hanoi.ref}/pack.docx`),
          params: { meeting: hanoi.ref },
          context: routeContext,
        }),
      );
      expect((refused as Response).status).toBe(403);
    }
  });

  it("refuses a day to count from that is not a day, not before the meeting or still to come, writing nothing", async () => {
    const secretariat = await signedIn(demo.secretariat);
    await expect(readBriefing(secretariat.user, hanoi, "2027-02-30")).rejects.toThrow(InputRefused);
    await expect(readBriefing(secretariat.user, hanoi, "2027-03-16")).rejects.toMatchObject({
      messageKey: "briefs:errors.sinceNotBeforeMeeting",
    });
    await expect(readBriefing(secretariat.user, hanoi, "2027-03-01")).rejects.toMatchObject({
      messageKey: "briefs:errors.sinceInFuture",
    });
    expect(await findMeeting("2027-02-30")).toBeNull();
    expect(await findMeeting("not-a-meeting-id-at-all")).toBeNull();
    const response = await settle(async () =>
      packXlsxLoader({
        request: await requestAs(demo.secretariat, `/briefs/${hanoi.ref}/pack.xlsx?since=2031-01-01`),
        params: { meeting: hanoi.ref },
        context: routeContext,
      }),
    );
    expect((response as Response).status).toBe(400);
    expect(await (response as Response).text()).toContain("before the meeting");
    expect(await db.meetingBriefing.count()).toBe(0);
  });
});

describe("the focal point's note", () => {
  it("is written by the country's focal point, shown in its brief, refused to others and too long notes", async () => {
    const vn = await country("VN");
    const post = async (email: string, note: string) =>
      settle(async () =>
        briefAction({
          request: await requestAs(email, `/briefs/${hanoi.ref}/vn`, { note }),
          params: { meeting: hanoi.ref, code: "vn" },
          context: routeContext,
        }),
      );
    const saved = await post(demo.focalPoint("VN"), "Viet Nam will present its new construction standard.");
    expect((saved as Response).status).toBe(302);
    const fromLaos = await post(demo.focalPoint("LA"), "Written by Lao PDR");
    expect((fromLaos as Response).status).toBe(403);
    const tooLong = await post(demo.focalPoint("VN"), "x".repeat(1501));
    expect((tooLong as { init: ResponseInit }).init?.status).toBe(400);

    const secretariat = await signedIn(demo.secretariat);
    const { briefs } = await readBriefing(secretariat.user, hanoi, null, vn.id);
    expect(briefs[0]!.note?.body).toBe("Viet Nam will present its new construction standard.");
  });
});

describe("the regional pack and freezing", () => {
  it("reads back every figure from the DOCX (mammoth) and the XLSX (read-excel-file)", async () => {
    const secretariat = await signedIn(demo.secretariat);
    const briefing = await readBriefing(secretariat.user, hanoi, null);
    expect(briefing.briefs).toHaveLength(10);
    for (const locale of ["en", "id"] as const) {
      const t = await translatorFor(locale);
      const { value: text } = await mammoth.extractRawText({
        buffer: await docxBytes(packDocument(t, locale, briefing)),
      });
      const rows = await readXlsxFile(await xlsxBytes([packSummarySheet(t, briefing)]));
      const [header, ...data] = rows[0]!.data;
      expect(header).toContain(t("briefs:columns.moved"));
      expect(data).toHaveLength(10);
      for (const [i, brief] of briefing.briefs.entries()) {
        const f = briefFigures(brief);
        const row = data[i]!;
        expect(row[0]).toBe(brief.country.code);
        // Numbers as numbers, in the order of the summary's columns.
        expect(row.slice(3)).toEqual([
          brief.plan ? brief.plan.progress : null,
          f.milestonesCompleted,
          f.milestonesTotal,
          f.moved,
          f.overdue,
          f.blocked,
          f.agreedDone,
          f.agreedTotal,
          f.requests,
        ]);
        expect(text).toContain(t("briefs:brief.heading", { country: t(`common:countries.${brief.country.code}`) }));
        expect(text).toContain(t("briefs:brief.milestonesLine", brief.milestones));
        if (brief.plan)
          expect(text).toContain(
            t("briefs:brief.itemsLine", {
              done: brief.plan.itemsDone,
              total: brief.plan.items,
              progress: brief.plan.progress,
            }),
          );
        for (const a of brief.agreedActions) expect(text).toContain(a.text);
        if (brief.note) expect(text).toContain(brief.note.body);
      }
    }
  });

  it("freezes the briefs as sent: later changes and notes leave the frozen pack identical", async () => {
    const secretariat = await signedIn(demo.secretariat);
    const t = await translatorFor("en");
    await freezeBriefing(secretariat.user, hanoi, null, { actorId: secretariat.user.id });
    const before = await readBriefing(secretariat.user, hanoi, null);
    const textBefore = (await mammoth.extractRawText({ buffer: await docxBytes(packDocument(t, "en", before)) })).value;

    const kh = await country("KH");
    const milestone = await db.milestone.findFirstOrThrow({ where: { countryId: kh.id, status: "not_started" } });
    const fp = await signedIn(demo.focalPoint("KH"));
    await changeMilestoneStatus(
      milestone.id,
      { status: "in_progress", note: "", seenUpdatedAt: milestone.updatedAt.toISOString() },
      fp.user.id,
    );
    await expect(saveBriefNote(fp.user, hanoi, kh, "Too late", { actorId: fp.user.id })).rejects.toMatchObject({
      messageKey: "briefs:errors.frozen",
    });
    // Posted directly to the page's action: refused with the reason, nothing written.
    const posted = await settle(async () =>
      briefAction({
        request: await requestAs(demo.focalPoint("KH"), `/briefs/${hanoi.ref}/kh`, { note: "By URL" }),
        params: { meeting: hanoi.ref, code: "kh" },
        context: routeContext,
      }),
    );
    expect((posted as { init: ResponseInit }).init?.status).toBe(400);
    expect(await db.meetingBriefNote.count({ where: { countryId: kh.id } })).toBe(0);
    await expect(freezeBriefing(secretariat.user, hanoi, null, { actorId: secretariat.user.id })).rejects.toMatchObject(
      {
        messageKey: "briefs:errors.alreadyFrozen",
      },
    );

    const after = await readBriefing(secretariat.user, hanoi, "2020-01-01");
    const textAfter = (await mammoth.extractRawText({ buffer: await docxBytes(packDocument(t, "en", after)) })).value;
    expect(textAfter).toBe(textBefore);
    expect(after.frozen?.by).toBeTruthy();
  });
});
