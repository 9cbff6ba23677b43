import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { getFormProps } from "@conform-to/react";
import { requirePermission, requireUser } from "~/auth/session.server";
import { Field, FormActions, FormErrorSummary, TextareaField } from "~/components/forms";
import { getTranslate } from "~/i18n/translate.server";
import { findCountryByCode, updateCountryProfile } from "~/models/country.server";
import { CountryProfileSchema } from "~/forms/country";
import { invalidReply, parseSubmission, readFormData } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { CountryCodeParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("directory:countries.title");

/** The country from the URL, and the person only if they may edit that country: 403 otherwise. */
async function requireCountryEditor(request: Request, params: { code?: string }) {
  await requireUser(request);
  const country = await findCountryByCode(parseParam(CountryCodeParam, params.code));
  if (!country) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, "country.edit", { countryId: country.id });
  return { user, country };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { country } = await requireCountryEditor(request, params);
  return { country: { code: country.code, name: country.name, overview: country.overview, nqfName: country.nqfName } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, country } = await requireCountryEditor(request, params);
  const submission = await parseSubmission(request, await readFormData(request), CountryProfileSchema);
  if (submission.status !== "success") return invalidReply(submission);
  await updateCountryProfile(country.id, submission.value, user.id, context.requestId);
  const t = await getTranslate(request);
  return redirectWithToast(`/countries/${country.code.toLowerCase()}`, {
    kind: "success",
    message: t("directory:editCountry.saved"),
  });
}

export default function EditCountry() {
  const { country } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("directory");
  const countryName = useCountryName();
  const [form, fields] = useAppForm(CountryProfileSchema, { lastResult: actionData?.result, defaultValue: country });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/countries">{t("countries.title")}</Link> ›{" "}
        <Link to={`/countries/${country.code.toLowerCase()}`}>{countryName(country)}</Link>
      </nav>
      <PageHeader title={t("editCountry.title", { country: countryName(country) })} intro={t("editCountry.intro")} />
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <Field label={t("editCountry.nqfName")} meta={fields.nqfName} />
        <TextareaField
          label={t("editCountry.overview")}
          meta={fields.overview}
          rows={10}
          hint={t("editCountry.overviewHint")}
        />
        <FormActions submitting={submitting} cancelTo={`/countries/${country.code.toLowerCase()}`} />
      </Form>
    </>
  );
}
