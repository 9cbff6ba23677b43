import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { WORKSHOP_KINDS } from "~/domain/vocabulary";
import { useAppForm, type FormDefaults } from "~/forms/use-app-form";
import { WorkshopSchema } from "~/forms/workshop";
import { Field, FormActions, FormErrorSummary, SelectField, TextareaField } from "./forms";

type Options = {
  countries: { id: string; name: string; timeZone: string | null }[];
  projects: { id: string; code: string; title: string }[];
  facilitators: { id: string; name: string; label: string | null }[];
};

/**
 * The workshop's own fields, for creating and editing, checked on the page and
 * by the action with WorkshopSchema. The time zone follows the host country
 * until the facilitator types one of their own.
 */
export function WorkshopForm({
  defaultValue,
  lastResult,
  options,
  creatorId,
  submitLabel,
  cancelTo,
}: {
  defaultValue?: Omit<FormDefaults<typeof WorkshopSchema>, "facilitatorIds"> & { facilitatorIds?: string[] };
  lastResult?: SubmissionResult<string[]> | null;
  options: Options;
  /** on the create form: the creator, who facilitates without having to tick themselves */
  creatorId?: string | null;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(WorkshopSchema, {
    lastResult,
    defaultValue: { kind: "regional_meeting", ...defaultValue } as FormDefaults<typeof WorkshopSchema>,
  });
  const zoneTyped = useRef(false);
  const zones = [...new Set(options.countries.map((c) => c.timeZone).filter(Boolean))] as string[];
  const chosen = new Set<string>([fields.facilitatorIds.initialValue ?? []].flat().map(String));
  const creator = options.facilitators.find((f) => f.id === creatorId);
  const facilitatorsError = fields.facilitatorIds.errors?.[0];
  return (
    <Form method="post" className="card stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrorSummary form={form} />
      <Field label={t("form.title")} meta={fields.title} />
      <div className="grid grid-2">
        <SelectField
          label={t("form.kind")}
          meta={fields.kind}
          options={WORKSHOP_KINDS.map((k) => ({ value: k, label: tc(`workshopKinds.${k}`) }))}
        />
        <SelectField
          label={t("form.host")}
          meta={fields.hostCountryId}
          onChange={(event) => {
            const zone = options.countries.find((c) => c.id === event.target.value)?.timeZone;
            if (zone && !zoneTyped.current) form.update({ name: fields.timeZone.name, value: zone });
          }}
          options={[
            { value: "", label: t("form.noHost") },
            ...options.countries.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Field label={t("form.venue")} meta={fields.venue} />
        <Field label={t("form.city")} meta={fields.city} />
        <Field label={t("form.startsOn")} meta={fields.startsOn} type="date" />
        <Field label={t("form.endsOn")} meta={fields.endsOn} type="date" />
      </div>
      <Field
        label={t("form.timeZone")}
        meta={fields.timeZone}
        onInput={() => {
          zoneTyped.current = true;
        }}
        list="workshop-time-zones"
        autoComplete="off"
        spellCheck={false}
        hint={t("form.timeZoneHint")}
      />
      <datalist id="workshop-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <TextareaField label={t("form.organisers")} meta={fields.organisers} rows={2} />
      <TextareaField label={t("form.objectives")} meta={fields.objectives} rows={5} />
      <TextareaField label={t("form.expectedResults")} meta={fields.expectedResults} rows={4} />
      <SelectField
        label={t("form.project")}
        meta={fields.projectId}
        options={[
          { value: "", label: t("form.noProject") },
          ...options.projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
        ]}
      />
      <fieldset
        className="field"
        aria-describedby={
          facilitatorsError ? `${fields.facilitatorIds.errorId} facilitators-hint` : "facilitators-hint"
        }
      >
        <legend>{t("form.facilitators")}</legend>
        <p className="field-hint" id="facilitators-hint">
          {t("form.facilitatorsHint")}
        </p>
        {creator ? (
          <p className="small">
            <strong>{creator.name}</strong>
            {creator.label ? ` (${creator.label})` : null}: {t("form.youFacilitate")}
          </p>
        ) : null}
        <div className="facilitator-choices">
          {options.facilitators
            .filter((person) => person.id !== creatorId)
            .map((person) => (
              <label key={person.id} className="checkbox">
                <input
                  type="checkbox"
                  name={fields.facilitatorIds.name}
                  value={person.id}
                  defaultChecked={chosen.has(person.id)}
                />
                {person.name} {person.label ? <span className="muted">({person.label})</span> : null}
              </label>
            ))}
        </div>
        {facilitatorsError ? (
          <p className="field-error" id={fields.facilitatorIds.errorId}>
            {facilitatorsError}
          </p>
        ) : null}
      </fieldset>
      <FormActions submitting={submitting} submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  );
}
