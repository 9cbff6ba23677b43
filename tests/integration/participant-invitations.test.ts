import { describe, expect, it } from "vitest";
import type { RegistrationStatus } from "~/domain/vocabulary";
import { REMINDER_INTERVAL_MS, sendRegistrationEmails } from "~/models/participant-invitations.server";
import { completeRegistration, sendRegistrationLink } from "~/models/participant-registration.server";
import { addParticipant } from "~/models/participant.server";
import { action as participantsAction } from "~/routes/_app+/workshops+/$workshopId+/participants";
import { loader as participantsCsv } from "~/routes/_app+/workshops+/$workshopId+/participants[.]csv";
import { loader as attendanceCsv } from "~/routes/_app+/workshops+/$workshopId+/attendance[.]csv";
import { loader as milestonesCsv } from "~/routes/_app+/dashboard+/milestones[.]csv";
import { loader as registrationPage } from "~/routes/_auth+/register.$token";
import { getLocale } from "~/i18n/i18n.server";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle, userId } from "../support/requests";

/**
 * Invitations and reminders to many at once, from the facilitator's side:
 * who gets a message, who does not and why, and that pressing the button
 * again sends nobody a second one.
 */

type Person = { name: string; email: string | null; status?: RegistrationStatus };

let workshopsMade = 0;

/**
 * A coming workshop in Vientiane run by the ILO demo facilitator, with these
 * people on its list. Their addresses are its own (anan+2@example.test), as
 * the tests of one file share a database and its outbox.
 */
async function workshopWith(people: Person[]) {
  const tag = ++workshopsMade;
  const addressOf = (email: string) => email.replace("@", `+${tag}@`);
  const facilitatorId = await userId(demo.facilitator);
  const workshop = await db.workshop.create({
    data: {
      title: "Regional meeting on skills recognition (test)",
      kind: "regional_workshop",
      timeZone: "Asia/Vientiane",
      startsOn: "2027-05-04",
      endsOn: "2027-05-05",
      facilitators: { create: { userId: facilitatorId } },
    },
  });
  const ids: Record<string, string> = {};
  for (const p of people) {
    const added = await addParticipant(
      workshop.id,
      {
        userId: null,
        name: p.name,
        email: p.email && addressOf(p.email),
        category: "focal_point",
        countryId: null,
        organisationName: "",
        sex: "undisclosed",
        registrationStatus: p.status ?? "invited",
      },
      { actorId: facilitatorId },
    );
    ids[p.name] = added.id;
  }
  /** What reached a person's mailbox (the demo outbox), oldest first. */
  const outboxOf = (email: string) =>
    db.emailMessage.findMany({ where: { to: addressOf(email) }, orderBy: { createdAt: "asc" } });
  return { workshop, ids, author: { actorId: facilitatorId }, outboxOf, addressOf };
}

const LIST: Person[] = [
  { name: "Anan Phommachanh", email: "anan@example.test" },
  { name: "Bounmy Sayavong", email: "bounmy@example.test" },
  { name: "Chanthala Keo", email: null },
  { name: "Dara Sok", email: "dara@example.test", status: "registered" },
  { name: "Eka Putri", email: "eka@example.test", status: "declined" },
];

const names = (people: { name: string }[] | undefined) => (people ?? []).map((p) => p.name);

describe("sending invitations to many at once", () => {
  it("sends each invited person with an address one invitation, however often it is pressed", async () => {
    const { workshop, author, outboxOf } = await workshopWith(LIST);
    const first = await sendRegistrationEmails(workshop.id, "invitation", { fallbackLocale: "en" }, author);
    expect(names(first.sent)).toEqual(["Anan Phommachanh", "Bounmy Sayavong"]);
    // Without a selection the registered and the declined are not news, so not skipped either.
    expect(Object.keys(first.skipped)).toEqual(["noEmail"]);
    expect(names(first.skipped.noEmail)).toEqual(["Chanthala Keo"]);

    const [message] = await outboxOf("anan@example.test");
    expect(message!.subject).toBe(`Your invitation: ${workshop.title}`);
    expect(message!.text).toContain("/register/");
    const anan = await db.participant.findFirstOrThrow({
      where: { workshopId: workshop.id, name: "Anan Phommachanh" },
    });
    expect(anan.invitationSentAt).not.toBeNull();

    const again = await sendRegistrationEmails(workshop.id, "invitation", { fallbackLocale: "en" }, author);
    expect(again.sent).toEqual([]);
    expect(names(again.skipped.alreadySent)).toEqual(["Anan Phommachanh", "Bounmy Sayavong"]);
    expect(await outboxOf("anan@example.test")).toHaveLength(1);
    expect(await outboxOf("bounmy@example.test")).toHaveLength(1);
  });

  it("sends nobody two invitations when two facilitators press the button together", async () => {
    const { workshop, author, outboxOf } = await workshopWith(LIST);
    const [one, two] = await Promise.all([
      sendRegistrationEmails(workshop.id, "invitation", { fallbackLocale: "en" }, author),
      sendRegistrationEmails(workshop.id, "invitation", { fallbackLocale: "en" }, author),
    ]);
    expect([...names(one.sent), ...names(two.sent)].sort()).toEqual(["Anan Phommachanh", "Bounmy Sayavong"]);
    expect(await outboxOf("anan@example.test")).toHaveLength(1);
    expect(await outboxOf("bounmy@example.test")).toHaveLength(1);
  });

  it("says why each ticked person got nothing", async () => {
    const { workshop, ids, author, outboxOf } = await workshopWith(LIST);
    await sendRegistrationLink(workshop.id, ids["Anan Phommachanh"]!, author, "en");
    const gone = "cnotonthelist0000000000";
    const result = await sendRegistrationEmails(
      workshop.id,
      "invitation",
      { fallbackLocale: "en", participantIds: [...Object.values(ids), gone] },
      author,
    );
    expect(names(result.sent)).toEqual(["Bounmy Sayavong"]);
    expect(names(result.skipped.alreadySent)).toEqual(["Anan Phommachanh"]);
    expect(names(result.skipped.noEmail)).toEqual(["Chanthala Keo"]);
    expect(names(result.skipped.alreadyRegistered)).toEqual(["Dara Sok"]);
    expect(names(result.skipped.declined)).toEqual(["Eka Putri"]);
    expect(result.skipped.notOnList?.map((p) => p.id)).toEqual([gone]);
    expect(await outboxOf("dara@example.test")).toHaveLength(0);
  });
});

