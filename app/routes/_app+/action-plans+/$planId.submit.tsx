import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { currentDocumentState } from "~/collab/storage.server";
import { FormActions, FormErrorSummary, TextareaField } from "~/components/forms";
import { InputRefused } from "~/domain/input-refused";
import { PLAN_STATUSES, parseWord } from "~/domain/vocabulary";
import { SubmitPlanSchema } from "~/forms/action-plan";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { PlanStateError, submitPlan } from "~/models/action-plan.server";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { formatDateTime } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { PlanSubpageHeader, planPageTitle } from "~/routes/_app+/action-plans+/__plan-subpage-header";
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
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  const [form, fields] = useAppForm(SubmitPlanSchema, { lastResult: actionData?.result });
  const planPage = `/action-plans/${plan.id}`;
  return (
    <>
      <PlanSubpageHeader plan={plan} title={t("submit.title")} intro={`${countryName(plan.country)}: ${plan.title}`} />
      {plan.status === "draft" ? (
        <Form method="post" className="card" {...getFormProps(form)}>
          <FormErrorSummary form={form} />
          <h2>{t("submit.next")}</h2>
          <ul>
            <li>{t("submit.nextReview")}</li>
            <li>{t("submit.nextKept")}</li>
            <li>{t("submit.nextWithdraw")}</li>
          </ul>
          <TextareaField label={t("submit.note")} hint={t("submit.noteHint")} meta={fields.note} rows={4} />
          <FormActions submitting={submitting} submitLabel={t("submit.confirm")} cancelTo={planPage} />
        </Form>
      ) : (
        // Submitted meanwhile (another tab, a colleague): say so, and why a repeated submission was refused.
        <div className="card">
          <FormErrorSummary form={form} />
          <p className="notice">{t("submit.notDraft", { status: tc(`planStatuses.${plan.status}`) })}</p>
          <Link to={planPage}>{t("asSubmitted.backToPlan")}</Link>
        </div>
      )}
    </>
  );
}
