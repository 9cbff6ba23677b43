// The panels of milestones needing attention and of changes since a date.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isOneOf, MILESTONE_STATUSES } from "~/domain/vocabulary";
import { DEFAULT_CHANGES_DAYS, dashboardQuery, type DashboardFilters } from "~/forms/dashboard-filters";
import { useRootData } from "~/root";
import { formatDateTime, formatDay } from "~/utils/format";
import type { DashboardData } from "~/models/dashboard.server";
import { useActivityText } from "~/i18n/activity";
import { useCountryName, useSectorName, useStageName, useStatusName } from "~/i18n/names";

export function AttentionPanel({ data }: { data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusName();
  const countryName = useCountryName();
  const sectorName = useSectorName();
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
                    <span className="country-code">{m.country.code}</span> {countryName(m.country)}
                  </td>
                  <td data-label={t("sector")}>{m.sector ? sectorName(m.sector) : t("countryLevel")}</td>
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

export function ChangesPanel({ filters, data }: { filters: DashboardFilters; data: DashboardData }) {
  const { t } = useTranslation("dashboard");
  const stageName = useStageName();
  const statusName = useStatusName();
  const countryName = useCountryName();
  const sectorName = useSectorName();
  const locale = useRootData()?.locale ?? "en";
  const activityText = useActivityText(locale);
  const countryById = new Map(data.reference.countries.map((c) => [c.id, c]));
  const value = (field: string, v: string | null) => {
    if (v === null) return t("changes.emptyValue");
    if (field === "status") return isOneOf(MILESTONE_STATUSES, v) ? statusName(v) : v;
    if (field === "partnerCountryId") {
      const partner = countryById.get(v);
      return partner ? countryName(partner) : v;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDay(v, locale);
    return v;
  };
  const sinceLink = (since: string) => `/dashboard?${dashboardQuery({ ...filters, since })}`;
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
                <span className="country-code">{group.country.code}</span> {countryName(group.country)}
              </h3>
              <ul className="list">
                {group.changes.map((c) => (
                  <li key={c.id}>
                    <div>
                      {c.milestone ? (
                        <Link to={`/milestones/${c.milestone.id}`}>
                          {c.milestone.sector ? `${sectorName(c.milestone.sector)} · ` : ""}
                          {stageName(c.milestone.stageCode)}
                        </Link>
                      ) : (
                        activityText(c.summary!)
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
