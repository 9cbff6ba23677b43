import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { OrganisationForm } from "~/components/organisation-form";
import { getTranslate } from "~/i18n/translate.server";
import { listCountries } from "~/models/country.server";
import { getOrganisation, updateOrganisation } from "~/models/organisation.server";
import { OrganisationSchema } from "~/forms/organisation";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/directory.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Edit organisation · FocalPoint" }];

async function loadOrganisation(params: { organisationId?: string }) {
  const organisation = await getOrganisation(parseParam(IdParam, params.organisationId));
  if (!organisation) throw new Response("Not found", { status: 404 });
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "reference.manage");
  const [organisation, countries] = await Promise.all([loadOrganisation(params), listCountries()]);
  return { organisation, countries };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "reference.manage");
  const organisation = await loadOrganisation(params);
  const submission = await parseSubmission(request, await readFormData(request), OrganisationSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await updateOrganisation(organisation.id, submission.value, user.id, context.requestId);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/organisations/${organisation.id}`, {
    kind: "success",
    message: t("directory:organisations.saved"),
  });
}

export default function EditOrganisation() {
  const { organisation, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("directory");
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/organisations">{t("organisations.title")}</Link> ›{" "}
        <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
      </nav>
      <header className="page-header">
        <h1>{t("organisations.editTitle", { name: organisation.name })}</h1>
      </header>
      <OrganisationForm
        countries={countries}
        lastResult={actionData?.result}
        defaultValue={organisation}
        cancelTo={`/organisations/${organisation.id}`}
      />
    </>
  );
}
