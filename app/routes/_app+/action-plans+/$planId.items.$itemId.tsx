import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionItemForm } from "~/components/action-item-form";
import { getTranslate } from "~/i18n/translate.server";
import { actionItemFormOptions, findActionItem, updateActionItem } from "~/models/action-item.server";
import { ActionItemSchema } from "~/forms/action-item";
import { invalidReply, parseSubmission, refusalReply, readFormData } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { redirectWithToast } from "~/utils/toast.server";
import { PlanSubpageHeader } from "~/routes/_app+/action-plans+/__plan-subpage-header";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("plans:itemForm.editTitle");

async function loadItem(planId: string, itemIdParam: string | undefined) {
  const item = await findActionItem(planId, parseParam(IdParam, itemIdParam));
  if (!item) throw new Response("Not found", { status: 404 });
  return item;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, "plan.edit");
  const [item, options] = await Promise.all([loadItem(plan.id, params.itemId), actionItemFormOptions(plan.countryId)]);
  return { plan, item, ...options };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, plan } = await requirePlanAccess(request, params.planId, "plan.edit");
  const item = await loadItem(plan.id, params.itemId);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const submission = await parseSubmission(request, formData, ActionItemSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await updateActionItem(plan.id, item.id, submission.value, user.id, context.requestId);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  return redirectWithToast(`/action-plans/${plan.id}#items-heading`, {
    kind: "success",
    message: t("plans:itemForm.saved"),
  });
}

export default function EditActionItem() {
  const { plan, item, milestones, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("plans");
  return (
    <>
      <PlanSubpageHeader plan={plan} title={t("itemForm.editTitle")}>
        {/* Removing asks first, on a page of its own. */}
        <Link to="remove" className="button button-secondary">
          {t("itemForm.delete")}
        </Link>
      </PlanSubpageHeader>
      <ActionItemForm
        milestones={milestones}
        owners={owners}
        lastResult={actionData?.result}
        defaultValue={item}
        cancelTo={`/action-plans/${plan.id}`}
      />
    </>
  );
}
