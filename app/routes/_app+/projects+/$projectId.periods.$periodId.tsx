import { Fact } from "~/components/facts";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { documentContent } from "~/collab/content.server";
import { readNarrative } from "~/collab/narrative.server";
import { confirmFirst } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { PERIOD_STATUSES } from "~/domain/indicator-definitions";
import { parseWord } from "~/domain/vocabulary";
import { IndicatorValueSchema, PeriodStatusSchema, PeriodTargetSchema, StartNarrativeSchema } from "~/forms/results";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { metaTitle } from "~/i18n/page-title";
import { useCountryName } from "~/i18n/names";
import { changePeriodStatus, ensurePeriodNarrative, periodReportFor } from "~/models/project-report.server";
import { projectWorkshopIds } from "~/models/project.server";
import { enterIndicatorValue, setPeriodTarget } from "~/models/results-framework.server";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { topic } from "~/realtime/topics";
import { useRootData } from "~/root";
import editorStyles from "~/styles/plans.css?url";
import styles from "~/styles/results.css?url";
import { formatDateTime, formatDay, formatNumber } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { ReportNarrative } from "./__report-narrative";
import { ReportIndicators, ReportSources } from "./__report-tables";
import { requirePeriod } from "./project-access.server";

// The narrative's editor takes its look from the action plans, whose narrative uses the same editor.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
  { rel: "stylesheet", href: styles },
];
export const meta = ({
  data,
  matches,
}: {
  data?: { period: { label: string }; project: { code: string } };
  matches: { id: string; data?: unknown }[];
}) =>
  metaTitle(matches, (t) => [
    data ? t("results:report.heading", { period: data.period.label }) : null,
    data?.project.code,
  ]);

