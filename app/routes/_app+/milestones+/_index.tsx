import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvDownload } from "~/components/csv-download";
import { PageHeader } from "~/components/page-header";
import { ChecklistFilter } from "~/components/checklist-filter";
import { CountryFilter, UnknownFiltersNotice } from "~/components/country-filter";
import { LiveFilterForm } from "~/components/filter-select";
import { requirePermission } from "~/auth/session.server";
import { dashboardQuery, filteredCountryCodes, type DashboardFilters } from "~/forms/dashboard-filters";
import { listReadableCountries } from "~/models/country.server";
import { dashboardFiltersFrom } from "~/models/dashboard.server";
import { listSectors, milestoneMatrix } from "~/models/milestone-matrix.server";
import styles from "~/styles/milestones.css?url";
import { MILESTONE_STATUSES, parseWord } from "~/domain/vocabulary";
import { useCountryName, useSectorName, useStageDescription, useStageName } from "~/i18n/names";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("milestones:title");

/** The dashboard's address form (`?country=clmv&sector=welding`); this page shows no stage or status filter. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  const { filters, unknown } = await dashboardFiltersFrom(request);
  const [matrix, countries, sectors] = await Promise.all([
    milestoneMatrix(user, { countryCodes: filteredCountryCodes(filters), sectorCodes: filters.sector }),
    listReadableCountries(user),
    listSectors(),
  ]);
  return { matrix, countries, sectors, filters, unknown };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["matrix"]["sectorRows"][number];

function StageCell({ row, stage }: { row: Row; stage: string }) {
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  const cell = row.cells[stage];
  const stageName = useStageName()(stage);
  if (!cell)
    return (
      <td className="stage-cell stage-none" data-label={stageName}>
        —
      </td>
    );
  const status = tc(`milestoneStatuses.${parseWord(MILESTONE_STATUSES, cell.status)}`);
  return (
    <td
      className={`stage-cell stage-${cell.status}${cell.overdue ? " stage-overdue" : ""}`}
      title={`${stageName}: ${status}`}
      data-label={stageName}
    >
      <Link to={`/milestones/${cell.id}`} className="stage-link">
        <span aria-hidden="true">{t(`symbols.${parseWord(MILESTONE_STATUSES, cell.status)}`)}</span>
        <span className="visually-hidden">{t("cellLabel", { stage: stageName, status })}</span>
      </Link>
      {cell.aqrfLevel ? <span className="stage-note">L{cell.aqrfLevel}</span> : null}
      {cell.overdue ? <span className="stage-note">{t("overdueMark")}</span> : null}
    </td>
  );
}

/** The dashboard's CSV exports, with this page's filters (the same URL parameters). */
function ExportLinks(filters: Pick<DashboardFilters, "country" | "sector">) {
  const { t } = useTranslation("dashboard");
  const query = dashboardQuery(filters);
  const suffix = query ? `?${query}` : "";
  return (
    <nav aria-label={t("exports.heading")} className="cluster no-print" style={{ marginBottom: "1rem" }}>
      <CsvDownload href={`/dashboard/matrix.csv${suffix}`} label={t("exports.matrixCsv")} />
      <CsvDownload href={`/dashboard/milestones.csv${suffix}`} label={t("exports.milestonesCsv")} />
    </nav>
  );
}

export default function Milestones() {
  const { matrix, countries, sectors, filters, unknown } = useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  const stageName = useStageName();
  const stageDescription = useStageDescription();
  const countryName = useCountryName();
  const sectorName = useSectorName();
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <UnknownFiltersNotice unknown={unknown} />
      <LiveFilterForm submitLabel={tc("actions.filter")}>
        <CountryFilter countries={countries} selected={filters.country} />
        <ChecklistFilter
          name="sector"
          label={t("sector")}
          anyLabel={t("anySector")}
          selected={filters.sector}
          options={sectors.map((s) => ({ value: s.code, label: sectorName(s) }))}
        />
      </LiveFilterForm>
      <ExportLinks country={filters.country} sector={filters.sector} />
      <section aria-labelledby="legend-heading" className="legend">
        <h2 id="legend-heading" className="visually-hidden">
          {t("legend")}
        </h2>
        <ul className="cluster">
          {MILESTONE_STATUSES.map((s) => (
            <li key={s} className={`legend-item stage-${s}`}>
              <span aria-hidden="true" className="legend-symbol">
                {t(`symbols.${s}`)}
              </span>{" "}
              {tc(`milestoneStatuses.${s}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">{t("sectorPipeline")}</h2>
        {matrix.sectorRows.length === 0 ? (
          <p className="empty">{t("none")}</p>
        ) : (
          <div className="table-wrap stack-table stack-grid">
            <table className="matrix">
              <thead>
                <tr>
                  <th scope="col">{t("country")}</th>
                  <th scope="col">{t("sector")}</th>
                  {matrix.sectorStages.map((s) => (
                    <th key={s.code} scope="col" title={stageDescription(s)}>
                      {stageName(s.code)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.sectorRows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      <span className="country-code">{row.country.code}</span> {countryName(row.country)}
                    </th>
                    <td>{row.sector ? sectorName(row.sector) : null}</td>
                    {matrix.sectorStages.map((s) => (
                      <StageCell key={s.code} row={row} stage={s.code} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {matrix.countryRows.length ? (
        <section className="card" aria-labelledby="country-level-heading">
          <h2 id="country-level-heading">{t("countryLevel")}</h2>
          <div className="table-wrap stack-table stack-grid">
            <table className="matrix">
              <thead>
                <tr>
                  <th scope="col">{t("country")}</th>
                  {matrix.countryStages.map((s) => (
                    <th key={s.code} scope="col" title={stageDescription(s)}>
                      {stageName(s.code)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.countryRows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      <span className="country-code">{row.country.code}</span> {countryName(row.country)}
                    </th>
                    {matrix.countryStages.map((s) => (
                      <StageCell key={s.code} row={row} stage={s.code} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
