import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { requirePermission } from "~/auth/session.server";
import { ActionItemStatusBadge } from "~/components/status-badges";
import { MaterialsList, useSessionChoices } from "~/components/workshop-materials";
import { getWorkshopDetail } from "~/models/workshop.server";
import { findMinutesRecord } from "~/models/workshop-minutes.server";
import { stateContent } from "~/collab/content.server";
import { RichText } from "~/components/rich-text";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { CountsTowards } from "~/components/counts-towards";
import { indicatorsCounting } from "~/models/project.server";
import { useRootData } from "~/root";
import { formatDateTime, formatDay, formatTime, timeZoneLabel } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { parseWord, PARTICIPANT_CATEGORIES, SESSION_TYPES, SEXES, SPEAKER_ROLES } from "~/domain/vocabulary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workshop.read");
  const workshop = await getWorkshopDetail(parseParam(IdParam, params.workshopId), user);
  if (!workshop) throw new Response("Not found", { status: 404 });
  const [countsTowards, minutes] = await Promise.all([
    indicatorsCounting({ type: "workshop", ...workshop }),
    findMinutesRecord(workshop.id),
  ]);
  // Once adopted, the workshop's page shows the minutes as they were adopted, with who adopted them.
  const adoptedMinutes =
    minutes?.adoptedState && minutes.minutesAdoptedAt
      ? {
          content: stateContent(minutes.adoptedState),
          adoptedAt: minutes.minutesAdoptedAt,
          adoptedBy: minutes.minutesAdoptedBy?.name ?? "",
        }
      : null;
  return { workshop, countsTowards, adoptedMinutes };
}

