import { Link } from "@remix-run/react";
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";

type Common = { label: ReactNode; error?: string | null; hint?: ReactNode };

function describedBy(id: string, error?: string | null, hint?: ReactNode) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function FieldText({ id, error, hint }: { id: string; error?: string | null; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input with its hint and error wired for screen readers. */
export function Field({ label, error, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fallback = useId();
  const id = input.id ?? fallback;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
      <FieldText id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextareaField({
  label,
  error,
  hint,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fallback = useId();
  const id = textarea.id ?? fallback;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...textarea}
      />
      <FieldText id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const fallback = useId();
  const id = select.id ?? fallback;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldText id={id} error={error} hint={hint} />
    </div>
  );
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
