import { requirePermission } from "~/auth/session.server";
import { workshopAccess } from "~/models/workshop.server";
import { IdParam, parseParam } from "~/utils/params";

/**
 * The signed-in person and the workshop named in the URL, for someone who may
 * read it (403 otherwise), with what they may do there (workshopAccess). With
 * `manage`, only its facilitators and admins get past (403 for everyone else).
 */
export async function requireWorkshopAccess(
  request: Request,
  workshopIdParam: string | undefined,
  need: "read" | "manage" = "read",
) {
  const user = await requirePermission(request, "workshop.read");
  return { user, ...(await workshopAccess(user, parseParam(IdParam, workshopIdParam), need)) };
}
