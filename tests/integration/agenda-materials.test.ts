import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "~/domain/uploads";
import { createAgendaSession, deleteAgendaSession } from "~/models/agenda.server";
import { setPublicAgenda } from "~/models/public-agenda.server";
import { action as sessionAction } from "~/routes/_app+/workshops+/$workshopId+/agenda.$sessionId";
import { action as agendaAction, loader as agendaLoader } from "~/routes/_app+/workshops+/$workshopId+/agenda._index";
import { action as editAction } from "~/routes/_app+/workshops+/$workshopId+/edit";
import { loader as publicPageLoader } from "~/routes/_auth+/agenda.$code";
import { loader as publicCalendarLoader } from "~/routes/_auth+/agenda_.$code.calendar[.]ics";
import { loader as publicFileLoader } from "~/routes/_auth+/agenda_.$code.files.$fileId";
import { loader as signedInFileLoader } from "~/routes/_resources+/files.$fileId";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, userId } from "../support/requests";

/** A fresh two-day workshop run by the ILO demo facilitator, with one session on its first day. */
async function workshopWithSession(title = "Skills recognition validation") {
  const facilitator = await userId(demo.facilitator);
  const workshop = await db.workshop.create({
    data: {
      title,
      kind: "regional_meeting",
      timeZone: "Asia/Vientiane",
      startsOn: "2027-05-11",
      endsOn: "2027-05-12",
      venue: "Lao Plaza Hotel",
      city: "Vientiane",
      facilitators: { create: { userId: facilitator } },
    },
  });
  const { session } = await createAgendaSession(
    workshop,
    {
      day: "2027-05-11",
      startTime: "09:00",
      endTime: "10:30",
      title: "MRA on tourism professionals",
      description: "",
      sessionType: "plenary",
      speakers: [{ name: "Dr. Souphanh", role: "speaker" }],
    },
    { actorId: facilitator, requestId: "test" },
  );
  return { workshop, session };
}

const slides = (name = "MRA slides.pdf", body = "%PDF-1.4 slides") =>
  new File([body], name, { type: "application/pdf" });

/** The facilitator uploads a file as a material from a session's page (multipart, as the browser sends it). */
async function uploadToSession(
  workshopId: string,
  sessionId: string,
  file: File,
  { title = "", isPublic = false, as = demo.facilitator, sessionField = sessionId } = {},
) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("title", title);
  form.set("file", file);
  form.set("sessionId", sessionField);
  if (isPublic) form.set("isPublic", "on");
  const request = await requestAs(as, `/workshops/${workshopId}/agenda/${sessionId}`, form);
  return settle(() => sessionAction({ request, params: { workshopId, sessionId }, context: routeContext }));
}

async function publicPage(code: string) {
  const request = new Request(`http://localhost/agenda/${code}`, { headers: { "Accept-Language": "id" } });
  return settle(() => publicPageLoader({ request, params: { code }, context: routeContext }));
}
async function publicFile(code: string, fileId: string) {
  const request = new Request(`http://localhost/agenda/${code}/files/${fileId}`);
  return settle(() => publicFileLoader({ request, params: { code, fileId }, context: routeContext }));
}
async function publicCalendar(code: string, language = "en") {
  const request = new Request(`http://localhost/agenda/${code}/calendar.ics`, {
    headers: { "Accept-Language": language },
  });
  return settle(() => publicCalendarLoader({ request, params: { code }, context: routeContext }));
}
const status = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);

