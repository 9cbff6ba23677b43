import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { Field, FormActions, FormErrorSummary, SelectField } from "~/components/forms";
import { RoleFields } from "~/components/role-fields";
import { getTranslate } from "~/i18n/translate.server";
import { listOrganisationOptions } from "~/models/organisation.server";
import { listCountries } from "~/models/country.server";
import { inviteUser } from "~/models/invitation.server";
import { InviteSchema } from "~/forms/roles";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { redirectWithToast } from "~/utils/toast.server";
import { LOCALES } from "~/domain/vocabulary";
import { LANGUAGE_NAMES } from "~/i18n/config";
import { useRootData } from "~/root";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("admin:invite.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user.manage");
  const [countries, organisations] = await Promise.all([listCountries(), listOrganisationOptions()]);
  return { countries, organisations };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user.manage");
  const submission = await parseSubmission(request, await readFormData(request), InviteSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await inviteUser(submission.value, actor, context.requestId);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast("/admin/users?status=invited", {
    kind: "success",
    message: t("admin:invite.sent", { email: submission.value.email }),
  });
}

export default function InvitePerson() {
  const { countries, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("admin");
  const locale = useRootData()?.locale ?? "en";
  const [form, fields] = useAppForm(InviteSchema, { lastResult: actionData?.result, defaultValue: { locale } });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/admin">{t("title")}</Link> › <Link to="/admin/users">{t("users.title")}</Link>
      </nav>
      <PageHeader title={t("invite.title")} intro={t("invite.intro")} />
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <div className="grid grid-2">
          <Field label={t("invite.email")} meta={fields.email} type="email" autoComplete="off" />
          <Field label={t("invite.name")} meta={fields.name} autoComplete="off" />
          <SelectField
            label={t("invite.organisation")}
            meta={fields.organisationId}
            options={[
              { value: "", label: t("invite.noOrganisation") },
              ...organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
            ]}
          />
          <SelectField
            label={t("invite.country")}
            meta={fields.countryId}
            options={[
              { value: "", label: t("invite.noCountry") },
              ...countries.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <SelectField
            label={t("invite.language")}
            hint={t("invite.languageHint")}
            meta={fields.locale}
            options={LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
          />
        </div>
        <RoleFields countries={countries} errors={form.allErrors} />
        <FormActions submitting={submitting} submitLabel={t("invite.submit")} cancelTo="/admin/users" />
      </Form>
    </>
  );
}
