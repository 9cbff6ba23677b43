import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";
import { readFormData } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { deleteActionItem, findActionItem } from "~/models/action-item.server";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { PlanSubpageHeader } from "~/routes/_app+/action-plans+/__plan-subpage-header";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("plans:itemForm.removeTitle");

/**
 * Removing an action item asks first, on a page of its own so that it works without
 * JavaScript; the server removes only what was confirmed on it (`confirm=remove`).
 */
async function loadItem(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requirePlanAccess(request, params.planId, "plan.edit");
  const item = await findActionItem(access.plan.id, parseParam(IdParam, params.itemId));
  if (!item) throw new Response("Not found", { status: 404 });
  return { ...access, item };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, item } = await loadItem(request, params);
  return { plan, item: { id: item.id, activity: item.activity } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, plan, item } = await loadItem(request, params);
  const t = await getTranslate(request);
  if ((await readFormData(request)).get("confirm") !== "remove")
    return data({ formError: t("plans:itemForm.unconfirmed") }, { status: 400 });
  await deleteActionItem(plan.id, item.id, user.id, context.requestId);
  return redirectWithToast(`/action-plans/${plan.id}#items-heading`, {
    kind: "success",
    message: t("plans:itemForm.deleted"),
  });
}

export default function RemoveActionItem() {
  const { plan, item } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("plans");
  return (
    <>
      <PlanSubpageHeader plan={plan} title={t("itemForm.removeTitle")} intro={item.activity} />
      <Form method="post" className="card">
        <FormError>{actionData?.formError}</FormError>
        <p>{t("itemForm.removeIntro")}</p>
        <div className="form-actions">
          <button type="submit" name="confirm" value="remove" className="button-danger">
            {t("itemForm.removeConfirm")}
          </button>
          <Link to={`/action-plans/${plan.id}/items/${item.id}`}>{t("itemForm.keep")}</Link>
        </div>
      </Form>
    </>
  );
}
