import { useEffect, useRef, useState } from "react";

export type ChecklistOption = { value: string; label: string; hint?: string };
/** A named set of options (e.g. CLMV): choosing it chooses its members, which then show as chosen and cannot be unticked alone. */
export type ChecklistGroup = ChecklistOption & { members: readonly string[] };

/** A value from the URL the form follows until the person changes it: a link that changes the URL resets it. */
function useFollowedValue<T>(value: T, same: (a: T, b: T) => boolean) {
  const [draft, setDraft] = useState(value);
  const [followed, setFollowed] = useState(value);
  if (!same(value, followed)) {
    setFollowed(value);
    setDraft(value);
  }
  return [draft, setDraft] as const;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.join(",") === b.join(",");

/**
 * An open list floats over the page like a menu, so it closes like one: on a
 * click elsewhere, or on Escape (which puts the focus back on its summary).
 */
function useDismissable(disclosure: React.RefObject<HTMLDetailsElement>) {
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = disclosure.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const details = disclosure.current;
      if (event.key !== "Escape" || !details?.open || !details.contains(document.activeElement)) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [disclosure]);
}

/**
 * A filter that takes several values: a disclosure holding a group of
 * checkboxes, which a phone shows full width and a keyboard reaches with Tab
 * and Space. The summary names what is chosen, so a closed filter still says
 * what it does. Every box is named `name`, so the form sends a repeated parameter.
 */
export function ChecklistFilter({
  name,
  label,
  anyLabel,
  selected,
  options,
  groups = [],
  groupsLegend,
  optionsLegend,
}: {
  name: string;
  label: string;
  anyLabel: string;
  selected: readonly string[];
  options: ChecklistOption[];
  groups?: ChecklistGroup[];
  groupsLegend?: string;
  optionsLegend?: string;
}) {
  const [chosen, setChosen] = useFollowedValue(selected, sameList);
  const disclosure = useRef<HTMLDetailsElement>(null);
  useDismissable(disclosure);
  const covered = new Set(groups.filter((g) => chosen.includes(g.value)).flatMap((g) => g.members));
  const names = [...groups, ...options]
    .filter((o) => chosen.includes(o.value) && !covered.has(o.value))
    .map((o) => o.label);
  const toggle = (value: string, on: boolean) =>
    setChosen((now) => (on ? [...now, value] : now.filter((v) => v !== value)));
  const box = (option: ChecklistOption, disabled: boolean) => (
    <label key={option.value} className="checkbox">
      <input
        type="checkbox"
        name={name}
        value={option.value}
        checked={disabled || chosen.includes(option.value)}
        disabled={disabled}
        onChange={(event) => toggle(option.value, event.currentTarget.checked)}
      />
      <span>
        {option.label}
        {option.hint ? <span className="checklist-hint"> {option.hint}</span> : null}
      </span>
    </label>
  );
  return (
    // One name for all: opening a filter closes the one open before, so two lists never cover each other.
    <details className="checklist-filter" name="checklist-filters" ref={disclosure}>
      <summary>
        <span className="checklist-label">{label}</span>
        <span className="checklist-chosen">{names.length ? names.join(", ") : anyLabel}</span>
      </summary>
      <div className="checklist-panel">
        {groups.length ? (
          <fieldset>
            <legend>{groupsLegend ?? label}</legend>
            {groups.map((g) => box(g, false))}
          </fieldset>
        ) : null}
        <fieldset>
          <legend className={groups.length ? undefined : "visually-hidden"}>{optionsLegend ?? label}</legend>
          {options.map((o) => box(o, covered.has(o.value)))}
        </fieldset>
      </div>
    </details>
  );
}

/** A date field that follows the URL (a "look back to" link changes it) until the person types. */
export function FollowedDateField({
  id,
  name,
  label,
  value,
  max,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  max?: string;
}) {
  const [draft, setDraft] = useFollowedValue(value, (a, b) => a === b);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        name={name}
        value={draft}
        max={max}
        onChange={(event) => setDraft(event.currentTarget.value)}
      />
    </div>
  );
}
