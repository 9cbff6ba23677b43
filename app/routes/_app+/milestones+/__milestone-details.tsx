import type { ComponentProps } from "react";
import { CountsTowards } from "~/components/counts-towards";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { ActionItemStatusBadge, MilestoneStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { AQRF_STAGE, MUTUAL_RECOGNITION_STAGE } from "~/domain/vocabulary";
import type { getMilestone } from "~/models/milestone.server";
import { formatDateTime, formatDay } from "~/utils/format";

/** The milestone as its page shows it (getMilestone). */
export type MilestoneView = NonNullable<Awaited<ReturnType<typeof getMilestone>>>;

/** What the milestone is: its stage, dates, level or partner, where it was asked for, and its notes. */
export function Details({
  milestone,
  locale,
  countsTowards,
}: {
  milestone: MilestoneView;
  locale: string;
  countsTowards: ComponentProps<typeof CountsTowards>["indicators"];
}) {
  const { t } = useTranslation("milestones");
  const countryName = useCountryName();
  const { t: tc } = useTranslation("common");
  const day = (value: string | null) =>
    value ? (
      <time dateTime={value}>{formatDay(value, locale, "long")}</time>
    ) : (
      <span className="muted">{tc("notSet")}</span>
    );
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t("page.details")}</h2>
      <p className="muted">
        {t(`stageDescriptions.${milestone.stage.code as "national_standard"}`, {
          defaultValue: milestone.stage.description,
        })}
      </p>
      <dl className="definition-list">
        <dt>{t("page.status")}</dt>
        <dd>
          <MilestoneStatusBadge status={milestone.status} />
        </dd>
        <dt>{t("page.startedOn")}</dt>
        <dd>{day(milestone.startedOn)}</dd>
        <dt>{t("page.targetOn")}</dt>
        <dd>{day(milestone.targetOn)}</dd>
        <dt>{t("page.achievedOn")}</dt>
        <dd>{day(milestone.achievedOn)}</dd>
        {milestone.stage.code === AQRF_STAGE ? (
          <>
            <dt>{t("page.aqrfLevel")}</dt>
            <dd>
              {milestone.level ? (
                <span title={milestone.level.description}>{t("page.level", { level: milestone.level.level })}</span>
              ) : (
                <span className="muted">{tc("notSet")}</span>
              )}
            </dd>
          </>
        ) : null}
        {milestone.stage.code === MUTUAL_RECOGNITION_STAGE ? (
          <>
            <dt>{t("page.partnerCountry")}</dt>
            <dd>
              {milestone.partnerCountry ? (
                <Link to={`/countries/${milestone.partnerCountry.code}`}>{countryName(milestone.partnerCountry)}</Link>
              ) : (
                <span className="muted">{tc("notSet")}</span>
              )}
            </dd>
          </>
        ) : null}
        {milestone.project ? (
          <>
            <dt>{t("page.project")}</dt>
            <dd>
              <Link to={`/projects/${milestone.projectId}`}>{milestone.project.title}</Link>
            </dd>
          </>
        ) : null}
        <CountsTowards indicators={countsTowards} />
        {milestone.sourceOutcome ? (
          <>
            <dt>{t("page.requestedAt")}</dt>
            <dd>
              <Link to={`/workshops/${milestone.sourceOutcome.workshop.id}`}>
                {milestone.sourceOutcome.workshop.title}
              </Link>
              <div className="small muted">{milestone.sourceOutcome.text}</div>
            </dd>
          </>
        ) : null}
      </dl>
      <h3>{t("page.notes")}</h3>
      {milestone.notes ? <p className="pre-line">{milestone.notes}</p> : <p className="empty">{t("page.noNotes")}</p>}
      {milestone.updatedBy ? (
        <p className="small muted">
          {t("page.lastChange", { name: milestone.updatedBy.name, date: formatDateTime(milestone.updatedAt, locale) })}
        </p>
      ) : null}
    </section>
  );
}

export function LinkedActionItems({ items, locale }: { items: MilestoneView["actionItems"]; locale: string }) {
  const { t } = useTranslation("milestones");
  return (
    <section className="card" aria-labelledby="items-heading">
      <h2 id="items-heading">{t("actionItems.title")}</h2>
      {items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("actionItems.activity")}</th>
                <th scope="col">{t("actionItems.plan")}</th>
                <th scope="col">{t("actionItems.status")}</th>
                <th scope="col">{t("actionItems.progress")}</th>
                <th scope="col">{t("actionItems.due")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.activity}</td>
                  <td>
                    <Link to={`/action-plans/${item.plan.id}`}>{item.plan.title}</Link>{" "}
                    <PlanStatusBadge status={item.plan.status} />
                  </td>
                  <td>
                    <ActionItemStatusBadge status={item.status} />
                  </td>
                  <td>
                    <progress
                      max={100}
                      value={item.progress}
                      aria-label={`${t("actionItems.progress")}: ${item.activity}`}
                    />{" "}
                    {item.progress}%
                  </td>
                  <td>{item.dueOn ? <time dateTime={item.dueOn}>{formatDay(item.dueOn, locale)}</time> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t("actionItems.none")}</p>
      )}
    </section>
  );
}
