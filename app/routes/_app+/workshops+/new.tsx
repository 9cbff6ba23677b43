import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { WorkshopForm } from "~/components/workshop-form";
import { WorkshopSchema } from "~/forms/workshop";
import { getTranslate } from "~/i18n/translate.server";
import { createWorkshop, workshopFormOptions } from "~/models/workshop.server";
import styles from "~/styles/workshops.css?url";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("workshops:form.createTitle");

const isFacilitator = (user: { roles: { role: string }[] }) => user.roles.some((r) => r.role === "facilitator");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workshop.create");
  return { options: await workshopFormOptions(), creatorId: isFacilitator(user) ? user.id : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workshop.create");
  const submission = await parseSubmission(request, await readFormData(request), WorkshopSchema);
  if (submission.status !== "success") return invalidReply(submission);
  let workshopId: string;
  try {
    const workshop = await createWorkshop(
      submission.value,
      { id: user.id, isFacilitator: isFacilitator(user) },
      { requestId: context.requestId },
    );
    workshopId = workshop.id;
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/workshops/${workshopId}/agenda`, {
    kind: "success",
    message: t("workshops:form.created"),
  });
}

export default function NewWorkshop() {
  const { options, creatorId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/workshops">{t("title")}</Link>
      </nav>
      <PageHeader title={t("form.createTitle")} intro={t("form.createIntro")} />
      <WorkshopForm
        lastResult={actionData?.result}
        options={options}
        creatorId={creatorId}
        submitLabel={t("form.create")}
        cancelTo="/workshops"
      />
    </>
  );
}