describe("materials of an agenda session", () => {
  it("are uploaded from the session's page, belong to it and are listed under it on the agenda", async () => {
    const { workshop, session } = await workshopWithSession();
    const reply = await uploadToSession(workshop.id, session.id, slides(), { title: "Slides: MRA" });
    expect(status(reply)).toBe(302);
    const material = await db.workshopMaterial.findFirstOrThrow({ where: { workshopId: workshop.id } });
    expect(material).toMatchObject({ sessionId: session.id, isPublic: false, title: "Slides: MRA" });

    const request = await requestAs(demo.focalPoint("LA"), `/workshops/${workshop.id}/agenda`);
    const agenda = await agendaLoader({ request, params: { workshopId: workshop.id }, context: routeContext });
    expect(agenda.materials).toEqual([expect.objectContaining({ id: material.id, sessionId: session.id })]);
    // A reader who does not run the workshop is not told whether or where its agenda is public.
    expect(agenda.publicAgenda).toBeNull();
  });

  it("refuse another workshop's session, an unknown one, a wrong type and a file too big, writing nothing", async () => {
    const { workshop, session } = await workshopWithSession();
    const other = await workshopWithSession("Another workshop");
    const before = { materials: await db.workshopMaterial.count(), files: await db.storedFile.count() };

    const foreign = await uploadToSession(workshop.id, session.id, slides(), { sessionField: other.session.id });
    expect(status(foreign)).toBe(400);
    expect(JSON.stringify(foreign)).toContain("Choose one of this workshop's sessions.");
    expect(status(await uploadToSession(workshop.id, session.id, slides(), { sessionField: "nosuchsession0" }))).toBe(
      400,
    );
    expect(status(await uploadToSession(workshop.id, session.id, slides(), { sessionField: "../../etc" }))).toBe(400);
    const html = await uploadToSession(workshop.id, session.id, new File(["<script>"], "talk.html"));
    expect(status(html)).toBe(400);
    const big = await uploadToSession(
      workshop.id,
      session.id,
      new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "scan.pdf", { type: "application/pdf" }),
    );
    expect(status(big)).toBe(400);
    expect(JSON.stringify(big)).toContain("10 MB");

    expect(await db.workshopMaterial.count()).toBe(before.materials);
    expect(await db.storedFile.count()).toBe(before.files);
  });

  it("are added only by those who run the workshop, as before", async () => {
    const { workshop, session } = await workshopWithSession();
    const reply = await uploadToSession(workshop.id, session.id, slides(), { as: demo.secretariat });
    expect(status(reply)).toBe(403);
    expect(await db.workshopMaterial.count({ where: { workshopId: workshop.id } })).toBe(0);
  });

  it("move to another session, or to none, and become public from the workshop's edit page; never to another workshop's session", async () => {
    const { workshop, session } = await workshopWithSession();
    const other = await workshopWithSession("Another workshop");
    await uploadToSession(workshop.id, session.id, slides());
    const material = await db.workshopMaterial.findFirstOrThrow({ where: { workshopId: workshop.id } });
    const place = async (fields: Record<string, string>, as = demo.facilitator) => {
      const request = await requestAs(as, `/workshops/${workshop.id}/edit`, {
        intent: "placeMaterial",
        materialId: material.id,
        ...fields,
      });
      return settle(() => editAction({ request, params: { workshopId: workshop.id }, context: routeContext }));
    };

    expect(status(await place({ sessionId: "", isPublic: "on" }))).toBe(200);
    expect(await db.workshopMaterial.findUniqueOrThrow({ where: { id: material.id } })).toMatchObject({
      sessionId: null,
      isPublic: true,
    });

    const refused = await place({ sessionId: other.session.id });
    expect(status(refused)).toBe(400);
    expect(JSON.stringify(refused)).toContain("Choose one of this workshop's sessions.");
    expect(status(await place({ sessionId: session.id }, demo.focalPoint("LA")))).toBe(403);
    expect(await db.workshopMaterial.findUniqueOrThrow({ where: { id: material.id } })).toMatchObject({
      sessionId: null,
      isPublic: true,
    });
  });

  it("stay with the workshop, unlinked, when their session is deleted", async () => {
    const { workshop, session } = await workshopWithSession();
    await uploadToSession(workshop.id, session.id, slides());
    await deleteAgendaSession(workshop.id, session.id, { actorId: await userId(demo.facilitator), requestId: "t" });
    const materials = await db.workshopMaterial.findMany({ where: { workshopId: workshop.id } });
    expect(materials).toHaveLength(1);
    expect(materials[0]!.sessionId).toBeNull();
  });
});

