// The dashboard's filters: in words, as a form, and carried into the exports.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChecklistFilter, FollowedDateField } from "~/components/checklist-filter";
import { CsvDownload } from "~/components/csv-download";
import { CountryFilter } from "~/components/country-filter";
import { LiveFilterForm } from "~/components/filter-select";
import { isCountryGroup } from "~/domain/country-groups";
import {
  DASHBOARD_STATUS_FILTERS,
  dashboardQuery,
  narrowsCounts,
  type DashboardFilters,
  type DashboardStatusFilter,
} from "~/forms/dashboard-filters";
import type { DashboardData } from "~/models/dashboard.server";
import { useRootData } from "~/root";
import { useCountryName, useSectorName, useStageName, useStatusName } from "~/i18n/names";

function useStatusFilterName() {
  const { t } = useTranslation("dashboard");
  const statusName = useStatusName();
  return (s: DashboardStatusFilter) => (s === "overdue" ? t("filters.overdueOnly") : statusName(s));
}

/**
 * What the figures count, in words: "Filtered: Cambodia, status Blocked". Shown
 * on the summary cards (so "0% completed" under a status filter is not read as
 * a fact about the country) and printed with the report.
 */
export function FiltersCaption({ filters, data }: { filters: DashboardFilters; data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const locale = useRootData()?.locale ?? "en";
  const stageName = useStageName();
  const statusName = useStatusFilterName();
  const translatedCountry = useCountryName();
  const translatedSector = useSectorName();
  // Values of one filter are alternatives, so they read "Cambodia or Lao PDR".
  const anyOf = (values: string[]) => new Intl.ListFormat(locale, { type: "disjunction" }).format(values);
  const countryName = (code: string) =>
    isCountryGroup(code)
      ? t(`filters.groupNames.${code}`)
      : translatedCountry(data.reference.countries.find((c) => c.code.toLowerCase() === code) ?? { code, name: code });
  const sectorName = (code: string) =>
    translatedSector(data.reference.sectors.find((s) => s.code === code) ?? { code, name: code });
  const parts = [
    filters.country.length ? anyOf(filters.country.map(countryName)) : null,
    filters.sector.length ? t("filters.sectorIs", { value: anyOf(filters.sector.map(sectorName)) }) : null,
    filters.stage.length ? t("filters.stageIs", { value: anyOf(filters.stage.map(stageName)) }) : null,
    filters.status.length ? t("filters.statusIs", { value: anyOf(filters.status.map(statusName)) }) : null,
  ].filter((part) => part !== null);
  return (
    <p className={narrowsCounts(filters) ? "stats-caption stats-caption-filtered" : "stats-caption"}>
      {parts.length ? t("filtersApplied", { filters: parts.join(", ") }) : t("noFilters")}
    </p>
  );
}

export function DashboardFilterForm({ filters, data }: { filters: DashboardFilters; data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusFilterName();
  const sectorName = useSectorName();
  return (
    <section aria-labelledby="filters-heading" className="no-print">
      <h2 id="filters-heading" className="visually-hidden">
        {t("filters.heading")}
      </h2>
      <LiveFilterForm submitLabel={t("filters.apply")} className="dashboard-filters">
        <CountryFilter countries={data.readableCountries} selected={filters.country} />
        <ChecklistFilter
          name="sector"
          label={t("filters.sector")}
          anyLabel={t("filters.anySector")}
          selected={filters.sector}
          options={data.reference.sectors.map((s) => ({ value: s.code, label: sectorName(s) }))}
        />
        <ChecklistFilter
          name="stage"
          label={t("filters.stage")}
          anyLabel={t("filters.anyStage")}
          selected={filters.stage}
          options={data.reference.stages.map((s) => ({ value: s.code, label: stageName(s.code) }))}
        />
        <ChecklistFilter
          name="status"
          label={t("filters.status")}
          anyLabel={t("filters.anyStatus")}
          selected={filters.status}
          options={DASHBOARD_STATUS_FILTERS.map((s) => ({ value: s, label: statusName(s) }))}
        />
        <FollowedDateField
          id="filter-since"
          name="since"
          label={t("filters.since")}
          value={data.since}
          max={data.today}
        />
        {dashboardQuery(filters) ? (
          <Link to="/dashboard" className="button-link">
            {t("filters.reset")}
          </Link>
        ) : null}
      </LiveFilterForm>
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
