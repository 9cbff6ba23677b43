import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { SESSION_TYPES, SPEAKER_ROLES } from "~/domain/vocabulary";
import { formatDay } from "~/utils/format";
import { Field, FormError, SelectField, TextareaField } from "./forms";
import { FormActions } from "~/components/forms";

export type SessionFormValues = {
  day?: string;
  startTime?: string;
  endTime?: string;
  title?: string;
  description?: string;
  sessionType?: string;
  speakers?: { name: string; role: string }[];
};

/** Form values echoed back after a refused save, with the speaker rows paired again. */
export function echoedSession(values: Record<string, unknown> | undefined): SessionFormValues | null {
  if (!values) return null;
  const list = (v: unknown) => ([] as unknown[]).concat(v ?? []).map(String);
  const roles = list(values.speakerRole);
  return {
    ...(values as Record<string, string>),
    speakers: list(values.speakerName)
      .map((name, i) => ({ name, role: roles[i] ?? "speaker" }))
      .filter((s) => s.name),
  };
}

/** Rows for speakers: the named ones, then two empty rows ready to fill. */
const EMPTY_ROWS = 2;

/**
 * A session of the agenda. Day and clock times are in the workshop's zone;
 * speakers are typed, with the directory's names offered as suggestions.
 */
export function AgendaSessionForm({
  values,
  errors = {},
  days,
  directory,
  submitLabel,
  cancelTo,
}: {
  values: SessionFormValues;
  errors?: Record<string, string>;
  days: string[];
  directory: { id: string; name: string; organisation: { acronym: string | null; name: string } | null }[];
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const submitting = useNavigation().state === "submitting";
  const named = values.speakers ?? [];
  const initialRows = named.length + EMPTY_ROWS;
  const [rows, setRows] = useState(initialRows);
  const v = (key: Exclude<keyof SessionFormValues, "speakers">) => values[key] ?? "";
  return (
    <Form method="post" className="card stack" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError>{Object.keys(errors).length ? tc("errors.fixBelow") : null}</FormError>
      <div className="grid grid-3">
        <SelectField
          label={t("sessionForm.day")}
          name="day"
          defaultValue={v("day") || days[0]}
          error={errors.day}
          options={days.map((day, i) => ({
            value: day,
            label: t("sessionForm.dayOption", { n: i + 1, date: formatDay(day, locale, "long") }),
          }))}
        />
        <Field
          label={t("sessionForm.startTime")}
          name="startTime"
          type="time"
          step={300}
          defaultValue={v("startTime")}
          required
          error={errors.startTime}
        />
        <Field
          label={t("sessionForm.endTime")}
          name="endTime"
          type="time"
          step={300}
          defaultValue={v("endTime")}
          required
          error={errors.endTime}
        />
      </div>
      <Field
        label={t("sessionForm.title")}
        name="title"
        defaultValue={v("title")}
        required
        maxLength={200}
        error={errors.title}
      />
      <SelectField
        label={t("sessionForm.sessionType")}
        name="sessionType"
        defaultValue={v("sessionType") || "plenary"}
        error={errors.sessionType}
        options={SESSION_TYPES.map((type) => ({ value: type, label: t(`sessionTypes.${type}`) }))}
      />
      <TextareaField
        label={t("sessionForm.description")}
        name="description"
        defaultValue={v("description")}
        rows={3}
        maxLength={2000}
        error={errors.description}
      />
      <fieldset className="stack speaker-rows">
        <legend>{t("sessionForm.speakersHeading")}</legend>
        <p className="field-hint">{t("sessionForm.speakersHint")}</p>
        {errors.speakerName ? <p className="field-error">{errors.speakerName}</p> : null}
        {Array.from({ length: rows }, (_, i) => (
          <div className="grid grid-2 speaker-row" key={i}>
            <Field
              label={t("sessionForm.speakerName", { n: i + 1 })}
              name="speakerName"
              list="speaker-directory"
              autoComplete="off"
              maxLength={120}
              defaultValue={named[i]?.name ?? ""}
              // A row added with the button takes the focus, ready for typing.
              autoFocus={i === rows - 1 && rows > initialRows}
            />
            <SelectField
              label={t("sessionForm.speakerRole", { n: i + 1 })}
              name="speakerRole"
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
          <button type="button" className="button-secondary" onClick={() => setRows((n) => Math.min(30, n + 1))}>
            {t("sessionForm.addSpeaker")}
          </button>
        </div>
      </fieldset>
      <FormActions submitting={submitting} submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  );
}
