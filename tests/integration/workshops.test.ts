import { describe, expect, it } from "vitest";
import { createAgendaSession, getAgenda } from "~/models/agenda.server";
import { normaliseTimeZone } from "~/domain/time-zones";
import { getWorkshopDetail, removeMaterial } from "~/models/workshop.server";
import { action as editAction, loader as editLoader } from "~/routes/_app+/workshops+/$workshopId+/edit";
import { action as newAction, loader as newLoader } from "~/routes/_app+/workshops+/new";
import { db } from "~/utils/db.server";
import { requestAs, routeContext, settle, signedIn, userId } from "../support/requests";
import { demo } from "../support/people";

type Refusal = {
  data: { result: { status: string; error?: Record<string, string[] | null> } };
  init: { status: number };
};
/** The first message beside each field of a refused form (Conform's reply). */
const fieldErrors = (refusal: Refusal) =>
  Object.fromEntries(
    Object.entries(refusal.data.result.error ?? {}).flatMap(([field, messages]) =>
      messages?.length ? [[field, messages[0]]] : [],
    ),
  );

async function validForm(overrides: Record<string, string | string[]> = {}) {
  const thailand = await db.country.findUniqueOrThrow({ where: { code: "TH" } });
  return {
    title: "Validation workshop on the Thai tourism standard",
    kind: "consultation_validation",
    hostCountryId: thailand.id,
    venue: "Centara Grand",
    city: "Bangkok",
    timeZone: "asia/bangkok",
    startsOn: "2027-02-15",
    endsOn: "2027-02-16",
    organisers: "ILO and the Department of Skill Development",
    objectives: "Validate the draft standard.",
    expectedResults: "A validated standard.",
    projectId: "",
    ...overrides,
  };
}
async function create(email: string, form: Record<string, string | string[]>) {
  return settle(async () =>
    newAction({ request: await requestAs(email, "/workshops/new", form), params: {}, context: routeContext }),
  );
}

describe("creating a workshop", () => {
  it("is for facilitators and administrators only", async () => {
    for (const email of [demo.focalPoint("TH"), demo.secretariat, demo.observer]) {
      const page = await settle(async () =>
        newLoader({ request: await requestAs(email, "/workshops/new"), params: {}, context: routeContext }),
      );
      expect((page as Response).status, email).toBe(403);
      expect(((await create(email, await validForm())) as Response).status, email).toBe(403);
    }
  });

  it("makes the creating facilitator one of its facilitators, fixes the zone's spelling and records it", async () => {
    const colleague = await userId(demo.facilitatorIom);
    const response = (await create(demo.facilitator, await validForm({ facilitatorIds: colleague }))) as Response;
    expect(response.status).toBe(302);
    const workshop = await db.workshop.findFirstOrThrow({
      where: { title: "Validation workshop on the Thai tourism standard" },
      include: { facilitators: true },
    });
    expect(response.headers.get("Location")).toBe(`/workshops/${workshop.id}/agenda`);
    expect(workshop.timeZone).toBe("Asia/Bangkok");
    expect(workshop.createdById).toBe(await userId(demo.facilitator));
    expect(workshop.facilitators.map((f) => f.userId).sort()).toEqual(
      [await userId(demo.facilitator), colleague].sort(),
    );
    expect(await db.auditEvent.count({ where: { action: "workshop.create", entityId: workshop.id } })).toBe(1);
  });

  it("by an administrator needs a facilitator to be chosen", async () => {
    const before = await db.workshop.count();
    const refused = (await create(demo.admin, await validForm({ title: "Admin's workshop" }))) as unknown as Refusal;
    expect(refused.init.status).toBe(400);
    expect(fieldErrors(refused)).toEqual({ facilitatorIds: "Choose at least one facilitator." });
    const notAFacilitator = (await create(
      demo.admin,
      await validForm({ facilitatorIds: await userId(demo.focalPoint("TH")) }),
    )) as unknown as Refusal;
    expect(Object.keys(fieldErrors(notAFacilitator))).toEqual(["facilitatorIds"]);
    expect(await db.workshop.count()).toBe(before);
    const made = (await create(
      demo.admin,
      await validForm({ title: "Admin's workshop", facilitatorIds: await userId(demo.facilitatorIom) }),
    )) as Response;
    expect(made.status).toBe(302);
  });

  it("refuses impossible dates, unknown zones and a missing title, each beside its field, writing nothing", async () => {
    const before = await db.workshop.count();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ endsOn: "2027-02-14" }, { endsOn: "The last day cannot be before the first day." }],
      [{ endsOn: "2027-04-15" }, { endsOn: "A workshop can last at most 31 days. Check the year." }],
      [{ startsOn: "2027-02-30" }, { startsOn: "Enter a date from 2000 to 2099, as YYYY-MM-DD." }],
      [{ startsOn: "0215-03-01" }, { startsOn: "Enter a date from 2000 to 2099, as YYYY-MM-DD." }],
      [{ timeZone: "Asia/Atlantis" }, { timeZone: "Enter a time zone such as Asia/Bangkok." }],
      [{ timeZone: "+07:00" }, { timeZone: "Enter a time zone such as Asia/Bangkok." }],
      [{ title: "  " }, { title: "This field is required." }],
      [{ kind: "party" }, { kind: "Choose one of the options." }],
    ];
    for (const [overrides, errors] of cases) {
      const refused = (await create(demo.facilitator, await validForm(overrides))) as unknown as Refusal;
      expect(refused.init?.status, JSON.stringify(overrides)).toBe(400);
      expect(fieldErrors(refused), JSON.stringify(overrides)).toEqual(errors);
    }
    expect(await db.workshop.count()).toBe(before);
  });

  it("keeps IANA names as written, accepting aliases the runtime knows", () => {
    expect(normaliseTimeZone("Asia/Ho_Chi_Minh")).toBe("Asia/Ho_Chi_Minh");
    expect(normaliseTimeZone("asia/jakarta")).toBe("Asia/Jakarta");
    expect(normaliseTimeZone("Europe/Zurich")).toBe("Europe/Zurich");
    expect(normaliseTimeZone("Nowhere/Special")).toBeNull();
  });
});