describe("reminders", () => {
  it("go only to the invited who were sent an invitation and have not answered, at most once a day", async () => {
    const { workshop, ids, author, outboxOf } = await workshopWith([
      ...LIST,
      { name: "Fitri Handayani", email: "fitri@example.test" },
    ]);
    await sendRegistrationEmails(
      workshop.id,
      "invitation",
      { fallbackLocale: "en", participantIds: [ids["Anan Phommachanh"]!, ids["Bounmy Sayavong"]!] },
      author,
    );
    // Anan answers through the link in the invitation.
    const token = (await outboxOf("anan@example.test"))[0]!.text!.match(/\/register\/([a-z2-7]{32})/)![1]!;
    await completeRegistration(token, {
      decision: "register",
      name: "Anan Phommachanh",
      organisationName: "",
      countryId: null,
      sex: "male",
    });

    const now = new Date();
    const reminded = await sendRegistrationEmails(workshop.id, "reminder", { fallbackLocale: "id", now }, author);
    expect(names(reminded.sent)).toEqual(["Bounmy Sayavong"]);
    expect(names(reminded.skipped.notSentYet)).toEqual(["Fitri Handayani"]);
    expect(names(reminded.skipped.noEmail)).toEqual(["Chanthala Keo"]);
    const messages = await outboxOf("bounmy@example.test");
    expect(messages).toHaveLength(2);
    // In the sender's language when the person has no account; with a fresh link, as the old one is replaced.
    expect(messages[1]!.subject).toBe(`Pengingat: mohon jawab undangan Anda ke ${workshop.title}`);
    expect(messages[1]!.text).toContain("Kami belum menerima jawaban Anda");
    expect(messages[1]!.text).toMatch(/\/register\/[a-z2-7]{32}/);
    expect(await outboxOf("anan@example.test")).toHaveLength(1);

    const sameDay = await sendRegistrationEmails(workshop.id, "reminder", { fallbackLocale: "en", now }, author);
    expect(sameDay.sent).toEqual([]);
    expect(names(sameDay.skipped.remindedRecently)).toEqual(["Bounmy Sayavong"]);

    const nextDay = new Date(now.getTime() + REMINDER_INTERVAL_MS + 60_000);
    const later = await sendRegistrationEmails(workshop.id, "reminder", { fallbackLocale: "en", now: nextDay }, author);
    expect(names(later.sent)).toEqual(["Bounmy Sayavong"]);
    expect(await outboxOf("bounmy@example.test")).toHaveLength(3);
  });
});

describe("the participants page's send buttons", () => {
  const post = (workshopId: string, email: string, form: Record<string, string | string[]>) =>
    requestAs(email, `/workshops/${workshopId}/participants`, form).then((request) =>
      settle(() => participantsAction({ request, params: { workshopId }, context: routeContext })),
    );

  it("send for the workshop's facilitators only, and summarise what they did", async () => {
    const { workshop, outboxOf } = await workshopWith(LIST);
    for (const email of [demo.focalPoint("LA"), demo.secretariat, demo.facilitatorIom]) {
      const refused = await post(workshop.id, email, { intent: "sendInvitations" });
      expect((refused as Response).status, email).toBe(403);
    }
    expect(await outboxOf("anan@example.test")).toEqual([]);
    const reply = await post(workshop.id, demo.facilitator, { intent: "sendInvitations" });
    expect(reply).toEqual({
      bulk: {
        sent: ["Anan Phommachanh", "Bounmy Sayavong"],
        skipped: [{ reason: "noEmail", names: ["Chanthala Keo"] }],
      },
    });
  });

  it("refuses a selection that names no participant, and sends nothing", async () => {
    const { workshop } = await workshopWith(LIST);
    const refused = await post(workshop.id, demo.facilitator, {
      intent: "sendInvitations",
      participantId: ["'; DROP TABLE Participant; --"],
    });
    expect((refused as Response).status).toBe(400);
    expect(await db.participant.count({ where: { workshopId: workshop.id, invitationSentAt: { not: null } } })).toBe(0);
  });
});

