import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionItemForm } from "~/components/action-item-form";
import { getTranslate } from "~/i18n/translate.server";
import { actionItemFormOptions, createActionItem } from "~/models/action-item.server";
import { ActionItemSchema } from "~/forms/action-item";
import { invalidReply, parseSubmission, refusalReply, readFormData } from "~/forms/submission.server";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { redirectWithToast } from "~/utils/toast.server";
import { PlanSubpageHeader } from "~/routes/_app+/action-plans+/__plan-subpage-header";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("plans:itemForm.addTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, "plan.edit");
  return { plan, ...(await actionItemFormOptions(plan.countryId)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, plan } = await requirePlanAccess(request, params.planId, "plan.edit");
  const submission = await parseSubmission(request, await readFormData(request), ActionItemSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await createActionItem(plan.id, submission.value, user.id, context.requestId);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/action-plans/${plan.id}#items-heading`, {
    kind: "success",
    message: t("plans:itemForm.saved"),
  });
}

export default function NewActionItem() {
  const { plan, milestones, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("plans");
  return (
    <>
      <PlanSubpageHeader plan={plan} title={t("itemForm.addTitle")} />
      <ActionItemForm
        milestones={milestones}
        owners={owners}
        lastResult={actionData?.result}
        cancelTo={`/action-plans/${plan.id}`}
      />
    </>
  );
}