/**
 * A period's progress report (decision 022): the indicator table, the activities and the records
 * behind every figure, printable as the document sent to the donor. Draft and reviewed periods are
 * counted as they are read and follow the project's workshops and countries live; locked ones read
 * their snapshot.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, canManage, figuresOf, period } = await requirePeriod(request, params, "read");
  const report = await periodReportFor(period, figuresOf);
  const workshops = await projectWorkshopIds(project.id);
  // Live: check-ins announce on their workshop's topic, milestones and items on their country's.
  const topics =
    period.status === "locked"
      ? []
      : [
          ...workshops.map((id) => topic.workshop(id)),
          ...project.countries
            .filter((c) => can(user, "milestone.read", { countryId: c.id }))
            .map((c) => topic.country(c.id)),
        ].slice(0, 50);
  // A locked period's narrative is in its snapshot (report.narrative); an open one is the live document.
  const narrative =
    period.status !== "locked" && period.narrativeDocumentId ? await documentContent(period.narrativeDocumentId) : null;
  const { snapshot: _snapshot, ...periodFields } = period;
  const me = { id: user.id, name: user.name };
  return { project, period: periodFields, report, narrative, canManage, figuresOf, topics, me };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, project, period } = await requirePeriod(request, params, "manage");
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const author = { actorId: user.id, requestId: context.requestId };
  const here = `/projects/${project.id}/periods/${period.id}`;
  const intent = formData.get("intent");
  const schema =
    intent === "target"
      ? PeriodTargetSchema
      : intent === "value"
        ? IndicatorValueSchema
        : intent === "narrative"
          ? StartNarrativeSchema
          : PeriodStatusSchema;
  const submission = await parseSubmission(request, formData, schema);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  try {
    // The narrative exists from the moment a manager starts it (a GET of this page writes nothing).
    if (value.intent === "narrative") {
      await ensurePeriodNarrative(period.id, author);
      return redirectWithToast(`${here}#narrative-heading`, {
        kind: "success",
        message: t("results:narrative.started"),
      });
    }
    if (value.intent === "status") {
      await changePeriodStatus(period, value.transition, author, readNarrative);
      return redirectWithToast(here, {
        kind: "success",
        message: t(value.transition === "lock" ? "results:report.locked" : "results:report.statusChanged"),
      });
    }
    if (value.intent === "target") {
      await setPeriodTarget(period, value, author);
      return redirectWithToast(here, { kind: "success", message: t("results:report.targetSaved") });
    }
    await enterIndicatorValue(period, value, author);
    return redirectWithToast(here, { kind: "success", message: t("results:report.valueSaved") });
  } catch (error) {
    return refusalReply(request, submission, error);
  }
}

export default function PeriodReport() {
  const { project, period, report, narrative, canManage, figuresOf, topics, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("results");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const live = useLiveUpdates(topics);
  // The forms here are small and inline: every message of a refused submission shows in one alert.
  const messages = Object.values(actionData?.result?.error ?? {}).flatMap((m) => m ?? []);
  const refused = messages.length ? messages : null;
  const status = parseWord(PERIOD_STATUSES, period.status);
  const indicators = report.outcomes.flatMap((o) => o.outputs.flatMap((output) => output.indicators));
  return (
    <>
      <div className="report-toolbar no-print">
        <nav className="breadcrumbs" aria-label={t("nav")}>
          <Link to="/projects">{t("title")}</Link> / <Link to={`/projects/${project.id}`}>{project.code}</Link>
        </nav>
        <div className="cluster">
          {topics.length ? <LiveStatus status={live} /> : null}
          <button type="button" className="button-ghost" onClick={() => window.print()}>
            {t("report.print")}
          </button>
          <a className="button button-ghost" href={`/projects/${project.id}/periods/${period.id}/docx`} download>
            {t("export.docx")}
          </a>
          <a className="button button-ghost" href={`/projects/${project.id}/periods/${period.id}/xlsx`} download>
            {t("export.xlsx")}
          </a>
          {canManage && status === "draft" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="status" />
              <button type="submit" name="transition" value="review">
                {t("report.review")}
              </button>
            </Form>
          ) : null}
          {canManage && status === "in_review" ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="status" />
                <button type="submit" name="transition" value="return" className="button-ghost">
                  {t("report.returnToDraft")}
                </button>
              </Form>
              <Form method="post" onSubmit={confirmFirst(t("report.lockConfirm"))}>
                <input type="hidden" name="intent" value="status" />
                <button type="submit" name="transition" value="lock">
                  {t("report.lock")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
      {refused ? (
        // One message per refusal, each said once (every field of a form may fail for the same reason).
        <div className="no-print" role="alert">
          {[...new Set(refused)].map((message) => (
            <p key={message} className="notice notice-error">
              {message}
            </p>
          ))}
        </div>
      ) : null}

      <article className="report-document">
        <header className="report-masthead">
          <p className="report-kicker">{t("report.heading", { period: period.label })}</p>
          <h1>{project.title}</h1>
          <dl className="report-meta">
            <Fact term={t("project.donor")}>{project.donor}</Fact>
            <Fact term={t("project.agency")}>{project.implementingAgency}</Fact>
            <Fact term={t("report.reportingPeriod")}>
              {formatDay(period.startsOn, locale, "long")} – {formatDay(period.endsOn, locale, "long")}
            </Fact>
            <Fact term={t("project.countries")}>{project.countries.map((c) => countryName(c)).join(", ")}</Fact>
            <Fact term={t("period.status")}>
              <span className={`period-status period-status-${status}`}>{t(`period.statuses.${status}`)}</span>
            </Fact>
          </dl>
          <p className="report-provenance">
            {period.lockedAt
              ? t("period.lockedBy", {
                  name: period.lockedBy?.name ?? "—",
                  date: formatDateTime(period.lockedAt, locale),
                })
              : t("report.countedAt", { date: formatDateTime(report.countedAt, locale) })}
            {topics.length ? <span className="no-print"> {t("report.live")}</span> : null}
          </p>
          {figuresOf !== "all" ? (
            <p className="notice">{t("project.yourCountries", { countries: figuresOf.join(", ") })}</p>
          ) : null}
        </header>

        <ReportNarrative
          documentId={period.narrativeDocumentId}
          stored={narrative}
          locked={status === "locked" ? (report.narrative ?? []) : null}
          canEdit={canManage && status !== "locked"}
          canStart={canManage && status !== "locked"}
          me={me}
        />

        <ReportIndicators report={report} />

        <section className="report-section" aria-labelledby="activities-heading">
          <h2 id="activities-heading">3. {t("report.activities")}</h2>
          {report.activities.length === 0 ? (
            <p className="muted">{t("report.noActivities")}</p>
          ) : (
            <div className="table-wrap">
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">{t("report.record")}</th>
                    <th scope="col">{t("report.date")}</th>
                    <th scope="col">{t("report.country")}</th>
                    <th scope="col" className="num">
                      {t("report.attended")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.activities.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/workshops/${a.id}`}>{a.title}</Link>
                      </td>
                      <td className="nowrap">
                        {formatDay(a.startsOn, locale)}
                        {a.endsOn !== a.startsOn ? ` – ${formatDay(a.endsOn, locale)}` : ""}
                      </td>
                      <td>
                        {a.city}
                        {a.countryCode ? ` (${a.countryCode})` : ""}
                      </td>
                      <td className="num">{formatNumber(a.attended, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <ReportSources report={report} />
      </article>

      {canManage && status !== "locked" ? (
        <section className="card no-print report-manage" aria-labelledby="targets-heading">
          <h2 id="targets-heading">{t("report.targets")}</h2>
          {indicators.map((indicator) => (
            <div key={indicator.id} className="report-manage-row">
              <p data-user-content>{indicator.title}</p>
              <Form method="post" className="cluster">
                <input type="hidden" name="intent" value="target" />
                <input type="hidden" name="indicatorId" value={indicator.id} />
                <label className="visually-hidden" htmlFor={`target-${indicator.id}`}>
                  {t("indicator.periodTarget")}: <span data-user-content>{indicator.title}</span>
                </label>
                <input
                  id={`target-${indicator.id}`}
                  name="target"
                  inputMode="decimal"
                  defaultValue={indicator.periodTarget ?? ""}
                  className="input-figure"
                  required
                />
                <button type="submit" className="button-ghost">
                  {t("report.setTarget")}
                </button>
              </Form>
              {indicator.source === "entered" ? (
                <Form method="post" className="report-value-form">
                  <input type="hidden" name="intent" value="value" />
                  <input type="hidden" name="indicatorId" value={indicator.id} />
                  <label htmlFor={`value-${indicator.id}`}>{t("report.value")}</label>
                  <input
                    id={`value-${indicator.id}`}
                    name="value"
                    inputMode="decimal"
                    defaultValue={indicator.actual ?? ""}
                    className="input-figure"
                    required
                  />
                  <label htmlFor={`evidence-${indicator.id}`}>{t("report.evidence")}</label>
                  <input
                    id={`evidence-${indicator.id}`}
                    name="evidence"
                    defaultValue={indicator.evidence ?? ""}
                    placeholder={t("report.evidenceHint")}
                    required
                  />
                  <button type="submit">{t("report.enterValue")}</button>
                </Form>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
