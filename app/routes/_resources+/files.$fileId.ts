import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser, assertCan } from "~/auth/session.server";
import { fileDownload, getStoredFile } from "~/models/stored-file.server";
import { IdParam, parseParam } from "~/utils/params";

/**
 * Downloads an uploaded file for someone who may read the record it belongs
 * to. A file attached to nothing (left over from a failed save) is not served.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await getStoredFile(parseParam(IdParam, params.fileId));
  if (!file?.owner) throw new Response("Not found", { status: 404 });
  if (file.owner.kind === "milestone_evidence") assertCan(user, "milestone.read", { countryId: file.owner.countryId });
  else assertCan(user, "workshop.read");
  const download = fileDownload(file, "private, max-age=3600");
  if (!download) throw new Response("Not found", { status: 404 });
  return download;
}
