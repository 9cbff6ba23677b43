import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KINDS } from "~/domain/vocabulary";
import { OrganisationSchema } from "~/forms/organisation";
import { useAppForm, type FormDefaults } from "~/forms/use-app-form";
import { Field, FormActions, FormErrorSummary, SelectField } from "./forms";

function OrganisationForm({
  countries,
  defaultValue,
  lastResult,
  cancelTo,
}: {
  countries: { id: string; name: string }[];
  defaultValue?: FormDefaults<typeof OrganisationSchema>;
  lastResult?: SubmissionResult<string[]> | null;
  cancelTo: string;
}) {
  const { t } = useTranslation("directory");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(OrganisationSchema, {
    lastResult,
    defaultValue: { kind: "ministry", ...defaultValue },
  });
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <FormErrorSummary form={form} />
      <div className="grid grid-2 organisation-fields">
        <Field label={t("organisations.name")} meta={fields.name} />
        <Field label={t("organisations.acronym")} meta={fields.acronym} />
        <SelectField
          label={t("organisations.kind")}
          meta={fields.kind}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: tc(`organisationKinds.${k}`) }))}
        />
        <SelectField
          label={t("organisations.country")}
          meta={fields.countryId}
          options={[
            { value: "", label: t("organisations.regional") },
            ...countries.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Field label={t("organisations.website")} meta={fields.website} type="url" placeholder="https://" />
      </div>
      <FormActions submitting={submitting} cancelTo={cancelTo} />
    </Form>
  );
}

/** The page that adds an organisation or, given `organisation`, changes it: where it sits, its title and the form. */
export function OrganisationFormPage({
  title,
  organisation,
  countries,
  lastResult,
}: {
  title: string;
  organisation?: FormDefaults<typeof OrganisationSchema> & { id: string; name: string };
  countries: { id: string; name: string }[];
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation("directory");
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/organisations">{t("organisations.title")}</Link>
        {organisation ? (
          <>
            {" "}
            › <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
          </>
        ) : null}
      </nav>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <OrganisationForm
        countries={countries}
        lastResult={lastResult}
        defaultValue={organisation}
        cancelTo={organisation ? `/organisations/${organisation.id}` : "/organisations"}
      />
    </>
  );
}
