import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InputRefused } from "~/domain/input-refused";
import { PLAN_STATUSES, parseWord, RETURN_REMARK_MAX } from "~/domain/vocabulary";
import { ReturnPlanSchema } from "~/forms/action-plan";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { PlanStateError, returnPlan } from "~/models/action-plan.server";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { redirectWithToast } from "~/utils/toast.server";
import { planPageTitle } from "~/routes/_app+/action-plans+/__plan-subpage-header";
import { PlanStepPage } from "./__plan-step";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  planPageTitle(matches, data?.plan, "plans:return.title");

/** Returning a submitted plan asks for what should change, then sends it back to its country. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, "plan.endorse");
  return { plan: { ...plan, status: parseWord(PLAN_STATUSES, plan.status) } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, plan } = await requirePlanAccess(request, params.planId, "plan.endorse");
  const submission = await parseSubmission(request, await readFormData(request), ReturnPlanSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await returnPlan(plan.id, { remark: submission.value.remark }, user.id, context.requestId);
  } catch (error) {
    if (error instanceof PlanStateError)
      return refusalReply(request, submission, new InputRefused("form", "plans:workflow.stale"), { status: 409 });
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/action-plans/${plan.id}`, {
    kind: "success",
    message: t("plans:workflow.done", { status: t("planStatuses.draft") }),
  });
}

export default function ReturnPlan() {
  const { plan } = useLoaderData<typeof loader>();
  const { t } = useTranslation("plans");
  return (
    <PlanStepPage
      plan={plan}
      schema={ReturnPlanSchema}
      field="remark"
      from="submitted"
      text={{
        title: t("return.title"),
        next: [t("return.nextDraft"), t("return.nextTold"), t("return.nextShown")],
        label: t("return.remark"),
        hint: t("return.remarkHint"),
        confirm: t("return.confirm"),
        notReadyKey: "return.notSubmitted",
        rows: 6,
        maxLength: RETURN_REMARK_MAX,
      }}
    />
  );
}
