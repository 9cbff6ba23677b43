import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DISAGGREGATIONS } from "~/domain/indicator-definitions";
import { useSectorName, useStageName } from "~/i18n/names";
import type { IndicatorFigures, ReportBody } from "~/models/project-report.server";
import { useRootData } from "~/root";
import { formatDateTime, formatDay, formatNumber } from "~/utils/format";

function useFigure() {
  const locale = useRootData()?.locale ?? "en";
  return (value: number | null) => (value === null ? "—" : formatNumber(value, locale));
}

/** "Female 8 · Male 7", "KH 5 · LA 5 · MM 5": one line per way the figure splits. */
function Disaggregations({ indicator }: { indicator: IndicatorFigures }) {
  const { t } = useTranslation("results");
  const { t: tc } = useTranslation("common");
  const { t: tw } = useTranslation("workshops");
  const figure = useFigure();
  const lines = DISAGGREGATIONS.flatMap((dimension) => {
    const counts = indicator.breakdown[dimension];
    if (!counts || Object.keys(counts).length === 0) return [];
    const label = (key: string) =>
      key === "unknown"
        ? t("breakdown.unknown")
        : dimension === "sex"
          ? tc(`sexes.${key}` as "sexes.female")
          : dimension === "category"
            ? tw(`categories.${key}` as "categories.ilo")
            : key;
    const text = Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => `${label(key)} ${figure(count)}`)
      .join(" · ");
    return [{ dimension, text }];
  });
  if (lines.length === 0) return null;
  return (
    <ul className="report-disaggregations">
      {lines.map((line) => (
        <li key={line.dimension}>
          <span className="muted">{t(`breakdown.${line.dimension}`)}:</span> {line.text}
        </li>
      ))}
    </ul>
  );
}

/** The indicator table: outcome and output rows, then each indicator's baseline, targets and figures. */
export function ReportIndicators({ report }: { report: ReportBody }) {
  const { t } = useTranslation("results");
  const locale = useRootData()?.locale ?? "en";
  const figure = useFigure();
  const percent = (value: number | null) => (value === null ? "—" : `${formatNumber(value, locale)}%`);
  return (
    <section className="report-section" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">2. {t("report.indicators")}</h2>
      <div className="table-wrap stack-table stack-grid">
        <table className="report-table report-indicators">
          <thead>
            <tr>
              <th scope="col">{t("indicator.title")}</th>
              <th scope="col" className="num">
                {t("indicator.baseline")}
              </th>
              <th scope="col" className="num">
                {t("indicator.periodTarget")}
              </th>
              <th scope="col" className="num">
                {t("indicator.actual")}
              </th>
              <th scope="col" className="num">
                {t("indicator.percent")}
              </th>
              <th scope="col" className="num">
                {t("indicator.cumulative")}
              </th>
              <th scope="col" className="num">
                {t("indicator.target")}
              </th>
              <th scope="col" className="num">
                {t("indicator.percent")}
              </th>
            </tr>
          </thead>
          {report.outcomes.map((outcome, outcomeIndex) => (
            <tbody key={outcome.id}>
              <tr className="report-outcome-row">
                <th scope="colgroup" colSpan={8}>
                  {t("project.outcome", { number: outcomeIndex + 1 })}: {outcome.title}
                </th>
              </tr>
              {outcome.outputs.flatMap((output, outputIndex) => [
                <tr key={output.id} className="report-output-row">
                  <th scope="colgroup" colSpan={8}>
                    {t("project.output", { number: `${outcomeIndex + 1}.${outputIndex + 1}` })}: {output.title}
                  </th>
                </tr>,
                ...output.indicators.map((indicator) => (
                  <tr key={indicator.id} data-indicator={indicator.title}>
                    <th scope="row" className="report-indicator-title">
                      <span data-user-content>{indicator.title}</span>{" "}
                      <span className="muted" data-user-content>
                        ({indicator.unit})
                      </span>
                      {indicator.source === "entered" ? (
                        <span className="entered-mark"> {t("indicator.entered")}</span>
                      ) : null}
                      {indicator.source === "unreadable" ? (
                        <span className="notice-error small"> {t("indicator.unreadable")}</span>
                      ) : null}
                      <Disaggregations indicator={indicator} />
                    </th>
                    <td className="num" data-label={t("indicator.baseline")}>
                      {figure(indicator.baseline)}
                    </td>
                    <td className="num" data-label={t("indicator.periodTarget")}>
                      {figure(indicator.periodTarget)}
                    </td>
                    <td
                      className="num report-actual"
                      data-label={t("indicator.actual")}
                      data-testid={`actual-${indicator.id}`}
                    >
                      {indicator.source === "counted" ? (
                        <a href={`#sources-${indicator.id}`}>{figure(indicator.actual)}</a>
                      ) : indicator.actual === null ? (
                        <span className="muted">{t("indicator.notEntered")}</span>
                      ) : (
                        figure(indicator.actual)
                      )}
                    </td>
                    <td className="num" data-label={t("indicator.percent")}>
                      {percent(indicator.percentOfPeriodTarget)}
                    </td>
                    <td className="num" data-label={t("indicator.cumulative")}>
                      {figure(indicator.cumulative)}
                    </td>
                    <td className="num" data-label={t("indicator.target")}>
                      {figure(indicator.target)}
                    </td>
                    <td className="num" data-label={t("indicator.percent")}>
                      {percent(indicator.percentOfTarget)}
                    </td>
                  </tr>
                )),
              ])}
            </tbody>
          ))}
        </table>
      </div>
      <EnteredEvidence report={report} />
    </section>
  );
}

