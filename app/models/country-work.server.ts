/**
 * "What needs doing in <country>": the read model of a focal point's home. For each of the
 * person's own countries, the action items and milestones that are overdue or due soon
 * (app/domain/overdue.ts decides both), blocked milestones, and whether the person may update
 * each one in place; the open items the person owns; what others changed since the last visit.
 */
import { can, type Actor } from "~/auth/permissions";
import { actionItemOverdue, dueSoonUntil, milestoneOverdue } from "~/domain/overdue";
import { db } from "~/utils/db.server";
import { overdueToday } from "~/utils/format";
import { activityFeed } from "./audit.server";
import { readableCountryFilter } from "./country-scope.server";
import { actionItemDueByWhere, milestoneDueByWhere, openActionItemWhere } from "./overdue.server";

/** At most this many changes since the last visit are listed; the count says how many there were. */
const CHANGES_SHOWN = 20;

const itemSelect = {
  id: true,
  activity: true,
  leadAgency: true,
  dueOn: true,
  status: true,
  progress: true,
  progressNote: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  plan: {
    select: { id: true, title: true, status: true, countryId: true, country: { select: { code: true, name: true } } },
  },
} as const;

type ItemRow = { status: string; dueOn: string | null; plan: { status: string; countryId: string } };

function withVerdicts<I extends ItemRow>(actor: Actor, today: string) {
  return (item: I) => ({
    ...item,
    overdue: actionItemOverdue(item, today),
    canUpdate: can(actor, "plan.edit", { countryId: item.plan.countryId, planStatus: item.plan.status }),
  });
}

/** Missing days last, then by day: ISO days compare as strings. */
const byDay = (a: string | null, b: string | null) => (a ?? "9999").localeCompare(b ?? "9999");

/** Overdue, due-soon and blocked work of each country, the earliest day first. */
export async function countryWork(actor: Actor, countryIds: readonly string[]) {
  const today = overdueToday();
  const until = dueSoonUntil(today);
  const [countries, items, milestones] = await Promise.all([
    db.country.findMany({
      where: { id: { in: [...countryIds] } },
      orderBy: { sortOrder: "asc" },
      select: { id: true, code: true, name: true },
    }),
    db.actionItem.findMany({
      where: { ...actionItemDueByWhere(until), plan: { countryId: { in: [...countryIds] } } },
      orderBy: [{ dueOn: "asc" }, { sortOrder: "asc" }],
      select: itemSelect,
    }),
    db.milestone.findMany({
      where: { countryId: { in: [...countryIds] }, OR: [{ status: "blocked" }, milestoneDueByWhere(until)] },
      select: {
        id: true,
        countryId: true,
        status: true,
        targetOn: true,
        updatedAt: true,
        stage: { select: { code: true, name: true } },
        sector: { select: { code: true, name: true } },
      },
    }),
  ]);
  return {
    today,
    until,
    countries: countries.map((country) => ({
      country,
      items: items.filter((i) => i.plan.countryId === country.id).map(withVerdicts(actor, today)),
      milestones: milestones
        .filter((m) => m.countryId === country.id)
        .sort((a, b) => byDay(a.targetOn, b.targetOn))
        .map((m) => ({
          ...m,
          overdue: milestoneOverdue(m, today),
          canUpdate: can(actor, "milestone.edit", { countryId: country.id }),
        })),
    })),
  };
}

/** The open items the person owns, in the countries they may still read, the earliest due first. */
export async function myOpenItems(actor: Actor) {
  const items = await db.actionItem.findMany({
    where: { ...openActionItemWhere, ownerId: actor.id, plan: { countryId: readableCountryFilter(actor) } },
    select: itemSelect,
  });
  return items.sort((a, b) => byDay(a.dueOn, b.dueOn)).map(withVerdicts(actor, overdueToday()));
}

/**
 * What other people recorded in these countries after `since` (the person's own changes they
 * know), newest first.
 */
export async function changesByOthersSince(actor: Actor, countryIds: readonly string[], since: Date) {
  const where = {
    countryId: { in: [...countryIds] },
    createdAt: { gt: since },
    OR: [{ actorId: null }, { actorId: { not: actor.id } }],
  };
  const [total, events] = await Promise.all([db.auditEvent.count({ where }), activityFeed(where, CHANGES_SHOWN)]);
  return { total, events };
}
