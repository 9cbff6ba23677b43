import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { SESSION_TYPES, SPEAKER_ROLES } from "~/domain/vocabulary";
import { AgendaSessionSchema } from "~/forms/agenda-session";
import { useAppForm, type FormDefaults } from "~/forms/use-app-form";
import { formatDay } from "~/utils/format";
import { Field, FormActions, FormErrorSummary, SelectField, TextareaField } from "./forms";

type Speaker = { name: string; role: string };

/** Rows for speakers: the named ones, then two empty rows ready to fill. */
const EMPTY_ROWS = 2;

/**
 * A session of the agenda, for adding and editing, checked on the page and by
 * the action with AgendaSessionSchema. Day and clock times are in the
 * workshop's zone; speakers are typed, with the directory's names offered as
 * suggestions.
 */
export function AgendaSessionForm({
  defaultValue,
  lastResult,
  days,
  directory,
  submitLabel,
  cancelTo,
}: {
  defaultValue: Omit<FormDefaults<typeof AgendaSessionSchema>, "speakers"> & { speakers?: Speaker[] };
  lastResult?: SubmissionResult<string[]> | null;
  days: string[];
  directory: { id: string; name: string; organisation: { acronym: string | null; name: string } | null }[];
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(AgendaSessionSchema, {
    lastResult,
    defaultValue: { day: days[0], sessionType: "plenary", ...defaultValue } as FormDefaults<typeof AgendaSessionSchema>,
  });
  const named = ((fields.speakers.initialValue ?? []) as Partial<Speaker>[]).filter((s) => s?.name);
  const [rows, setRows] = useState(named.length + EMPTY_ROWS);
  // A row added with the button takes the focus, ready for typing.
  const added = useRef(false);
  const speakerRows = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    speakerRows.current?.querySelector<HTMLInputElement>(`[name="speakers[${rows - 1}].name"]`)?.focus();
  }, [rows]);
  return (
    <Form method="post" className="card stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrorSummary form={form} />
      <div className="grid grid-3">
        <SelectField
          label={t("sessionForm.day")}
          meta={fields.day}
          options={days.map((day, i) => ({
            value: day,
            label: t("sessionForm.dayOption", { n: i + 1, date: formatDay(day, locale, "long") }),
          }))}
        />
        <Field label={t("sessionForm.startTime")} meta={fields.startTime} type="time" step={300} />
        <Field label={t("sessionForm.endTime")} meta={fields.endTime} type="time" step={300} />
      </div>
      <Field label={t("sessionForm.title")} meta={fields.title} />
      <SelectField
        label={t("sessionForm.sessionType")}
        meta={fields.sessionType}
        options={SESSION_TYPES.map((type) => ({ value: type, label: t(`sessionTypes.${type}`) }))}
      />
      <TextareaField label={t("sessionForm.description")} meta={fields.description} rows={3} />
      <fieldset className="stack speaker-rows" ref={speakerRows}>
        <legend>{t("sessionForm.speakersHeading")}</legend>
        <p className="field-hint">{t("sessionForm.speakersHint")}</p>
        {fields.speakers.errors?.[0] ? <p className="field-error">{fields.speakers.errors[0]}</p> : null}
        {Array.from({ length: rows }, (_, i) => (
          <div className="grid grid-2 speaker-row" key={i}>
            <Field
              label={t("sessionForm.speakerName", { n: i + 1 })}
              name={`speakers[${i}].name`}
              list="speaker-directory"
              autoComplete="off"
              maxLength={120}
              defaultValue={named[i]?.name ?? ""}
              error={form.allErrors[`speakers[${i}].name`]?.[0]}
            />
            <SelectField
              label={t("sessionForm.speakerRole", { n: i + 1 })}
              name={`speakers[${i}].role`}
              defaultValue={named[i]?.role ?? "speaker"}
              options={SPEAKER_ROLES.map((role) => ({ value: role, label: t(`speakerRoles.${role}`) }))}
            />
          </div>
        ))}
        <datalist id="speaker-directory">
          {directory.map((person) => (
            <option key={person.id} value={person.name}>
              {person.organisation ? (person.organisation.acronym ?? person.organisation.name) : null}
            </option>
          ))}
        </datalist>
        <div>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              added.current = true;
              setRows((n) => Math.min(30, n + 1));
            }}
          >
            {t("sessionForm.addSpeaker")}
          </button>
        </div>
      </fieldset>
      <FormActions submitting={submitting} submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  );
}
