import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgendaSessionForm } from "~/components/agenda-session-form";
import { AgendaSessionSchema } from "~/forms/agenda-session";
import { getTranslate } from "~/i18n/translate.server";
import { createAgendaSession, speakerDirectory, suggestSlot, workshopDays } from "~/models/agenda.server";
import { useRootData } from "~/root";
import { timeZoneLabel } from "~/utils/format";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireWorkshopAccess } from "~/routes/_app+/workshops+/workshop-access.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("workshops:sessionForm.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop } = await requireWorkshopAccess(request, params.workshopId, "manage");
  const days = workshopDays(workshop.startsOn, workshop.endsOn);
  const asked = new URL(request.url).searchParams.get("day");
  const day = asked && days.includes(asked) ? asked : days[0]!;
  return {
    days,
    day,
    slot: await suggestSlot(workshop, day),
    directory: await speakerDirectory(),
    timeZone: workshop.timeZone,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await requireWorkshopAccess(request, params.workshopId, "manage");
  const submission = await parseSubmission(request, await readFormData(request), AgendaSessionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  let overlapsWith: string[];
  try {
    ({ overlapsWith } = await createAgendaSession(workshop, submission.value, {
      actorId: user.id,
      requestId: context.requestId,
    }));
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  const toast = overlapsWith.length
    ? {
        kind: "info" as const,
        message: t("workshops:sessionForm.savedWithOverlap", {
          titles: overlapsWith.map((title) => `“${title}”`).join(", "),
        }),
      }
    : { kind: "success" as const, message: t("workshops:sessionForm.created") };
  return redirectWithToast(`/workshops/${workshop.id}/agenda`, toast);
}

export default function NewSession() {
  const { days, day, slot, directory, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  const { workshopId } = useParams();
  return (
    <section aria-labelledby="session-heading">
      <h2 id="session-heading">{t("sessionForm.newTitle")}</h2>
      <p className="muted">{t("sessionForm.intro", { zone: timeZoneLabel(timeZone, locale) })}</p>
      <AgendaSessionForm
        defaultValue={{ day, ...slot }}
        lastResult={actionData?.result}
        days={days}
        directory={directory}
        submitLabel={t("sessionForm.add")}
        cancelTo={`/workshops/${workshopId}/agenda`}
      />
    </section>
  );
}
