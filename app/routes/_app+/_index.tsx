import {
  data as withHeaders,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { FilterSelect } from "~/components/filter-select";
import { LiveStatus } from "~/components/live-status";
import { recentActivity } from "~/models/audit.server";
import {
  DASHBOARD_STATUS_FILTERS,
  DEFAULT_CHANGES_DAYS,
  dashboardQuery,
  parseDashboardFilters,
  type DashboardFilters,
} from "~/models/dashboard-filters";
import { readableCountryFilter } from "~/models/country-scope.server";
import { dashboardData } from "~/models/dashboard.server";
import { upcomingWorkshops } from "~/models/workshop.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import dashboardStyles from "~/styles/dashboard.css?url";
import milestoneStyles from "~/styles/milestones.css?url";
import { MILESTONE_STATUSES } from "~/domain/vocabulary";
import { formatDateTime, formatDay, formatNumber, formatPercent } from "~/utils/format";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: milestoneStyles },
  { rel: "stylesheet", href: dashboardStyles },
];
export const meta: MetaFunction = () => [{ title: "Dashboard · FocalPoint" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const started = performance.now();
  const user = await requirePermission(request, "dashboard.read");
  const filters = parseDashboardFilters(new URL(request.url));
  const [data, workshops, activity] = await Promise.all([
    dashboardData(user, filters),
    upcomingWorkshops(),
    recentActivity(readableCountryFilter(user)),
  ]);
  // Server-Timing lets the benchmark (and the browser's network panel) read the loader's own time.
  const headers = { "Server-Timing": `loader;dur=${(performance.now() - started).toFixed(1)}` };
  return withHeaders({ name: user.name, filters, data, workshops, activity }, { headers });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Server-Timing": loaderHeaders.get("Server-Timing") ?? "",
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>["data"];

/** A translation looked up once per render and value: the matrix and the changes ask for the same few names hundreds of times. */
function useCachedTranslation(translate: (key: string) => string) {
  return useMemo(() => {
    const cache = new Map<string, string>();
    return (key: string) => {
      let value = cache.get(key);
      if (value === undefined) cache.set(key, (value = translate(key)));
      return value;
    };
  }, [translate]);
}

function useStageName() {
  const { t } = useTranslation("milestones");
  return useCachedTranslation(
    useCallback((code: string) => t(`stages.${code as "national_standard"}`, { defaultValue: code }), [t]),
  );
}

function useStatusName() {
  const { t } = useTranslation("common");
  return useCachedTranslation(
    useCallback((status: string) => t(`milestoneStatuses.${status as "completed"}`, { defaultValue: status }), [t]),
  );
}

export default function Dashboard() {
  const { name, filters, data } = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const locale = useRootData()?.locale ?? "en";
  // Every visible country's topic: a milestone saved anywhere in them reloads this page's data.
  const status = useLiveUpdates(data.countries.map((c) => topic.country(c.id)));
  const allCountries = data.reference.countries.length;
  const scope =
    data.countries.length === allCountries
      ? t("scopeAll")
      : data.countries.length
        ? t("scopeSome", { countries: data.countries.map((c) => c.name).join(", ") })
        : t("scopeNone");
  const totals = data.perCountry.reduce(
    (sum, c) => ({
      total: sum.total + c.total,
      completed: sum.completed + c.completed,
      overdue: sum.overdue + c.overdue,
      blocked: sum.blocked + c.blocked,
    }),
    { total: 0, completed: 0, overdue: 0, blocked: 0 },
  );
  return (
    <>
      <header className="page-header">
        <div>
          <p className="print-only report-title">{t("reportTitle")}</p>
          <h1 className="greeting">{t("greeting", { name })}</h1>
          <p>{scope}</p>
          <p className="print-only">{t("reportDate", { date: formatDay(data.today, locale, "long") })}</p>
          <FiltersSummary filters={filters} data={data} />
        </div>
        <LiveStatus status={status} />
      </header>
      {data.countries.length ? (
        <>
          <DashboardFilterForm filters={filters} data={data} />
          <ExportLinks filters={filters} />
          <div className="stats">
            <div className="stat">
              <div className="stat-value">{formatNumber(data.countries.length, locale)}</div>
              <div className="stat-label">{t("stats.countries")}</div>
            </div>
            <div className="stat">
              <div className="stat-value">
                {totals.total ? formatPercent(totals.completed / totals.total, locale) : "—"}
              </div>
              <div className="stat-label">{t("stats.milestonesCompleted")}</div>
            </div>
            <div className="stat">
              <div className="stat-value">{formatNumber(totals.overdue, locale)}</div>
              <div className="stat-label">{t("stats.overdue")}</div>
            </div>
            <div className="stat">
              <div className="stat-value">{formatNumber(totals.blocked, locale)}</div>
              <div className="stat-label">{t("stats.blocked")}</div>
            </div>
          </div>
          <MatrixPanel data={data} />
          <ProgressTable data={data} />
          <AttentionPanel data={data} />
          <ChangesPanel filters={filters} data={data} />
          <ProgressChart data={data} />
        </>
      ) : null}
      <Around />
    </>
  );
}

/** The filters in words, for the printed report and for whoever opens a shared link. */
function FiltersSummary({ filters, data }: { filters: DashboardFilters; data: Data }) {
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

function DashboardFilterForm({ filters, data }: { filters: DashboardFilters; data: Data }) {
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
          <Link to="/" className="button-link">
            {t("filters.reset")}
          </Link>
        ) : null}
      </Form>
    </section>
  );
}

