import { describe, expect, it } from "vitest";
import { InputRefused } from "~/domain/input-refused";
import { AgendaSessionSchema, type AgendaSessionInput as SessionInput } from "~/forms/agenda-session";
import { buildAgendaCalendar, buildVTimeZone, escapeIcsText, foldIcsLine } from "~/models/agenda-calendar.server";
import { createAgendaSession, getAgenda, moveAgendaSession } from "~/models/agenda.server";
import { instantToLocal, localToInstant } from "~/domain/time-zones";
import { action as editSessionAction } from "~/routes/_app+/workshops+/$workshopId+/agenda.$sessionId";
import { action as agendaAction, loader as agendaLoader } from "~/routes/_app+/workshops+/$workshopId+/agenda._index";
import { action as newSessionAction } from "~/routes/_app+/workshops+/$workshopId+/agenda.new";
import { loader as icsLoader } from "~/routes/_app+/workshops+/$workshopId+/agenda[.]ics";
import { translatorFor } from "~/i18n/translate.server";
import { db } from "~/utils/db.server";
import { requestAs, routeContext, settle, userId } from "../support/requests";
import { demo } from "../support/people";

/** A fresh workshop run by the ILO demo facilitator. */
async function workshopIn(timeZone: string, startsOn: string, endsOn: string) {
  const facilitator = await userId(demo.facilitator);
  return db.workshop.create({
    data: {
      title: `Test workshop in ${timeZone}`,
      kind: "regional_meeting",
      timeZone,
      startsOn,
      endsOn,
      venue: "Hotel; Hall A",
      city: "Bangkok",
      facilitators: { create: { userId: facilitator } },
    },
  });
}
const input = (values: Partial<SessionInput> & Pick<SessionInput, "day" | "startTime" | "endTime">): SessionInput => ({
  title: "Session",
  description: "",
  sessionType: "plenary",
  speakers: [],
  ...values,
});
type Reply = {
  data: { result: { status: string; error?: Record<string, string[] | null> } };
  init: { status: number };
};
const actor = async () => ({ actorId: await userId(demo.facilitator), requestId: "test" });

