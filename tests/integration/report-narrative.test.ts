import * as Y from "yjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE, userOfCookieHeader } from "~/auth/session.server";
import { documentPermission } from "~/collab/access.server";
import { narrativeSections, periodNarrative, readNarrative } from "~/collab/narrative.server";
import { syncUpdateMessage } from "~/collab/protocol";
import { InputRefused } from "~/domain/input-refused";
import { changePeriodStatus, ensurePeriodNarrative, findPeriod, periodReport } from "~/models/project-report.server";
import { action as reportAction, loader as reportLoader } from "~/routes/_app+/projects+/$projectId.periods.$periodId";
import { db } from "~/utils/db.server";
import { liveServer, typeParagraph, until } from "../support/collab-clients";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, userId } from "../support/requests";

/**
 * A reporting period's narrative (issue 13): co-edited live by the implementing agency, read by
 * everyone who reads the project, read-only from the moment the period is locked (for editors
 * already in it too), and kept in the period's snapshot as it was at lock.
 */

const live = liveServer();
let projectId: string;
let author: { actorId: string };
const periodIdOf = new Map<string, string>();

beforeAll(async () => {
  const project = await db.project.findUniqueOrThrow({ where: { code: "ILO-KOR-CLM-MRS" } });
  projectId = project.id;
  author = { actorId: await userId(demo.facilitator) };
  for (const p of await db.reportingPeriod.findMany({ where: { projectId } }))
    periodIdOf.set(p.startsOn.slice(0, 4), p.id);
});

async function permissionOf(email: string, documentId: string) {
  const { token } = await createSession(await userId(email));
  return documentPermission((await userOfCookieHeader(`${SESSION_COOKIE}=${token}`))!, documentId);
}

function typeHeading(doc: Y.Doc, text: string) {
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", 2 as unknown as string);
  heading.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [heading]);
}

async function lock(periodId: string) {
  await changePeriodStatus((await findPeriod(periodId))!, "review", author, readNarrative);
  await changePeriodStatus((await findPeriod(periodId))!, "lock", author, readNarrative);
}

describe("the narrative document", () => {
  it("is made once, however many managers start it at the same moment", async () => {
    const periodId = periodIdOf.get("2016")!;
    const admin = { actorId: await userId(demo.admin) };
    const ids = await Promise.all([ensurePeriodNarrative(periodId, author), ensurePeriodNarrative(periodId, admin)]);
    expect(ids[0]).toBe(ids[1]);
    expect(await ensurePeriodNarrative(periodId, author)).toBe(ids[0]);
    expect((await findPeriod(periodId))!.narrativeDocumentId).toBe(ids[0]);
    expect(await db.collaborativeDocument.count({ where: { kind: "report_narrative" } })).toBe(1);
  });

  it("is read by everyone who reads the project and written only by the implementing agency", async () => {
    const documentId = await ensurePeriodNarrative(periodIdOf.get("2016")!, author);
    const expected: [string, { canRead: boolean; canWrite: boolean }][] = [
      [demo.admin, { canRead: true, canWrite: true }],
      [demo.facilitator, { canRead: true, canWrite: true }],
      // The IOM facilitator and the Secretariat read every project; neither runs this ILO one.
      [demo.facilitatorIom, { canRead: true, canWrite: false }],
      [demo.secretariat, { canRead: true, canWrite: false }],
      [demo.observer, { canRead: true, canWrite: false }],
      // Cambodia takes part in the CLM project: its focal point reads the report, Viet Nam's does not.
      [demo.focalPoint("KH"), { canRead: true, canWrite: false }],
      [demo.focalPoint("VN"), { canRead: false, canWrite: false }],
    ];
    for (const [email, permission] of expected)
      expect([email, await permissionOf(email, documentId)]).toEqual([email, permission]);
  });

  it("reads as sections: each heading starts one, lists and tables give a paragraph per item or row", () => {
    const text = (t: string) => ({ type: "text", text: t });
    const para = (t: string) => ({ type: "paragraph", content: [text(t)] });
    expect(
      narrativeSections({
        type: "doc",
        content: [
          para("Before any heading."),
          { type: "heading", attrs: { level: 2 }, content: [text("Summary of progress")] },
          para("Three workshops were held."),
          { type: "paragraph" },
          {
            type: "bulletList",
            content: [
              { type: "listItem", content: [para("Cambodia")] },
              { type: "listItem", content: [para("Lao PDR")] },
            ],
          },
          { type: "heading", attrs: { level: 2 }, content: [text("Challenges")] },
          {
            type: "table",
            content: [
              {
                type: "tableRow",
                content: [
                  { type: "tableCell", content: [para("a")] },
                  { type: "tableCell", content: [para("b")] },
                ],
              },
            ],
          },
          { type: "heading", attrs: { level: 2 }, content: [text("Next period")] },
        ],
      }),
    ).toEqual([
      { heading: "", paragraphs: ["Before any heading."] },
      { heading: "Summary of progress", paragraphs: ["Three workshops were held.", "Cambodia", "Lao PDR"] },
      { heading: "Challenges", paragraphs: ["a | b"] },
      { heading: "Next period", paragraphs: [] },
    ]);
  });
});

