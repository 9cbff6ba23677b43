import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertCan, requireUser } from "~/auth/session.server";
import { MaterialsEditor } from "~/components/workshop-materials";
import { WorkshopForm } from "~/components/workshop-form";
import { InputRefused } from "~/domain/input-refused";
import { LinkMaterialSchema, MaterialUploadSchema, WorkshopSchema } from "~/forms/workshop";
import { getTranslate } from "~/i18n/translate.server";
import {
  addFileMaterial,
  addLinkMaterial,
  getWorkshopForEdit,
  removeMaterial,
  updateWorkshop,
  workshopFormOptions,
} from "~/models/workshop.server";
import { ACCEPTED_EXTENSIONS, MAX_UPLOAD_LABEL, UploadRejected } from "~/models/stored-file.server";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { sentIntent } from "~/forms/use-app-form";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast, toastHeaders } from "~/utils/toast.server";
import { metaTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => [t("workshops:form.editTitle"), data?.workshop.title]);

async function loadManaged(request: Request, workshopIdParam: string | undefined) {
  const user = await requireUser(request);
  const workshop = await getWorkshopForEdit(parseParam(IdParam, workshopIdParam));
  if (!workshop) throw new Response("Not found", { status: 404 });
  assertCan(user, "workshop.manage", { facilitatorIds: workshop.facilitatorIds });
  return { user, workshop };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop } = await loadManaged(request, params.workshopId);
  return { workshop, options: await workshopFormOptions(), maxUpload: MAX_UPLOAD_LABEL, accept: ACCEPTED_EXTENSIONS };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await loadManaged(request, params.workshopId);
  const t = await getTranslate(request);
  const actor = { actorId: user.id, requestId: context.requestId };
  const here = `/workshops/${workshop.id}/edit`;
  const formData = await readFormData(request);
  // Files come only with the upload form (multipart); the other forms say what they are.
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const intent = multipart ? "upload" : formData.get("intent");

  if (intent === "removeMaterial") {
    const materialId = parseParam(IdParam, formData.get("materialId"));
    if (!(await removeMaterial(workshop.id, materialId, actor))) throw new Response("Not found", { status: 404 });
    return data(null, { headers: await toastHeaders({ kind: "success", message: t("workshops:materials.removed") }) });
  }

  if (intent === "addLink" || intent === "upload") {
    const upload = intent === "upload";
    const submission = await parseSubmission(request, formData, upload ? MaterialUploadSchema : LinkMaterialSchema);
    if (submission.status !== "success") return invalidReply(submission);
    try {
      if ("file" in submission.value)
        await addFileMaterial(workshop.id, submission.value.title, submission.value.file, actor);
      else await addLinkMaterial(workshop.id, submission.value, actor);
    } catch (error) {
      const refused =
        error instanceof UploadRejected
          ? new InputRefused("file", `common:${error.problem}`, { max: MAX_UPLOAD_LABEL })
          : error;
      return refusalReply(request, submission, refused);
    }
    return redirectWithToast(`${here}#materials`, { kind: "success", message: t("workshops:materials.added") });
  }

  const submission = await parseSubmission(request, formData, WorkshopSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await updateWorkshop(workshop.id, submission.value, actor);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  return redirectWithToast(`/workshops/${workshop.id}`, { kind: "success", message: t("workshops:form.saved") });
}

export default function EditWorkshop() {
  const { workshop, options, maxUpload, accept } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  // The three forms post here; the reply goes back to the one that was sent, told by its intent.
  const result = actionData?.result;
  const sent = sentIntent(result);
  return (
    <>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("form.editTitle")}</h2>
        <WorkshopForm
          defaultValue={workshop}
          lastResult={sent === "save" ? result : null}
          options={options}
          submitLabel={tc("actions.save")}
          cancelTo={`/workshops/${workshop.id}`}
        />
      </section>
      <MaterialsEditor
        materials={workshop.materials}
        maxUpload={maxUpload}
        accept={accept}
        linkResult={sent === "addLink" ? result : null}
        uploadResult={sent === "upload" ? result : null}
      />
    </>
  );
}
