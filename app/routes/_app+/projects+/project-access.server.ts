import { can, projectFiguresScope } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { findPeriod } from "~/models/project-report.server";
import { findProject } from "~/models/project.server";
import { IdParam, parseParam } from "~/utils/params";

/**
 * The signed-in person and the project named in the URL, for someone who may read it (404 for a
 * project that does not exist, 403 otherwise), with what they may do there: manage its framework
 * and periods, and whose figures they see ("all", or the codes of their own countries in it).
 * With `manage`, only the implementing agency's facilitators and admins get past.
 */
export async function requireProjectAccess(
  request: Request,
  projectIdParam: string | undefined,
  need: "read" | "manage" = "read",
) {
  const user = await requireUser(request);
  const project = await findProject(parseParam(IdParam, projectIdParam));
  if (!project) throw new Response("Not found", { status: 404 });
  const resource = { projectCountryIds: project.countryIds, implementingAgency: project.implementingAgency };
  if (!can(user, "project.read", resource)) throw new Response("Forbidden", { status: 403 });
  const canManage = can(user, "project.manage", resource);
  if (need === "manage" && !canManage) throw new Response("Forbidden", { status: 403 });
  const scope = projectFiguresScope(user);
  const figuresOf: "all" | string[] =
    scope === "all" ? "all" : project.countries.filter((c) => scope.includes(c.id)).map((c) => c.code);
  return { user, project, canManage, figuresOf };
}

/** The project and the reporting period named in the URL (a period of another project is a 404), as above. */
export async function requirePeriod(
  request: Request,
  params: { projectId?: string; periodId?: string },
  need: "read" | "manage",
) {
  const access = await requireProjectAccess(request, params.projectId, need);
  const period = await findPeriod(parseParam(IdParam, params.periodId));
  if (!period || period.projectId !== access.project.id) throw new Response("Not found", { status: 404 });
  return { ...access, period };
}
