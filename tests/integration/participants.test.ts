import { describe, expect, it } from "vitest";
import { InputRefused } from "~/domain/input-refused";
import { importParticipants, previewParticipantImport } from "~/models/participant-import.server";
import {
  completeRegistration,
  createRegistrationLink,
  findRegistration,
} from "~/models/participant-registration.server";
import { addParticipant, listParticipants } from "~/models/participant.server";
import { workshopAccess } from "~/models/workshop.server";
import { loader as participantsCsv } from "~/routes/_app+/workshops+/$workshopId+/participants[.]csv";
import { action as participantsAction } from "~/routes/_app+/workshops+/$workshopId+/participants";
import { action as addAction } from "~/routes/_app+/workshops+/$workshopId+/participants_.new";
import { action as editAction } from "~/routes/_app+/workshops+/$workshopId+/participants_.$participantId";
import { action as registerAction } from "~/routes/_auth+/register.$token";
import { db } from "~/utils/db.server";
import { routeContext, settle, signedIn } from "../support/requests";
import { demo } from "../support/people";

/** Runs a loader or action and returns what it returned or threw (a Response for redirects and refusals). */

const bangkok = () => db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } });

/** A fresh workshop run by the ILO demo facilitator, with nobody on its list. */
async function emptyWorkshop() {
  const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
  return db.workshop.create({
    data: {
      title: "National workshop on MRS (test)",
      kind: "national_workshop",
      timeZone: "Asia/Vientiane",
      startsOn: "2027-05-04",
      endsOn: "2027-05-05",
      facilitators: { create: { userId: facilitator.id } },
    },
  });
}

// A list as it arrives from a ministry: byte-order mark, semicolons, its own header spellings.
const CSV = [
  "\uFEFFFull name;E-mail;Category;Country;Organization;Gender;Status",
  "Anan Phommachanh;anan@example.test;Focal point;LA;Ministry of Labour and Social Welfare;M;invited",
  "Nguyen Van Binh;binh@example.test;Task-force representative;Viet Nam;MOLISA;male;Registered",
  ";nobody@example.test;Observer;TH;;F;",
  "Bad Mail;not-an-email;Employers;KH;;;",
  "Wrong Category;wc@example.test;Minister;KH;;;",
  "Wrong Country;wco@example.test;Workers;Atlantis;;;",
  'Duplicate Anan;ANAN@example.test;ILO;;"ILO; Bangkok";;',
  "Sok Chenda;sok@example.test;Perempuan?;KH;;female;maybe",
].join("\r\n");

describe("CSV import: the preview", () => {
  it("reads header variants, semicolons and the byte-order mark, and names every row's problems", async () => {
    const workshop = await emptyWorkshop();
    const preview = await previewParticipantImport(workshop.id, CSV);
    if (!preview.ok) throw new Error(preview.error);
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r]));
    expect(preview.rows).toHaveLength(8);
    expect(byLine[2]!.problems).toEqual([]);
    expect(byLine[2]!.input).toMatchObject({
      name: "Anan Phommachanh",
      email: "anan@example.test",
      category: "focal_point",
      sex: "male",
      registrationStatus: "invited",
    });
    expect(byLine[2]!.countryCode).toBe("LA");
    expect(byLine[3]!.problems).toEqual([]);
    expect(byLine[3]!.input).toMatchObject({ category: "task_force", sex: "male", registrationStatus: "registered" });
    expect(byLine[3]!.countryCode).toBe("VN");
    expect(byLine[4]!.problems).toEqual(["missingName"]);
    expect(byLine[5]!.problems).toEqual(["badEmail"]);
    expect(byLine[6]!.problems).toEqual(["unknownCategory"]);
    expect(byLine[7]!.problems).toEqual(["unknownCountry"]);
    // The same address in another case is the same person.
    expect(byLine[8]!.problems).toEqual(["duplicateInFile"]);
    expect(byLine[8]!.values.organisation).toBe("ILO; Bangkok");
    expect(byLine[9]!.problems).toEqual(["unknownCategory", "unknownStatus"]);
    expect(preview.validCount).toBe(2);
  });

  it("flags people already on the list and accepts commas and plain headers", async () => {
    const workshop = await bangkok();
    const listed = await db.participant.findFirstOrThrow({ where: { workshopId: workshop.id, email: { not: null } } });
    const preview = await previewParticipantImport(
      workshop.id,
      `name,email,category,country\n${listed.name},${listed.email!.toUpperCase()},focal_point,KH\nNew Person,new.person@example.test,observer,kh\n`,
    );
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.rows.map((r) => r.problems)).toEqual([["alreadyListed"], []]);
  });

  it("refuses a file without a name column, and an empty one, before looking at rows", async () => {
    const workshop = await emptyWorkshop();
    expect(await previewParticipantImport(workshop.id, "email;country\na@example.test;KH")).toEqual({
      ok: false,
      error: "noNameColumn",
    });
    expect(await previewParticipantImport(workshop.id, "\uFEFF  \n")).toEqual({ ok: false, error: "empty" });
    const noCategory = await previewParticipantImport(workshop.id, "name\nSomeone");
    expect(noCategory.ok && noCategory.rows[0]!.problems).toEqual(["missingCategory"]);
  });
});

