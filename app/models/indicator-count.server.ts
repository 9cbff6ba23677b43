import type { CountedDefinition, Disaggregation } from "~/domain/indicator-definitions";
import { db } from "~/utils/db.server";

/**
 * Counting an indicator from the app's own records (decision 022): each definition finds the
 * project's records dated in a window, and returns how many there are, how they split by sex,
 * country and category, and the records themselves, so every number drills down to what is behind it.
 */

/** A window of calendar days, both ends included. */
export type DayWindow = { startsOn: string; endsOn: string };
export type ProjectScope = { id: string; countryIds: string[] };

/** One record behind a number, with what the report shows of it (kept in the snapshot of a locked period). */
export type CountedRecord = {
  type: "workshop" | "person" | "milestone" | "action_item";
  id: string;
  /** the workshop's title, the person's name, the item's activity; for milestones the stage code */
  title: string;
  date: string | null;
  countryCode: string | null;
  /** a milestone's sector code, a person's category */
  detail: string | null;
  /** a person's sex, for the disaggregation; never shown beside the name */
  sex?: string;
  /** where to read it: the workshop (a person's first counted workshop), the milestone, the plan */
  path: string;
};

export type Breakdown = Partial<Record<Disaggregation, Record<string, number>>>;
export type CountedValue = { value: number; breakdown: Breakdown; records: CountedRecord[] };

const inWindow = (window: DayWindow) => ({ gte: window.startsOn, lte: window.endsOn });

function tally(breakdown: Breakdown, dimension: Disaggregation, key: string | null | undefined) {
  const counts = (breakdown[dimension] ??= {});
  const name = key ?? "unknown";
  counts[name] = (counts[name] ?? 0) + 1;
}

/** How the records split by sex, country and category (people), or by country (everything else). */
export function breakdownOf(records: CountedRecord[]): Breakdown {
  const breakdown: Breakdown = {};
  for (const record of records) {
    if (record.type === "person") {
      tally(breakdown, "sex", record.sex);
      tally(breakdown, "category", record.detail);
    }
    tally(breakdown, "country", record.countryCode);
  }
  return breakdown;
}

export async function countIndicator(
  project: ProjectScope,
  counted: CountedDefinition,
  window: DayWindow,
): Promise<CountedValue> {
  switch (counted.definition) {
    case "workshops_held": {
      const { kinds, countryIds } = counted.filters;
      const workshops = await db.workshop.findMany({
        where: {
          projectId: project.id,
          kind: { in: kinds },
          startsOn: inWindow(window),
          ...(countryIds ? { hostCountryId: { in: countryIds } } : {}),
        },
        select: { id: true, title: true, startsOn: true, hostCountry: { select: { code: true } } },
        orderBy: [{ startsOn: "asc" }, { id: "asc" }],
      });
      const records = workshops.map((w): CountedRecord => {
        return {
          type: "workshop",
          id: w.id,
          title: w.title,
          date: w.startsOn,
          countryCode: w.hostCountry?.code ?? null,
          detail: null,
          path: `/workshops/${w.id}`,
        };
      });
      return { value: records.length, breakdown: breakdownOf(records), records };
    }

    case "people_trained": {
      const { kinds, categories, countryIds } = counted.filters;
      const participants = await db.participant.findMany({
        where: {
          workshop: {
            projectId: project.id,
            startsOn: inWindow(window),
            ...(kinds ? { kind: { in: kinds } } : {}),
          },
          attendance: { some: {} },
          ...(categories ? { category: { in: categories } } : {}),
          ...(countryIds ? { countryId: { in: countryIds } } : {}),
        },
        select: {
          id: true,
          name: true,
          email: true,
          userId: true,
          sex: true,
          category: true,
          country: { select: { code: true } },
          workshop: { select: { id: true, startsOn: true } },
        },
        orderBy: [{ workshop: { startsOn: "asc" } }, { name: "asc" }, { id: "asc" }],
      });
      // A person who came to several workshops is trained once: the same account, else the same address.
      const seen = new Set<string>();
      const records: CountedRecord[] = [];
      for (const p of participants) {
        const person = p.userId ?? (p.email ? p.email.toLowerCase() : `participant:${p.id}`);
        if (seen.has(person)) continue;
        seen.add(person);
        records.push({
          type: "person",
          id: p.id,
          title: p.name,
          date: p.workshop.startsOn,
          countryCode: p.country?.code ?? null,
          detail: p.category,
          sex: p.sex,
          path: `/workshops/${p.workshop.id}/participants`,
        });
      }
      return { value: records.length, breakdown: breakdownOf(records), records };
    }

    case "milestones_completed": {
      const { stageCodes, countryIds } = counted.filters;
      const milestones = await db.milestone.findMany({
        where: {
          projectId: project.id,
          status: "completed",
          stageCode: { in: stageCodes },
          achievedOn: inWindow(window),
          ...(countryIds ? { countryId: { in: countryIds } } : {}),
        },
        select: {
          id: true,
          stageCode: true,
          achievedOn: true,
          country: { select: { code: true } },
          sector: { select: { code: true } },
        },
        orderBy: [{ achievedOn: "asc" }, { id: "asc" }],
      });
      const records = milestones.map((m): CountedRecord => {
        return {
          type: "milestone",
          id: m.id,
          title: m.stageCode,
          date: m.achievedOn,
          countryCode: m.country.code,
          detail: m.sector?.code ?? null,
          path: `/milestones/${m.id}`,
        };
      });
      return { value: records.length, breakdown: breakdownOf(records), records };
    }

    case "action_items_done": {
      const { countryIds } = counted.filters;
      const items = await db.actionItem.findMany({
        where: {
          projectId: project.id,
          status: "done",
          dueOn: inWindow(window),
          ...(countryIds ? { plan: { countryId: { in: countryIds } } } : {}),
        },
        select: {
          id: true,
          activity: true,
          dueOn: true,
          planId: true,
          plan: { select: { country: { select: { code: true } } } },
        },
        orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      });
      const records = items.map((item): CountedRecord => {
        return {
          type: "action_item",
          id: item.id,
          title: item.activity,
          date: item.dueOn,
          countryCode: item.plan.country.code,
          detail: null,
          path: `/action-plans/${item.planId}/items/${item.id}`,
        };
      });
      return { value: records.length, breakdown: breakdownOf(records), records };
    }
  }
}
