// The dashboard's filters: in words, as a form, and carried into the exports.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvDownload } from "~/components/csv-download";
import { FilterSelect } from "~/components/filter-select";
import { DASHBOARD_STATUS_FILTERS, dashboardQuery, type DashboardFilters } from "~/models/dashboard-filters";
import type { DashboardData } from "~/models/dashboard.server";
import { useStageName, useStatusName } from "./__names";

/** The filters in words, for the printed report and for whoever opens a shared link. */
export function FiltersSummary({ filters, data }: { filters: DashboardFilters; data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusName();
  const parts = [
    filters.country ? data.reference.countries.find((c) => c.id === filters.country)?.name : null,
    filters.sector ? data.reference.sectors.find((s) => s.id === filters.sector)?.name : null,
    filters.stage ? stageName(filters.stage) : null,
    filters.status ? (filters.status === "overdue" ? t("filters.overdueOnly") : statusName(filters.status)) : null,
  ].filter(Boolean);
  return (
    <p className="small muted filters-summary">
      {t("filtersApplied", { filters: parts.length ? parts.join(" · ") : t("noFilters") })}
    </p>
  );
}

export function DashboardFilterForm({ filters, data }: { filters: DashboardFilters; data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusName();
  // A new key remounts the form when the URL changes (e.g. "clear filters"), so the fields show the applied values.
  return (
    <section aria-labelledby="filters-heading" className="no-print">
      <h2 id="filters-heading" className="visually-hidden">
        {t("filters.heading")}
      </h2>
      <Form method="get" className="filters dashboard-filters" key={dashboardQuery(filters)}>
        <FilterSelect
          name="country"
          label={t("filters.country")}
          anyLabel={t("filters.anyCountry")}
          value={filters.country}
          options={data.readableCountries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="sector"
          label={t("filters.sector")}
          anyLabel={t("filters.anySector")}
          value={filters.sector}
          options={data.reference.sectors.map((s) => ({ value: s.id, label: s.name }))}
        />
        <FilterSelect
          name="stage"
          label={t("filters.stage")}
          anyLabel={t("filters.anyStage")}
          value={filters.stage}
          options={data.reference.stages.map((s) => ({ value: s.code, label: stageName(s.code) }))}
        />
        <FilterSelect
          name="status"
          label={t("filters.status")}
          anyLabel={t("filters.anyStatus")}
          value={filters.status}
          options={DASHBOARD_STATUS_FILTERS.map((s) => ({
            value: s,
            label: s === "overdue" ? t("filters.overdueOnly") : statusName(s),
          }))}
        />
        <div className="field">
          <label htmlFor="filter-since">{t("filters.since")}</label>
          <input id="filter-since" type="date" name="since" defaultValue={data.since} max={data.today} />
        </div>
        <button type="submit" className="button-secondary">
          {t("filters.apply")}
        </button>
        {dashboardQuery(filters) ? (
          <Link to="/dashboard" className="button-link">
            {t("filters.reset")}
          </Link>
        ) : null}
      </Form>
    </section>
  );
}

export function ExportLinks({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation("dashboard");
  const query = dashboardQuery(filters);
  const suffix = query ? `?${query}` : "";
  return (
    <nav aria-label={t("exports.heading")} className="cluster dashboard-exports no-print">
      <CsvDownload href={`/dashboard/matrix.csv${suffix}`} label={t("exports.matrixCsv")} />
      <CsvDownload href={`/dashboard/milestones.csv${suffix}`} label={t("exports.milestonesCsv")} />
      <button type="button" className="button-secondary" onClick={() => window.print()}>
        {t("exports.print")}
      </button>
    </nav>
  );
}
