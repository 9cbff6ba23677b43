import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentDocumentState } from "~/collab/storage.server";
import { InputRefused } from "~/domain/input-refused";
import { PLAN_STATUSES, parseWord } from "~/domain/vocabulary";
import { SubmitPlanSchema } from "~/forms/action-plan";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { PlanStateError, submitPlan } from "~/models/action-plan.server";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { formatDateTime } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { planPageTitle } from "~/routes/_app+/action-plans+/__plan-subpage-header";
import { PlanStepPage } from "./__plan-step";
import { HOST_TIME_ZONES } from "~/domain/time-zones";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  planPageTitle(matches, data?.plan, "plans:submit.title");

/** Submitting asks first: what happens next, a covering note, then the confirmation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, "plan.submit");
  return { plan: { ...plan, status: parseWord(PLAN_STATUSES, plan.status) } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, plan } = await requirePlanAccess(request, params.planId, "plan.submit");
  const submission = await parseSubmission(request, await readFormData(request), SubmitPlanSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const state = await currentDocumentState(plan.documentId);
  if (!state) throw new Response("Not found", { status: 404 });
  const t = await getTranslate(request);
  const versionName = t("plans:submit.versionName", {
    date: formatDateTime(new Date(), await getLocale(request), HOST_TIME_ZONES[plan.country.code]),
  });
  try {
    await submitPlan(plan.id, { note: submission.value.note || null, versionName, state }, user.id, context.requestId);
  } catch (error) {
    if (!(error instanceof PlanStateError)) throw error;
    return refusalReply(request, submission, new InputRefused("form", "plans:workflow.stale"), { status: 409 });
  }
  return redirectWithToast(`/action-plans/${plan.id}`, {
    kind: "success",
    message: t("plans:workflow.done", { status: t("planStatuses.submitted") }),
  });
}

export default function SubmitPlan() {
  const { plan } = useLoaderData<typeof loader>();
  const { t } = useTranslation("plans");
  return (
    <PlanStepPage
      plan={plan}
      schema={SubmitPlanSchema}
      field="note"
      from="draft"
      text={{
        title: t("submit.title"),
        next: [t("submit.nextReview"), t("submit.nextKept"), t("submit.nextWithdraw")],
        label: t("submit.note"),
        hint: t("submit.noteHint"),
        confirm: t("submit.confirm"),
        notReadyKey: "submit.notDraft",
        rows: 4,
      }}
    />
  );
}
