import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { OrganisationFormPage } from "~/components/organisation-form";
import { listCountries } from "~/models/country.server";
import styles from "~/styles/directory.css?url";
import { saveOrganisation } from "./organisation-form.server";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta = titleMeta("directory:organisations.addTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "reference.manage");
  return { countries: await listCountries() };
}

export const action = (args: ActionFunctionArgs) => saveOrganisation(args, false);

export default function NewOrganisation() {
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("directory");
  return (
    <OrganisationFormPage title={t("organisations.addTitle")} countries={countries} lastResult={actionData?.result} />
  );
}
