import { describe, expect, it } from "vitest";
import {
  attendanceStatistics,
  checkIn,
  defaultAttendanceDay,
  participationSummary,
  todayOutsideDays,
  undoCheckIn,
  workshopDays,
} from "~/models/attendance.server";
import { badgeUrl } from "~/models/participant-badge.server";
import {
  action as attendanceAction,
  loader as attendanceLoader,
} from "~/routes/_app+/workshops+/$workshopId+/attendance";
import { loader as statisticsCsv } from "~/routes/_app+/workshops+/$workshopId+/attendance[.]csv";
import { loader as badgeLanding } from "~/routes/_app+/check-in.$badgeToken";
import { db } from "~/utils/db.server";
import { cookieFor, routeContext, settle } from "../support/requests";
import { demo } from "../support/people";

const bangkok = () => db.workshop.findFirstOrThrow({ where: { startsOn: "2015-08-10" } });
/** The 2015 meeting's days are long past: every check-in recorded now is confirmed as such. */
const confirmed = { outsideDaysConfirmed: true };
const facilitatorId = async () => (await db.user.findUniqueOrThrow({ where: { email: demo.facilitator } })).id;

/** A registered Bangkok participant the seed did not check in on that day. */
async function absentee(workshopId: string, day: string) {
  return db.participant.findFirstOrThrow({
    where: { workshopId, registrationStatus: "registered", attendance: { none: { day } } },
    orderBy: { name: "asc" },
  });
}

describe("workshop days", () => {
  it("lists every day from start to end and defaults to today only while the workshop runs", () => {
    const w = { startsOn: "2027-02-27", endsOn: "2027-03-02", timeZone: "Asia/Bangkok" };
    expect(workshopDays(w)).toEqual(["2027-02-27", "2027-02-28", "2027-03-01", "2027-03-02"]);
    // 23:30 UTC on 28 February is already 1 March in Bangkok.
    expect(defaultAttendanceDay(w, new Date("2027-02-28T23:30:00Z"))).toBe("2027-03-01");
    expect(defaultAttendanceDay(w, new Date("2030-01-01T00:00:00Z"))).toBe("2027-02-27");
  });
});

