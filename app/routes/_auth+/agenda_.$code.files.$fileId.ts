import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileDownload } from "~/models/stored-file.server";
import { getPublicMaterialFile } from "~/models/public-agenda.server";
import { IdParam, parseParam } from "~/utils/params";

/**
 * A material's file from the public agenda, without signing in: only a material marked public, of the
 * workshop with this code, while its page is on. Any other file (a private material, evidence, another
 * workshop's) is a 404 here, the same answer as for a file that does not exist.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = await getPublicMaterialFile(params.code ?? "", parseParam(IdParam, params.fileId));
  const download = file && fileDownload(file, "no-cache");
  if (!download) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return download;
}
