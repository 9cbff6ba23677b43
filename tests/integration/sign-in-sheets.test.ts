import { describe, expect, it } from "vitest";
import { loader as sheetsLoader } from "~/routes/_app+/workshops+/$workshopId+/attendance_.sheets";
import { db } from "~/utils/db.server";
import { demo } from "../support/people";
import { requestAs, routeContext, settle } from "../support/requests";

/** The printed sign-in sheets of the seeded 2027 meeting in Hanoi (two days, four sessions), as its desk prints them. */
const hanoi = () => db.workshop.findFirstOrThrow({ where: { title: "ASEAN Meeting of Skills Focal Points 2027" } });

const open = async (email: string, workshopId: string, query = "") =>
  settle(async () =>
    sheetsLoader({
      request: await requestAs(email, `/workshops/${workshopId}/attendance/sheets${query}`),
      params: { workshopId },
      context: routeContext,
    }),
  );
type Sheets = Exclude<Awaited<ReturnType<typeof open>>, Response>;

describe("sign-in sheets", () => {
  it("have a page per day listing the registered, in alphabetical order", async () => {
    const workshop = await hanoi();
    const sheets = (await open(demo.facilitator, workshop.id)) as Sheets;
    expect(sheets.by).toBe("day");
    expect(sheets.sheets.map((s) => [s.day, s.dayNumber, s.session])).toEqual([
      ["2027-03-16", 1, null],
      ["2027-03-17", 2, null],
    ]);
    const registered = await db.participant.findMany({
      where: { workshopId: workshop.id, registrationStatus: "registered" },
      select: { name: true },
    });
    expect(sheets.people.map((p) => p.name)).toEqual(registered.map((p) => p.name).sort((a, b) => (a < b ? -1 : 1)));
    expect(sheets.people.length).toBeGreaterThan(0);
    expect(sheets.walkInLines).toBeGreaterThan(0);
  });

  it("have a page per agenda session when asked, with its time on the workshop's clock", async () => {
    const workshop = await hanoi();
    const sheets = (await open(demo.secretariat, workshop.id, "?by=session")) as Sheets;
    expect(sheets.by).toBe("session");
    expect(sheets.sheets.map((s) => s.session)).toEqual([
      { title: "Opening", startTime: "09:00", endTime: "09:45" },
      { title: "Country progress on the 2025-2027 action plans", startTime: "10:00", endTime: "12:30" },
      { title: "Priorities for 2028-2030", startTime: "09:00", endTime: "11:30" },
      { title: "Closing", startTime: "11:30", endTime: "12:00" },
    ]);
  });

  it("are for those who run the desk: the workshop's facilitators, the Secretariat and administrators", async () => {
    const workshop = await hanoi();
    for (const email of [demo.focalPoint("LA"), demo.taskForce("KH"), demo.facilitatorIom]) {
      const refused = await open(email, workshop.id);
      expect((refused as Response).status, email).toBe(403);
    }
    expect(((await open(demo.admin, workshop.id)) as Sheets).sheets).toHaveLength(2);
  });
});
