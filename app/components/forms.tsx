import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";

/**
 * Asks before a destructive submission or click (with JavaScript; without it the
 * server's rules still hold). Use on a form's onSubmit or a submit button's onClick.
 */
export const confirmFirst = (question: string) => (event: { preventDefault(): void }) => {
  if (!window.confirm(question)) event.preventDefault();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any form's schema
export type FieldMeta = FieldMetadata<any, any, string[]>;

/**
 * A field is either wired to a Conform form (`meta`: name, id, value, rules and
 * messages come from the form's schema) or, on pages not yet moved to it,
 * given its name, value and `error` by hand.
 */
type Common = { label: ReactNode; hint?: ReactNode } & (
  { meta: FieldMeta; error?: never } | { meta?: undefined; error?: string | null }
);

type Described = { id: string; error?: string; errorId: string; hintId: string; hint?: ReactNode };

function describe(meta: FieldMeta | undefined, fallbackId: string, error: string | null | undefined, hint: ReactNode) {
  const id = meta?.id ?? fallbackId;
  const described: Described = {
    id,
    error: (meta ? meta.errors?.[0] : error) ?? undefined,
    errorId: meta?.errorId ?? `${id}-error`,
    hintId: meta?.descriptionId ?? `${id}-hint`,
    hint,
  };
  const ariaDescribedBy =
    [described.error ? described.errorId : null, hint ? described.hintId : null].filter(Boolean).join(" ") || undefined;
  return {
    described,
    aria: { "aria-invalid": described.error ? true : undefined, "aria-describedby": ariaDescribedBy },
  };
}

/** The id a page gave the control, else one of React's: the label must point at the control's real id. */
function useFieldId(given: string | undefined) {
  const generated = useId();
  return given ?? generated;
}

function FieldHint({ hint, hintId }: Described) {
  return hint ? (
    <p className="field-hint" id={hintId}>
      {hint}
    </p>
  ) : null;
}

function FieldError({ error, errorId }: Described) {
  return error ? (
    <p className="field-error" id={errorId}>
      {error}
    </p>
  ) : null;
}

function FieldText(described: Described) {
  return (
    <>
      <FieldHint {...described} />
      <FieldError {...described} />
    </>
  );
}

/** A labelled input with its hint and error wired for screen readers. */
export function Field({ label, error, hint, meta, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { described, aria } = describe(meta, useFieldId(input.id), error, hint);
  const control = meta
    ? { ...getInputProps(meta, { type: (input.type ?? "text") as "text", ariaAttributes: false }), ...input }
    : { id: described.id, ...input };
  return (
    <div className="field">
      <label htmlFor={described.id}>{label}</label>
      <input {...aria} {...control} />
      <FieldText {...described} />
    </div>
  );
}

/** Radios or checkboxes under one legend: the hint before the choices, the error after, both wired for screen readers. */
export function ChoiceGroup({
  legend,
  hint,
  meta,
  className = "choices",
  children,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  meta: FieldMeta;
  className?: string;
  children: ReactNode;
}) {
  const { described, aria } = describe(meta, meta.id, undefined, hint);
  return (
    <fieldset className={className} {...aria}>
      <legend>{legend}</legend>
      <FieldHint {...described} />
      {children}
      <FieldError {...described} />
    </fieldset>
  );
}

export function TextareaField({
  label,
  error,
  hint,
  meta,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { described, aria } = describe(meta, useFieldId(textarea.id), error, hint);
  const control = meta
    ? { ...getTextareaProps(meta, { ariaAttributes: false }), ...textarea }
    : { id: described.id, ...textarea };
  return (
    <div className="field">
      <label htmlFor={described.id}>{label}</label>
      <textarea {...aria} {...control} />
      <FieldText {...described} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  meta,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const { described, aria } = describe(meta, useFieldId(select.id), error, hint);
  const control = meta
    ? { ...getSelectProps(meta, { ariaAttributes: false }), ...select }
    : { id: described.id, ...select };
  return (
    <div className="field">
      <label htmlFor={described.id}>{label}</label>
      <select {...aria} {...control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldText {...described} />
    </div>
  );
}

/** A new password and the same again, with the rule it must meet: invitations, reset links and the account page. */
export function NewPasswordFields({ password, confirmPassword }: { password: FieldMeta; confirmPassword: FieldMeta }) {
  const { t } = useTranslation("auth");
  return (
    <>
      <Field
        label={t("reset.newPassword")}
        meta={password}
        type="password"
        autoComplete="new-password"
        hint={t("reset.hint", { min: MIN_PASSWORD_LENGTH })}
      />
      <Field label={t("reset.confirmPassword")} meta={confirmPassword} type="password" autoComplete="new-password" />
    </>
  );
}

/**
 * What a Conform form says as a whole: the server's message for the form, or,
 * after a submission that failed, that the fields below need mending.
 */
export function FormErrorSummary({ form }: { form: { errors?: string[]; status?: "success" | "error" } }) {
  const { t } = useTranslation("common");
  return <FormError>{form.errors?.[0] ?? (form.status === "error" ? t("errors.fixBelow") : null)}</FormError>;
}

/** A message for the whole form, announced when it appears. */
export function FormError({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <div className="form-error" role="alert">
      {children}
    </div>
  );
}

/** A form's closing pair: submit ("Saving…" and disabled while it is sent) and the way back. */
export function FormActions({
  submitting,
  submitLabel,
  cancelTo,
}: {
  submitting: boolean;
  submitLabel?: string;
  cancelTo: string;
}) {
  const { t } = useTranslation("common");
  return (
    <div className="form-actions">
      <button type="submit" disabled={submitting}>
        {submitting ? t("actions.saving") : (submitLabel ?? t("actions.save"))}
      </button>
      <Link to={cancelTo}>{t("actions.cancel")}</Link>
    </div>
  );
}
