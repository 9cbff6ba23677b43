import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertCan, requireUser } from "~/auth/session.server";
import { MaterialsEditor } from "~/components/workshop-materials";
import { WorkshopForm as WorkshopFields } from "~/components/workshop-form";
import { getTranslate } from "~/i18n/translate.server";
import {
  addFileMaterial,
  addLinkMaterial,
  getWorkshopForEdit,
  LinkMaterialForm,
  removeMaterial,
  updateWorkshop,
  WorkshopForm,
  workshopFormOptions,
  WorkshopRuleError,
} from "~/models/workshop.server";
import { ACCEPTED_EXTENSIONS, fileFromForm, MAX_UPLOAD_LABEL, UploadRejected } from "~/models/stored-file.server";
import { formDataToObject, parseForm, readFormData } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { withoutBidiControls } from "~/utils/text";
import { redirectWithToast, toastHeaders } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.workshop.title ?? "workshop"} · FocalPoint` },
];

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

type ActionResult = {
  form: "details" | "link" | "upload";
  fieldErrors: Record<string, string>;
  values?: Record<string, unknown>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await loadManaged(request, params.workshopId);
  const t = await getTranslate(request);
  const actor = { actorId: user.id, requestId: context.requestId };
  const here = `/workshops/${workshop.id}/edit`;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const formData = await readFormData(request);
    const file = fileFromForm(formData, "file");
    const title = withoutBidiControls(String(formData.get("title") ?? ""))
      .trim()
      .slice(0, 200);
    if (!file)
      return data<ActionResult>(
        { form: "upload", fieldErrors: { file: t("workshops:materials.noFile") }, values: { title } },
        { status: 400 },
      );
    try {
      await addFileMaterial(workshop.id, title, file, actor);
    } catch (error) {
      if (error instanceof UploadRejected)
        return data<ActionResult>(
          {
            form: "upload",
            fieldErrors: { file: t(`common:${error.problem}`, { max: MAX_UPLOAD_LABEL }) },
            values: { title },
          },
          { status: 400 },
        );
      throw error;
    }
    return redirectWithToast(`${here}#materials`, { kind: "success", message: t("workshops:materials.added") });
  }

  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "addLink") {
    const form = await parseForm(request, LinkMaterialForm, formData);
    if (!form.ok)
      return data<ActionResult>({ form: "link", fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
    await addLinkMaterial(workshop.id, form.data, actor);
    return redirectWithToast(`${here}#materials`, { kind: "success", message: t("workshops:materials.added") });
  }
  if (intent === "removeMaterial") {
    const materialId = parseParam(IdParam, formData.get("materialId"));
    if (!(await removeMaterial(workshop.id, materialId, actor))) throw new Response("Not found", { status: 404 });
    return data<ActionResult | null>(null, {
      headers: await toastHeaders({ kind: "success", message: t("workshops:materials.removed") }),
    });
  }

  const form = await parseForm(request, WorkshopForm, formData);
  if (!form.ok)
    return data<ActionResult>({ form: "details", fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  try {
    await updateWorkshop(workshop.id, form.data, actor);
  } catch (error) {
    if (!(error instanceof WorkshopRuleError)) throw error;
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, e]) => [field, t(e.key, e.values)]),
    );
    return data<ActionResult>({ form: "details", fieldErrors, values: formDataToObject(formData) }, { status: 400 });
  }
  return redirectWithToast(`/workshops/${workshop.id}`, { kind: "success", message: t("workshops:form.saved") });
}

export default function EditWorkshop() {
  const { workshop, options, maxUpload, accept } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const details = actionData?.form === "details" ? actionData : null;
  const values = (details?.values ?? workshop) as Record<string, string | string[] | null | undefined>;
  return (
    <>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("form.editTitle")}</h2>
        <WorkshopFields
          key={details ? "retry" : "saved"}
          values={{
            ...(values as Record<string, string>),
            facilitatorIds: ([] as string[]).concat(values.facilitatorIds ?? []),
          }}
          errors={details?.fieldErrors ?? {}}
          options={options}
          submitLabel={tc("actions.save")}
          cancelTo={`/workshops/${workshop.id}`}
        />
      </section>
      <MaterialsEditor
        materials={workshop.materials}
        maxUpload={maxUpload}
        accept={accept}
        linkErrors={actionData?.form === "link" ? actionData.fieldErrors : {}}
        linkValues={actionData?.form === "link" ? ((actionData.values ?? {}) as unknown as Record<string, string>) : {}}
        uploadErrors={actionData?.form === "upload" ? actionData.fieldErrors : {}}
      />
    </>
  );
}
