import { getFormProps } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { FormErrorSummary, Field, SelectField } from "~/components/forms";
import { ActionItemStatusBadge } from "~/components/status-badges";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { ItemProgressSchema } from "~/forms/action-item";
import { useFetcherForm } from "~/forms/use-app-form";
import type { countryWork } from "~/models/country-work.server";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";

type Item = Awaited<ReturnType<typeof countryWork>>["countries"][number]["items"][number];

/**
 * Action items as cards, each with its progress update in place when the person may make it.
 * An item can be in two lists (the person's own and the country's): `list` keeps the ids of
 * their forms apart.
 */
export function ItemList({ items, list, showCountry = false }: { items: Item[]; list: string; showCountry?: boolean }) {
  return (
    <ul className="work-list">
      {items.map((item) => (
        // A new version (saved here or elsewhere) starts the form again from what is stored.
        <ItemCard
          key={`${item.id}-${new Date(item.updatedAt).getTime()}`}
          item={item}
          list={list}
          showCountry={showCountry}
        />
      ))}
    </ul>
  );
}

function ItemCard({ item, list, showCountry }: { item: Item; list: string; showCountry: boolean }) {
  const { t } = useTranslation("home");
  const { t: tp } = useTranslation("plans");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const headingId = `${list}-item-${item.id}`;
  return (
    <li className={item.overdue ? "work-card overdue" : "work-card"} aria-labelledby={headingId}>
      <div className="work-card-summary">
        <h3 id={headingId} className="work-card-title">
          <Link to={`/action-plans/${item.plan.id}#items-heading`}>{item.activity}</Link>
        </h3>
        <p className="work-card-facts small">
          <span>{item.dueOn ? t("items.due", { date: formatDay(item.dueOn, locale) }) : t("items.noDue")}</span>
          {item.overdue ? <span className="badge badge-warn">{tp("overdue")}</span> : null}
          <ActionItemStatusBadge status={item.status} />
          <span>{item.progress}%</span>
        </p>
        <p className="small muted">
          {showCountry ? `${countryName(item.plan.country)} · ` : ""}
          {t("items.plan", { plan: item.plan.title })} ·{" "}
          {item.owner ? t("items.owner", { name: item.owner.name }) : t("items.noOwner")}
          {item.leadAgency ? ` · ${item.leadAgency}` : ""}
        </p>
        {item.progressNote ? <p className="work-card-note small">{item.progressNote}</p> : null}
      </div>
      {item.canUpdate ? (
        <ItemProgressForm item={item} list={list} />
      ) : (
        <p className="small muted">{t("items.readOnly")}</p>
      )}
    </li>
  );
}

function ItemProgressForm({ item, list }: { item: Item; list: string }) {
  const { t } = useTranslation("home");
  const { t: tc } = useTranslation("common");
  const updater = useFetcherForm(ItemProgressSchema, {
    id: `${list}-progress-${item.id}`,
    match: { intent: "item-progress", itemId: item.id },
    defaultValue: item,
  });
  const { fields } = updater;
  return (
    <CardUpdateForm updater={updater} hidden={{ intent: "item-progress", itemId: item.id }}>
      <SelectField
        label={t("update.status")}
        meta={fields.status}
        options={ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: tc(`actionItemStatuses.${s}`) }))}
      />
      <Field label={t("update.progress")} meta={fields.progress} type="number" inputMode="numeric" step={5} />
      <Field label={t("update.progressNote")} meta={fields.progressNote} className="work-card-note-field" />
    </CardUpdateForm>
  );
}

/**
 * A card's update form, behind "Update" on a phone so a country's twenty cards read as a list
 * rather than twenty forms; on wider screens (home.css) it shows open beside the card. It stays
 * open when the server sent it back with errors, which happens without JavaScript too.
 */
export function CardUpdateForm({
  updater: { fetcher, form, busy },
  hidden,
  children,
}: {
  updater: Pick<ReturnType<typeof useFetcherForm>, "fetcher" | "form" | "busy">;
  hidden: Record<string, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation("home");
  const hasErrors = Object.keys(form.allErrors).length > 0;
  return (
    // `undefined` leaves the element's own open state alone, so a person's click is not undone on re-render.
    <details className="work-card-update" open={hasErrors || undefined}>
      <summary>{t("update.open")}</summary>
      <fetcher.Form method="post" className="work-card-form" {...getFormProps(form)}>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <FormErrorSummary form={form} />
        {children}
        <button type="submit" disabled={busy}>
          {t("update.save")}
        </button>
      </fetcher.Form>
    </details>
  );
}