describe("editing a workshop", () => {
  async function bangkok() {
    return db.workshop.findFirstOrThrow({
      where: { title: "ASEAN Meeting of Skills Focal Points" },
      include: { facilitators: true },
    });
  }
  async function formFor(
    workshop: Awaited<ReturnType<typeof bangkok>>,
    overrides: Record<string, string | string[]> = {},
  ) {
    return {
      title: workshop.title,
      kind: workshop.kind,
      hostCountryId: workshop.hostCountryId ?? "",
      venue: workshop.venue,
      city: workshop.city,
      timeZone: workshop.timeZone,
      startsOn: workshop.startsOn,
      endsOn: workshop.endsOn,
      organisers: workshop.organisers,
      objectives: workshop.objectives,
      expectedResults: workshop.expectedResults,
      projectId: workshop.projectId ?? "",
      facilitatorIds: workshop.facilitators.map((f) => f.userId),
      ...overrides,
    };
  }
  const edit = async (email: string, workshopId: string, form: Record<string, string | string[]>) =>
    settle(async () =>
      editAction({
        request: await requestAs(email, `/workshops/${workshopId}/edit`, form),
        params: { workshopId },
        context: routeContext,
      }),
    );

  it("is refused to facilitators who do not run it and to everyone else but administrators", async () => {
    const workshop = await bangkok();
    for (const email of [demo.facilitatorIom, demo.focalPoint("TH"), demo.secretariat]) {
      const page = await settle(async () =>
        editLoader({
          request: await requestAs(email, `/workshops/${workshop.id}/edit`),
          params: { workshopId: workshop.id },
          context: routeContext,
        }),
      );
      expect((page as Response).status, email).toBe(403);
      expect(
        ((await edit(email, workshop.id, await formFor(workshop, { title: "Hijacked" }))) as Response).status,
        email,
      ).toBe(403);
    }
    expect((await bangkok()).title).toBe("ASEAN Meeting of Skills Focal Points");
  });

  it("keeps at least one facilitator", async () => {
    const workshop = await bangkok();
    const refused = (await edit(
      demo.facilitator,
      workshop.id,
      await formFor(workshop, { facilitatorIds: [] }),
    )) as unknown as Refusal;
    expect(fieldErrors(refused)).toEqual({ facilitatorIds: "Choose at least one facilitator." });
  });

  it("cannot move the dates away from sessions of the agenda", async () => {
    const workshop = await bangkok();
    const refused = (await edit(
      demo.facilitator,
      workshop.id,
      await formFor(workshop, { startsOn: "2015-08-11" }),
    )) as unknown as Refusal;
    expect(fieldErrors(refused)).toEqual({
      startsOn: "7 sessions of the agenda fall outside these dates. Move or delete them first.",
    });
    expect((await bangkok()).startsOn).toBe("2015-08-10");
  });

  it("keeps the sessions' clock times when the time zone is corrected", async () => {
    const facilitator = await userId(demo.facilitator);
    const workshop = await db.workshop.create({
      data: {
        title: "Zone fix",
        kind: "national_workshop",
        timeZone: "Asia/Bangkok",
        startsOn: "2027-03-01",
        endsOn: "2027-03-01",
        facilitators: { create: { userId: facilitator } },
      },
      include: { facilitators: true },
    });
    await createAgendaSession(
      workshop,
      {
        day: "2027-03-01",
        startTime: "09:00",
        endTime: "10:00",
        title: "Opening",
        description: "",
        sessionType: "opening",
        speakers: [],
      },
      { actorId: facilitator },
    );
    const saved = (await edit(
      demo.facilitator,
      workshop.id,
      await formFor(workshop, { timeZone: "Asia/Manila" }),
    )) as Response;
    expect(saved.status).toBe(302);
    const session = await db.agendaSession.findFirstOrThrow({ where: { workshopId: workshop.id } });
    expect(session.startsAt.toISOString()).toBe("2027-03-01T01:00:00.000Z");
    const [day] = await getAgenda({ ...workshop, timeZone: "Asia/Manila" });
    expect(day!.sessions[0]).toMatchObject({ startTime: "09:00", endTime: "10:00" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "workshop.update", entityId: workshop.id } });
    expect(JSON.parse(audit.changes!)).toEqual({ timeZone: ["Asia/Bangkok", "Asia/Manila"] });
  });
});

