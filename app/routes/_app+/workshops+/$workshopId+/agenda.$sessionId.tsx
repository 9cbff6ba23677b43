import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgendaSessionForm } from "~/components/agenda-session-form";
import { AgendaSessionSchema } from "~/forms/agenda-session";
import { getTranslate } from "~/i18n/translate.server";
import {
  deleteAgendaSession,
  getAgenda,
  getAgendaSession,
  speakerDirectory,
  updateAgendaSession,
  workshopDays,
} from "~/models/agenda.server";
import { instantToLocal } from "~/domain/time-zones";
import { useRootData } from "~/root";
import { timeZoneLabel } from "~/utils/format";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { requireWorkshopAccess } from "~/routes/_app+/workshops+/workshop-access.server";
import { confirmFirst } from "~/components/forms";
import { metaTitle } from "~/i18n/page-title";
import { MaterialsEditor, useSessionChoices } from "~/components/workshop-materials";
import { listMaterials } from "~/models/workshop.server";
import { ACCEPTED_EXTENSIONS, MAX_UPLOAD_LABEL } from "~/models/stored-file.server";
import { sentIntent } from "~/forms/use-app-form";
import { handleMaterialIntent, materialIntent } from "~/routes/_app+/workshops+/workshop-materials.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data?.session.title ?? t("workshops:sessionForm.editTitle"));

async function loadManaged(request: Request, params: { workshopId?: string; sessionId?: string }) {
  const { user, workshop } = await requireWorkshopAccess(request, params.workshopId, "manage");
  const session = await getAgendaSession(workshop.id, parseParam(IdParam, params.sessionId));
  if (!session) throw new Response("Not found", { status: 404 });
  return { user, workshop, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop, session } = await loadManaged(request, params);
  // A session left outside narrowed dates can still be moved back in.
  const days = [...new Set([...workshopDays(workshop.startsOn, workshop.endsOn), session.day])].sort();
  return {
    days,
    timeZone: workshop.timeZone,
    directory: await speakerDirectory(),
    agenda: await getAgenda(workshop),
    materials: await listMaterials(workshop.id, session.id),
    maxUpload: MAX_UPLOAD_LABEL,
    accept: ACCEPTED_EXTENSIONS,
    session: {
      id: session.id,
      day: session.day,
      startTime: instantToLocal(session.startsAt, workshop.timeZone).time,
      endTime: instantToLocal(session.endsAt, workshop.timeZone).time,
      title: session.title,
      description: session.description,
      sessionType: session.sessionType,
      speakers: session.speakers.map((s) => ({ name: s.name, role: s.role })),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop, session } = await loadManaged(request, params);
  const t = await getTranslate(request);
  const actor = { actorId: user.id, requestId: context.requestId };
  const agenda = `/workshops/${workshop.id}/agenda`;
  const formData = await readFormData(request);
  const intent = materialIntent(request, formData);
  if (intent)
    return handleMaterialIntent(request, formData, intent, {
      workshopId: workshop.id,
      actor,
      backTo: `${agenda}/${session.id}`,
    });
  if (formData.get("intent") === "delete") {
    await deleteAgendaSession(workshop.id, session.id, actor);
    return redirectWithToast(agenda, { kind: "success", message: t("workshops:sessionForm.deleted") });
  }
  const submission = await parseSubmission(request, formData, AgendaSessionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  let saved: Awaited<ReturnType<typeof updateAgendaSession>>;
  try {
    saved = await updateAgendaSession(workshop, session.id, submission.value, actor);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  if (!saved) throw new Response("Not found", { status: 404 });
  const toast = saved.overlapsWith.length
    ? {
        kind: "info" as const,
        message: t("workshops:sessionForm.savedWithOverlap", {
          titles: saved.overlapsWith.map((title) => `“${title}”`).join(", "),
        }),
      }
    : { kind: "success" as const, message: t("workshops:sessionForm.saved") };
  return redirectWithToast(`${agenda}#session-${session.id}`, toast);
}

export default function EditSession() {
  const { days, timeZone, directory, session, agenda, materials, maxUpload, accept } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const sessions = useSessionChoices(agenda);
  // The session form and the materials forms post here; each reply goes back to the form that was sent.
  const result = actionData && "result" in actionData ? actionData.result : null;
  const sent = sentIntent(result);
  const sessionResult = sent === "addLink" || sent === "upload" ? null : result;
  const { t } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  const { workshopId } = useParams();
  return (
    <section aria-labelledby="session-heading" className="stack">
      <h2 id="session-heading">{t("sessionForm.editTitle")}</h2>
      <p className="muted">{t("sessionForm.intro", { zone: timeZoneLabel(timeZone, locale) })}</p>
      <AgendaSessionForm
        key={session.id}
        defaultValue={session}
        lastResult={sessionResult}
        days={days}
        directory={directory}
        submitLabel={t("sessionForm.save")}
        cancelTo={`/workshops/${workshopId}/agenda`}
      />
      <Form method="post" onSubmit={confirmFirst(t("sessionForm.deleteConfirm"))}>
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button-danger">
          {t("sessionForm.delete")}
        </button>
      </Form>
      <MaterialsEditor
        materials={materials}
        sessions={sessions}
        fixedSessionId={session.id}
        heading={t("materials.ofThisSession")}
        intro={<p className="muted small">{t("materials.sessionIntro")}</p>}
        maxUpload={maxUpload}
        accept={accept}
        linkResult={sent === "addLink" ? result : null}
        uploadResult={sent === "upload" ? result : null}
      />
    </section>
  );
}