// Runs before the check-in tests below, which change the Bangkok attendance.
describe("statistics from the seeded Bangkok meeting (10-11 August 2015)", () => {
  it("counts attendance by day, country, category and sex as the seed recorded it", async () => {
    const workshop = await bangkok();
    const stats = await attendanceStatistics(workshop);
    // 28 on the list, one declined; the seed leaves four out on day one and three on day two.
    expect(stats.registered).toBe(27);
    expect(stats.days).toEqual(["2015-08-10", "2015-08-11"]);
    expect(stats.byDay.map((d) => [d.key, d.attended])).toEqual([
      ["2015-08-10", 23],
      ["2015-08-11", 24],
    ]);
    expect(stats.attended).toBe(27);
    expect(stats.personDays).toBe(47);
    expect(Object.fromEntries(stats.byCategory.map((r) => [r.key, r.attended]))).toEqual({
      task_force: 10,
      focal_point: 9,
      ilo: 5,
      resource_person: 2,
      secretariat: 1,
    });

    // Sex and country figures against the rows themselves, counted independently in SQL.
    const sexRows = await db.$queryRawUnsafe<{ sex: string; people: bigint; days: bigint }[]>(
      `SELECT p.sex AS sex, COUNT(DISTINCT p.id) AS people, COUNT(a.id) AS days FROM Participant p JOIN Attendance a ON a.participantId = p.id WHERE p.workshopId = ? GROUP BY p.sex`,
      workshop.id,
    );
    for (const row of sexRows) {
      const counted = stats.bySex.find((r) => r.key === row.sex)!;
      expect([counted.attended, counted.personDays], row.sex).toEqual([Number(row.people), Number(row.days)]);
    }
    expect(stats.bySex.reduce((sum, r) => sum + r.attended, 0)).toBe(27);
    const female = stats.bySex.find((r) => r.key === "female")!.attended;
    expect(female).toBeGreaterThan(0);
    expect(stats.byCategory.reduce((sum, r) => sum + r.bySex.female, 0)).toBe(female);

    const countryRows = await db.$queryRawUnsafe<{ code: string; people: bigint; women: bigint }[]>(
      `SELECT c.code AS code, COUNT(DISTINCT p.id) AS people, COUNT(DISTINCT CASE WHEN p.sex = 'female' THEN p.id END) AS women
       FROM Participant p JOIN Attendance a ON a.participantId = p.id JOIN Country c ON c.id = p.countryId WHERE p.workshopId = ? GROUP BY c.code`,
      workshop.id,
    );
    expect(stats.byCountry.map((r) => [r.key, r.attended, r.bySex.female]).sort()).toEqual(
      countryRows.map((r) => [r.code, Number(r.people), Number(r.women)]).sort(),
    );
    // Thailand: its focal point declined; its task-force member, a resource person and the five ILO staff came.
    expect(stats.byCountry.find((r) => r.key === "TH")!.attended).toBe(7);
  });

  it("exports the same figures as CSV, and the overview's summary agrees", async () => {
    const workshop = await bangkok();
    const cookie = await cookieFor(demo.observer);
    const response = await statisticsCsv({
      request: new Request(`http://localhost/workshops/${workshop.id}/attendance.csv`, { headers: { cookie } }),
      params: { workshopId: workshop.id },
      context: routeContext,
    });
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe("table,value,People,Female,Male,Other,Not stated,Person-days");
    expect(lines).toContain("By day,2015-08-10,23," + (await dayBySex(workshop.id, "2015-08-10")) + ",23");
    expect(lines.some((l) => l.startsWith("By category,Task-force representative,10,"))).toBe(true);

    const summary = await participationSummary(workshop.id);
    expect(summary.registeredCount).toBe(27);
    expect(summary.attendanceDays).toEqual([
      { name: "2015-08-10", count: 23 },
      { name: "2015-08-11", count: 24 },
    ]);
  });

  it("shows the live board to every reader, and the list to tick only to facilitators", async () => {
    const workshop = await bangkok();
    const run = async (email: string) =>
      attendanceLoader({
        request: new Request(`http://localhost/workshops/${workshop.id}/attendance?day=2015-08-11`, {
          headers: { cookie: await cookieFor(email) },
        }),
        params: { workshopId: workshop.id },
        context: routeContext,
      });
    const reader = await run(demo.focalPoint("KH"));
    expect(reader.board.day).toBe("2015-08-11");
    expect(reader.board.present).toHaveLength(24);
    expect(reader.board.notYetPresent).toEqual([]);
    expect(reader.canManage).toBe(false);
    const facilitator = await run(demo.facilitator);
    expect(facilitator.canManage).toBe(true);
    expect(facilitator.board.notYetPresent.length).toBe(3);
  });
});

