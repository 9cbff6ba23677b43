import type { Action } from "~/auth/permissions";
import { requirePermission, requireUser } from "~/auth/session.server";
import { findPlanSummary } from "~/models/action-plan.server";
import { IdParam, parseParam } from "~/utils/params";

/** The plan named in the URL and the person, if the permission function allows `action` on it (403 otherwise). */
export async function requirePlanAccess(request: Request, planIdParam: string | undefined, action: Action) {
  await requireUser(request);
  const plan = await findPlanSummary(parseParam(IdParam, planIdParam));
  if (!plan) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, action, { countryId: plan.countryId, planStatus: plan.status });
  return { user, plan };
}
