import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { Field, FormErrorSummary } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { BriefsFreezeSchema } from "~/forms/brief-note";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { useCountryName } from "~/i18n/names";
import { titleMeta } from "~/i18n/page-title";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { meetingLine, provenanceLine } from "~/models/brief-document.server";
import { briefFigures } from "~/models/meeting-brief.server";
import { freezeBriefing } from "~/models/meeting-briefing.server";
import styles from "~/styles/briefs.css?url";
import { formatDay } from "~/utils/format";
import { useRootData } from "~/root";
import { redirectWithToast } from "~/utils/toast.server";
import { PackDownloads } from "./__brief-links";
import { briefingFromUrl, requireMeeting } from "./briefs-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("briefs:title");

/** A meeting's briefs: the day they count from, every country's figures (or one's own brief), freezing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { briefing, sinceAsked, sinceError } = await briefingFromUrl(request, user, params.meeting);
  if (briefing.briefs.length === 0) throw new Response("Forbidden", { status: 403 });
  const [t, locale] = await Promise.all([getTranslate(request), getLocale(request)]);
  return {
    heading: meetingLine(t, locale, briefing),
    provenance: provenanceLine(t, locale, briefing),
    ref: briefing.meeting.ref,
    since: briefing.since,
    sinceAsked,
    sinceError,
    previous: briefing.previous,
    frozen: briefing.frozen !== null,
    everyCountry: can(user, "briefs.all"),
    mayFreeze: can(user, "briefs.freeze") && briefing.frozen === null,
    rows: briefing.briefs.map((b) => ({
      country: b.country,
      planStatus: b.plan?.status ?? null,
      progress: b.plan?.progress ?? null,
      hasNote: b.note !== null,
      ...briefFigures(b),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!can(user, "briefs.freeze")) throw new Response("Forbidden", { status: 403 });
  const meeting = await requireMeeting(request, params.meeting);
  const submission = await parseSubmission(request, await readFormData(request), BriefsFreezeSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await freezeBriefing(user, meeting, submission.value.since, { actorId: user.id, requestId: context.requestId });
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/briefs/${meeting.ref}`, { kind: "success", message: t("briefs:frozenDone") });
}

export default function MeetingBriefs() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("briefs");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const sinceQuery = data.sinceAsked && !data.sinceError ? `?since=${data.sinceAsked}` : "";
  return (
    <>
      <PageHeader title={data.heading} intro={data.provenance} />
      {data.frozen ? null : (
        <Form method="get" className="briefs-day-form card">
          <Field
            label={t("since")}
            name="since"
            type="date"
            defaultValue={data.sinceAsked ?? data.since}
            error={data.sinceError ?? undefined}
            hint={
              data.previous
                ? t("sinceHint", { title: data.previous.title, day: formatDay(data.previous.startsOn, locale) })
                : t("sinceHintNone")
            }
          />
          <button type="submit">{t("count")}</button>
        </Form>
      )}
      {data.everyCountry ? (
        <>
          <div className="cluster briefs-actions">
            <Link className="button" to={`/briefs/${data.ref}/pack${sinceQuery}`}>
              {t("openPack")}
            </Link>
            <PackDownloads meetingRef={data.ref} sinceQuery={sinceQuery} />
          </div>
          <SummaryTable sinceQuery={sinceQuery} />
          <FreezeForm open={data.mayFreeze} />
        </>
      ) : (
        <section className="card" aria-labelledby="own-briefs">
          <h2 id="own-briefs">{t("yourBrief")}</h2>
          <ul className="meeting-list">
            {data.rows.map((row) => (
              <li key={row.country.id}>
                <Link to={`/briefs/${data.ref}/${row.country.code.toLowerCase()}${sinceQuery}`}>
                  {t("brief.heading", { country: countryName(row.country) })}
                </Link>{" "}
                {row.hasNote ? null : <span className="muted small">({t("noteMissing")})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function SummaryTable({ sinceQuery }: { sinceQuery: string }) {
  const { ref, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("briefs");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  const figures = ["progress", "milestonesCompleted", "moved", "overdue", "blocked", "agreedDone", "requests"] as const;
  const headers = {
    progress: t("columns.progress"),
    milestonesCompleted: t("columns.completed"),
    moved: t("columns.moved"),
    overdue: t("columns.overdue"),
    blocked: t("columns.blocked"),
    agreedDone: t("columns.agreedDone"),
    requests: t("columns.requests"),
  };
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("summary")}</h2>
      <div className="table-wrap stack-table briefs-summary">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("columns.country")}</th>
              <th scope="col">{t("columns.plan")}</th>
              {figures.map((f) => (
                <th key={f} scope="col" className="num">
                  {headers[f]}
                </th>
              ))}
              <th scope="col">{t("columns.note")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.country.id}>
                <th scope="row">
                  <Link to={`/briefs/${ref}/${row.country.code.toLowerCase()}${sinceQuery}`}>
                    {countryName(row.country)}
                  </Link>
                </th>
                <td data-label={t("columns.plan")}>
                  {row.planStatus ? tc(`planStatuses.${row.planStatus}`, { defaultValue: row.planStatus }) : "—"}
                </td>
                {figures.map((f) => (
                  <td key={f} className="num" data-label={headers[f]}>
                    {f === "milestonesCompleted"
                      ? `${row.milestonesCompleted} / ${row.milestonesTotal}`
                      : f === "agreedDone"
                        ? `${row.agreedDone} / ${row.agreedTotal}`
                        : (row[f] ?? "—")}
                  </td>
                ))}
                <td data-label={t("columns.note")}>{row.hasNote ? "✓" : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The freezing form while the briefs may be frozen; afterwards only why a freeze was refused (frozen meanwhile). */
function FreezeForm({ open }: { open: boolean }) {
  const { since } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("briefs");
  const [form] = useAppForm(BriefsFreezeSchema, { id: "freeze", lastResult: actionData?.result });
  if (!open) return <FormErrorSummary form={form} />;
  return (
    <section className="card" aria-labelledby="freeze-heading">
      <h2 id="freeze-heading">{t("freeze")}</h2>
      <p className="muted">{t("freezeHint")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="since" value={since} />
        <button type="submit">{t("freeze")}</button>
      </Form>
    </section>
  );
}
