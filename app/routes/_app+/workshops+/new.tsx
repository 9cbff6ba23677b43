import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { WorkshopForm as WorkshopFields } from "~/components/workshop-form";
import { getTranslate } from "~/i18n/translate.server";
import { createWorkshop, WorkshopForm, workshopFormOptions, WorkshopRuleError } from "~/models/workshop.server";
import styles from "~/styles/workshops.css?url";
import { parseForm, readFormData } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "New workshop · FocalPoint" }];

const isFacilitator = (user: { roles: { role: string }[] }) => user.roles.some((r) => r.role === "facilitator");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workshop.create");
  return { options: await workshopFormOptions(), creatorId: isFacilitator(user) ? user.id : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workshop.create");
  const t = await getTranslate(request);
  const form = await parseForm(request, WorkshopForm, await readFormData(request));
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, values: form.values }, { status: 400 });
  try {
    const workshop = await createWorkshop(
      form.data,
      { id: user.id, isFacilitator: isFacilitator(user) },
      { requestId: context.requestId },
    );
    return redirectWithToast(`/workshops/${workshop.id}/agenda`, {
      kind: "success",
      message: t("workshops:form.created"),
    });
  } catch (error) {
    if (!(error instanceof WorkshopRuleError)) throw error;
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, e]) => [field, t(e.key, e.values)]),
    );
    return data({ fieldErrors, values: form.data as Record<string, unknown> }, { status: 400 });
  }
}

export default function NewWorkshop() {
  const { options, creatorId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("workshops");
  const values = (actionData?.values ?? {}) as Record<string, string | string[] | undefined>;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/workshops">{t("title")}</Link>
      </nav>
      <PageHeader title={t("form.createTitle")} intro={t("form.createIntro")} />
      <WorkshopFields
        key={actionData ? "retry" : "fresh"}
        values={{
          ...(values as Record<string, string>),
          facilitatorIds: ([] as string[]).concat(values.facilitatorIds ?? []),
          timeZone: (values.timeZone as string | undefined) ?? "",
        }}
        errors={actionData?.fieldErrors ?? {}}
        options={options}
        creatorId={creatorId}
        submitLabel={t("form.create")}
        cancelTo="/workshops"
      />
    </>
  );
}
