import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { WORKSHOP_KINDS } from "~/domain/vocabulary";
import { Field, FormError, SelectField, TextareaField } from "./forms";
import { FormActions } from "~/components/forms";

export type WorkshopFormValues = Partial<
  Record<
    | "title"
    | "kind"
    | "hostCountryId"
    | "venue"
    | "city"
    | "timeZone"
    | "startsOn"
    | "endsOn"
    | "organisers"
    | "objectives"
    | "expectedResults"
    | "projectId",
    string | null
  >
> & { facilitatorIds?: string[] };

type Options = {
  countries: { id: string; name: string; timeZone: string | null }[];
  projects: { id: string; code: string; title: string }[];
  facilitators: { id: string; name: string; label: string | null }[];
};

/**
 * The workshop's own fields, for creating and editing. The time zone follows
 * the host country until the facilitator types one of their own.
 */
export function WorkshopForm({
  values,
  errors = {},
  options,
  creatorId,
  submitLabel,
  cancelTo,
}: {
  values: WorkshopFormValues;
  errors?: Record<string, string>;
  options: Options;
  /** on the create form: the creator, who facilitates without having to tick themselves */
  creatorId?: string | null;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const [timeZone, setTimeZone] = useState(values.timeZone ?? "");
  const [zoneTouched, setZoneTouched] = useState(false);
  const v = (key: keyof Omit<WorkshopFormValues, "facilitatorIds">) => values[key] ?? "";
  const zones = [...new Set(options.countries.map((c) => c.timeZone).filter(Boolean))] as string[];
  const chosen = new Set(values.facilitatorIds ?? []);
  const creator = options.facilitators.find((f) => f.id === creatorId);
  return (
    <Form method="post" className="card stack" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError>{Object.keys(errors).length ? (errors.form ?? tc("errors.fixBelow")) : null}</FormError>
      <Field
        label={t("form.title")}
        name="title"
        defaultValue={v("title")}
        required
        maxLength={200}
        error={errors.title}
      />
      <div className="grid grid-2">
        <SelectField
          label={t("form.kind")}
          name="kind"
          defaultValue={v("kind") || "regional_meeting"}
          error={errors.kind}
          options={WORKSHOP_KINDS.map((k) => ({ value: k, label: tc(`workshopKinds.${k}`) }))}
        />
        <SelectField
          label={t("form.host")}
          name="hostCountryId"
          defaultValue={v("hostCountryId")}
          error={errors.hostCountryId}
          onChange={(event) => {
            const zone = options.countries.find((c) => c.id === event.target.value)?.timeZone;
            if (zone && !zoneTouched) setTimeZone(zone);
          }}
          options={[
            { value: "", label: t("form.noHost") },
            ...options.countries.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Field label={t("form.venue")} name="venue" defaultValue={v("venue")} maxLength={200} error={errors.venue} />
        <Field label={t("form.city")} name="city" defaultValue={v("city")} maxLength={120} error={errors.city} />
        <Field
          label={t("form.startsOn")}
          name="startsOn"
          type="date"
          defaultValue={v("startsOn")}
          required
          error={errors.startsOn}
        />
        <Field
          label={t("form.endsOn")}
          name="endsOn"
          type="date"
          defaultValue={v("endsOn")}
          required
          error={errors.endsOn}
        />
      </div>
      <Field
        label={t("form.timeZone")}
        name="timeZone"
        value={timeZone}
        onChange={(event) => {
          setTimeZone(event.target.value);
          setZoneTouched(true);
        }}
        list="workshop-time-zones"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={64}
        hint={t("form.timeZoneHint")}
        error={errors.timeZone}
      />
      <datalist id="workshop-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <TextareaField
        label={t("form.organisers")}
        name="organisers"
        defaultValue={v("organisers")}
        rows={2}
        maxLength={1000}
        error={errors.organisers}
      />
      <TextareaField
        label={t("form.objectives")}
        name="objectives"
        defaultValue={v("objectives")}
        rows={5}
        maxLength={5000}
        error={errors.objectives}
      />
      <TextareaField
        label={t("form.expectedResults")}
        name="expectedResults"
        defaultValue={v("expectedResults")}
        rows={4}
        maxLength={5000}
        error={errors.expectedResults}
      />
      <SelectField
        label={t("form.project")}
        name="projectId"
        defaultValue={v("projectId")}
        error={errors.projectId}
        options={[
          { value: "", label: t("form.noProject") },
          ...options.projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
        ]}
      />
      <fieldset
        className="field"
        aria-describedby={errors.facilitatorIds ? "facilitators-error facilitators-hint" : "facilitators-hint"}
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
                <input type="checkbox" name="facilitatorIds" value={person.id} defaultChecked={chosen.has(person.id)} />
                {person.name} {person.label ? <span className="muted">({person.label})</span> : null}
              </label>
            ))}
        </div>
        {errors.facilitatorIds ? (
          <p className="field-error" id="facilitators-error">
            {errors.facilitatorIds}
          </p>
        ) : null}
      </fieldset>
      <FormActions submitting={submitting} submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  );
}