describe("CSV import: writing", () => {
  it("writes only the valid rows, each with its own badge code and a history entry", async () => {
    const workshop = await emptyWorkshop();
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    const result = await importParticipants(workshop.id, CSV, 2, { actorId: facilitator.id });
    expect(result).toMatchObject({ imported: 2, skipped: 6 });
    const rows = await db.participant.findMany({
      where: { workshopId: workshop.id },
      orderBy: { name: "asc" },
      include: { country: true },
    });
    expect(rows.map((r) => [r.name, r.country?.code, r.category, r.registrationStatus])).toEqual([
      ["Anan Phommachanh", "LA", "focal_point", "invited"],
      ["Nguyen Van Binh", "VN", "task_force", "registered"],
    ]);
    expect(new Set(rows.map((r) => r.badgeToken)).size).toBe(2);
    const audit = await db.auditEvent.count({
      where: { action: "participant.import", entityId: { in: rows.map((r) => r.id) } },
    });
    expect(audit).toBe(2);
    // Importing the same file again finds everyone already listed and writes nothing.
    const again = await importParticipants(workshop.id, CSV, 0, { actorId: facilitator.id });
    expect(again.imported).toBe(0);
    expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(2);
  });

  it("writes nothing when the list changed since the preview", async () => {
    const workshop = await emptyWorkshop();
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    await addParticipant(
      workshop.id,
      {
        userId: null,
        name: "Anan P.",
        email: "anan@example.test",
        category: "focal_point",
        countryId: null,
        organisationName: "",
        sex: "male",
        registrationStatus: "invited",
      },
      { actorId: facilitator.id },
    );
    const result = await importParticipants(workshop.id, CSV, 2, { actorId: facilitator.id });
    expect(result.imported).toBe(0);
    expect(result.preview.ok && result.preview.validCount).toBe(1);
    expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(1);
  });

  it("writes nothing at all when one row fails while writing", async () => {
    const workshop = await emptyWorkshop();
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    // A failure the preview cannot foresee (here a trigger), on the second of three rows.
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_boom BEFORE INSERT ON Participant WHEN NEW.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;`,
    );
    try {
      const csv =
        "name,email,category\nFirst Row,first@example.test,ilo\nBoom,boom@example.test,ilo\nThird Row,third@example.test,ilo\n";
      await expect(importParticipants(workshop.id, csv, 3, { actorId: facilitator.id })).rejects.toThrow();
      expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(0);
      expect(
        await db.auditEvent.count({ where: { action: "participant.import", summary: { contains: "First Row" } } }),
      ).toBe(0);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER refuse_boom");
    }
  });
});

describe("adding by hand and from the directory", () => {
  it("refuses a second participant with the same e-mail, and the same directory person twice", async () => {
    const workshop = await emptyWorkshop();
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    const fp = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("KH") } });
    const base = {
      name: fp.name,
      category: "focal_point" as const,
      countryId: fp.countryId,
      organisationName: "",
      sex: "undisclosed" as const,
      registrationStatus: "invited" as const,
    };
    await addParticipant(workshop.id, { ...base, userId: fp.id, email: fp.email }, { actorId: facilitator.id });
    await expect(
      addParticipant(workshop.id, { ...base, userId: null, email: fp.email }, { actorId: facilitator.id }),
    ).rejects.toBeInstanceOf(InputRefused);
    await expect(
      addParticipant(workshop.id, { ...base, userId: fp.id, email: null }, { actorId: facilitator.id }),
    ).rejects.toBeInstanceOf(InputRefused);
    expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(1);
  });

  it("lets only the workshop's facilitators add people through the page", async () => {
    const workshop = await emptyWorkshop();
    const form = {
      name: "Someone New",
      email: "someone.new@example.test",
      category: "observer",
      countryId: "",
      organisationName: "",
      sex: "female",
      registrationStatus: "invited",
    };
    for (const email of [demo.focalPoint("KH"), demo.secretariat, demo.facilitatorIom]) {
      const { cookie } = await signedIn(email);
      const request = new Request(`http://localhost/workshops/${workshop.id}/participants/new`, {
        method: "POST",
        body: new URLSearchParams(form),
        headers: { cookie },
      });
      const refused = await settle(() =>
        addAction({ request, params: { workshopId: workshop.id }, context: routeContext }),
      );
      expect((refused as Response).status, email).toBe(403);
    }
    expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(0);
    const { cookie } = await signedIn(demo.facilitator);
    const request = new Request(`http://localhost/workshops/${workshop.id}/participants/new`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { cookie },
    });
    const done = (await settle(() =>
      addAction({ request, params: { workshopId: workshop.id }, context: routeContext }),
    )) as Response;
    expect(done.status).toBe(302);
    expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(1);
  });
});