describe("checking in", () => {
  it("is harmless twice: the second time reports when the person was checked in", async () => {
    const workshop = await bangkok();
    const person = await absentee(workshop.id, "2015-08-10");
    const actor = { actorId: await facilitatorId() };
    const first = await checkIn(workshop, "2015-08-10", { participantId: person.id }, actor, confirmed);
    expect(first).toMatchObject({ status: "checked_in", name: person.name });
    const second = await checkIn(workshop, "2015-08-10", { badgeCode: badgeUrl(person.badgeToken) }, actor, confirmed);
    expect(second).toMatchObject({ status: "already", name: person.name });
    expect(second.status === "already" && first.status === "checked_in" && second.checkedInAt.getTime()).toBe(
      first.status === "checked_in" && first.checkedInAt.getTime(),
    );
    expect(await db.attendance.count({ where: { participantId: person.id, day: "2015-08-10" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "attendance.check_in", entityId: person.id } })).toBe(1);

    expect(await undoCheckIn(workshop.id, person.id, "2015-08-10", actor)).toBe(true);
    expect(await undoCheckIn(workshop.id, person.id, "2015-08-10", actor)).toBe(false);
    expect(await db.attendance.count({ where: { participantId: person.id, day: "2015-08-10" } })).toBe(0);
  });

  it("accepts the bare badge code and the badge URL, and refuses days outside the workshop", async () => {
    const workshop = await bangkok();
    const person = await absentee(workshop.id, "2015-08-11");
    const actor = { actorId: await facilitatorId() };
    expect(await checkIn(workshop, "2015-08-12", { badgeCode: person.badgeToken }, actor, confirmed)).toEqual({
      status: "bad_day",
    });
    expect(await checkIn(workshop, "2015-08-11", { badgeCode: person.badgeToken }, actor, confirmed)).toMatchObject({
      status: "checked_in",
    });
    const row = await db.attendance.findUniqueOrThrow({
      where: { participantId_day: { participantId: person.id, day: "2015-08-11" } },
    });
    expect(row.method).toBe("qr");
  });

  it("refuses the badge of another workshop's participant without saying whose it is", async () => {
    const workshop = await bangkok();
    const jakarta = await db.workshop.findFirstOrThrow({ where: { startsOn: "2014-09-24" } });
    const stranger = await db.participant.findFirstOrThrow({ where: { workshopId: jakarta.id } });
    const actor = { actorId: await facilitatorId() };
    expect(await checkIn(workshop, "2015-08-10", { badgeCode: stranger.badgeToken }, actor, confirmed)).toEqual({
      status: "not_participant",
    });
    expect(await checkIn(workshop, "2015-08-10", { participantId: stranger.id }, actor, confirmed)).toEqual({
      status: "not_participant",
    });
    expect(await checkIn(workshop, "2015-08-10", { badgeCode: "=cmd|' /C calc'!A0" }, actor, confirmed)).toEqual({
      status: "not_participant",
    });
  });

  it("needs a facilitator's session: anyone else holding a badge code checks nobody in", async () => {
    const workshop = await bangkok();
    const person = await absentee(workshop.id, "2015-08-10");
    const body = (confirm = true) =>
      new URLSearchParams({
        intent: "check-in-code",
        day: "2015-08-10",
        code: person.badgeToken,
        ...(confirm ? { outsideDays: "confirmed" } : {}),
      });
    for (const email of [demo.focalPoint("KH"), demo.secretariat, demo.facilitatorIom, demo.observer]) {
      const cookie = await cookieFor(email);
      const request = new Request(`http://localhost/workshops/${workshop.id}/attendance`, {
        method: "POST",
        body: body(),
        headers: { cookie },
      });
      const refused = await settle(() =>
        attendanceAction({ request, params: { workshopId: workshop.id }, context: routeContext }),
      );
      expect((refused as Response).status, email).toBe(403);
      const landing = await settle(() =>
        badgeLanding({
          request: new Request(`http://localhost/check-in/${person.badgeToken}`, { headers: { cookie } }),
          params: { badgeToken: person.badgeToken },
          context: routeContext,
        }),
      );
      expect((landing as Response).status, email).toBe(403);
    }
    const anonymous = await settle(() =>
      attendanceAction({
        request: new Request(`http://localhost/workshops/${workshop.id}/attendance`, { method: "POST", body: body() }),
        params: { workshopId: workshop.id },
        context: routeContext,
      }),
    );
    expect((anonymous as Response).status).toBe(302);
    expect(await db.attendance.count({ where: { participantId: person.id, day: "2015-08-10" } })).toBe(0);

    // The facilitator's badge landing only opens the check-in desk with the code filled in.
    const cookie = await cookieFor(demo.facilitator);
    const landing = (await settle(() =>
      badgeLanding({
        request: new Request(`http://localhost/check-in/${person.badgeToken}`, { headers: { cookie } }),
        params: { badgeToken: person.badgeToken },
        context: routeContext,
      }),
    )) as Response;
    expect(landing.status).toBe(302);
    expect(landing.headers.get("Location")).toBe(
      `/workshops/${workshop.id}/attendance?day=2015-08-10&code=${person.badgeToken}`,
    );
    expect(await db.attendance.count({ where: { participantId: person.id, day: "2015-08-10" } })).toBe(0);

    const post = (confirm: boolean) =>
      attendanceAction({
        request: new Request(`http://localhost/workshops/${workshop.id}/attendance`, {
          method: "POST",
          body: body(confirm),
          headers: { cookie },
        }),
        params: { workshopId: workshop.id },
        context: routeContext,
      });
    // Today is not one of the 2015 days: without the confirmation nothing is written, and the answer says why.
    expect(await post(false)).toMatchObject({ result: { status: "outside_days", today: expect.any(String) } });
    expect(await db.attendance.count({ where: { participantId: person.id, day: "2015-08-10" } })).toBe(0);
    expect(await post(true)).toMatchObject({ result: { status: "checked_in", name: person.name } });
  });
});

