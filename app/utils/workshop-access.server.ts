import { can } from "~/auth/permissions";
import { assertCan, requirePermission } from "~/auth/session.server";
import { getWorkshopHeader } from "~/models/workshop.server";
import { IdParam, parseParam } from "./params";

/**
 * The workshop named in the URL, for someone who may read it (403 otherwise),
 * and whether they run it. With `manage`, only its facilitators and admins get
 * past (403 for everyone else).
 */
export async function requireWorkshopAccess(request: Request, workshopIdParam: string | undefined, need: "read" | "manage" = "read") {
  const user = await requirePermission(request, "workshop.read");
  const workshop = await getWorkshopHeader(parseParam(IdParam, workshopIdParam));
  if (!workshop) throw new Response("Not found", { status: 404 });
  const resource = { facilitatorIds: workshop.facilitatorIds };
  if (need === "manage") assertCan(user, "workshop.manage", resource);
  return { user, workshop, canManage: can(user, "workshop.manage", resource) };
}
