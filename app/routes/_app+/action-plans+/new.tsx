import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { getFormProps } from "@conform-to/react";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { Field, FormActions, FormErrorSummary, SelectField } from "~/components/forms";
import { getTranslate } from "~/i18n/translate.server";
import { createPlan } from "~/models/action-plan.server";
import { listCountries } from "~/models/country.server";
import { NewPlanSchema } from "~/forms/action-plan";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("plans:create.title");

/** The countries this person may start a plan for. */
async function creatableCountries(user: Awaited<ReturnType<typeof requireUser>>) {
  return (await listCountries()).filter((c) => can(user, "plan.create", { countryId: c.id }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const countries = await creatableCountries(user);
  if (countries.length === 0) throw new Response("Forbidden", { status: 403 });
  return { countries, year: new Date().getUTCFullYear() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, await readFormData(request), NewPlanSchema);
  if (submission.status !== "success") return invalidReply(submission);
  assertCan(user, "plan.create", { countryId: submission.value.countryId });
  let plan;
  try {
    plan = await createPlan(submission.value, user.id, context.requestId);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/action-plans/${plan.id}`, { kind: "success", message: t("plans:create.created") });
}

export default function NewPlan() {
  const { countries, year: thisYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("plans");
  const [form, fields] = useAppForm(NewPlanSchema, {
    lastResult: actionData?.result,
    defaultValue: {
      countryId: countries[0]?.id,
      title: t("create.defaultName", { start: thisYear + 1, end: thisYear + 3 }),
      periodStart: thisYear + 1,
      periodEnd: thisYear + 3,
    },
  });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/action-plans">{t("title")}</Link>
      </nav>
      <PageHeader title={t("create.title")} intro={t("create.intro")} />
      <Form method="post" className="card" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <SelectField
          label={t("create.country")}
          meta={fields.countryId}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Field label={t("create.name")} meta={fields.title} />
        <div className="grid grid-2">
          <Field label={t("create.periodStart")} meta={fields.periodStart} type="number" inputMode="numeric" />
          <Field label={t("create.periodEnd")} meta={fields.periodEnd} type="number" inputMode="numeric" />
        </div>
        <FormActions submitting={submitting} submitLabel={t("create.button")} cancelTo="/action-plans" />
      </Form>
    </>
  );
}
