import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { LiveStatus } from "~/components/live-status";
import { recentActivity } from "~/models/audit.server";
import { listCountriesOverview } from "~/models/country.server";
import { milestonesNeedingAttention, readableCountryFilter } from "~/models/milestone.server";
import { upcomingWorkshops } from "~/models/workshop.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import { formatDateTime, formatDay, formatNumber, formatPercent } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Dashboard · FocalPoint" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  const [countries, attention, workshops, activity] = await Promise.all([
    listCountriesOverview(user),
    milestonesNeedingAttention(user),
    upcomingWorkshops(),
    recentActivity(readableCountryFilter(user)),
  ]);
  const followed = countries.filter((c) => c.milestones);
  return { name: user.name, followed, totalCountries: countries.length, attention, workshops, activity };
}

export default function Dashboard() {
  const { name, followed, totalCountries, attention, workshops, activity } = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const { t: tc } = useTranslation("common");
  const { t: tm } = useTranslation("milestones");
  const locale = useRootData()?.locale ?? "en";
  const status = useLiveUpdates(followed.map((c) => topic.country(c.id)));
  const totals = followed.reduce(
    (sum, c) => ({ total: sum.total + c.milestones!.total, completed: sum.completed + c.milestones!.completed, overdue: sum.overdue + c.milestones!.overdue, blocked: sum.blocked + c.milestones!.blocked }),
    { total: 0, completed: 0, overdue: 0, blocked: 0 },
  );
  const scope =
    followed.length === totalCountries ? t("scopeAll") : followed.length ? t("scopeSome", { countries: followed.map((c) => c.name).join(", ") }) : t("scopeNone");
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{t("greeting", { name })}</h1>
          <p>{scope}</p>
        </div>
        <LiveStatus status={status} />
      </header>
      {followed.length ? (
        <>
          <div className="stats">
            <div className="stat">
              <div className="stat-value">{formatNumber(followed.length, locale)}</div>
              <div className="stat-label">{t("stats.countries")}</div>
            </div>
            <div className="stat">
              <div className="stat-value">{totals.total ? formatPercent(totals.completed / totals.total, locale) : "—"}</div>
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
          <section className="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t("progressHeading")}</h2>
            <div className="table-wrap">
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
                  {followed.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <span className="country-code">{c.code}</span> <Link to={`/countries/${c.code.toLowerCase()}`}>{c.name}</Link>
                      </td>
                      <td>
                        {c.currentPlan ? (
                          <Link to={`/action-plans/${c.currentPlan.id}`}>{tc(`planStatuses.${c.currentPlan.status as "draft"}`)}</Link>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="num">
                        <meter min={0} max={1} value={c.milestones!.total ? c.milestones!.completed / c.milestones!.total : 0} aria-hidden="true" />{" "}
                        {c.milestones!.total ? formatPercent(c.milestones!.completed / c.milestones!.total, locale) : "—"}
                      </td>
                      <td className="num">{c.milestones!.overdue ? <strong>{c.milestones!.overdue}</strong> : 0}</td>
                      <td className="num">{c.milestones!.blocked}</td>
                      <td className="small">{c.milestones!.lastUpdate ? formatDay(new Date(c.milestones!.lastUpdate).toISOString().slice(0, 10), locale) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
      <div className="grid grid-3" style={{ marginTop: "1rem" }}>
        {followed.length ? (
          <section className="card" aria-labelledby="attention-heading">
            <h2 id="attention-heading">{t("attentionHeading")}</h2>
            {attention.length ? (
              <ul className="list">
                {attention.map((m) => (
                  <li key={m.id}>
                    <span className="country-code">{m.country.code}</span> {m.sector ? `${m.sector.name} · ` : ""}
                    {tm(`stages.${m.stage.code as "national_standard"}`)}
                    <div className="small">
                      <span className={`badge ${m.status === "blocked" ? "badge-danger" : "badge-warn"}`}>
                        {m.status === "blocked" ? tc("milestoneStatuses.blocked") : t("overdue")}
                      </span>{" "}
                      {m.targetOn ? <span className="muted">{t("overdueSince", { date: formatDay(m.targetOn, locale) })}</span> : null}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t("attentionEmpty")}</p>
            )}
          </section>
        ) : null}
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
    </>
  );
}
