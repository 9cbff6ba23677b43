import { db } from "~/utils/db.server";
import type { WorkshopKind } from "~/utils/domain";
import { todayIn } from "~/utils/format";

export type WorkshopFilter = { kind?: WorkshopKind; hostCountryId?: string; year?: number };

/** Upcoming (not yet ended) and past workshops; a year matches workshops that start in it. */
export async function listWorkshops(filter: WorkshopFilter = {}) {
  const today = todayIn();
  const workshops = await db.workshop.findMany({
    where: {
      kind: filter.kind,
      hostCountryId: filter.hostCountryId,
      startsOn: filter.year ? { startsWith: `${filter.year}-` } : undefined,
    },
    orderBy: { startsOn: "asc" },
    select: {
      id: true,
      title: true,
      kind: true,
      city: true,
      startsOn: true,
      endsOn: true,
      timeZone: true,
      hostCountry: { select: { code: true, name: true } },
      _count: { select: { participants: { where: { registrationStatus: "registered" } } } },
    },
  });
  return {
    upcoming: workshops.filter((w) => w.endsOn >= today),
    past: workshops.filter((w) => w.endsOn < today).reverse(),
  };
}

/** The years workshops started in, newest first, for the year filter. */
export async function workshopYears() {
  const rows = await db.workshop.findMany({ select: { startsOn: true } });
  return [...new Set(rows.map((w) => Number(w.startsOn.slice(0, 4))))].sort((a, b) => b - a);
}

export async function upcomingWorkshops(take = 5) {
  return db.workshop.findMany({
    where: { endsOn: { gte: todayIn() } },
    orderBy: { startsOn: "asc" },
    take,
    select: { id: true, title: true, city: true, startsOn: true, endsOn: true, hostCountry: { select: { code: true } } },
  });
}

function countBy<T>(items: T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, count }));
}

/** A workshop's whole story: agenda, who came, what was decided and what became of it. */
export async function getWorkshopDetail(workshopId: string) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    include: {
      hostCountry: { select: { code: true, name: true } },
      project: { select: { title: true } },
      facilitators: { select: { user: { select: { id: true, name: true } } } },
      sessions: { orderBy: [{ startsAt: "asc" }, { sortOrder: "asc" }], include: { speakers: { select: { name: true, role: true, userId: true } } } },
      participants: { select: { category: true, sex: true, registrationStatus: true, country: { select: { code: true } }, attendance: { select: { day: true } } } },
      outcomes: {
        orderBy: { createdAt: "asc" },
        include: {
          assignments: {
            include: {
              country: { select: { code: true, name: true } },
              actionItem: { select: { id: true, status: true, progress: true, planId: true } },
            },
          },
        },
      },
    },
  });
  if (!workshop) return null;
  const registered = workshop.participants.filter((p) => p.registrationStatus === "registered");
  const attendanceDays = countBy(
    registered.flatMap((p) => p.attendance.map((a) => a.day)),
    (d) => d,
  ).sort((a, b) => a.name.localeCompare(b.name));
  const { participants: _, ...rest } = workshop;
  return {
    ...rest,
    registeredCount: registered.length,
    byCategory: countBy(registered, (p) => p.category),
    byCountry: countBy(registered, (p) => p.country?.code ?? "—"),
    bySex: countBy(registered, (p) => p.sex),
    attendanceDays,
  };
}

/** What every page of a workshop shows in its header, and who may change it. */
export async function getWorkshopHeader(workshopId: string) {
  const workshop = await db.workshop.findUnique({
    where: { id: workshopId },
    select: {
      id: true,
      title: true,
      kind: true,
      venue: true,
      city: true,
      timeZone: true,
      startsOn: true,
      endsOn: true,
      hostCountry: { select: { code: true, name: true } },
      facilitators: { select: { userId: true } },
    },
  });
  if (!workshop) return null;
  const { facilitators, ...rest } = workshop;
  return { ...rest, facilitatorIds: facilitators.map((f) => f.userId) };
}
