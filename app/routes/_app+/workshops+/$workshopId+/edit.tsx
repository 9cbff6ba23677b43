import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertCan, requireUser } from "~/auth/session.server";
import { MaterialsEditor } from "~/components/workshop-materials";
import { WorkshopForm } from "~/components/workshop-form";
import { WorkshopSchema } from "~/forms/workshop";
import { getTranslate } from "~/i18n/translate.server";
import { getWorkshopForEdit, updateWorkshop, workshopFormOptions } from "~/models/workshop.server";
import { getAgenda } from "~/models/agenda.server";
import { ACCEPTED_EXTENSIONS, MAX_UPLOAD_LABEL } from "~/models/stored-file.server";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { handleMaterialIntent, materialIntent } from "~/routes/_app+/workshops+/workshop-materials.server";
import { sentIntent } from "~/forms/use-app-form";
import { IdParam, parseParam } from "~/utils/params";
import { useSessionChoices } from "~/components/workshop-materials";
import { redirectWithToast } from "~/utils/toast.server";
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
  return {
    workshop,
    days: await getAgenda(workshop),
    options: await workshopFormOptions(),
    maxUpload: MAX_UPLOAD_LABEL,
    accept: ACCEPTED_EXTENSIONS,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await loadManaged(request, params.workshopId);
  const t = await getTranslate(request);
  const actor = { actorId: user.id, requestId: context.requestId };
  const here = `/workshops/${workshop.id}/edit`;
  const formData = await readFormData(request);
  const intent = materialIntent(request, formData);
  if (intent) return handleMaterialIntent(request, formData, intent, { workshopId: workshop.id, actor, backTo: here });

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
  const { workshop, days, options, maxUpload, accept } = useLoaderData<typeof loader>();
  const sessions = useSessionChoices(days);
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  // The forms post here; the reply goes back to the one that was sent, told by its intent.
  const result = actionData && "result" in actionData ? actionData.result : null;
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
        sessions={sessions}
        maxUpload={maxUpload}
        accept={accept}
        linkResult={sent === "addLink" ? result : null}
        uploadResult={sent === "upload" ? result : null}
      />
    </>
  );
}