describe("writing it live, and locking the period", () => {
  it("shows each editor's text to the other, turns them into readers at lock, and keeps the text in the snapshot", async () => {
    const periodId = periodIdOf.get("2015")!;
    const documentId = await ensurePeriodNarrative(periodId, author);
    const facilitator = await live.editor(demo.facilitator, documentId);
    const admin = await live.editor(demo.admin, documentId);
    const focalPoint = await live.editor(demo.focalPoint("KH"), documentId);
    expect([facilitator.provider.readOnly, admin.provider.readOnly, focalPoint.provider.readOnly]).toEqual([
      false,
      false,
      true,
    ]);

    typeHeading(facilitator.doc, "Summary of progress");
    typeParagraph(facilitator.doc, "The Bangkok meeting agreed the CLM work plan.");
    await until(() => admin.text().includes("Bangkok meeting"));
    typeHeading(admin.doc, "Next period");
    typeParagraph(admin.doc, "National workshops in Phnom Penh and Vientiane.");
    await until(() => facilitator.text().includes("Phnom Penh") && focalPoint.text().includes("Phnom Penh"));
    await until(() => facilitator.provider.pending === 0 && admin.provider.pending === 0);
    expect(await periodNarrative((await findPeriod(periodId))!)).toEqual([
      { heading: "Summary of progress", paragraphs: ["The Bangkok meeting agreed the CLM work plan."] },
      { heading: "Next period", paragraphs: ["National workshops in Phnom Penh and Vientiane."] },
    ]);

    await lock(periodId);
    await until(
      () => facilitator.provider.readOnly && admin.provider.readOnly && facilitator.provider.status === "saved",
    );
    expect(await permissionOf(demo.facilitator, documentId)).toEqual({ canRead: true, canWrite: false });
    expect(await permissionOf(demo.admin, documentId)).toEqual({ canRead: true, canWrite: false });

    // The server refuses a write from a former editor, whatever their browser believes.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(facilitator.doc));
    const before = Y.encodeStateVector(forged);
    typeParagraph(forged, "written after the lock");
    expect(
      await facilitator.socket.emitWithAck(
        "doc:message",
        documentId,
        syncUpdateMessage(Y.encodeStateAsUpdate(forged, before)),
      ),
    ).toEqual({ ok: false, error: "this document is read-only for you" });
    expect(admin.text()).not.toContain("written after the lock");

    const locked = (await findPeriod(periodId))!;
    const kept = [
      { heading: "Summary of progress", paragraphs: ["The Bangkok meeting agreed the CLM work plan."] },
      { heading: "Next period", paragraphs: ["National workshops in Phnom Penh and Vientiane."] },
    ];
    expect(JSON.parse(locked.snapshot!).narrative).toEqual(kept);
    expect((await periodReport(locked)).narrative).toEqual(kept);
    // Read from the snapshot, whatever becomes of the document afterwards.
    await db.documentUpdate.deleteMany({ where: { documentId } });
    await db.collaborativeDocument.update({ where: { id: documentId }, data: { snapshot: null } });
    expect(await periodNarrative(locked)).toEqual(kept);
  });

  it("keeps an empty narrative for a period locked before anyone started one, and starts none afterwards", async () => {
    const period = await db.reportingPeriod.create({
      data: { projectId, kind: "half_year", label: "2017 H1", startsOn: "2017-01-01", endsOn: "2017-06-30" },
    });
    await lock(period.id);
    const locked = (await findPeriod(period.id))!;
    expect(JSON.parse(locked.snapshot!).narrative).toEqual([]);
    expect(await periodNarrative(locked)).toEqual([]);
    const refused = await ensurePeriodNarrative(period.id, author).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputRefused);
    expect((await findPeriod(period.id))!.narrativeDocumentId).toBeNull();
  });
});

describe("the report page", () => {
  it("lets the agency start the narrative, refuses anyone else, and shows a locked period's kept text", async () => {
    const period = await db.reportingPeriod.create({
      data: { projectId, kind: "half_year", label: "2017 H2", startsOn: "2017-07-01", endsOn: "2017-12-31" },
    });
    const path = `/projects/${projectId}/periods/${period.id}`;
    const params = { projectId, periodId: period.id };
    const start = async (email: string) =>
      settle(async () =>
        reportAction({ request: await requestAs(email, path, { intent: "narrative" }), params, context: routeContext }),
      );

    for (const email of [demo.secretariat, demo.focalPoint("KH"), demo.facilitatorIom]) {
      const refused = await start(email);
      expect([email, (refused as Response).status]).toEqual([email, 403]);
    }
    expect((await findPeriod(period.id))!.narrativeDocumentId).toBeNull();

    const started = (await start(demo.facilitator)) as Response;
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toBe(`${path}#narrative-heading`);
    const documentId = (await findPeriod(period.id))!.narrativeDocumentId;
    expect(documentId).not.toBeNull();

    const page = async (email: string) =>
      (await reportLoader({ request: await requestAs(email, path), params, context: routeContext })) as Awaited<
        ReturnType<typeof reportLoader>
      >;
    const reader = await page(demo.focalPoint("KH"));
    expect(reader.period.narrativeDocumentId).toBe(documentId);
    expect(reader.narrative).toEqual({ type: "doc", content: [] });

    await lock(period.id);
    const lockedPage = await page(demo.observer);
    expect(lockedPage.narrative).toBeNull();
    expect(lockedPage.report.narrative).toEqual([]);
    // Starting it again by URL after the lock says why and changes nothing.
    const refused = (await start(demo.facilitator)) as unknown as {
      data: { result: { error: Record<string, string[]> } };
    };
    expect(refused.data.result.error[""]).toEqual([
      "This period is locked: its figures are kept as they were when it was locked and can no longer be changed.",
    ]);
  });
});