export default function WorkshopPage() {
  const { workshop, countsTowards, adoptedMinutes } = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const { t: tOutcomes } = useTranslation("outcomes");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const days = [...new Set(workshop.sessions.map((s) => s.day))];
  const sessionChoices = useSessionChoices(
    days.map((day) => ({
      sessions: workshop.sessions
        .filter((s) => s.day === day)
        .map((s) => ({ id: s.id, title: s.title, startTime: formatTime(s.startsAt, locale, workshop.timeZone) })),
    })),
  );
  // The layout follows the workshop; the items carrying out its agreed actions change in their plans.
  useLiveUpdates([
    ...new Set(
      workshop.outcomes.flatMap((o) =>
        o.assignments.flatMap((a) => (a.actionItem ? [topic.plan(a.actionItem.planId)] : [])),
      ),
    ),
  ]);
  return (
    <>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading">{t("objectives")}</h2>
          <p className="pre-line">{workshop.objectives || <span className="muted">{tc("notSet")}</span>}</p>
          <h3>{t("expectedResults")}</h3>
          <p className="pre-line">{workshop.expectedResults || <span className="muted">{tc("notSet")}</span>}</p>
          <dl className="definition-list">
            <dt>{t("organisers")}</dt>
            <dd>{workshop.organisers || "—"}</dd>
            <dt>{t("facilitators")}</dt>
            <dd>{workshop.facilitators.map((f) => f.user.name).join(", ") || "—"}</dd>
            {workshop.project ? (
              <>
                <dt>{t("project")}</dt>
                <dd>
                  <Link to={`/projects/${workshop.projectId}`}>{workshop.project.title}</Link>
                </dd>
              </>
            ) : null}
            <CountsTowards indicators={countsTowards} />
          </dl>
        </section>
        <section className="card" aria-labelledby="people-heading">
          <h2 id="people-heading">{t("summary")}</h2>
          <p>{t("registered", { count: workshop.registeredCount })}</p>
          <div className="grid grid-3">
            <div>
              <h3>{t("byCategory")}</h3>
              <ul className="list small">
                {workshop.byCategory.map((c) => (
                  <li key={c.name}>
                    {t(`categories.${parseWord(PARTICIPANT_CATEGORIES, c.name)}`)}: {c.count}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t("bySex")}</h3>
              <ul className="list small">
                {workshop.bySex.map((c) => (
                  <li key={c.name}>
                    {tc(`sexes.${parseWord(SEXES, c.name)}`)}: {c.count}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t("attendance")}</h3>
              <ul className="list small">
                {workshop.attendanceDays.map((d) => (
                  <li key={d.name}>{t("attendanceDay", { date: formatDay(d.name, locale), count: d.count })}</li>
                ))}
              </ul>
            </div>
          </div>
          <h3>{t("byCountry")}</h3>
          <p className="cluster small">
            {workshop.byCountry.map((c) => (
              <span key={c.name}>
                <span className="country-code">{c.name}</span> {c.count}
              </span>
            ))}
          </p>
        </section>
      </div>
      <section className="card" aria-labelledby="materials-heading" style={{ marginTop: "1rem" }}>
        <h2 id="materials-heading">{t("materials.title")}</h2>
        <MaterialsList materials={workshop.materials} sessions={sessionChoices} />
      </section>
      <section className="card" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("agenda")}</h2>
        <p className="muted small">{t("timesIn", { zone: timeZoneLabel(workshop.timeZone, locale) })}</p>
        {days.length === 0 ? <p className="empty">{t("noAgenda")}</p> : null}
        {days.map((day, index) => (
          <div key={day}>
            <h3>{t("dayHeading", { n: index + 1, date: formatDay(day, locale, "long") })}</h3>
            <div className="table-wrap">
              <table>
                <tbody>
                  {workshop.sessions
                    .filter((s) => s.day === day)
                    .map((s) => (
                      <tr key={s.id}>
                        <td className="small" style={{ whiteSpace: "nowrap", width: "9rem" }}>
                          {formatTime(s.startsAt, locale, workshop.timeZone)}–
                          {formatTime(s.endsAt, locale, workshop.timeZone)}
                        </td>
                        <td>
                          <strong>{s.title}</strong>{" "}
                          <span className="badge badge-neutral">
                            {t(`sessionTypes.${parseWord(SESSION_TYPES, s.sessionType)}`)}
                          </span>
                          {s.description ? <div className="small muted">{s.description}</div> : null}
                          {s.speakers.length ? (
                            <div className="small">
                              {s.speakers
                                .map((sp) => `${sp.name} (${t(`speakerRoles.${parseWord(SPEAKER_ROLES, sp.role)}`)})`)
                                .join(", ")}
                            </div>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="outcomes-heading">
        <div className="card-header">
          <h2 id="outcomes-heading">{t("outcomes")}</h2>
          <Link to="outcomes">{tOutcomes("overviewLink")}</Link>
        </div>
        {workshop.outcomes.length === 0 ? (
          <p className="empty">{t("noOutcomes")}</p>
        ) : (
          <ul className="list">
            {workshop.outcomes.map((o) => (
              <li key={o.id}>
                <span className={`badge ${o.kind === "decision" ? "badge-brand" : "badge-info"}`}>
                  {o.kind === "decision" ? t("decision") : t("agreedAction")}
                </span>{" "}
                {o.text}
                {o.assignments.length ? (
                  <div className="small" style={{ marginTop: "0.35rem" }}>
                    {t("becameItems")}{" "}
                    {o.assignments.map((a) => (
                      <span key={a.id} className="cluster" style={{ display: "inline-flex", marginRight: "0.75rem" }}>
                        <span className="country-code">{a.country.code}</span>
                        {a.actionItem ? (
                          <>
                            <Link to={`/action-plans/${a.actionItem.planId}`}>{countryName(a.country)}</Link>
                            <ActionItemStatusBadge status={a.actionItem.status} />
                          </>
                        ) : (
                          countryName(a.country)
                        )}
                      </span>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {adoptedMinutes ? (
        <section className="card adopted-minutes" aria-labelledby="minutes-heading">
          <h2 id="minutes-heading">{tOutcomes("minutes.heading")}</h2>
          <p className="small">
            <span className="badge badge-ok">{tc("minutesStatuses.adopted")}</span>{" "}
            {tOutcomes("minutes.adoptedBy", {
              name: adoptedMinutes.adoptedBy,
              date: formatDateTime(adoptedMinutes.adoptedAt, locale, workshop.timeZone),
            })}
          </p>
          {adoptedMinutes.content.content?.length ? (
            <RichText doc={adoptedMinutes.content} />
          ) : (
            <p className="empty">{tOutcomes("minutes.empty")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