type Reply = {
  data: { result: { status: string; error?: Record<string, string[] | null> } };
  init: { status: number };
};

describe("the participant form", () => {
  const valid = {
    name: "Someone Else",
    email: "someone.else@example.test",
    category: "observer",
    countryId: "",
    organisationName: "",
    sex: "female",
    registrationStatus: "invited",
  };
  const post = async (path: string, form: Record<string, string>) =>
    new Request(`http://localhost${path}`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { cookie: (await signedIn(demo.facilitator)).cookie },
    });

  it("when adding, answers bad input beside its field and writes nothing", async () => {
    const workshop = await emptyWorkshop();
    const path = `/workshops/${workshop.id}/participants/new`;
    const refused = (await settle(async () =>
      addAction({
        request: await post(path, { ...valid, name: " ", email: "not-an-email", category: "minister" }),
        params: { workshopId: workshop.id },
        context: routeContext,
      }),
    )) as unknown as Reply;
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error).toEqual({
      name: ["This field is required."],
      email: [expect.any(String)],
      category: ["Choose one of the options."],
    });
    const unknownCountry = (await settle(async () =>
      addAction({
        request: await post(path, { ...valid, countryId: "abcdefghijklmnop" }),
        params: { workshopId: workshop.id },
        context: routeContext,
      }),
    )) as unknown as Reply;
    expect(Object.keys(unknownCountry.data.result.error ?? {})).toEqual(["countryId"]);
    expect(await db.participant.count({ where: { workshopId: workshop.id } })).toBe(0);
  });

  it("when editing, puts bad input and a taken e-mail beside the field and changes nothing", async () => {
    const workshop = await emptyWorkshop();
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    const author = { actorId: facilitator.id };
    const details = { userId: null, countryId: null, organisationName: "", category: "observer" as const };
    const sex = "female" as const;
    const status = "invited" as const;
    const first = await addParticipant(
      workshop.id,
      { ...details, name: "First", email: "first@example.test", sex, registrationStatus: status },
      author,
    );
    await addParticipant(
      workshop.id,
      { ...details, name: "Second", email: "second@example.test", sex, registrationStatus: status },
      author,
    );
    const path = `/workshops/${workshop.id}/participants/${first.id}`;
    const params = { workshopId: workshop.id, participantId: first.id };
    const bad = (await settle(async () =>
      editAction({
        request: await post(path, { ...valid, intent: "save", sex: "robot" }),
        params,
        context: routeContext,
      }),
    )) as unknown as Reply;
    expect(bad.init.status).toBe(400);
    expect(bad.data.result.error).toEqual({ sex: ["Choose one of the options."] });
    const taken = (await settle(async () =>
      editAction({
        request: await post(path, { ...valid, intent: "save", email: "second@example.test" }),
        params,
        context: routeContext,
      }),
    )) as unknown as Reply;
    expect(taken.init.status).toBe(400);
    expect(Object.keys(taken.data.result.error ?? {})).toEqual(["email"]);
    expect(await db.participant.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      name: "First",
      email: "first@example.test",
    });
  });
});

