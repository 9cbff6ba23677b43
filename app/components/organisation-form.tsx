import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KINDS } from "~/domain/vocabulary";
import { Field, FormError, SelectField } from "./forms";
import { FormActions } from "~/components/forms";

type Values = {
  name?: string;
  acronym?: string | null;
  kind?: string;
  countryId?: string | null;
  website?: string | null;
};

export function OrganisationForm({
  countries,
  values = {},
  errors = {},
  cancelTo,
}: {
  countries: { id: string; name: string }[];
  values?: Values;
  errors?: Record<string, string>;
  cancelTo: string;
}) {
  const { t } = useTranslation("directory");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  return (
    <Form method="post" className="card" noValidate>
      <FormError>{Object.keys(errors).length ? tc("errors.fixBelow") : null}</FormError>
      <div className="grid grid-2 organisation-fields">
        <Field
          label={t("organisations.name")}
          name="name"
          defaultValue={values.name ?? ""}
          required
          error={errors.name}
        />
        <Field
          label={t("organisations.acronym")}
          name="acronym"
          defaultValue={values.acronym ?? ""}
          error={errors.acronym}
        />
        <SelectField
          label={t("organisations.kind")}
          name="kind"
          defaultValue={values.kind ?? "ministry"}
          error={errors.kind}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: tc(`organisationKinds.${k}`) }))}
        />
        <SelectField
          label={t("organisations.country")}
          name="countryId"
          defaultValue={values.countryId ?? ""}
          error={errors.countryId}
          options={[
            { value: "", label: t("organisations.regional") },
            ...countries.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Field
          label={t("organisations.website")}
          name="website"
          type="url"
          defaultValue={values.website ?? ""}
          placeholder="https://"
          error={errors.website}
        />
      </div>
      <FormActions submitting={submitting} cancelTo={cancelTo} />
    </Form>
  );
}
