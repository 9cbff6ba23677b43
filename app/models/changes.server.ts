/**
 * "What changed since a date": the milestone history a dashboard, a brief or a
 * donor report lists, newest first, each change with who, when and every field
 * from → to, grouped by country.
 */
import { db } from "~/utils/db.server";

/** At most this many changes are listed; the count says how many there were. */
const CHANGES_SHOWN = 200;

const printable = (v: unknown) =>
  v === null || v === undefined || v === "" ? null : typeof v === "object" ? JSON.stringify(v) : String(v);

/**
 * Milestone changes recorded since the start of `since` (a UTC day) in the given
 * countries, grouped in their order; `milestoneIds` narrows to some milestones
 * (null: all of them). The caller has checked that the person may read these countries.
 */
export async function changesSince<C extends { id: string }>(
  countries: readonly C[],
  since: string,
  milestoneIds: string[] | null = null,
) {
  const where = {
    entityType: "milestone",
    createdAt: { gte: new Date(`${since}T00:00:00Z`) },
    countryId: { in: countries.map((c) => c.id) },
    ...(milestoneIds ? { entityId: { in: milestoneIds } } : {}),
  };
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CHANGES_SHOWN,
      select: {
        id: true,
        entityId: true,
        countryId: true,
        summary: true,
        messageKey: true,
        messageParams: true,
        changes: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  const milestones = new Map(
    (
      await db.milestone.findMany({
        where: { id: { in: [...new Set(events.map((e) => e.entityId))] } },
        select: { id: true, stageCode: true, sector: { select: { code: true, name: true } } },
      })
    ).map((m) => [m.id, { id: m.id, stageCode: m.stageCode, sector: m.sector }]),
  );
  const groups = countries
    .map((country) => ({
      country,
      changes: events
        .filter((e) => e.countryId === country.id)
        .map((e) => {
          const milestone = milestones.get(e.entityId) ?? null;
          const fields = e.changes ? (JSON.parse(e.changes) as Record<string, [unknown, unknown]>) : {};
          return {
            id: e.id,
            at: e.createdAt,
            who: e.actor?.name ?? null,
            // the stored summary only names a milestone that no longer exists
            summary: milestone
              ? null
              : { summary: e.summary, messageKey: e.messageKey, messageParams: e.messageParams },
            // null when the milestone no longer exists; the summary still names it
            milestone,
            fields: Object.entries(fields).map(([field, [from, to]]) => ({
              field,
              from: printable(from),
              to: printable(to),
            })),
          };
        }),
    }))
    .filter((g) => g.changes.length > 0);
  return { total, shown: events.length, groups };
}
