import { Form, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { isCalendarDay } from "~/utils/format";
import { useHydrated } from "./use-hydrated";

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

/**
 * A list's filters as a GET form that applies each change at once once
 * JavaScript runs, so a filter is one click. Before that (or without it) the
 * submit button applies them. A date applies only once it is a whole day, not
 * at each digit typed.
 */
export function LiveFilterForm({
  submitLabel,
  className,
  children,
}: {
  submitLabel: string;
  className?: string;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      className={className ? `filters ${className}` : "filters"}
      onChange={(event) => {
        const field = event.target as HTMLInputElement;
        if (field.type === "date" && field.value !== "" && !isCalendarDay(field.value)) return;
        submit(event.currentTarget, { preventScrollReset: true });
      }}
    >
      {children}
      {hydrated ? null : (
        <button type="submit" className="button-secondary">
          {submitLabel}
        </button>
      )}
    </Form>
  );
}
