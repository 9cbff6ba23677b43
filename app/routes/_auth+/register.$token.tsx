import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthLayout } from "~/components/auth-layout";
import { Field, SelectField } from "~/components/forms";
import { listCountries } from "~/models/country.server";
import { countryExists } from "~/models/participant.server";
import { completeRegistration, findRegistration } from "~/models/participant-registration.server";
import { useRootData } from "~/root";
import { SEXES } from "~/domain/vocabulary";
import { formatDay } from "~/utils/format";
import { parseForm, readFormData } from "~/forms/submission.server";
import { optionalText, text } from "~/forms/fields";

export const meta: MetaFunction = () => [{ title: "Workshop registration · FocalPoint" }];

/** An invited person's page, reached from their personal link; no account needed. */
export async function loader({ params }: LoaderFunctionArgs) {
  const registration = await findRegistration(params.token ?? "");
  if (!registration) return { registration: null, countries: [] };
  return { registration, countries: await listCountries() };
}

const AnswerForm = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("register"),
    name: text(160),
    organisationName: optionalText(200),
    countryId: z
      .string()
      .optional()
      .transform((v) => v || null)
      .pipe(
        z
          .string()
          .regex(/^[a-z0-9]{10,40}$/)
          .nullable(),
      ),
    sex: z.enum(SEXES),
  }),
  z.object({ decision: z.literal("decline") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, AnswerForm, await readFormData(request));
  if (!form.ok) return data({ done: null, invalid: false, fieldErrors: form.fieldErrors }, { status: 400 });
  const answer =
    form.data.decision === "register"
      ? form.data
      : // Declining changes nothing but the status; the details are not asked for.
        { decision: "decline" as const, name: "", organisationName: "", countryId: null, sex: "undisclosed" as const };
  if (!(await countryExists(answer.countryId)))
    return data({ done: null, invalid: false, fieldErrors: { countryId: "—" } }, { status: 400 });
  const result = await completeRegistration(params.token ?? "", answer);
  if (!result) return data({ done: null, invalid: true, fieldErrors: {} }, { status: 410 });
  return { done: result.status, invalid: false, fieldErrors: {} as Record<string, string> };
}

export default function Register() {
  const { registration, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("participants");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const submitting = useNavigation().state === "submitting";

  if (actionData?.done) {
    const registered = actionData.done === "registered";
    return (
      <AuthLayout title={registered ? t("register.registered") : t("register.declined")}>
        <p role="status">{registered ? t("register.registeredBody") : t("register.declinedBody")}</p>
      </AuthLayout>
    );
  }
  if (!registration || actionData?.invalid) {
    return (
      <AuthLayout title={t("register.invalid")}>
        <p className="form-error" role="alert">
          {t("register.invalidBody")}
        </p>
      </AuthLayout>
    );
  }
  const { workshop } = registration;
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  return (
    <AuthLayout title={t("register.title")}>
      <p>{t("register.intro", { name: registration.name })}</p>
      <div className="notice">
        <strong>{workshop.title}</strong>
        <div className="small">
          {formatDay(workshop.startsOn, locale, "long")}
          {workshop.endsOn !== workshop.startsOn ? ` – ${formatDay(workshop.endsOn, locale, "long")}` : ""}
          {workshop.venue || workshop.city ? ` · ${[workshop.venue, workshop.city].filter(Boolean).join(", ")}` : ""}
          {workshop.hostCountry ? ` (${workshop.hostCountry.name})` : ""}
        </div>
      </div>
      <Form method="post" noValidate>
        <h2 className="h3">{t("register.confirmDetails")}</h2>
        {registration.email ? <Field label={t("email")} value={registration.email} readOnly /> : null}
        <Field
          label={t("name")}
          name="name"
          defaultValue={registration.name}
          required
          maxLength={160}
          autoComplete="name"
          error={errors.name}
        />
        <Field
          label={t("organisation")}
          name="organisationName"
          defaultValue={registration.organisationName}
          maxLength={200}
          autoComplete="organization"
          error={errors.organisationName}
        />
        <SelectField
          label={t("country")}
          name="countryId"
          defaultValue={registration.countryId ?? ""}
          error={errors.countryId ? t("errors.unknownCountry") : undefined}
          options={[{ value: "", label: t("noCountry") }, ...countries.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <SelectField
          label={t("sex")}
          name="sex"
          defaultValue={registration.sex}
          error={errors.sex}
          options={SEXES.map((s) => ({ value: s, label: tc(`sexes.${s}`) }))}
        />
        <div className="form-actions">
          <button type="submit" name="decision" value="register" disabled={submitting}>
            {t("register.register")}
          </button>
          <button
            type="submit"
            name="decision"
            value="decline"
            className="button-secondary"
            disabled={submitting}
            formNoValidate
          >
            {t("register.decline")}
          </button>
        </div>
      </Form>
    </AuthLayout>
  );
}
