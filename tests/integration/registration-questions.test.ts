import { describe, expect, it } from "vitest";
import { checkIn } from "~/models/attendance.server";
import { listOutbox } from "~/models/email.server";
import { createRegistrationLink } from "~/models/participant-registration.server";
import { addParticipant } from "~/models/participant.server";
import {
  addPresetQuestion,
  addQuestion,
  listQuestions,
  removeQuestion,
  updateQuestion,
} from "~/models/registration-questions.server";
import { action as registerAction } from "~/routes/_auth+/register.$token";
import { loader as participantsCsv } from "~/routes/_app+/workshops+/$workshopId+/participants[.]csv";
import { action as questionsAction } from "~/routes/_app+/workshops+/$workshopId+/participants_.questions";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { formBody, requestAs, routeContext, settle, userId } from "../support/requests";

/**
 * The questions a facilitator adds to a workshop's registration, from both
 * sides: the organiser's rules (what can change once people answered) and the
 * invited person's (what is refused, and that a refusal writes nothing), then
 * the confirmation message with the badge and the agenda.
 */

let made = 0;

/** A coming two-day workshop in Vientiane run by the demo facilitator, with one agenda session. */
async function workshopWithInvitee(email: string | null = "invitee@example.test") {
  const tag = ++made;
  const facilitatorId = await userId(demo.facilitator);
  const workshop = await db.workshop.create({
    data: {
      title: `Regional meeting on recognition of prior learning ${tag}`,
      kind: "regional_workshop",
      timeZone: "Asia/Vientiane",
      startsOn: "2027-06-08",
      endsOn: "2027-06-09",
      venue: "Lao Plaza Hotel",
      city: "Vientiane",
      hostCountry: { connect: { code: "LA" } },
      facilitators: { create: { userId: facilitatorId } },
      sessions: {
        create: {
          day: "2027-06-08",
          title: "Opening, with the Ministry of Labour",
          startsAt: new Date("2027-06-08T02:00:00Z"),
          endsAt: new Date("2027-06-08T03:00:00Z"),
          sessionType: "plenary",
        },
      },
    },
  });
  const author = { actorId: facilitatorId };
  const invitee = await addParticipant(
    workshop.id,
    {
      userId: null,
      name: "Noy Vongsa",
      email: email && email.replace("@", `+${tag}@`),
      category: "employers",
      countryId: null,
      organisationName: "Lao National Chamber of Commerce",
      sex: "female",
      registrationStatus: "invited",
    },
    author,
  );
  return { workshop, invitee, author };
}

const register = (token: string, fields: Record<string, string>) =>
  settle(() =>
    registerAction({
      request: new Request(`http://localhost/register/${token}`, {
        method: "POST",
        body: formBody({ decision: "register", name: "Noy Vongsa", sex: "female", ...fields }),
      }),
      params: { token },
      context: routeContext,
    }),
  );

