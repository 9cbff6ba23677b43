import { useTranslation } from "react-i18next";
import { CsvDownload } from "~/components/csv-download";
import type { attendanceStatistics } from "~/models/attendance.server";
import type { StatisticsRow } from "~/models/attendance-summary.server";
import { SEXES } from "~/domain/vocabulary";
import { useRootData } from "~/root";
import { formatDay, formatNumber } from "~/utils/format";

/** Attendance over the whole workshop, by day, country, category and sex, with the CSV export. */
export function Statistics({
  statistics,
  workshopId,
}: {
  statistics: Awaited<ReturnType<typeof attendanceStatistics>>;
  workshopId: string;
}) {
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const tables: { id: string; title: string; column: string; rows: StatisticsRow[]; label: (key: string) => string }[] =
    [
      {
        id: "registration",
        title: t("stats.byRegistration"),
        column: t("status"),
        rows: statistics.byRegistration,
        label: (key) => t(`stats.groups.${key as "walk_in"}`),
      },
      {
        id: "day",
        title: t("stats.byDay"),
        column: t("attendance.day"),
        rows: statistics.byDay,
        label: (key) => formatDay(key, locale),
      },
      {
        id: "country",
        title: t("stats.byCountry"),
        column: t("country"),
        rows: statistics.byCountry,
        label: (key) => (key ? tc(`countries.${key as "LA"}`, { defaultValue: key }) : t("noCountry")),
      },
      {
        id: "category",
        title: t("stats.byCategory"),
        column: t("category"),
        rows: statistics.byCategory,
        label: (key) => tw(`categories.${key as "focal_point"}`),
      },
      {
        id: "sex",
        title: t("stats.bySex"),
        column: t("sex"),
        rows: statistics.bySex,
        label: (key) => tc(`sexes.${key as "female"}`),
      },
    ];
  return (
    <section className="card" aria-labelledby="stats-heading">
      <div className="section-header">
        <div>
          <h2 id="stats-heading">{t("stats.title")}</h2>
          <p className="muted small">{t("stats.intro")}</p>
          <p data-testid="attendance-summary">
            {t("stats.summary", {
              registered: statistics.registered,
              registeredAttended: statistics.registeredAttended,
              noShows: statistics.noShows,
              walkIns: statistics.walkIns,
              attended: statistics.attended,
              personDays: statistics.personDays,
            })}
          </p>
          <details className="small">
            <summary>{t("stats.definitionsTitle")}</summary>
            <ul>
              <li>{t("stats.definitions.registered")}</li>
              <li>{t("stats.definitions.noShow")}</li>
              <li>{t("stats.definitions.walkIn")}</li>
              <li>{t("stats.definitions.tables")}</li>
            </ul>
          </details>
        </div>
        <CsvDownload href={`/workshops/${workshopId}/attendance.csv`} label={t("stats.exportCsv")} />
      </div>
      <div className="stats-tables">
        {tables.map((table) => (
          <div key={table.id} className="table-wrap stack-table stack-grid">
            <table>
              <caption>{table.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{table.column}</th>
                  <th scope="col" className="num">
                    {table.id === "registration" ? t("stats.people") : t("stats.attended")}
                  </th>
                  {table.id !== "sex"
                    ? SEXES.map((sex) => (
                        <th key={sex} scope="col" className="num">
                          {tc(`sexes.${sex}`)}
                        </th>
                      ))
                    : null}
                  {table.id !== "day" ? (
                    <th scope="col" className="num">
                      {t("stats.personDays")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="muted small">
                      {t("stats.none")}
                    </td>
                  </tr>
                ) : null}
                {table.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{table.label(row.key)}</th>
                    <td className="num" data-label={t("stats.attended")}>
                      {formatNumber(row.attended, locale)}
                    </td>
                    {table.id !== "sex"
                      ? SEXES.map((sex) => (
                          <td key={sex} className="num" data-label={tc(`sexes.${sex}`)}>
                            {formatNumber(row.bySex[sex], locale)}
                          </td>
                        ))
                      : null}
                    {table.id !== "day" ? (
                      <td className="num" data-label={t("stats.personDays")}>
                        {formatNumber(row.personDays, locale)}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}
