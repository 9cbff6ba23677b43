import { getInputProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ANSWER_MAX_LENGTH, YES_NO, type AskedQuestion } from "~/domain/registration-questions";
import { ChoiceGroup, Field, SelectField, TextareaField, type FieldMeta } from "./forms";

/**
 * The organiser's questions on the registration page, each as the field its
 * kind calls for; `fields` is the form's `answers` fieldset, by question id.
 */
export function RegistrationQuestionFields({
  questions,
  fields,
}: {
  questions: AskedQuestion[];
  fields: Record<string, FieldMeta>;
}) {
  const { t } = useTranslation("registration");
  if (questions.length === 0) return null;
  return (
    <>
      <h2 className="h3">{t("answers.section")}</h2>
      {questions.map((q) => {
        const meta = fields[q.id]!;
        const label = q.required ? `${q.label} *` : q.label;
        switch (q.kind) {
          case "short_text":
            return <Field key={q.id} label={label} meta={meta} maxLength={ANSWER_MAX_LENGTH.short_text} />;
          case "long_text":
            return (
              <TextareaField key={q.id} label={label} meta={meta} maxLength={ANSWER_MAX_LENGTH.long_text} rows={3} />
            );
          case "choice":
            return (
              <SelectField
                key={q.id}
                label={label}
                meta={meta}
                options={[{ value: "", label: t("answers.choose") }, ...q.options.map((o) => ({ value: o, label: o }))]}
              />
            );
          case "yes_no":
            return <YesNoField key={q.id} label={label} meta={meta} />;
        }
      })}
    </>
  );
}

function YesNoField({ label, meta }: { label: string; meta: FieldMeta }) {
  const { t } = useTranslation("registration");
  return (
    <ChoiceGroup legend={label} meta={meta} className="yes-no">
      <div className="cluster">
        {YES_NO.map((value) => (
          <label key={value} className="checkbox">
            <input
              {...getInputProps(meta, { type: "radio", value, ariaAttributes: false })}
              id={`${meta.id}-${value}`}
            />
            {t(`answers.${value}`)}
          </label>
        ))}
      </div>
    </ChoiceGroup>
  );
}
