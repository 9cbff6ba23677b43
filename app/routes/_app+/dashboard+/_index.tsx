import {
  data as withHeaders,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { UnknownFiltersNotice } from "~/components/country-filter";
import { LiveStatus } from "~/components/live-status";
import { recentActivity } from "~/models/audit.server";
import { readableCountryFilter } from "~/models/country-scope.server";
import { dashboardData, dashboardFiltersFrom } from "~/models/dashboard.server";
import { upcomingWorkshops } from "~/models/workshop.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import dashboardStyles from "~/styles/dashboard.css?url";
import milestoneStyles from "~/styles/milestones.css?url";
import { formatDay, formatNumber, formatPercent } from "~/utils/format";
import { FiltersCaption, DashboardFilterForm, ExportLinks } from "./__filters";
import { MatrixPanel, ProgressTable } from "./__matrix";
import { AttentionPanel, ChangesPanel } from "./__panels";
import { ProgressChart, Around } from "./__progress";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: milestoneStyles },
  { rel: "stylesheet", href: dashboardStyles },
];

export const meta = titleMeta("dashboard:title");

export async function loader({ request }: LoaderFunctionArgs) {
  const started = performance.now();
  const user = await requirePermission(request, "dashboard.read");
  const { filters, unknown } = await dashboardFiltersFrom(request);
  const [data, workshops, activity] = await Promise.all([
    dashboardData(user, filters),
    upcomingWorkshops(),
    recentActivity(readableCountryFilter(user)),
  ]);
  // Server-Timing lets the benchmark (and the browser's network panel) read the loader's own time.
  const headers = { "Server-Timing": `loader;dur=${(performance.now() - started).toFixed(1)}` };
  return withHeaders({ name: user.name, filters, unknown, data, workshops, activity }, { headers });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Server-Timing": loaderHeaders.get("Server-Timing") ?? "",
});

export default function Dashboard() {
  const { name, filters, unknown, data, workshops, activity } = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const locale = useRootData()?.locale ?? "en";
  // Every visible country's topic: a milestone saved anywhere in them reloads this page's data.
  const status = useLiveUpdates(data.countries.map((c) => topic.country(c.id)));
  const allCountries = data.reference.countries.length;
  // Whom the person follows, whatever is filtered: the filter is said on the cards.
  const readable = data.readableCountries;
  const scope =
    readable.length === allCountries
      ? t("scopeAll")
      : readable.length
        ? t("scopeSome", { countries: readable.map((c) => c.name).join(", ") })
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
        </div>
        <LiveStatus status={status} />
      </header>
      <UnknownFiltersNotice unknown={unknown} />
      {/* Whoever reads some country keeps the filters, even when these ones leave nothing to show. */}
      {data.readableCountries.length ? (
        <>
          <DashboardFilterForm filters={filters} data={data} />
          <ExportLinks filters={filters} />
          <FiltersCaption filters={filters} data={data} />
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
      <Around workshops={workshops} activity={activity} />
    </>
  );
}