describe("materials", () => {
  it("accept only http and https links, and show on the workshop", async () => {
    const workshop = await db.workshop.findFirstOrThrow({ where: { title: "ASEAN Meeting of Skills Focal Points" } });
    const url = `/workshops/${workshop.id}/edit`;
    for (const bad of ["javascript:alert(1)", "ftp://files.example.org/x.pdf", "not a link", "https://localhost/x"]) {
      const refused = (await settle(async () =>
        editAction({
          request: await requestAs(demo.facilitator, url, {
            intent: "addLink",
            title: "Concept note",
            url: bad,
          }),
          params: { workshopId: workshop.id },
          context: routeContext,
        }),
      )) as unknown as Refusal;
      expect(fieldErrors(refused), bad).toEqual({ url: "Enter a web address starting with https:// or http://." });
    }
    const added = (await editAction({
      request: await requestAs(demo.facilitator, url, {
        intent: "addLink",
        title: "Concept note",
        url: "https://www.ilo.org/asia/concept-note.pdf",
      }),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as Response;
    expect(added.status).toBe(302);
    const detail = await getWorkshopDetail(workshop.id, (await signedIn(demo.facilitator)).user);
    expect(detail!.materials.map((m) => [m.title, m.url])).toContainEqual([
      "Concept note",
      "https://www.ilo.org/asia/concept-note.pdf",
    ]);
  });

  it("uploaded files are stored, listed and removed with their bytes", async () => {
    const workshop = await db.workshop.findFirstOrThrow({ where: { title: "ASEAN Meeting of Skills Focal Points" } });
    const form = new FormData();
    form.set("title", "Concept note (PDF)");
    form.set("file", new File(["%PDF-1.4 concept note"], "Concept note.pdf", { type: "application/pdf" }));
    const request = await requestAs(demo.facilitator, `/workshops/${workshop.id}/edit`, form);
    expect(
      ((await editAction({ request, params: { workshopId: workshop.id }, context: routeContext })) as Response).status,
    ).toBe(302);
    const material = await db.workshopMaterial.findFirstOrThrow({
      where: { workshopId: workshop.id, title: "Concept note (PDF)" },
      include: { file: true },
    });
    expect(material.file).toMatchObject({ filename: "Concept note.pdf", contentType: "application/pdf" });

    const bad = new FormData();
    bad.set("file", new File(["<html>"], "agenda.html", { type: "text/html" }));
    const refused = (await editAction({
      request: await requestAs(demo.facilitator, `/workshops/${workshop.id}/edit`, bad),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as unknown as Refusal;
    expect(Object.keys(fieldErrors(refused))).toEqual(["file"]);

    await removeMaterial(workshop.id, material.id, { actorId: await userId(demo.facilitator) });
    expect(await db.storedFile.findUnique({ where: { id: material.fileId! } })).toBeNull();
  });

  it("cannot be added by someone who does not run the workshop", async () => {
    const workshop = await db.workshop.findFirstOrThrow({ where: { title: "ASEAN Meeting of Skills Focal Points" } });
    const refused = await settle(async () =>
      editAction({
        request: await requestAs(demo.facilitatorIom, `/workshops/${workshop.id}/edit`, {
          intent: "addLink",
          title: "Spam",
          url: "https://example.org",
        }),
        params: { workshopId: workshop.id },
        context: routeContext,
      }),
    );
    expect((refused as Response).status).toBe(403);
    expect(await db.workshopMaterial.count({ where: { title: "Spam" } })).toBe(0);
  });
});
