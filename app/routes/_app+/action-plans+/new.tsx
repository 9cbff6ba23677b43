import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { Field, FormError, SelectField, FormActions } from "~/components/forms";
import { getTranslate } from "~/i18n/translate.server";
import { createPlan, DuplicatePlanError } from "~/models/action-plan.server";
import { listCountries } from "~/models/country.server";
import { text } from "~/forms/fields";
import { parseForm } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "New action plan · FocalPoint" }];

const year = z.coerce.number({ invalid_type_error: "common:validation.invalid" }).int().min(2000).max(2100);
const NewPlanForm = z
  .object({ countryId: z.string().regex(/^[a-z0-9]{10,40}$/), title: text(160), periodStart: year, periodEnd: year })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ["periodEnd"], message: "plans:create.endBeforeStart" });

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
  const t = await getTranslate(request);
  const form = await parseForm(request, NewPlanForm, await request.formData());
  if (!form.ok) return data({ fieldErrors: form.fieldErrors }, { status: 400 });
  assertCan(user, "plan.create", { countryId: form.data.countryId });
  try {
    const plan = await createPlan(form.data, user.id, context.requestId);
    return redirectWithToast(`/action-plans/${plan.id}`, { kind: "success", message: t("plans:create.created") });
  } catch (error) {
    if (error instanceof DuplicatePlanError)
      return data(
        { fieldErrors: { periodStart: t("plans:create.duplicate") } as Record<string, string> },
        { status: 400 },
      );
    throw error;
  }
}

export default function NewPlan() {
  const { countries, year: thisYear } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/action-plans">{t("title")}</Link>
      </nav>
      <PageHeader title={t("create.title")} intro={t("create.intro")} />
      <Form method="post" className="card" noValidate>
        <FormError>{Object.keys(errors).length ? tc("errors.fixBelow") : null}</FormError>
        <SelectField
          label={t("create.country")}
          name="countryId"
          error={errors.countryId}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Field
          label={t("create.name")}
          name="title"
          defaultValue={t("create.defaultName", { start: thisYear + 1, end: thisYear + 3 })}
          required
          error={errors.title}
        />
        <div className="grid grid-2">
          <Field
            label={t("create.periodStart")}
            name="periodStart"
            type="number"
            defaultValue={thisYear + 1}
            required
            error={errors.periodStart}
          />
          <Field
            label={t("create.periodEnd")}
            name="periodEnd"
            type="number"
            defaultValue={thisYear + 3}
            required
            error={errors.periodEnd}
          />
        </div>
        <FormActions submitting={submitting} submitLabel={t("create.button")} cancelTo="/action-plans" />
      </Form>
    </>
  );
}
