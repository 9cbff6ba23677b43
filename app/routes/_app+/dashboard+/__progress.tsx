// The progress chart and, beside the report, upcoming workshops and recent activity.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { formatDay, formatNumber } from "~/utils/format";
import { ActivityList } from "~/components/activity-list";
import type { DashboardData } from "~/models/dashboard.server";
import { useCountryName } from "~/i18n/names";
import type { recentActivity } from "~/models/audit.server";
import type { upcomingWorkshops } from "~/models/workshop.server";

const CHART = { width: 260, height: 96, padLeft: 28, padBottom: 18, padTop: 8, padRight: 8 };

/**
 * Small multiples, one per country on the same scale: ten lines in one chart
 * could only be told apart by colour. Each chart is an image with a text
 * summary; the full figures are in the table below.
 */
export function ProgressChart({ data }: { data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const { quarters, series } = data.progress;
  const max = Math.max(1, ...series.map((s) => s.cumulative[s.cumulative.length - 1] ?? 0));
  const innerW = CHART.width - CHART.padLeft - CHART.padRight;
  const innerH = CHART.height - CHART.padTop - CHART.padBottom;
  const x = (i: number) => CHART.padLeft + (quarters.length > 1 ? (i / (quarters.length - 1)) * innerW : innerW / 2);
  const y = (v: number) => CHART.padTop + innerH - (v / max) * innerH;
  const first = quarters[0]!;
  const last = quarters[quarters.length - 1]!;
  const anything = series.some((s) => (s.cumulative[s.cumulative.length - 1] ?? 0) > 0);
  return (
    <section className="card chart-card" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t("chart.heading")}</h2>
      <p className="small muted">{t("chart.intro")}</p>
      {!anything ? (
        <p className="empty">{t("chart.empty")}</p>
      ) : (
        <>
          <ul className="chart-grid">
            {series.map((s) => {
              const end = s.cumulative[s.cumulative.length - 1] ?? 0;
              const points = s.cumulative.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
              const summary = t("chart.summary", {
                country: countryName(s.country),
                end,
                last,
                start: s.cumulative[0] ?? 0,
                first,
              });
              const titleId = `chart-${s.country.code}-title`;
              return (
                <li key={s.country.id} className="chart-item">
                  <div className="chart-caption" aria-hidden="true">
                    <span className="country-code">{s.country.code}</span> {countryName(s.country)}{" "}
                    <strong>{formatNumber(end, locale)}</strong>
                  </div>
                  <svg
                    viewBox={`0 0 ${CHART.width} ${CHART.height}`}
                    role="img"
                    aria-labelledby={titleId}
                    className="chart"
                  >
                    <title id={titleId}>{summary}</title>
                    <line
                      x1={CHART.padLeft}
                      x2={CHART.width - CHART.padRight}
                      y1={y(0)}
                      y2={y(0)}
                      className="chart-axis"
                    />
                    <line
                      x1={CHART.padLeft}
                      x2={CHART.width - CHART.padRight}
                      y1={y(max)}
                      y2={y(max)}
                      className="chart-grid-line"
                    />
                    <text x={CHART.padLeft - 4} y={y(max) + 4} textAnchor="end" className="chart-label">
                      {formatNumber(max, locale)}
                    </text>
                    <text x={CHART.padLeft - 4} y={y(0) + 4} textAnchor="end" className="chart-label">
                      0
                    </text>
                    <polygon
                      points={`${x(0)},${y(0)} ${points} ${x(quarters.length - 1)},${y(0)}`}
                      className="chart-area"
                    />
                    <polyline points={points} className="chart-line" />
                    <text x={CHART.padLeft} y={CHART.height - 4} className="chart-label">
                      {first}
                    </text>
                    <text
                      x={CHART.width - CHART.padRight}
                      y={CHART.height - 4}
                      textAnchor="end"
                      className="chart-label"
                    >
                      {last}
                    </text>
                  </svg>
                </li>
              );
            })}
          </ul>
          <details className="chart-table">
            <summary>{t("chart.tableToggle")}</summary>
            <div className="table-wrap">
              <table>
                <caption>{t("chart.tableCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("chart.quarter")}</th>
                    {series.map((s) => (
                      <th key={s.country.id} scope="col" className="num">
                        <abbr title={countryName(s.country)}>{s.country.code}</abbr>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {quarters.map((q, i) => (
                    <tr key={q}>
                      <th scope="row">{q}</th>
                      {series.map((s) => (
                        <td key={s.country.id} className="num">
                          {formatNumber(s.cumulative[i] ?? 0, locale)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

/** Upcoming workshops and other recent activity: the home page's wider view, left out of the printed report. */
export function Around({
  workshops,
  activity,
}: {
  workshops: Awaited<ReturnType<typeof upcomingWorkshops>>;
  activity: Awaited<ReturnType<typeof recentActivity>>;
}) {
  const { t } = useTranslation("dashboard");
  const locale = useRootData()?.locale ?? "en";
  return (
    <div className="grid grid-2 no-print" style={{ marginTop: "1rem" }}>
      <section className="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("upcomingHeading")}</h2>
        {workshops.length ? (
          <ul className="list">
            {workshops.map((w) => (
              <li key={w.id}>
                <Link to={`/workshops/${w.id}`}>{w.title}</Link>
                <div className="small muted">
                  {formatDay(w.startsOn, locale)} · {w.city}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("upcomingEmpty")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("activityHeading")}</h2>
        {activity.length ? (
          <ActivityList events={activity} locale={locale} />
        ) : (
          <p className="empty">{t("activityEmpty")}</p>
        )}
      </section>
    </div>
  );
}
