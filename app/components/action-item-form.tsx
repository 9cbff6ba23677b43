import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { ActionItemSchema } from "~/forms/action-item";
import { useAppForm, type FormDefaults } from "~/forms/use-app-form";
import { type MilestoneNaming, useMilestoneLabel } from "~/i18n/names";
import { Field, FormActions, FormErrorSummary, SelectField } from "./forms";

/** The form that adds or edits an action item, checked on the page and by its action with ActionItemSchema. */
export function ActionItemForm({
  defaultValue,
  lastResult,
  milestones,
  owners,
  cancelTo,
}: {
  defaultValue?: FormDefaults<typeof ActionItemSchema>;
  lastResult?: SubmissionResult<string[]> | null;
  milestones: ({ id: string } & MilestoneNaming)[];
  /** the country's focal points and task-force members */
  owners: { id: string; name: string }[];
  cancelTo: string;
}) {
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const milestoneLabel = useMilestoneLabel();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(ActionItemSchema, {
    lastResult,
    defaultValue: { status: "not_started", progress: 0, ...defaultValue },
  });
  return (
    <Form method="post" className="card" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrorSummary form={form} />
      <Field label={t("activity")} meta={fields.activity} />
      <div className="grid grid-2">
        <Field label={t("leadAgency")} meta={fields.leadAgency} />
        <Field label={t("indicator")} meta={fields.indicator} />
        <Field label={t("start")} meta={fields.startsOn} type="date" />
        <Field label={t("due")} meta={fields.dueOn} type="date" />
        <SelectField
          label={t("status")}
          meta={fields.status}
          options={ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: tc(`actionItemStatuses.${s}`) }))}
        />
        <Field label={`${t("progress")} (%)`} meta={fields.progress} type="number" inputMode="numeric" step={5} />
        <SelectField
          label={t("owner")}
          meta={fields.ownerId}
          hint={t("itemForm.ownerHint")}
          options={[
            { value: "", label: t("itemForm.noOwner") },
            ...owners.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <Field label={t("progressNote")} meta={fields.progressNote} />
      </div>
      <SelectField
        label={t("milestone")}
        meta={fields.milestoneId}
        options={[
          { value: "", label: t("itemForm.noMilestone") },
          ...milestones.map((m) => ({ value: m.id, label: milestoneLabel(m) })),
        ]}
      />
      <FormActions submitting={submitting} cancelTo={cancelTo} />
    </Form>
  );
}
