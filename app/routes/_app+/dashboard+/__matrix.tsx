// The country × sector matrix and the progress table per country.
import { Link } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { MILESTONE_STATUSES, type MilestoneStatus } from "~/domain/vocabulary";
import { formatDateTime, formatNumber, formatPercent } from "~/utils/format";
import type { DashboardData } from "~/models/dashboard.server";
import { useCachedTranslation, useCountryName, useSectorName, useStageName, useStatusName } from "~/i18n/names";

function StatusLegend() {
  const { t } = useTranslation("dashboard");
  const { t: tm } = useTranslation("milestones");
  const statusName = useStatusName();
  return (
    <div className="legend" role="group" aria-label={t("legend")}>
      <ul className="cluster">
        {MILESTONE_STATUSES.map((s) => (
          <li key={s} className={`legend-item stage-${s}`}>
            <span aria-hidden="true" className="legend-symbol">
              {tm(`symbols.${s}`)}
            </span>{" "}
            {statusName(s)}
          </li>
        ))}
        <li className="legend-item stage-overdue">{tm("overdueMark")}</li>
      </ul>
    </div>
  );
}

export function MatrixPanel({ data }: { data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const { t: tm } = useTranslation("milestones");
  const stageName = useStageName();
  const statusName = useStatusName();
  const countryName = useCountryName();
  const sectorName = useSectorName();
  const sectorStageCount = data.reference.stages.filter((s) => s.scope === "sector").length;
  const symbol = useCachedTranslation(useCallback((status: MilestoneStatus) => tm(`symbols.${status}`), [tm]));
  const stagesDone = useCachedTranslation(
    useCallback((done: string) => t("matrix.stagesDone", { done, total: sectorStageCount }), [t, sectorStageCount]),
  );
  const notPrioritised = t("matrix.notPrioritised");
  const overdueMark = tm("overdueMark");
  return (
    <section className="card" aria-labelledby="matrix-heading">
      <h2 id="matrix-heading">{t("matrix.heading")}</h2>
      <p className="small muted">{t("matrix.intro", { stages: sectorStageCount })}</p>
      <StatusLegend />
      {data.matrix.sectors.length === 0 ? (
        <p className="empty">{t("matrix.empty")}</p>
      ) : (
        <div className="table-wrap stack-table stack-grid">
          <table className="matrix dashboard-matrix">
            <thead>
              <tr>
                <th scope="col">{t("country")}</th>
                {data.matrix.sectors.map((s) => (
                  <th key={s.id} scope="col">
                    {sectorName(s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.matrix.countries.map((country) => (
                <tr key={country.id}>
                  <th scope="row">
                    <span className="country-code">{country.code}</span> {countryName(country)}
                  </th>
                  {data.matrix.sectors.map((sector) => {
                    const cell = data.matrix.cells[`${country.id}:${sector.id}`];
                    if (!cell)
                      return (
                        <td key={sector.id} className="stage-cell stage-none" data-label={sectorName(sector)}>
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">{notPrioritised}</span>
                        </td>
                      );
                    const label = t("matrix.cellLink", {
                      country: countryName(country),
                      sector: sectorName(sector),
                      stage: stageName(cell.stageCode),
                      status: statusName(cell.status),
                    });
                    return (
                      <td
                        key={sector.id}
                        className={`stage-cell stage-${cell.status}${cell.overdue ? " stage-overdue" : ""}`}
                        data-label={sectorName(sector)}
                      >
                        <Link to={`/milestones/${cell.milestoneId}`} aria-label={label} className="matrix-link">
                          <span aria-hidden="true" className="matrix-symbol">
                            {symbol(cell.status)}
                          </span>{" "}
                          <span className="matrix-stage">{stageName(cell.stageCode)}</span>
                          <span className="stage-note">{stagesDone(String(cell.completedStages))}</span>
                          {cell.overdue ? <span className="stage-note matrix-overdue">{overdueMark}</span> : null}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ProgressTable({ data }: { data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const countryName = useCountryName();
  return (
    <section className="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t("progressHeading")}</h2>
      <div className="table-wrap stack-table stack-grid">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("country")}</th>
              <th scope="col">{t("plan")}</th>
              <th scope="col" className="num">
                {t("completed")}
              </th>
              <th scope="col" className="num">
                {t("overdue")}
              </th>
              <th scope="col" className="num">
                {t("blocked")}
              </th>
              <th scope="col">{t("lastUpdate")}</th>
            </tr>
          </thead>
          <tbody>
            {data.perCountry.map((c) => (
              <tr key={c.country.id}>
                <td>
                  <span className="country-code">{c.country.code}</span>{" "}
                  <Link to={`/countries/${c.country.code.toLowerCase()}`}>{countryName(c.country)}</Link>
                </td>
                <td data-label={t("plan")}>
                  {c.plan ? <Link to={`/action-plans/${c.plan.id}`}>{tc(`planStatuses.${c.plan.status}`)}</Link> : "—"}
                </td>
                <td className="num" data-label={t("completed")}>
                  <meter min={0} max={1} value={c.total ? c.completed / c.total : 0} aria-hidden="true" />{" "}
                  {c.total ? formatPercent(c.completed / c.total, locale) : "—"}
                  <span className="small muted block">
                    {t("completedOf", {
                      completed: formatNumber(c.completed, locale),
                      total: formatNumber(c.total, locale),
                    })}
                  </span>
                </td>
                <td className="num" data-label={t("overdue")}>
                  {c.overdue ? <strong>{formatNumber(c.overdue, locale)}</strong> : 0}
                </td>
                <td className="num" data-label={t("blocked")}>
                  {formatNumber(c.blocked, locale)}
                </td>
                <td className="small" data-label={t("lastUpdate")}>
                  {c.lastUpdate ? formatDateTime(c.lastUpdate, locale) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
