import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { Field, FormError, SelectField } from "./forms";
import { FormActions } from "~/components/forms";

type Values = Partial<
  Record<
    "activity" | "leadAgency" | "startsOn" | "dueOn" | "status" | "progress" | "indicator" | "milestoneId",
    string | number | null
  >
>;

export function ActionItemForm({
  values = {},
  errors = {},
  milestones,
  cancelTo,
}: {
  values?: Values;
  errors?: Record<string, string>;
  milestones: { id: string; label: string }[];
  cancelTo: string;
}) {
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const v = (key: keyof Values) => (values[key] ?? "") as string;
  return (
    <Form method="post" className="card" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError>{Object.keys(errors).length ? (errors.form ?? tc("errors.fixBelow")) : null}</FormError>
      <Field label={t("activity")} name="activity" defaultValue={v("activity")} required error={errors.activity} />
      <div className="grid grid-2">
        <Field label={t("leadAgency")} name="leadAgency" defaultValue={v("leadAgency")} error={errors.leadAgency} />
        <Field label={t("indicator")} name="indicator" defaultValue={v("indicator")} error={errors.indicator} />
        <Field label={t("start")} name="startsOn" type="date" defaultValue={v("startsOn")} error={errors.startsOn} />
        <Field label={t("due")} name="dueOn" type="date" defaultValue={v("dueOn")} error={errors.dueOn} />
        <SelectField
          label={t("status")}
          name="status"
          defaultValue={v("status") || "not_started"}
          error={errors.status}
          options={ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: tc(`actionItemStatuses.${s}`) }))}
        />
        <Field
          label={`${t("progress")} (%)`}
          name="progress"
          type="number"
          min={0}
          max={100}
          step={5}
          defaultValue={String(values.progress ?? 0)}
          error={errors.progress}
        />
      </div>
      <SelectField
        label={t("milestone")}
        name="milestoneId"
        defaultValue={v("milestoneId")}
        error={errors.milestoneId}
        options={[
          { value: "", label: t("itemForm.noMilestone") },
          ...milestones.map((m) => ({ value: m.id, label: m.label })),
        ]}
      />
      <FormActions submitting={submitting} cancelTo={cancelTo} />
    </Form>
  );
}
