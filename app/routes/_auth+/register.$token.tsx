import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormErrorSummary, SelectField } from "~/components/forms";
import { listCountries } from "~/models/country.server";
import { countryExists } from "~/models/participant.server";
import { completeRegistration, findRegistration } from "~/models/participant-registration.server";
import { useRootData } from "~/root";
import { isOneOf, LOCALES, SEXES } from "~/domain/vocabulary";
import { localeCookie } from "~/auth/locale-cookie.server";
import { formatDay } from "~/utils/format";
import { InputRefused } from "~/domain/input-refused";
import { registrationAnswerSchema } from "~/forms/registration";
import { RegistrationQuestionFields } from "~/components/registration-question-fields";
import { getLocale } from "~/i18n/i18n.server";
import { sendRegistrationConfirmation } from "~/models/registration-confirmation.server";
import { askedQuestions } from "~/models/registration-questions.server";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("participants:register.title");

/**
 * An invited person's page, reached from their personal link; no account needed. The e-mailed link names the
 * e-mail's language (`?lang=id`): it becomes the visitor's language, which they may then switch as anywhere.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  if (lang !== null)
    return redirect(url.pathname, {
      headers: isOneOf(LOCALES, lang) ? { "Set-Cookie": await localeCookie.serialize(lang) } : undefined,
    });
  const registration = await findRegistration(params.token ?? "");
  if (!registration) return { registration: null, countries: [], questions: [] };
  const [countries, questions] = await Promise.all([listCountries(), askedQuestions(registration.workshop.id)]);
  return { registration, countries, questions };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const registration = await findRegistration(params.token ?? "");
  if (!registration) return data({ spent: true as const }, { status: 410 });
  const questions = await askedQuestions(registration.workshop.id);
  const submission = await parseSubmission(request, formData, registrationAnswerSchema(questions));
  if (submission.status !== "success") return invalidReply(submission);
  const answer =
    submission.value.decision === "register"
      ? submission.value
      : // Declining changes nothing but the status; the details are not asked for.
        { decision: "decline" as const, name: "", organisationName: "", countryId: null, sex: "undisclosed" as const };
  if (!(await countryExists(answer.countryId)))
    return refusalReply(request, submission, new InputRefused("countryId", "participants:errors.unknownCountry"));
  let result;
  try {
    result = await completeRegistration(params.token ?? "", answer);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  if (!result) return data({ spent: true as const }, { status: 410 });
  const confirmation =
    result.status === "registered"
      ? await sendRegistrationConfirmation(result.participantId, await getLocale(request))
      : null;
  return { done: result.status, confirmationSent: confirmation !== null };
}

export default function Register() {
  const { registration, countries, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("participants");
  const { t: tc } = useTranslation("common");
  const { t: tr } = useTranslation("registration");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(registrationAnswerSchema(questions), {
    lastResult: actionData && "result" in actionData ? actionData.result : null,
    defaultValue: registration
      ? {
          name: registration.name,
          organisationName: registration.organisationName,
          countryId: registration.countryId,
          sex: registration.sex,
        }
      : undefined,
  });

  if (actionData && "done" in actionData) {
    const registered = actionData.done === "registered";
    return (
      <AuthLayout title={registered ? t("register.registered") : t("register.declined")}>
        <p role="status">
          {!registered
            ? t("register.declinedBody")
            : actionData.confirmationSent
              ? tr("confirmation.sentBody")
              : t("register.registeredBody")}
        </p>
      </AuthLayout>
    );
  }
  if (!registration || (actionData && "spent" in actionData)) {
    return (
      <AuthLayout title={t("register.invalid")}>
        <p className="form-error" role="alert">
          {t("register.invalidBody")}
        </p>
      </AuthLayout>
    );
  }
  const { workshop } = registration;
  return (
    <AuthLayout title={t("register.title")}>
      <p>{t("register.intro", { name: registration.name })}</p>
      <div className="notice">
        <strong>{workshop.title}</strong>
        <div className="small">
          {formatDay(workshop.startsOn, locale, "long")}
          {workshop.endsOn !== workshop.startsOn ? ` – ${formatDay(workshop.endsOn, locale, "long")}` : ""}
          {workshop.venue || workshop.city ? ` · ${[workshop.venue, workshop.city].filter(Boolean).join(", ")}` : ""}
          {workshop.hostCountry ? ` (${countryName(workshop.hostCountry)})` : ""}
        </div>
      </div>
      <Form method="post" {...getFormProps(form)}>
        <h2 className="h3">{t("register.confirmDetails")}</h2>
        <FormErrorSummary form={form} />
        {registration.email ? <Field label={t("email")} value={registration.email} readOnly /> : null}
        <Field label={t("name")} meta={fields.name} maxLength={160} autoComplete="name" />
        <Field label={t("organisation")} meta={fields.organisationName} maxLength={200} autoComplete="organization" />
        <SelectField
          label={t("country")}
          meta={fields.countryId}
          options={[
            { value: "", label: t("noCountry") },
            ...countries.map((c) => ({ value: c.id, label: countryName(c) })),
          ]}
        />
        <SelectField
          label={t("sex")}
          meta={fields.sex}
          options={SEXES.map((s) => ({ value: s, label: tc(`sexes.${s}`) }))}
        />
        <RegistrationQuestionFields questions={questions} fields={fields.answers.getFieldset()} />
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
