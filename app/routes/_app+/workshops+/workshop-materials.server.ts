import { data } from "@remix-run/node";
import type { ChangeAuthor } from "~/models/audit.server";
import { InputRefused } from "~/domain/input-refused";
import { LinkMaterialSchema, MaterialUploadSchema, PlaceMaterialSchema } from "~/forms/workshop";
import { invalidReply, parseSubmission, refusal, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { MAX_UPLOAD_LABEL, UploadRejected } from "~/models/stored-file.server";
import { addFileMaterial, addLinkMaterial, placeMaterial, removeMaterial } from "~/models/workshop.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast, toastHeaders } from "~/utils/toast.server";

/** The intents of the materials forms, which the workshop's edit page and a session's page both carry. */
export function materialIntent(request: Request, formData: FormData) {
  // Every form says what it is, however its fields were sent; a file sent without saying is an upload.
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const intent = formData.get("intent") ?? (multipart ? "upload" : null);
  return intent === "upload" || intent === "addLink" || intent === "placeMaterial" || intent === "removeMaterial"
    ? intent
    : null;
}

/**
 * Add, move, publish or remove one of a workshop's materials, for someone the caller has checked may manage
 * the workshop. A session named must be one of this workshop's; a refused upload or session changes nothing.
 * `backTo` is the page (with its #materials) the person returns to after adding.
 */
export async function handleMaterialIntent(
  request: Request,
  formData: FormData,
  intent: NonNullable<ReturnType<typeof materialIntent>>,
  { workshopId, actor, backTo }: { workshopId: string; actor: ChangeAuthor; backTo: string },
) {
  const t = await getTranslate(request);

  if (intent === "removeMaterial") {
    const materialId = parseParam(IdParam, formData.get("materialId"));
    if (!(await removeMaterial(workshopId, materialId, actor))) throw new Response("Not found", { status: 404 });
    return data(null, { headers: await toastHeaders({ kind: "success", message: t("workshops:materials.removed") }) });
  }

  if (intent === "placeMaterial") {
    const parsed = PlaceMaterialSchema.safeParse({
      materialId: formData.get("materialId"),
      sessionId: formData.get("sessionId") ?? undefined,
      isPublic: formData.get("isPublic") === "on",
    });
    if (!parsed.success) throw await refusal(request, 400, "errors.badRequest");
    const { materialId, ...placement } = parsed.data;
    try {
      if (!(await placeMaterial(workshopId, materialId, placement, actor)))
        throw new Response("Not found", { status: 404 });
    } catch (error) {
      if (!(error instanceof InputRefused)) throw error;
      return data({ placeError: t(error.messageKey) }, { status: 400 });
    }
    return data(null, { headers: await toastHeaders({ kind: "success", message: t("workshops:materials.placed") }) });
  }

  const upload = intent === "upload";
  const submission = await parseSubmission(request, formData, upload ? MaterialUploadSchema : LinkMaterialSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const { sessionId, isPublic } = submission.value;
  try {
    if ("file" in submission.value)
      await addFileMaterial(workshopId, submission.value.title, submission.value.file, actor, { sessionId, isPublic });
    else await addLinkMaterial(workshopId, submission.value, actor, { sessionId, isPublic });
  } catch (error) {
    const refused =
      error instanceof UploadRejected
        ? new InputRefused("file", `common:${error.problem}`, { max: MAX_UPLOAD_LABEL })
        : error;
    return refusalReply(request, submission, refused);
  }
  return redirectWithToast(`${backTo}#materials`, { kind: "success", message: t("workshops:materials.added") });
}
