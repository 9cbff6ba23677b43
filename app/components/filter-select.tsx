import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** A labelled drop-down for list filters, whose empty first choice means "any". */
export function FilterSelect({
  name,
  label,
  anyLabel,
  value,
  options,
}: {
  name: string;
  label: string;
  anyLabel: string;
  value: string | number | null | undefined;
  options: { value: string | number; label: string }[];
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A list's filters as a GET form, so every filtered view has its own shareable address. */
export function FilterBar({ submitLabel, children }: { submitLabel: string; children: ReactNode }) {
  return (
    <Form method="get" className="filters">
      {children}
      <button type="submit" className="button-secondary">
        {submitLabel}
      </button>
    </Form>
  );
}