describe("registration questions", () => {
  it("are answered when registering, refused when they do not fit, and nothing is written then", async () => {
    const { workshop, invitee, author } = await workshopWithInvitee();
    const dietary = await addPresetQuestion(workshop.id, "dietary", "en", author);
    const visa = await addPresetQuestion(workshop.id, "visa", "en", author);
    const arrival = await addQuestion(
      workshop.id,
      { kind: "short_text", label: "Arrival flight", options: [], required: true },
      author,
    );
    expect(dietary.options).toContain("Vegetarian");
    const { token } = await createRegistrationLink(workshop.id, invitee.id, author);

    // A required answer missing, an option that was never offered, an answer too long: each refused.
    for (const [fields, field] of [
      [{ [`answers.${dietary.id}`]: "Vegetarian" }, arrival.id],
      [{ [`answers.${arrival.id}`]: "QV 311", [`answers.${dietary.id}`]: "Caviar" }, dietary.id],
      [{ [`answers.${arrival.id}`]: "QV 311", [`answers.${visa.id}`]: "maybe" }, visa.id],
      [{ [`answers.${arrival.id}`]: "x".repeat(201) }, arrival.id],
    ] as const) {
      const refused = await register(token, fields);
      expect(refused).toMatchObject({ init: { status: 400 } });
      const errors = (refused as { data: { result: { error: Record<string, string[]> } } }).data.result.error;
      expect(Object.keys(errors)).toEqual([`answers.${field}`]);
    }
    // A missing name is refused beside its field, like any answer.
    const nameless = await register(token, { name: "", [`answers.${arrival.id}`]: "QV 311" });
    expect(nameless).toMatchObject({ init: { status: 400 } });
    const nameErrors = (nameless as { data: { result: { error: Record<string, string[]> } } }).data.result.error;
    expect(Object.keys(nameErrors)).toEqual(["name"]);
    expect(await db.registrationQuestionAnswer.count({ where: { participantId: invitee.id } })).toBe(0);
    expect((await db.participant.findUniqueOrThrow({ where: { id: invitee.id } })).registrationStatus).toBe("invited");

    const done = await register(token, {
      [`answers.${arrival.id}`]: "QV 311, 8 June 10:40",
      [`answers.${dietary.id}`]: "Halal",
      [`answers.${visa.id}`]: "yes",
    });
    expect(done).toMatchObject({ done: "registered" });
    const answers = await db.registrationQuestionAnswer.findMany({ where: { participantId: invitee.id } });
    expect(Object.fromEntries(answers.map((a) => [a.questionId, a.value]))).toEqual({
      [arrival.id]: "QV 311, 8 June 10:40",
      [dietary.id]: "Halal",
      [visa.id]: "yes",
    });

    // The answers are columns of the participant list's export.
    const csv = await (
      (await participantsCsv({
        request: await requestAs(demo.facilitator, `/workshops/${workshop.id}/participants.csv`),
        params: { workshopId: workshop.id },
        context: routeContext,
      })) as Response
    ).text();
    const [header, row] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("Dietary needs");
    expect(header).toContain("Arrival flight");
    expect(row).toContain("Halal");
    expect(row).toContain("QV 311, 8 June 10:40");
  });

  it("keeps the answers of a question the organiser changes or removes", async () => {
    const { workshop, invitee, author } = await workshopWithInvitee();
    const dietary = await addPresetQuestion(workshop.id, "dietary", "id", author);
    expect(dietary.label).toBe("Kebutuhan makanan");
    const unanswered = await addQuestion(
      workshop.id,
      { kind: "long_text", label: "Anything else?", options: [], required: false },
      author,
    );
    const { token } = await createRegistrationLink(workshop.id, invitee.id, author);
    expect(await register(token, { [`answers.${dietary.id}`]: "Halal" })).toMatchObject({ done: "registered" });

    // Another kind, or dropping the option Noy chose, would orphan her answer: refused.
    await expect(
      updateQuestion(workshop.id, dietary.id, { ...dietary, kind: "short_text", options: [] }, author),
    ).rejects.toMatchObject({ field: "kind", messageKey: "registration:errors.kindHasAnswers" });
    await expect(
      updateQuestion(workshop.id, dietary.id, { ...dietary, options: ["Vegetarian", "Vegan"] }, author),
    ).rejects.toMatchObject({ field: "options", values: { option: "Halal" } });
    // Rewording it and adding an option are fine.
    await updateQuestion(
      workshop.id,
      dietary.id,
      { ...dietary, label: "Dietary needs", options: [...dietary.options, "Kosher"] },
      author,
    );

    expect(await removeQuestion(workshop.id, unanswered.id, author)).toBe("deleted");
    expect(await removeQuestion(workshop.id, dietary.id, author)).toBe("archived");
    expect(await listQuestions(workshop.id)).toEqual([]);
    const kept = await listQuestions(workshop.id, { includeArchived: true });
    expect(kept).toMatchObject([{ label: "Dietary needs", archived: true, answerCount: 1 }]);
    expect(await db.registrationQuestionAnswer.count({ where: { participantId: invitee.id } })).toBe(1);
  });

  it("refuses a bad question from the organiser's form with a message, and only organisers may add one", async () => {
    const { workshop } = await workshopWithInvitee(null);
    const path = `/workshops/${workshop.id}/participants/questions`;
    const post = (email: string, fields: Record<string, string>) =>
      settle(async () =>
        questionsAction({
          request: await requestAs(email, path, fields),
          params: { workshopId: workshop.id },
          context: routeContext,
        }),
      );
    const oneOption = await post(demo.facilitator, {
      intent: "add",
      kind: "choice",
      label: "Hotel",
      options: "Lao Plaza",
    });
    expect(oneOption).toMatchObject({ init: { status: 400 } });
    const refused = await post(demo.focalPoint("LA"), { intent: "add", kind: "short_text", label: "Hotel" });
    expect((refused as Response).status).toBe(403);
    expect(await db.registrationQuestion.count({ where: { workshopId: workshop.id } })).toBe(0);

    const added = await post(demo.facilitator, {
      intent: "add",
      kind: "choice",
      label: "Hotel",
      options: "Lao Plaza\n\nLao Plaza\nDon Chan Palace",
    });
    expect((added as Response).status).toBe(302);
    expect(await listQuestions(workshop.id)).toMatchObject([{ options: ["Lao Plaza", "Don Chan Palace"] }]);
  });
});