describe("who sees what", () => {
  it("shows e-mails, sex and every status to the facilitators and the Secretariat only", async () => {
    const workshop = await bangkok();
    const declined = await db.participant.count({
      where: { workshopId: workshop.id, registrationStatus: { not: "registered" } },
    });
    expect(declined).toBeGreaterThan(0);

    const facilitator = await workshopAccess((await signedIn(demo.facilitator)).user, workshop.id);
    expect(facilitator).toMatchObject({ canManage: true, seesContacts: true });
    const secretariat = await workshopAccess((await signedIn(demo.secretariat)).user, workshop.id);
    expect(secretariat).toMatchObject({ canManage: false, seesContacts: true });
    const focalPoint = await workshopAccess((await signedIn(demo.focalPoint("KH"))).user, workshop.id);
    expect(focalPoint).toMatchObject({ canManage: false, seesContacts: false });
    const otherFacilitator = (await signedIn(demo.facilitatorIom)).user;
    expect(await workshopAccess(otherFacilitator, workshop.id)).toMatchObject({
      canManage: false,
      seesContacts: false,
    });
    await expect(workshopAccess(otherFacilitator, workshop.id, "manage")).rejects.toSatisfy(
      (r) => r instanceof Response && r.status === 403,
    );

    const full = await listParticipants(workshop.id, {}, { seesContacts: true });
    const limited = await listParticipants(workshop.id, {}, { seesContacts: false });
    expect(full).toHaveLength(28);
    expect(full.some((p) => p.email)).toBe(true);
    expect(limited).toHaveLength(28 - declined);
    expect(limited.every((p) => p.email === null && p.sex === null && p.registrationStatus === null)).toBe(true);
  });

  it("exports what the reader may see: e-mails for the facilitator, none for a focal point", async () => {
    const workshop = await bangkok();
    const run = async (email: string) => {
      const { cookie } = await signedIn(email);
      const response = await participantsCsv({
        request: new Request(`http://localhost/workshops/${workshop.id}/participants.csv`, { headers: { cookie } }),
        params: { workshopId: workshop.id },
        context: routeContext,
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      // TextDecoder drops the byte-order mark, as Response.text() would; the bytes keep it.
      return { response, bytes, text: new TextDecoder().decode(bytes) };
    };
    const facilitator = await run(demo.facilitator);
    expect(facilitator.response.headers.get("Content-Type")).toContain("text/csv");
    expect([...facilitator.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(facilitator.text.split("\r\n")[0]).toBe(
      "name,email,category,country,organisation,sex,status,days attended,invitation sent (Asia/Bangkok),reminder sent (Asia/Bangkok)",
    );
    expect(facilitator.text).toContain(demo.focalPoint("KH"));
    const reader = await run(demo.focalPoint("KH"));
    expect(reader.text.split("\r\n")[0]).toBe("name,category,country,organisation,days attended");
    expect(reader.text).not.toContain("@");
  });
});

describe("self-registration links", () => {
  it("works once: registers the person with their confirmed details, then is spent", async () => {
    const workshop = await emptyWorkshop();
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } });
    const la = await db.country.findUniqueOrThrow({ where: { code: "LA" } });
    const participant = await addParticipant(
      workshop.id,
      {
        userId: null,
        name: "Anan Phommachan",
        email: "anan@example.test",
        category: "focal_point",
        countryId: null,
        organisationName: "",
        sex: "undisclosed",
        registrationStatus: "invited",
      },
      { actorId: facilitator.id },
    );
    const first = await createRegistrationLink(workshop.id, participant.id, { actorId: facilitator.id });
    const second = await createRegistrationLink(workshop.id, participant.id, { actorId: facilitator.id });
    const tokenOf = (url: string) => url.split("/register/")[1]!;
    // Only the hash is stored, and a new link replaces the previous one.
    const stored = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
    expect(stored.registrationTokenHash).not.toContain(tokenOf(second.url));
    expect(await findRegistration(tokenOf(first.url))).toBeNull();
    expect((await findRegistration(tokenOf(second.url)))?.workshop.title).toBe(workshop.title);

    const answer = (decision: "register" | "decline") =>
      registerAction({
        request: new Request(`http://localhost/register/${tokenOf(second.url)}`, {
          method: "POST",
          body: new URLSearchParams({
            decision,
            name: "Anan Phommachanh",
            organisationName: "Ministry of Labour and Social Welfare",
            countryId: la.id,
            sex: "male",
          }),
        }),
        params: { token: tokenOf(second.url) },
        context: routeContext,
      });
    expect(await answer("register")).toMatchObject({ done: "registered" });
    const after = await db.participant.findUniqueOrThrow({ where: { id: participant.id } });
    expect(after).toMatchObject({
      registrationStatus: "registered",
      name: "Anan Phommachanh",
      countryId: la.id,
      sex: "male",
      registrationTokenHash: null,
    });

    // The same link a second time changes nothing.
    const replay = (await settle(() => answer("decline"))) as {
      init?: { status?: number };
      data?: { invalid: boolean };
    };
    expect(replay.init?.status).toBe(410);
    expect((await db.participant.findUniqueOrThrow({ where: { id: participant.id } })).registrationStatus).toBe(
      "registered",
    );
    expect(
      await completeRegistration(tokenOf(second.url), {
        decision: "decline",
        name: "",
        organisationName: "",
        countryId: null,
        sex: "undisclosed",
      }),
    ).toBeNull();
    await expect(
      createRegistrationLink(workshop.id, participant.id, { actorId: facilitator.id }),
    ).rejects.toBeInstanceOf(InputRefused);
  });

  it("treats malformed and unknown tokens alike", async () => {
    expect(await findRegistration("nope")).toBeNull();
    expect(await findRegistration("a".repeat(32))).toBeNull();
    expect(
      await completeRegistration("a".repeat(32), {
        decision: "register",
        name: "X",
        organisationName: "",
        countryId: null,
        sex: "undisclosed",
      }),
    ).toBeNull();
  });
});

describe("answering one's own invitation in the app", () => {
  it("lets an invited person with an account register, and nobody else answer for them", async () => {
    const hanoi = await db.workshop.findFirstOrThrow({ where: { startsOn: "2027-03-16" } });
    const invited = await db.participant.findFirstOrThrow({
      where: { workshopId: hanoi.id, registrationStatus: "invited", userId: { not: null } },
      include: { user: true },
    });
    const post = async (email: string, workshopId: string, intent: string) => {
      const { cookie } = await signedIn(email);
      const request = new Request(`http://localhost/workshops/${workshopId}/participants`, {
        method: "POST",
        body: new URLSearchParams({ intent }),
        headers: { cookie },
      });
      return settle(() => participantsAction({ request, params: { workshopId }, context: routeContext }));
    };
    // Someone not on the list may not register themselves.
    expect(((await post(demo.observer, hanoi.id, "register")) as Response).status).toBe(403);
    const done = (await post(invited.user!.email, hanoi.id, "register")) as Response;
    expect(done.status).toBe(302);
    expect((await db.participant.findUniqueOrThrow({ where: { id: invited.id } })).registrationStatus).toBe(
      "registered",
    );
    // Once a workshop is over, its answers are history.
    const past = await bangkok();
    const sokha = await db.participant.findFirstOrThrow({
      where: { workshopId: past.id, user: { email: demo.focalPoint("KH") } },
    });
    expect(((await post(demo.focalPoint("KH"), past.id, "decline")) as Response).status).toBe(400);
    expect((await db.participant.findUniqueOrThrow({ where: { id: sokha.id } })).registrationStatus).toBe("registered");
  });
});
