import { parseDefinition } from "~/domain/indicator-definitions";
import { db } from "~/utils/db.server";

/** Donor projects: the list, one project with its results framework and periods, and what a record counts towards. */

export async function listProjects() {
  return db.project.findMany({
    orderBy: [{ startsOn: "desc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      title: true,
      donor: true,
      implementingAgency: true,
      startsOn: true,
      endsOn: true,
      countries: { select: { country: { select: { id: true, code: true, name: true } } } },
      _count: { select: { indicators: true, periods: true } },
    },
  });
}

export async function findProject(projectId: string) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true,
      code: true,
      title: true,
      donor: true,
      implementingAgency: true,
      startsOn: true,
      endsOn: true,
      summary: true,
      countries: {
        select: { country: { select: { id: true, code: true, name: true, sortOrder: true } } },
        orderBy: { country: { sortOrder: "asc" } },
      },
    },
  });
  if (!project) return null;
  const countries = project.countries.map((c) => c.country);
  return { ...project, countries, countryIds: countries.map((c) => c.id) };
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

/** The framework as the project page shows it, and the project's periods. */
export async function projectFramework(projectId: string) {
  const [outcomes, periods] = await Promise.all([
    db.projectOutcome.findMany({
      where: { projectId },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        outputs: {
          orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
          select: {
            id: true,
            title: true,
            indicators: {
              orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
              select: {
                id: true,
                title: true,
                unit: true,
                baseline: true,
                target: true,
                definition: true,
                filters: true,
              },
            },
          },
        },
      },
    }),
    db.reportingPeriod.findMany({
      where: { projectId },
      orderBy: { startsOn: "asc" },
      select: { id: true, kind: true, label: true, startsOn: true, endsOn: true, status: true, lockedAt: true },
    }),
  ]);
  return {
    outcomes: outcomes.map((o) => ({
      ...o,
      outputs: o.outputs.map((output) => ({
        ...output,
        indicators: output.indicators.map(({ filters, ...indicator }) => ({
          ...indicator,
          counted: indicator.definition ? parseDefinition(indicator.definition, filters) : null,
        })),
      })),
    })),
    periods,
  };
}

/** The milestone stages an indicator may count, in the pipeline's order. */
export async function milestoneStagesForIndicators() {
  return db.milestoneStage.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, name: true } });
}

/** The workshops linked to a project: a report follows their check-ins live. */
export async function projectWorkshopIds(projectId: string) {
  return (await db.workshop.findMany({ where: { projectId }, select: { id: true } })).map((w) => w.id);
}

type CountableRecord =
  | { type: "workshop"; projectId: string | null; kind: string; hostCountryId: string | null }
  | { type: "milestone"; projectId: string | null; stageCode: string; countryId: string; status: string };

/**
 * The indicators a workshop or a milestone counts towards: those of its project whose definition
 * and filters take it (a workshop also counts for the people trained at it), whatever the period.
 */
export async function indicatorsCounting(record: CountableRecord) {
  if (!record.projectId) return [];
  const indicators = await db.projectIndicator.findMany({
    where: { projectId: record.projectId, definition: { not: null } },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, title: true, definition: true, filters: true, project: { select: { id: true, code: true } } },
  });
  return indicators
    .filter((indicator) => {
      const counted = parseDefinition(indicator.definition!, indicator.filters);
      if (!counted) return false;
      if (record.type === "workshop") {
        const { countryIds } = counted.filters;
        if (counted.definition === "workshops_held")
          return (
            counted.filters.kinds.includes(record.kind as never) &&
            (!countryIds || (record.hostCountryId !== null && countryIds.includes(record.hostCountryId)))
          );
        if (counted.definition === "people_trained")
          return !counted.filters.kinds || counted.filters.kinds.includes(record.kind as never);
        return false;
      }
      return (
        counted.definition === "milestones_completed" &&
        record.status === "completed" &&
        counted.filters.stageCodes.includes(record.stageCode) &&
        (!counted.filters.countryIds || counted.filters.countryIds.includes(record.countryId))
      );
    })
    .map(({ id, title, project }) => ({ id, title, projectId: project.id, projectCode: project.code }));
}