function ExportLinks({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation("dashboard");
  const query = dashboardQuery(filters);
  const suffix = query ? `?${query}` : "";
  return (
    <nav aria-label={t("exports.heading")} className="cluster dashboard-exports no-print">
      {/* reloadDocument: these are downloads from resource routes, not pages. */}
      <Link reloadDocument to={`/dashboard/matrix.csv${suffix}`} className="button-secondary button" download>
        {t("exports.matrixCsv")}
      </Link>
      <Link reloadDocument to={`/dashboard/milestones.csv${suffix}`} className="button-secondary button" download>
        {t("exports.milestonesCsv")}
      </Link>
      <button type="button" className="button-secondary" onClick={() => window.print()}>
        {t("exports.print")}
      </button>
    </nav>
  );
}

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

function MatrixPanel({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const { t: tm } = useTranslation("milestones");
  const stageName = useStageName();
  const statusName = useStatusName();
  const sectorStageCount = data.reference.stages.filter((s) => s.scope === "sector").length;
  const symbol = useCachedTranslation(useCallback((status: string) => tm(`symbols.${status as "completed"}`), [tm]));
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
        <div className="table-wrap">
          <table className="matrix dashboard-matrix">
            <thead>
              <tr>
                <th scope="col">{t("country")}</th>
                {data.matrix.sectors.map((s) => (
                  <th key={s.id} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.matrix.countries.map((country) => (
                <tr key={country.id}>
                  <th scope="row">
                    <span className="country-code">{country.code}</span> {country.name}
                  </th>
                  {data.matrix.sectors.map((sector) => {
                    const cell = data.matrix.cells[`${country.id}:${sector.id}`];
                    if (!cell)
                      return (
                        <td key={sector.id} className="stage-cell stage-none">
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">{notPrioritised}</span>
                        </td>
                      );
                    const label = t("matrix.cellLink", {
                      country: country.name,
                      sector: sector.name,
                      stage: stageName(cell.stageCode),
                      status: statusName(cell.status),
                    });
                    return (
                      <td
                        key={sector.id}
                        className={`stage-cell stage-${cell.status}${cell.overdue ? " stage-overdue" : ""}`}
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

function ProgressTable({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t("progressHeading")}</h2>
      <div className="table-wrap stack-table">
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
                  <Link to={`/countries/${c.country.code.toLowerCase()}`}>{c.country.name}</Link>
                </td>
                <td data-label={t("plan")}>
                  {c.plan ? (
                    <Link to={`/action-plans/${c.plan.id}`}>{tc(`planStatuses.${c.plan.status as "draft"}`)}</Link>
                  ) : (
                    "—"
                  )}
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

function AttentionPanel({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusName();
  const locale = useRootData()?.locale ?? "en";
  const shown = data.attention.items;
  return (
    <section className="card" aria-labelledby="attention-heading">
      <h2 id="attention-heading">{t("attentionHeading")}</h2>
      <p className="small muted">{t("attentionIntro")}</p>
      {shown.length ? (
        <div className="table-wrap stack-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("country")}</th>
                <th scope="col">{t("sector")}</th>
                <th scope="col">{t("stage")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("target")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.id}>
                  <td>
                    <span className="country-code">{m.country.code}</span> {m.country.name}
                  </td>
                  <td data-label={t("sector")}>{m.sector ?? t("countryLevel")}</td>
                  <td data-label={t("stage")}>
                    <Link to={`/milestones/${m.id}`}>{stageName(m.stageCode)}</Link>
                  </td>
                  <td data-label={t("status")}>
                    {m.status === "blocked" ? (
                      <span className="badge badge-danger">{statusName("blocked")}</span>
                    ) : null}{" "}
                    {m.overdue ? <span className="badge badge-warn">{t("overdue")}</span> : null}
                    {m.status !== "blocked" ? <span className="visually-hidden"> ({statusName(m.status)})</span> : null}
                  </td>
                  <td className="small" data-label={t("target")}>
                    {m.targetOn ? formatDay(m.targetOn, locale) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t("attentionEmpty")}</p>
      )}
      {data.attention.total > shown.length ? (
        <p className="small muted">{t("attentionMore", { count: data.attention.total - shown.length })}</p>
      ) : null}
    </section>
  );
}

function ChangesPanel({ filters, data }: { filters: DashboardFilters; data: Data }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusName();
  const locale = useRootData()?.locale ?? "en";
  const countryName = new Map(data.reference.countries.map((c) => [c.id, c.name]));
  const value = (field: string, v: string | null) => {
    if (v === null) return t("changes.emptyValue");
    if (field === "status") return statusName(v);
    if (field === "partnerCountryId") return countryName.get(v) ?? v;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDay(v, locale);
    return v;
  };
  const sinceLink = (since: string) => `/?${dashboardQuery({ ...filters, since })}`;
  const daysAgo = (days: number) => {
    const d = new Date(`${data.today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - days);
    return d.toISOString().slice(0, 10);
  };
  return (
    <section className="card" aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t("changes.heading", { date: formatDay(data.since, locale, "long") })}</h2>
      <p className="small muted">{t("changes.intro")}</p>
      <p className="small no-print">
        {t("changes.shortcuts")}{" "}
        {data.lastRegionalMeeting ? (
          <>
            <Link to={sinceLink(data.lastRegionalMeeting.startsOn)} title={data.lastRegionalMeeting.title}>
              {t("changes.lastMeeting", { date: formatDay(data.lastRegionalMeeting.startsOn, locale) })}
            </Link>
            {" · "}
          </>
        ) : null}
        <Link to={sinceLink(daysAgo(DEFAULT_CHANGES_DAYS))}>{t("changes.days", { count: DEFAULT_CHANGES_DAYS })}</Link>
        {" · "}
        <Link to={sinceLink(daysAgo(90))}>{t("changes.days", { count: 90 })}</Link>
        {" · "}
        <Link to={sinceLink(daysAgo(365))}>{t("changes.days", { count: 365 })}</Link>
      </p>
      {data.changes.total === 0 ? (
        <p className="empty">{t("changes.empty")}</p>
      ) : (
        <>
          <p>
            {data.changes.shown < data.changes.total
              ? t("changes.truncated", { shown: data.changes.shown, total: data.changes.total })
              : t("changes.count", { count: data.changes.total })}
          </p>
          {data.changes.groups.map((group) => (
            <section key={group.country.id} aria-labelledby={`changes-${group.country.code}`} className="changes-group">
              <h3 id={`changes-${group.country.code}`}>
                <span className="country-code">{group.country.code}</span> {group.country.name}
              </h3>
              <ul className="list">
                {group.changes.map((c) => (
                  <li key={c.id}>
                    <div>
                      {c.milestone ? (
                        <Link to={`/milestones/${c.milestone.id}`}>
                          {c.milestone.sector ? `${c.milestone.sector} · ` : ""}
                          {stageName(c.milestone.stageCode)}
                        </Link>
                      ) : (
                        c.summary
                      )}
                    </div>
                    {c.fields.length ? (
                      <ul className="change-fields">
                        {c.fields.map((f) => (
                          <li key={f.field}>
                            {t(`fields.${f.field as "status"}`, { defaultValue: f.field })}:{" "}
                            <span className="visually-hidden">{t("changes.from")} </span>
                            <del>{value(f.field, f.from)}</del> <span aria-hidden="true">→</span>{" "}
                            <span className="visually-hidden">{t("changes.to")} </span>
                            <ins>{value(f.field, f.to)}</ins>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <div className="small muted">
                      {c.who ? t("changes.by", { name: c.who }) : t("changes.someone")} ·{" "}
                      <time dateTime={new Date(c.at).toISOString()}>{formatDateTime(c.at, locale)}</time>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

const CHART = { width: 260, height: 96, padLeft: 28, padBottom: 18, padTop: 8, padRight: 8 };

/**
 * Small multiples, one per country on the same scale: ten lines in one chart
 * could only be told apart by colour. Each chart is an image with a text
 * summary; the full figures are in the table below.
 */
function ProgressChart({ data }: { data: Data }) {
  const { t } = useTranslation("dashboard");
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
                country: s.country.name,
                end,
                last,
                start: s.cumulative[0] ?? 0,
                first,
              });
              const titleId = `chart-${s.country.code}-title`;
              return (
                <li key={s.country.id} className="chart-item">
                  <div className="chart-caption" aria-hidden="true">
                    <span className="country-code">{s.country.code}</span> {s.country.name}{" "}
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
                        <abbr title={s.country.name}>{s.country.code}</abbr>
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
function Around() {
  const { workshops, activity } = useLoaderData<typeof loader>();
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
          <ul className="list">
            {activity.map((e) => (
              <li key={e.id}>
                {e.country ? <span className="country-code">{e.country.code}</span> : null} {e.summary}
                <div className="small muted">
                  {e.actor?.name ?? ""} · {formatDateTime(e.createdAt, locale)}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("activityEmpty")}</p>
        )}
      </section>
    </div>
  );
}
