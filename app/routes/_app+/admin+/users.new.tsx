import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { Field, FormError, SelectField, FormActions } from "~/components/forms";
import { RoleFields } from "~/components/role-fields";
import { getTranslate } from "~/i18n/translate.server";
import { listOrganisationOptions } from "~/models/organisation.server";
import { listCountries } from "~/models/country.server";
import { inviteUser, UserError } from "~/models/user.server";
import { email, text } from "~/forms/fields";
import { parseForm, readFormData } from "~/forms/submission.server";
import { parseRoleFields } from "~/utils/role-form.server";
import { redirectWithToast } from "~/utils/toast.server";
import { LOCALES } from "~/domain/vocabulary";
import { LANGUAGE_NAMES } from "~/i18n/config";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Invite a person · FocalPoint" }];

const InviteForm = z.object({
  email: email(),
  name: text(120),
  organisationId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  countryId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  locale: z.enum(LOCALES),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user.manage");
  const [countries, organisations] = await Promise.all([listCountries(), listOrganisationOptions()]);
  return { countries, organisations };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user.manage");
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const [form, countries, organisations] = await Promise.all([
    parseForm(request, InviteForm, formData),
    listCountries(),
    listOrganisationOptions(),
  ]);
  const countryIds = new Set(countries.map((c) => c.id));
  const roles = parseRoleFields(formData, countryIds, t);
  const fieldErrors = { ...(form.ok ? {} : form.fieldErrors), ...(roles.ok ? {} : roles.fieldErrors) };
  if (form.ok && form.data.organisationId && !organisations.some((o) => o.id === form.data.organisationId))
    fieldErrors.organisationId = t("validation.invalidChoice");
  if (form.ok && form.data.countryId && !countryIds.has(form.data.countryId))
    fieldErrors.countryId = t("validation.invalidChoice");
  if (!form.ok || !roles.ok || Object.keys(fieldErrors).length) {
    return data({ fieldErrors, formError: t("errors.fixBelow") }, { status: 400 });
  }
  try {
    await inviteUser({ ...form.data, roles: roles.roles }, actor, context.requestId);
  } catch (error) {
    if (error instanceof UserError)
      return data(
        { fieldErrors: { [error.field]: t(error.messageKey) }, formError: t("errors.fixBelow") },
        { status: 400 },
      );
    throw error;
  }
  return redirectWithToast("/admin/users?status=invited", {
    kind: "success",
    message: t("admin:invite.sent", { email: form.data.email }),
  });
}

export default function InvitePerson() {
  const { countries, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("admin");
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/admin">{t("title")}</Link> › <Link to="/admin/users">{t("users.title")}</Link>
      </nav>
      <PageHeader title={t("invite.title")} intro={t("invite.intro")} />
      <Form method="post" noValidate className="card">
        <FormError>{actionData?.formError}</FormError>
        <div className="grid grid-2">
          <Field label={t("invite.email")} name="email" type="email" required autoComplete="off" error={errors.email} />
          <Field label={t("invite.name")} name="name" required autoComplete="off" error={errors.name} />
          <SelectField
            label={t("invite.organisation")}
            name="organisationId"
            error={errors.organisationId}
            options={[
              { value: "", label: t("invite.noOrganisation") },
              ...organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
            ]}
          />
          <SelectField
            label={t("invite.country")}
            name="countryId"
            error={errors.countryId}
            options={[
              { value: "", label: t("invite.noCountry") },
              ...countries.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <SelectField
            label={t("invite.language")}
            hint={t("invite.languageHint")}
            name="locale"
            defaultValue={locale}
            error={errors.locale}
            options={LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
          />
        </div>
        <RoleFields countries={countries} errors={errors} />
        <FormActions submitting={submitting} submitLabel={t("invite.submit")} cancelTo="/admin/users" />
      </Form>
    </>
  );
}
