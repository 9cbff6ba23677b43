import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { OrganisationForm } from "~/components/organisation-form";
import { getTranslate } from "~/i18n/translate.server";
import { listCountries } from "~/models/country.server";
import { createOrganisation } from "~/models/organisation.server";
import { OrganisationSchema } from "~/forms/organisation";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/directory.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Add an organisation · FocalPoint" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "reference.manage");
  return { countries: await listCountries() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "reference.manage");
  const submission = await parseSubmission(request, await readFormData(request), OrganisationSchema);
  if (submission.status !== "success") return invalidReply(submission);
  let created;
  try {
    created = await createOrganisation(submission.value, user.id, context.requestId);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/organisations/${created.id}`, {
    kind: "success",
    message: t("directory:organisations.saved"),
  });
}

export default function NewOrganisation() {
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("directory");
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/organisations">{t("organisations.title")}</Link>
      </nav>
      <header className="page-header">
        <h1>{t("organisations.addTitle")}</h1>
      </header>
      <OrganisationForm countries={countries} lastResult={actionData?.result} cancelTo="/organisations" />
    </>
  );
}