describe("agenda times", () => {
  it("are entered in the workshop's zone and stored as UTC instants (a zone without daylight saving)", async () => {
    const workshop = await workshopIn("Asia/Bangkok", "2027-03-10", "2027-03-11");
    const { session } = await createAgendaSession(
      workshop,
      input({ day: "2027-03-10", startTime: "09:00", endTime: "10:30" }),
      await actor(),
    );
    expect(session.startsAt.toISOString()).toBe("2027-03-10T02:00:00.000Z");
    expect(session.endsAt.toISOString()).toBe("2027-03-10T03:30:00.000Z");
    const [day] = await getAgenda(workshop);
    expect(day!.sessions[0]).toMatchObject({ startTime: "09:00", endTime: "10:30" });
  });

  it("follow daylight saving in a zone that has it, and refuse a clock time the zone skips", async () => {
    // Geneva: clocks go forward on 28 March 2027 at 02:00 (CET +01:00 → CEST +02:00).
    expect(localToInstant("2027-03-26", "09:00", "Europe/Zurich")!.toISOString()).toBe("2027-03-26T08:00:00.000Z");
    expect(localToInstant("2027-03-29", "09:00", "Europe/Zurich")!.toISOString()).toBe("2027-03-29T07:00:00.000Z");
    expect(localToInstant("2027-03-28", "02:30", "Europe/Zurich")).toBeNull();
    expect(instantToLocal(new Date("2027-03-29T07:00:00Z"), "Europe/Zurich")).toEqual({
      day: "2027-03-29",
      time: "09:00",
    });

    const workshop = await workshopIn("Europe/Zurich", "2027-03-27", "2027-03-29");
    await expect(
      createAgendaSession(workshop, input({ day: "2027-03-28", startTime: "02:30", endTime: "03:30" }), await actor()),
    ).rejects.toMatchObject({ field: "startTime", messageKey: "workshops:sessionForm.noSuchTime" });
  });

  it("outside the workshop's days, or ending before they start, are refused beside the field and nothing is written", async () => {
    const workshop = await workshopIn("Asia/Jakarta", "2027-05-04", "2027-05-05");
    const before = await db.agendaSession.count();
    const outside = await createAgendaSession(
      workshop,
      input({ day: "2027-05-06", startTime: "09:00", endTime: "10:00" }),
      await actor(),
    ).catch((e: unknown) => e);
    expect(outside).toBeInstanceOf(InputRefused);
    expect(outside).toMatchObject({ field: "day", messageKey: "workshops:sessionForm.dayOutside" });
    const backwards = await createAgendaSession(
      workshop,
      input({ day: "2027-05-04", startTime: "11:00", endTime: "10:00" }),
      await actor(),
    ).catch((e: unknown) => e);
    expect(backwards).toMatchObject({ field: "endTime", messageKey: "workshops:sessionForm.endBeforeStart" });
    const empty = await createAgendaSession(
      workshop,
      input({ day: "2027-05-04", startTime: "10:00", endTime: "10:00" }),
      await actor(),
    ).catch((e: unknown) => e);
    expect(empty).toMatchObject({ field: "endTime", messageKey: "workshops:sessionForm.endBeforeStart" });
    expect(await db.agendaSession.count()).toBe(before);
  });

  it("refuse through the form with a translated message beside the field", async () => {
    const workshop = await workshopIn("Asia/Manila", "2027-06-01", "2027-06-01");
    const response = (await newSessionAction({
      request: await requestAs(demo.facilitator, `/workshops/${workshop.id}/agenda/new`, {
        day: "2027-06-01",
        startTime: "14:00",
        endTime: "13:00",
        title: "Closing",
        sessionType: "closing",
        "speakers[0].name": "",
        "speakers[0].role": "speaker",
      }),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as unknown as Reply;
    expect(response.init.status).toBe(400);
    expect(response.data.result.error).toEqual({ endTime: ["The session must end after it starts."] });
    expect(await db.agendaSession.count({ where: { workshopId: workshop.id } })).toBe(0);
  });

  it("refuse bad input through the edit form beside its field, changing nothing", async () => {
    const workshop = await workshopIn("Asia/Manila", "2027-06-08", "2027-06-08");
    const session = (
      await createAgendaSession(
        workshop,
        input({ day: "2027-06-08", startTime: "09:00", endTime: "10:00", title: "Opening" }),
        await actor(),
      )
    ).session;
    const response = (await settle(async () =>
      editSessionAction({
        request: await requestAs(demo.facilitator, `/workshops/${workshop.id}/agenda/${session.id}`, {
          intent: "save",
          day: "2027-06-08",
          startTime: "9am",
          endTime: "10:00",
          title: "Renamed",
          sessionType: "party",
        }),
        params: { workshopId: workshop.id, sessionId: session.id },
        context: routeContext,
      }),
    )) as unknown as Reply;
    expect(response.init.status).toBe(400);
    expect(Object.keys(response.data.result.error ?? {}).sort()).toEqual(["sessionType", "startTime"]);
    expect(await db.agendaSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      title: "Opening",
      startsAt: session.startsAt,
    });
  });
});

describe("overlapping sessions", () => {
  it("are saved but flagged, on both sessions; sessions that only touch are not", async () => {
    const workshop = await workshopIn("Asia/Bangkok", "2027-07-01", "2027-07-01");
    const a = await createAgendaSession(
      workshop,
      input({ day: "2027-07-01", startTime: "09:00", endTime: "10:00", title: "Opening" }),
      await actor(),
    );
    expect(a.overlapsWith).toEqual([]);
    const touching = await createAgendaSession(
      workshop,
      input({ day: "2027-07-01", startTime: "10:00", endTime: "11:00", title: "Plenary" }),
      await actor(),
    );
    expect(touching.overlapsWith).toEqual([]);
    const overlapping = await createAgendaSession(
      workshop,
      input({ day: "2027-07-01", startTime: "10:30", endTime: "11:30", title: "Panel" }),
      await actor(),
    );
    expect(overlapping.overlapsWith).toEqual(["Plenary"]);
    const [day] = await getAgenda(workshop);
    expect(day!.sessions.map((s) => [s.title, s.overlapsWith])).toEqual([
      ["Opening", []],
      ["Plenary", ["Panel"]],
      ["Panel", ["Plenary"]],
    ]);
  });
});

describe("reordering a day", () => {
  it("trades time slots: the moved session takes the earlier slot, the others follow with their own lengths and breaks", async () => {
    const workshop = await workshopIn("Asia/Bangkok", "2027-08-02", "2027-08-03");
    const day = "2027-08-02";
    await createAgendaSession(
      workshop,
      input({ day, startTime: "09:00", endTime: "10:00", title: "A" }),
      await actor(),
    );
    await createAgendaSession(
      workshop,
      input({ day, startTime: "10:15", endTime: "10:45", title: "B" }),
      await actor(),
    );
    const { session: c } = await createAgendaSession(
      workshop,
      input({ day, startTime: "11:00", endTime: "12:30", title: "C" }),
      await actor(),
    );
    const other = await createAgendaSession(
      workshop,
      input({ day: "2027-08-03", startTime: "09:00", endTime: "10:00", title: "Next day" }),
      await actor(),
    );

    const moved = await moveAgendaSession(workshop, c.id, 0, await actor());
    expect(moved).toMatchObject({ position: 1, of: 3, startTime: "09:00", endTime: "10:30", changed: true });
    const slots = async () =>
      (await getAgenda(workshop))[0]!.sessions.map((s) => `${s.title} ${s.startTime}-${s.endTime}`);
    // C (90 min) now opens the day; A and B keep their lengths and the 15-minute breaks; the day still ends at 12:30.
    expect(await slots()).toEqual(["C 09:00-10:30", "A 10:45-11:45", "B 12:00-12:30"]);

    // One step down and back up again restores the day.
    const a = await db.agendaSession.findFirstOrThrow({ where: { workshopId: workshop.id, title: "A" } });
    await moveAgendaSession(workshop, a.id, 2, await actor());
    expect(await slots()).toEqual(["C 09:00-10:30", "B 10:45-11:15", "A 11:30-12:30"]);
    await moveAgendaSession(workshop, a.id, 1, await actor());
    expect(await slots()).toEqual(["C 09:00-10:30", "A 10:45-11:45", "B 12:00-12:30"]);

    // Other days are untouched, and a move is recorded.
    expect((await getAgenda(workshop))[1]!.sessions.map((s) => s.id)).toEqual([other.session.id]);
    expect(await db.auditEvent.count({ where: { action: "agenda.reorder", entityId: c.id } })).toBe(1);
  });

  it("only changes the order of sessions that start together", async () => {
    const workshop = await workshopIn("Asia/Bangkok", "2027-08-10", "2027-08-10");
    const day = "2027-08-10";
    await createAgendaSession(
      workshop,
      input({ day, startTime: "13:00", endTime: "14:30", title: "Group 1" }),
      await actor(),
    );
    const { session: second } = await createAgendaSession(
      workshop,
      input({ day, startTime: "13:00", endTime: "14:00", title: "Group 2" }),
      await actor(),
    );
    await moveAgendaSession(workshop, second.id, 0, await actor());
    expect((await getAgenda(workshop))[0]!.sessions.map((s) => `${s.title} ${s.startTime}-${s.endTime}`)).toEqual([
      "Group 2 13:00-14:00",
      "Group 1 13:00-14:30",
    ]);
  });

  it("through the page: a facilitator of the workshop may, a facilitator of another workshop and a focal point may not", async () => {
    const workshop = await workshopIn("Asia/Bangkok", "2027-09-01", "2027-09-01");
    const { session: first } = await createAgendaSession(
      workshop,
      input({ day: "2027-09-01", startTime: "09:00", endTime: "10:00", title: "First" }),
      await actor(),
    );
    const { session: second } = await createAgendaSession(
      workshop,
      input({ day: "2027-09-01", startTime: "10:00", endTime: "11:00", title: "Second" }),
      await actor(),
    );
    const url = `/workshops/${workshop.id}/agenda`;
    const move = { intent: "move", sessionId: second.id, toIndex: "0" };

    for (const email of [demo.facilitatorIom, demo.focalPoint("TH"), demo.secretariat]) {
      const refused = await settle(async () =>
        agendaAction({
          request: await requestAs(email, url, move),
          params: { workshopId: workshop.id },
          context: routeContext,
        }),
      );
      expect(refused, email).toBeInstanceOf(Response);
      expect((refused as Response).status, email).toBe(403);
    }
    expect((await db.agendaSession.findUniqueOrThrow({ where: { id: first.id } })).startsAt.toISOString()).toBe(
      "2027-09-01T02:00:00.000Z",
    );

    // Everyone who may read workshops sees the agenda.
    const seen = (await agendaLoader({
      request: await requestAs(demo.observer, url),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as Awaited<ReturnType<typeof agendaLoader>>;
    expect(seen.days[0]!.sessions.map((s) => s.title)).toEqual(["First", "Second"]);

    const result = (await agendaAction({
      request: await requestAs(demo.facilitator, url, move),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as { moved: { position: number } };
    expect(result.moved.position).toBe(1);
    const admin = (await agendaAction({
      request: await requestAs(demo.admin, url, { ...move, sessionId: first.id }),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as { moved: { position: number } };
    expect(admin.moved.position).toBe(1);
  });

  it("a session of another workshop cannot be moved through this one", async () => {
    const mine = await workshopIn("Asia/Bangkok", "2027-09-05", "2027-09-05");
    const other = await workshopIn("Asia/Bangkok", "2027-09-05", "2027-09-05");
    const { session } = await createAgendaSession(
      other,
      input({ day: "2027-09-05", startTime: "09:00", endTime: "10:00" }),
      await actor(),
    );
    expect(await moveAgendaSession(mine, session.id, 0, await actor())).toBeNull();
  });
});

describe("the session form", () => {
  it("pairs speakers with their roles, links directory names and skips empty rows", () => {
    const parsed = AgendaSessionSchema.safeParse({
      day: "2027-01-01",
      startTime: "09:00",
      endTime: "10:00",
      title: "Panel",
      sessionType: "panel",
      speakers: [
        { name: "Somchai Rattanakul", role: "moderator" },
        { name: "", role: "speaker" },
        { name: "Guest Speaker", role: "resource_person" },
      ],
    });
    expect(parsed.data?.speakers).toEqual([
      { name: "Somchai Rattanakul", role: "moderator" },
      { name: "Guest Speaker", role: "resource_person" },
    ]);
    expect(
      AgendaSessionSchema.safeParse({
        day: "2027-01-01",
        startTime: "9am",
        endTime: "10:00",
        title: "x",
        sessionType: "panel",
      }).error?.issues[0]?.path,
    ).toEqual(["startTime"]);
  });
});

describe("iCalendar", () => {
  it("escapes text and folds long lines at 75 octets without splitting a character", () => {
    expect(escapeIcsText("Hall A; Level 2, Bangkok\\Thailand\nRoom 1")).toBe(
      "Hall A\\; Level 2\\, Bangkok\\\\Thailand\\nRoom 1",
    );
    const line = `SUMMARY:${"Pertemuan Focal Point Keterampilan ASEAN — sesi pleno tentang AQRF ".repeat(3)}`;
    const folded = foldIcsLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
    }
    // Unfolding (remove CRLF + one space) gives the line back, multi-byte characters intact.
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("describes a zone without daylight saving with one STANDARD observance, and one with it by its changes", () => {
    expect(buildVTimeZone("Asia/Bangkok", 2027, 2027)).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Asia/Bangkok",
      "BEGIN:STANDARD",
      "DTSTART:20261231T170000",
      "TZOFFSETFROM:+0700",
      "TZOFFSETTO:+0700",
      "TZNAME:GMT+7",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
    const zurich = buildVTimeZone("Europe/Zurich", 2027, 2027).join("\n");
    expect(zurich).toContain(
      "BEGIN:DAYLIGHT\nDTSTART:20270328T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:GMT+2\nEND:DAYLIGHT",
    );
    expect(zurich).toContain(
      "BEGIN:STANDARD\nDTSTART:20271031T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:GMT+1\nEND:STANDARD",
    );
  });

  it("carries every session in the workshop's zone, with stable UIDs, a DTSTAMP, CRLF line ends and escaped text", async () => {
    const workshop = await workshopIn("Asia/Bangkok", "2027-10-04", "2027-10-05");
    await createAgendaSession(
      workshop,
      input({
        day: "2027-10-04",
        startTime: "09:00",
        endTime: "09:45",
        title: "Opening, welcome; remarks",
        sessionType: "opening",
        speakers: [{ name: "Somchai Rattanakul", role: "speaker" }],
      }),
      await actor(),
    );
    await createAgendaSession(
      workshop,
      input({ day: "2027-10-05", startTime: "14:30", endTime: "15:30", title: "Closing", sessionType: "closing" }),
      await actor(),
    );
    const full = await db.workshop.findUniqueOrThrow({
      where: { id: workshop.id },
      include: { hostCountry: { select: { code: true, name: true } } },
    });
    const options = {
      agendaUrl: `https://focalpoint.example/workshops/${workshop.id}/agenda`,
      uidDomain: "focalpoint.example",
      t: await translatorFor("en"),
      now: new Date("2027-09-01T10:00:00Z"),
    };
    const ics = await buildAgendaCalendar(full, options);

    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.replace(/\r\n /g, "").split("\r\n").filter(Boolean);
    for (const raw of ics.split("\r\n")) expect(Buffer.byteLength(raw, "utf8")).toBeLessThanOrEqual(75);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines.some((l) => l.startsWith("PRODID:"))).toBe(true);
    expect(lines).toContain("TZID:Asia/Bangkok");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines).toContain("DTSTART;TZID=Asia/Bangkok:20271004T090000");
    expect(lines).toContain("DTEND;TZID=Asia/Bangkok:20271004T094500");
    expect(lines).toContain("DTSTART;TZID=Asia/Bangkok:20271005T143000");
    expect(lines).toContain("SUMMARY:Opening\\, welcome\\; remarks");
    expect(lines).toContain("LOCATION:Hotel\\; Hall A\\, Bangkok");
    expect(lines).toContain("DESCRIPTION:Somchai Rattanakul (Speaker)");
    expect(lines.filter((l) => l === "DTSTAMP:20270901T100000Z")).toHaveLength(2);
    // Every event has a UID, DTSTAMP and DTSTART (RFC 5545 §3.6.1), and the UIDs do not change between downloads.
    const events = ics.replace(/\r\n /g, "").split("BEGIN:VEVENT").slice(1);
    for (const event of events)
      for (const property of ["UID:", "DTSTAMP:", "DTSTART;TZID="]) expect(event).toContain(`\r\n${property}`);
    const uids = (text: string) => text.replace(/\r\n /g, "").match(/^UID:.*$/gm);
    expect(uids(await buildAgendaCalendar(full, { ...options, now: new Date() }))).toEqual(uids(ics));
  });

  it("downloads for anyone who may read workshops, as text/calendar", async () => {
    const workshop = await db.workshop.findFirstOrThrow({ where: { title: "ASEAN Meeting of Skills Focal Points" } });
    const response = (await icsLoader({
      request: await requestAs(demo.observer, `/workshops/${workshop.id}/agenda.ics`),
      params: { workshopId: workshop.id },
      context: routeContext,
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain(".ics");
    const ics = await response.text();
    expect(ics).toContain("DTSTART;TZID=Asia/Bangkok:20150810T083000");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(11);
    // Roles in the reader's language (the observer reads English).
    expect(ics.replace(/\r\n /g, "")).toContain(
      "\r\nDESCRIPTION:Somchai Rattanakul (Speaker)\\, Dewi Anggraini Putri (Speaker)\r\n",
    );
  });
});