describe("the confirmation after registering", () => {
  it("brings the badge and the agenda once, in the language the person registered in", async () => {
    const { workshop, invitee, author } = await workshopWithInvitee();
    const { token } = await createRegistrationLink(workshop.id, invitee.id, author);
    const request = new Request(`http://localhost/register/${token}`, {
      method: "POST",
      body: formBody({ decision: "register", name: "Noy Vongsa", sex: "female" }),
      headers: { cookie: "fp_locale=id", "Accept-Language": "id" },
    });
    expect(await registerAction({ request, params: { token }, context: routeContext })).toEqual({
      done: "registered",
      confirmationSent: true,
    });

    const mine = (await listOutbox({ take: 200 })).filter((m) => m.to === invitee.email);
    expect(mine).toHaveLength(1);
    const [message] = mine;
    expect(message!.subject).toBe(`Anda sudah terdaftar: ${workshop.title}`);
    expect(message!.text).toMatch(/\/badge\/[A-Za-z0-9_-]{16,64}/);
    expect(message!.attachments.map((a) => [a.filename, a.contentType.split(";")[0]])).toEqual([
      ["badge.png", "image/png"],
      ["agenda.ics", "text/calendar"],
    ]);
    const files = await db.emailAttachment.findMany({ where: { messageId: message!.id } });
    const png = files.find((f) => f.filename === "badge.png")!.content;
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const ics = new TextDecoder().decode(files.find((f) => f.filename === "agenda.ics")!.content);
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("END:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines).toContain("DTSTART;TZID=Asia/Vientiane:20270608T090000");
    // The host country in the recipient's language too.
    expect(lines).toContain("LOCATION:Lao Plaza Hotel\\, Vientiane\\, Laos");

    // A new link and a second registration send nothing more.
    const again = await createRegistrationLink(workshop.id, invitee.id, author).catch((e: unknown) => e);
    expect(again).toMatchObject({ messageKey: "participants:errors.alreadyRegistered" });
    await db.participant.update({ where: { id: invitee.id }, data: { registrationStatus: "invited" } });
    const second = await createRegistrationLink(workshop.id, invitee.id, author);
    expect(await register(second.token, {})).toMatchObject({ done: "registered" });
    expect((await listOutbox({ take: 200 })).filter((m) => m.to === invitee.email)).toHaveLength(1);
  });
});

describe("a guest without an account", () => {
  it("has a badge the check-in desk accepts", async () => {
    const { workshop, invitee, author } = await workshopWithInvitee(null);
    const participant = await db.participant.findUniqueOrThrow({ where: { id: invitee.id } });
    expect(participant.userId).toBeNull();
    const result = await checkIn(
      workshop,
      "2027-06-08",
      { badgeCode: `http://localhost:3000/check-in/${participant.badgeToken}` },
      author,
      { outsideDaysConfirmed: true },
    );
    expect(result).toMatchObject({ status: "checked_in", participantId: invitee.id });
  });
});
