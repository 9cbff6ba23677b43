import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requirePermission, requireUser } from "~/auth/session.server";
import { LiveStatus } from "~/components/live-status";
import { RichText } from "~/components/rich-text";
import { ActionItemStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { getPlanForReading } from "~/models/action-plan.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/plans.css?url";
import { formatDateTime, formatDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.country.name ?? ""} ${data?.plan.title ?? "Action plan"} · FocalPoint` }];

// The editor (Tiptap, Yjs) loads only in the browser and only on this page.
const CollaborativeEditor = lazy(() => import("~/editor/collaborative-editor"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const plan = await getPlanForReading(parseParam(IdParam, params.planId));
  if (!plan) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, "plan.read", { countryId: plan.country.id });
  return {
    plan,
    me: { id: user.id, name: user.name },
    canEdit: can(user, "plan.edit", { countryId: plan.country.id, planStatus: plan.status }),
  };
}

/** The stored narrative until the live editor has loaded (and for readers without JavaScript). */
function Narrative({ plan, me, canEdit }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const { t } = useTranslation("plans");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const stored = plan.narrative.content?.length ? <RichText doc={plan.narrative} /> : <p className="empty">{t("emptyNarrative")}</p>;
  if (!hydrated) return stored;
  return (
    <Suspense fallback={stored}>
      <CollaborativeEditor documentId={plan.documentId} user={me} canEdit={canEdit} label={t("editor.label")} />
    </Suspense>
  );
}

export default function ActionPlan() {
  const data = useLoaderData<typeof loader>();
  const { plan } = data;
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const status = useLiveUpdates([topic.plan(plan.id)]);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/action-plans">{t("title")}</Link> › <Link to={`/countries/${plan.country.code.toLowerCase()}`}>{plan.country.name}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {plan.country.name}: {plan.title}
          </h1>
          <p className="cluster">
            <PlanStatusBadge status={plan.status} />
            <span>
              {plan.periodStart}–{plan.periodEnd}
            </span>
            {plan.submittedAt && plan.submittedBy ? <span className="small">{t("submitted", { date: formatDateTime(plan.submittedAt, locale), name: plan.submittedBy.name })}</span> : null}
            {plan.endorsedAt && plan.endorsedBy ? <span className="small">{t("endorsed", { date: formatDateTime(plan.endorsedAt, locale), name: plan.endorsedBy.name })}</span> : null}
          </p>
        </div>
        <div className="cluster no-print">
          <LiveStatus status={status} />
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            {tc("actions.print")}
          </button>
        </div>
      </header>
      <section className="card plan-narrative" aria-labelledby="narrative-heading">
        <h2 id="narrative-heading">{t("narrative")}</h2>
        <div className="screen-only">
          <Narrative {...data} />
        </div>
        <div className="print-only">{plan.narrative.content?.length ? <RichText doc={plan.narrative} /> : null}</div>
      </section>
      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">{t("actionItems")}</h2>
        {plan.items.length === 0 ? (
          <p className="empty">{t("noItems")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("activity")}</th>
                  <th scope="col">{t("leadAgency")}</th>
                  <th scope="col">{t("due")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col" className="num">
                    {t("progress")}
                  </th>
                  <th scope="col">{t("milestone")}</th>
                  <th scope="col">{t("source")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.items.map((item) => (
                  <tr key={item.id} className={item.overdue ? "overdue" : undefined}>
                    <td>
                      {item.activity}
                      {item.indicator ? <div className="small muted">{item.indicator}</div> : null}
                    </td>
                    <td>{item.leadAgency}</td>
                    <td className="small">
                      {formatDay(item.dueOn, locale)}
                      {item.overdue ? (
                        <div>
                          <span className="badge badge-warn">{t("overdue")}</span>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <ActionItemStatusBadge status={item.status} />
                    </td>
                    <td className="num">{item.progress}%</td>
                    <td className="small">{item.milestone ? [item.milestone.sector?.name, item.milestone.stage.name].filter(Boolean).join(" · ") : "—"}</td>
                    <td className="small">
                      {item.sourceOutcome ? <Link to={`/workshops/${item.sourceOutcome.workshop.id}`}>{item.sourceOutcome.workshop.title}</Link> : item.sourceNote || "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
