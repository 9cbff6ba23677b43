import { db } from "~/utils/db.server";
import { getAgenda } from "./agenda.server";

/**
 * Sign-in sheets: the paper every donor accepts as proof of attendance, one
 * page per workshop day, or per agenda session (breaks have none). Each lists
 * the registered participants to sign beside their names, with blank lines
 * for walk-ins, who write their own.
 */

export type SignInSheetsBy = "day" | "session";
type Sheet = {
  key: string;
  day: string;
  /** the day's place in the workshop, from 1 */
  dayNumber: number;
  session: { title: string; startTime: string; endTime: string } | null;
};

/** Lines left empty at the end of each sheet for people not on the list. */
const WALK_IN_LINES = 6;

export async function signInSheets(
  workshop: { id: string; timeZone: string; startsOn: string; endsOn: string },
  by: SignInSheetsBy,
) {
  const [registered, agenda] = await Promise.all([
    db.participant.findMany({
      where: { workshopId: workshop.id, registrationStatus: "registered" },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        organisationName: true,
        organisation: { select: { name: true } },
        country: { select: { code: true, name: true } },
      },
    }),
    getAgenda(workshop),
  ]);
  const sessionsOf = (day: (typeof agenda)[number]) => day.sessions.filter((s) => s.sessionType !== "break");
  const hasSessions = agenda.some((day) => sessionsOf(day).length > 0);
  const perSession = by === "session" && hasSessions;
  const sheets = agenda.flatMap((day, index): Sheet[] =>
    perSession
      ? sessionsOf(day).map((s) => ({
          key: s.id,
          day: day.day,
          dayNumber: index + 1,
          session: { title: s.title, startTime: s.startTime, endTime: s.endTime },
        }))
      : [{ key: day.day, day: day.day, dayNumber: index + 1, session: null }],
  );
  return {
    by: perSession ? ("session" as const) : ("day" as const),
    hasSessions,
    sheets,
    walkInLines: WALK_IN_LINES,
    people: registered.map((p) => ({
      id: p.id,
      name: p.name,
      organisation: p.organisationName || p.organisation?.name || "",
      country: p.country,
    })),
  };
}