function EnteredEvidence({ report }: { report: ReportBody }) {
  const { t } = useTranslation("results");
  const locale = useRootData()?.locale ?? "en";
  const entered = report.outcomes
    .flatMap((o) => o.outputs.flatMap((output) => output.indicators))
    .filter((i) => i.source === "entered" && i.actual !== null);
  if (entered.length === 0) return null;
  return (
    <div className="report-notes">
      <h3>{t("report.handValues")}</h3>
      <ul>
        {entered.map((i) => (
          <li key={i.id}>
            <strong data-user-content>{i.title}</strong>:{" "}
            {t("indicator.enteredBy", {
              name: i.enteredBy ?? "—",
              date: i.enteredAt ? formatDateTime(i.enteredAt, locale) : "—",
              evidence: i.evidence ?? "—",
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every counted figure with the records behind it: the drill-down, kept in the document. */
export function ReportSources({ report }: { report: ReportBody }) {
  const { t } = useTranslation("results");
  const { t: tw } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  const stageName = useStageName();
  const sectorName = useSectorName();
  const counted = report.outcomes
    .flatMap((o) => o.outputs.flatMap((output) => output.indicators))
    .filter((i) => i.source === "counted");
  return (
    <section className="report-section report-sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">4. {t("report.sources")}</h2>
      <p className="muted small">{t("report.sourcesIntro")}</p>
      {counted.map((indicator) => (
        <div key={indicator.id} id={`sources-${indicator.id}`} className="report-source">
          <h3>
            <span data-user-content>{indicator.title}</span>: {indicator.actual ?? "—"}
          </h3>
          {indicator.records.length === 0 ? (
            <p className="muted small">{t("report.noRecords")}</p>
          ) : (
            <ol className="report-records">
              {indicator.records.map((record) => (
                <li key={`${record.type}-${record.id}`}>
                  <Link to={record.path}>
                    {record.type === "milestone"
                      ? `${stageName(record.title)}${record.detail ? `: ${sectorName({ code: record.detail, name: record.detail })}` : ""}`
                      : record.title}
                  </Link>
                  <span className="muted small">
                    {" "}
                    {[
                      record.countryCode,
                      record.type === "person" && record.detail
                        ? tw(`categories.${record.detail}` as "categories.ilo")
                        : null,
                      record.date ? formatDay(record.date, locale) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}