describe("CSV exports", () => {
  const download = async (
    loader: typeof participantsCsv,
    email: string,
    path: string,
    params: Record<string, string> = {},
  ) => {
    const request = await requestAs(email, path);
    const response = (await loader({ request, params, context: routeContext })) as Response;
    return { response, text: new TextDecoder().decode(new Uint8Array(await response.arrayBuffer())) };
  };

  it("write when invitations went out on the workshop's clock, with commas or semicolons", async () => {
    const { workshop, ids, author, addressOf } = await workshopWith(LIST);
    // 08:00 UTC is 15:00 in Vientiane.
    const sentAt = new Date("2027-04-20T08:00:00Z");
    await sendRegistrationEmails(workshop.id, "invitation", { fallbackLocale: "en", now: sentAt }, author);
    await db.participant.update({ where: { id: ids["Anan Phommachanh"]! }, data: { invitationSentAt: sentAt } });
    const path = `/workshops/${workshop.id}/participants.csv`;
    const comma = await download(participantsCsv, demo.facilitator, path, { workshopId: workshop.id });
    const [header, ...rows] = comma.text.split("\r\n");
    expect(header).toBe(
      "name,email,category,country,organisation,sex,status,days attended,invitation sent (Asia/Vientiane),reminder sent (Asia/Vientiane)",
    );
    const anan = rows.find((r) => r.startsWith("Anan"))!;
    expect(anan).toContain(",2027-04-20 15:00,");
    expect(comma.text).not.toMatch(/T\d{2}:\d{2}:\d{2}/);

    const semicolon = await download(participantsCsv, demo.facilitator, `${path}?separator=semicolon`, {
      workshopId: workshop.id,
    });
    expect(semicolon.response.headers.get("Content-Disposition")).toContain("-semicolon.csv");
    expect(semicolon.text.split("\r\n")[0]).toBe(
      "name;email;category;country;organisation;sex;status;days attended;invitation sent (Asia/Vientiane);reminder sent (Asia/Vientiane)",
    );
    expect(semicolon.text).toContain(
      `Anan Phommachanh;${addressOf("anan@example.test")};Focal point;;;Not stated;Invited;0;2027-04-20 15:00;`,
    );
  });

  it("offer the semicolon variant of the attendance statistics and the dashboard's milestones too", async () => {
    const { workshop } = await workshopWith(LIST);
    const attendance = await download(
      attendanceCsv,
      demo.facilitator,
      `/workshops/${workshop.id}/attendance.csv?separator=semicolon`,
      { workshopId: workshop.id },
    );
    expect(attendance.text.split("\r\n")[0]).toMatch(/^table;value;People;/);

    const milestones = await download(milestonesCsv, demo.secretariat, "/dashboard/milestones.csv?separator=semicolon");
    const [header, first] = milestones.text.split("\r\n");
    expect(header).toContain(";Last updated (UTC);");
    expect(first).toMatch(/;\d{4}-\d{2}-\d{2} \d{2}:\d{2};/);
    expect(milestones.text).not.toMatch(/T\d{2}:\d{2}:\d{2}Z/);
  });
});

describe("the registration page an invitation opens", () => {
  it("speaks the invitation's language: the link names it and the page remembers it for the visitor", async () => {
    const { workshop, author, outboxOf } = await workshopWith(LIST);
    await sendRegistrationEmails(workshop.id, "invitation", { fallbackLocale: "id" }, author);
    const [message] = await outboxOf("anan@example.test");
    expect(message!.subject).toBe(`Undangan Anda: ${workshop.title}`);
    const link = message!.text!.match(/https?:\/\/\S+\/register\/\S+/)![0];
    expect(new URL(link).searchParams.get("lang")).toBe("id");

    // Opened in a browser set to English, signed out: the page is in Indonesian, at its address without ?lang.
    const opened = (await registrationPage({
      request: new Request(link, { headers: { "accept-language": "en" } }),
      params: { token: new URL(link).pathname.split("/").pop()! },
      context: routeContext,
    })) as Response;
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(new URL(link).pathname);
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
    const page = new Request(new URL(new URL(link).pathname, link), { headers: { cookie, "accept-language": "en" } });
    expect(await getLocale(page)).toBe("id");
  });
});