/** A two-day workshop in Vientiane run by the ILO demo facilitator, with nobody on its list. */
async function vientianeWorkshop() {
  return db.workshop.create({
    data: {
      title: "National workshop on MRS (attendance test)",
      kind: "national_workshop",
      timeZone: "Asia/Vientiane",
      startsOn: "2027-05-04",
      endsOn: "2027-05-05",
      facilitators: { create: { userId: await facilitatorId() } },
    },
  });
}

// 23:00 on 3 May and 01:00 on 4 May in Vientiane (UTC+7).
const EVE = new Date("2027-05-03T16:00:00Z");
const FIRST_MORNING = new Date("2027-05-03T18:00:00Z");

describe("checking in outside the workshop's days", () => {
  it("asks for confirmation, judged by the calendar of the workshop's own zone", async () => {
    const workshop = await vientianeWorkshop();
    const person = await db.participant.create({
      data: { workshopId: workshop.id, name: "Keo Phommachanh", category: "observer", badgeToken: "t-keo-outside" },
    });
    const actor = { actorId: await facilitatorId() };
    expect(todayOutsideDays(workshop, EVE)).toBe("2027-05-03");
    expect(todayOutsideDays(workshop, FIRST_MORNING)).toBeNull();
    // The evening before, in Vientiane (already 4 May by then in Tokyo): refused, nothing written.
    expect(await checkIn(workshop, "2027-05-04", { participantId: person.id }, actor, { now: EVE })).toEqual({
      status: "outside_days",
      today: "2027-05-03",
    });
    expect(await db.attendance.count({ where: { participantId: person.id } })).toBe(0);
    // Confirmed, it is recorded; an hour past midnight in Vientiane, no confirmation is needed.
    expect(
      await checkIn(workshop, "2027-05-04", { participantId: person.id }, actor, {
        now: EVE,
        outsideDaysConfirmed: true,
      }),
    ).toMatchObject({ status: "checked_in" });
    expect(
      await checkIn(workshop, "2027-05-05", { participantId: person.id }, actor, { now: FIRST_MORNING }),
    ).toMatchObject({ status: "checked_in" });
  });
});

