import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormActions, FormErrorSummary, TextareaField } from "~/components/forms";
import { useAppForm, type FormReply } from "~/forms/use-app-form";
import type { PlanStatus } from "~/domain/vocabulary";
import { useCountryName } from "~/i18n/names";
import { PlanSubpageHeader } from "./__plan-subpage-header";

/**
 * A step of a plan's workflow that asks first (submitting it, returning it): what happens next,
 * one text (a covering note, a remark), the confirmation; or, when the plan moved on meanwhile
 * (another tab, a colleague), why the step was refused.
 */
export function PlanStepPage({
  plan,
  schema,
  field,
  from,
  text,
}: {
  plan: { id: string; title: string; status: PlanStatus; country: { code: string; name: string } };
  schema: z.ZodObject<z.ZodRawShape>;
  /** the name of the schema's one text field */
  field: string;
  /** the state the step starts from */
  from: PlanStatus;
  text: {
    title: string;
    next: string[];
    label: string;
    hint: string;
    confirm: string;
    /** why the step is refused, with the plan's {{status}} */
    notReadyKey: "submit.notDraft" | "return.notSubmitted";
    rows: number;
    maxLength?: number;
  };
}) {
  const actionData = useActionData<FormReply>();
  const submitting = useNavigation().state === "submitting";
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  const [form, fields] = useAppForm(schema, { lastResult: actionData?.result });
  const planPage = `/action-plans/${plan.id}`;
  return (
    <>
      <PlanSubpageHeader plan={plan} title={text.title} intro={`${countryName(plan.country)}: ${plan.title}`} />
      {plan.status === from ? (
        <Form method="post" className="card" {...getFormProps(form)}>
          <FormErrorSummary form={form} />
          <h2>{t("submit.next")}</h2>
          <ul>
            {text.next.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <TextareaField
            label={text.label}
            hint={text.hint}
            meta={(fields as Record<string, FieldMetadata<string>>)[field]}
            rows={text.rows}
            maxLength={text.maxLength}
          />
          <FormActions submitting={submitting} submitLabel={text.confirm} cancelTo={planPage} />
        </Form>
      ) : (
        <div className="card">
          <FormErrorSummary form={form} />
          <p className="notice">{t(text.notReadyKey, { status: tc(`planStatuses.${plan.status}`) })}</p>
          <Link to={planPage}>{t("asSubmitted.backToPlan")}</Link>
        </div>
      )}
    </>
  );
}