describe("the public agenda page", () => {
  it("is off by default, switched on by the workshop's facilitator only, and gone at once when switched off", async () => {
    const { workshop, session } = await workshopWithSession();
    await uploadToSession(workshop.id, session.id, slides("Public slides.pdf"), { isPublic: true });
    await uploadToSession(workshop.id, session.id, slides("Internal notes.pdf", "%PDF internal"));
    const [shown, hidden] = await db.workshopMaterial.findMany({
      where: { workshopId: workshop.id },
      orderBy: { createdAt: "asc" },
    });

    expect((await db.workshop.findUniqueOrThrow({ where: { id: workshop.id } })).publicAgendaOn).toBe(false);
    const toggle = async (on: boolean, as = demo.facilitator) => {
      const request = await requestAs(as, `/workshops/${workshop.id}/agenda`, {
        intent: "publicAgenda",
        on: String(on),
      });
      return settle(() => agendaAction({ request, params: { workshopId: workshop.id }, context: routeContext }));
    };
    expect(status(await toggle(true, demo.secretariat))).toBe(403);
    expect((await db.workshop.findUniqueOrThrow({ where: { id: workshop.id } })).publicAgendaOn).toBe(false);

    await toggle(true);
    const { publicAgendaCode: code } = await db.workshop.findUniqueOrThrow({ where: { id: workshop.id } });
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const page = await publicPage(code!);
    expect(page).not.toBeInstanceOf(Response);
    const body = (page as unknown as { data: Record<string, unknown>; init: { headers: Record<string, string> } }).data;
    expect(body).toMatchObject({
      workshop: { title: "Skills recognition validation", timeZone: "Asia/Vientiane", venue: "Lao Plaza Hotel" },
      days: [
        {
          day: "2027-05-11",
          sessions: [{ title: "MRA on tourism professionals", speakers: [{ name: "Dr. Souphanh", role: "speaker" }] }],
        },
        { day: "2027-05-12", sessions: [] },
      ],
    });
    expect(body.materials).toEqual([expect.objectContaining({ id: shown!.id })]);
    // Nothing about who takes part, and no links into the directory.
    expect(JSON.stringify(body)).not.toMatch(/participant|userId|email/i);

    const download = (await publicFile(code!, shown!.fileId!)) as Response;
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("%PDF-1.4 slides");
    expect(download.headers.get("Content-Disposition")).toContain("attachment;");
    expect(((await publicFile(code!, hidden!.fileId!)) as Response).status).toBe(404);
    // The private one stays downloadable for signed-in readers through the usual route.
    const signedIn = await requestAs(demo.focalPoint("LA"), `/files/${hidden!.fileId}`);
    expect(
      (await signedInFileLoader({ request: signedIn, params: { fileId: hidden!.fileId! }, context: routeContext }))
        .status,
    ).toBe(200);

    const calendar = (await publicCalendar(code!)) as Response;
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get("Cache-Control")).toBe("no-cache");
    expect(await calendar.text()).toContain("SUMMARY:MRA on tourism professionals");

    await toggle(false);
    expect(status(await publicPage(code!))).toBe(404);
    expect(status(await publicFile(code!, shown!.fileId!))).toBe(404);
    expect(status(await publicCalendar(code!))).toBe(404);

    // Switched back on, the same link works again (it may have been printed).
    await toggle(true);
    expect((await db.workshop.findUniqueOrThrow({ where: { id: workshop.id } })).publicAgendaCode).toBe(code);
    expect(status(await publicPage(code!))).toBe(200);
  });

  it("names the host country in the reader's language, on the page's data and in its calendar", async () => {
    const { workshop } = await workshopWithSession("Host country in the reader's language");
    const laos = await db.country.findUniqueOrThrow({ where: { code: "LA" } });
    await db.workshop.update({ where: { id: workshop.id }, data: { hostCountryId: laos.id } });
    const code = await setPublicAgenda(workshop.id, true, { actorId: await userId(demo.facilitator) });

    // The page translates the country by its code (the name in Indonesian is checked in workshop-agenda.spec.ts).
    const page = await publicPage(code!);
    expect((page as unknown as { data: { workshop: unknown } }).data.workshop).toMatchObject({
      hostCountry: { code: "LA" },
    });
    const location = async (language: string) =>
      (await ((await publicCalendar(code!, language)) as Response).text()).match(/^LOCATION:.*$/m)?.[0];
    expect(await location("en")).toBe("LOCATION:Lao Plaza Hotel\\, Vientiane\\, Lao PDR");
    expect(await location("id")).toBe("LOCATION:Lao Plaza Hotel\\, Vientiane\\, Laos");
  });

  it("serves no file of another workshop through a public code, and answers unknown codes with 404", async () => {
    const { workshop } = await workshopWithSession();
    const other = await workshopWithSession("Another workshop");
    await uploadToSession(other.workshop.id, other.session.id, slides(), { isPublic: true });
    const foreign = await db.workshopMaterial.findFirstOrThrow({ where: { workshopId: other.workshop.id } });
    const code = (await setPublicAgenda(workshop.id, true, { actorId: await userId(demo.facilitator) }))!;
    expect(status(await publicFile(code, foreign.fileId!))).toBe(404);
    expect(status(await publicPage("not-a-real-code"))).toBe(404);
    expect(status(await publicPage("A".repeat(22)))).toBe(404);
  });
});