describe("attendance figures a donor report can rely on", () => {
  it("counts registered-and-came, no-shows and walk-ins apart, and names countries in the reader's language", async () => {
    const workshop = await vientianeWorkshop();
    const [la, vn] = await Promise.all(["LA", "VN"].map((code) => db.country.findUniqueOrThrow({ where: { code } })));
    const person = (name: string, registrationStatus: string, sex: string, countryId: string) =>
      db.participant.create({
        data: {
          workshopId: workshop.id,
          name,
          category: "task_force",
          registrationStatus,
          sex,
          countryId,
          badgeToken: `t-${name.toLowerCase().replace(/\W/g, "-")}`,
        },
      });
    const came = await person("Nguyễn Thị Hương", "registered", "female", vn.id);
    await person("Somphone Vongsa", "registered", "male", la.id); // never comes
    const walkIn = await person("Bounthavy Inthavong", "invited", "male", la.id); // never registered, came anyway
    await person("Declined Delegate", "declined", "female", la.id);
    const actor = { actorId: await facilitatorId() };
    for (const [p, day] of [
      [came, "2027-05-04"],
      [came, "2027-05-05"],
      [walkIn, "2027-05-05"],
    ] as const)
      expect(await checkIn(workshop, day, { participantId: p.id }, actor, { now: FIRST_MORNING })).toMatchObject({
        status: "checked_in",
      });

    const stats = await attendanceStatistics(workshop);
    // Not "2 of 2 registered came": one registered person came, one did not, and one came without registering.
    expect(stats).toMatchObject({ registered: 2, registeredAttended: 1, noShows: 1, walkIns: 1, attended: 2 });
    expect(stats.personDays).toBe(3);
    expect(stats.byRegistration.map((r) => [r.key, r.attended, r.bySex.female, r.bySex.male, r.personDays])).toEqual([
      ["registered", 2, 1, 1, 2],
      ["registered_attended", 1, 1, 0, 2],
      ["no_show", 1, 0, 1, 0],
      ["walk_in", 1, 0, 1, 1],
    ]);
    expect(stats.byCountry.map((r) => [r.key, r.attended])).toEqual([
      ["LA", 1],
      ["VN", 1],
    ]);

    // The facilitator's board marks the walk-in; a reader's does not say who registered.
    const board = await attendanceLoader({
      request: new Request(`http://localhost/workshops/${workshop.id}/attendance?day=2027-05-05`, {
        headers: { cookie: await cookieFor(demo.facilitator) },
      }),
      params: { workshopId: workshop.id },
      context: routeContext,
    });
    expect(board.board.present.map((p) => [p.name, p.walkIn]).sort()).toEqual([
      ["Bounthavy Inthavong", true],
      ["Nguyễn Thị Hương", false],
    ]);
    const readerBoard = await attendanceLoader({
      request: new Request(`http://localhost/workshops/${workshop.id}/attendance?day=2027-05-05`, {
        headers: { cookie: await cookieFor(demo.focalPoint("KH")) },
      }),
      params: { workshopId: workshop.id },
      context: routeContext,
    });
    expect(readerBoard.board.present.every((p) => p.walkIn === false)).toBe(true);

    const csv = async (email: string) => {
      const response = await statisticsCsv({
        request: new Request(`http://localhost/workshops/${workshop.id}/attendance.csv`, {
          headers: { cookie: await cookieFor(email) },
        }),
        params: { workshopId: workshop.id },
        context: routeContext,
      });
      return (await response.text()).split("\r\n");
    };
    const english = await csv(demo.facilitator);
    expect(english).toEqual(
      expect.arrayContaining([
        "Registered and attended,Registered,2,1,1,0,0,2",
        "Registered and attended,Registered and came,1,1,0,0,0,2",
        'Registered and attended,"Registered, did not come (no-shows)",1,0,1,0,0,0',
        "Registered and attended,Came without registering (walk-ins),1,0,1,0,0,1",
        "By country,Lao PDR,1,0,1,0,0,1",
        "By country,Viet Nam,1,1,0,0,0,2",
      ]),
    );
    const fpLa = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("LA") } });
    await db.user.update({ where: { id: fpLa.id }, data: { locale: "id" } });
    const indonesian = await csv(demo.focalPoint("LA"));
    expect(indonesian[0]).toBe("tabel,nilai,Orang,Perempuan,Laki-laki,Lainnya,Tidak disebutkan,Hari-orang");
    expect(indonesian).toEqual(
      expect.arrayContaining([
        "Pendaftaran dan kehadiran,Terdaftar,2,1,1,0,0,2",
        "Menurut negara,Laos,1,0,1,0,0,1",
        "Menurut negara,Vietnam,1,1,0,0,0,2",
      ]),
    );
  });
});

async function dayBySex(workshopId: string, day: string) {
  const rows = await db.participant.findMany({
    where: { workshopId, attendance: { some: { day } } },
    select: { sex: true },
  });
  return ["female", "male", "other", "undisclosed"].map((sex) => rows.filter((r) => r.sex === sex).length).join(",");
}
