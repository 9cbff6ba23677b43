import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { lazy, Suspense } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { useTranslation } from "react-i18next";
import { useCountryName, useMilestoneLabel } from "~/i18n/names";
import { can } from "~/auth/permissions";
import { requirePermission, requireUser } from "~/auth/session.server";
import { FormError } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { RichText } from "~/components/rich-text";
import { ActionItemStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { ItemFilters } from "./__plan-item-filters";
import { getTranslate } from "~/i18n/translate.server";
import {
  changePlanStatus,
  findStandingReturn,
  getPlanForReading,
  PLAN_TRANSITIONS,
  PLAN_TRANSITIONS_WITH_A_PAGE,
  PlanStateError,
  type PlanTransition,
} from "~/models/action-plan.server";
import { documentContent, documentLines } from "~/collab/content.server";
import { restoreDocumentVersion } from "~/collab/manager.server";
import { currentDocumentState } from "~/collab/storage.server";
import {
  createDocumentVersion,
  findDocumentVersion,
  findSubmittedVersion,
  listDocumentVersions,
} from "~/collab/versions.server";
import { getLocale } from "~/i18n/i18n.server";
import { diffLines } from "~/utils/text-diff";
import { text } from "~/forms/fields";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { requirePlanAccess } from "~/routes/_app+/action-plans+/plan-access.server";
import { readFormData, refusal } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/plans.css?url";
import { formatDateTime, formatDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { HOST_TIME_ZONES } from "~/domain/time-zones";
import { planPageTitle } from "~/routes/_app+/action-plans+/__plan-subpage-header";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => planPageTitle(matches, data?.plan);

// The editor (Tiptap, Yjs) loads only in the browser and only on this page.
const CollaborativeEditor = lazy(() => import("~/editor/collaborative-editor"));

const ItemView = z.object({
  compare: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .optional()
    .catch(undefined),
  status: z.enum(ACTION_ITEM_STATUSES).optional().catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
  sort: z.enum(["plan", "due", "status"]).optional().catch(undefined),
});
const STATUS_ORDER: Record<string, number> = { delayed: 0, at_risk: 1, not_started: 2, on_track: 3, done: 4 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const plan = await getPlanForReading(parseParam(IdParam, params.planId));
  if (!plan) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, "plan.read", { countryId: plan.country.id });
  const view = ItemView.parse(Object.fromEntries(new URL(request.url).searchParams));
  const items = plan.items
    .filter((i) => (!view.status || i.status === view.status) && (!view.overdue || i.overdue))
    .sort((a, b) =>
      view.sort === "due"
        ? (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999")
        : view.sort === "status"
          ? STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]!
          : a.sortOrder - b.sortOrder,
    );
  const resource = { countryId: plan.country.id, planStatus: plan.status };
  const transitions = (Object.keys(PLAN_TRANSITIONS) as PlanTransition[]).filter(
    (name) => PLAN_TRANSITIONS[name].from === plan.status && can(user, PLAN_TRANSITIONS[name].action, resource),
  );
  const [narrative, versions, comparison, submitted, returned] = await Promise.all([
    documentContent(plan.documentId),
    listDocumentVersions(plan.documentId),
    compareWithVersion(plan.documentId, view.compare),
    plan.status === "draft" ? null : findSubmittedVersion(plan.documentId),
    findStandingReturn(plan),
  ]);
  return {
    plan: { ...plan, items, narrative },
    // What the reviewers read (the plan as submitted), while the plan is under review or endorsed.
    submission: submitted && { note: submitted.note },
    // What the reviewer asked to change, until the plan is submitted again.
    returned,
    me: { id: user.id, name: user.name },
    canEdit: can(user, "plan.edit", resource),
    transitions,
    // Submitting and returning ask for a note on a page of their own; the others are one click.
    oneClickTransitions: transitions.filter(
      (name) => !(PLAN_TRANSITIONS_WITH_A_PAGE as readonly PlanTransition[]).includes(name),
    ),
    versions,
    comparison,
  };
}

/** What changed in the narrative since a named version, line by line. */
async function compareWithVersion(documentId: string, versionId: string | undefined) {
  if (!versionId) return null;
  const [version, current] = await Promise.all([
    findDocumentVersion(documentId, versionId),
    currentDocumentState(documentId),
  ]);
  if (!version || !current) return null;
  return {
    name: version.name,
    lines: diffLines(documentLines(version.state), documentLines(current)).filter((l) => l.kind !== "same"),
  };
}

// Submitting has its own page (./submit): what happens next, a covering note, a confirmation.
const WorkflowForm = z.object({ transition: z.enum(["withdraw", "endorse", "reopen"]) });
const VersionForm = z.object({ intent: z.literal("version"), name: text(120) });
const RestoreForm = z.object({ intent: z.literal("restore"), versionId: z.string().regex(/^[a-z0-9]{10,40}$/) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  if (form.intent === "version" || form.intent === "restore")
    return versionAction(request, params.planId, form, context.requestId);
  const parsed = WorkflowForm.safeParse(form);
  if (!parsed.success) throw await refusal(request, 400, "errors.badRequest");
  const transition = PLAN_TRANSITIONS[parsed.data.transition];
  const { user, plan } = await requirePlanAccess(request, params.planId, transition.action);
  const t = await getTranslate(request);
  try {
    await changePlanStatus(plan.id, parsed.data.transition, user.id, context.requestId);
  } catch (error) {
    if (error instanceof PlanStateError)
      return data({ formError: t("plans:workflow.stale"), versionError: null }, { status: 409 });
    throw error;
  }
  return redirectWithToast(`/action-plans/${plan.id}`, {
    kind: "success",
    message: t("plans:workflow.done", { status: t(`planStatuses.${transition.to}`) }),
  });
}

/** Keeping a named version and restoring one are for the plan's editors. */
async function versionAction(
  request: Request,
  planId: string | undefined,
  form: Record<string, FormDataEntryValue>,
  requestId: string,
) {
  const { user, plan } = await requirePlanAccess(request, planId, "plan.edit");
  const t = await getTranslate(request);
  const actor = { actorId: user.id, requestId };
  if (form.intent === "version") {
    const parsed = VersionForm.safeParse(form);
    if (!parsed.success) return data({ formError: null, versionError: t("validation.required") }, { status: 400 });
    await createDocumentVersion(plan.documentId, parsed.data.name, actor);
    return redirectWithToast(`/action-plans/${plan.id}#versions-heading`, {
      kind: "success",
      message: t("plans:versions.saved", { name: parsed.data.name }),
    });
  }
  const parsed = RestoreForm.safeParse(form);
  const version = parsed.success ? await findDocumentVersion(plan.documentId, parsed.data.versionId) : null;
  if (!version) throw new Response("Not found", { status: 404 });
  // The name is read by everyone who works on the plan, so it tells the time on the country's clock.
  const beforeName = t("plans:versions.beforeRestoreName", {
    date: formatDateTime(new Date(), await getLocale(request), HOST_TIME_ZONES[plan.country.code]),
  });
  const restored = await restoreDocumentVersion(plan.documentId, version.id, beforeName, actor);
  return redirectWithToast(`/action-plans/${plan.id}`, {
    kind: restored ? "success" : "info",
    message: restored
      ? t("plans:versions.restored", { name: version.name, before: beforeName })
      : t("plans:versions.unchanged"),
  });
}

/** The stored narrative until the live editor has loaded (and for readers without JavaScript). */
function Narrative({ plan, me, canEdit }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const { t } = useTranslation("plans");
  const hydrated = useHydrated();
  const stored = plan.narrative.content?.length ? (
    <RichText doc={plan.narrative} />
  ) : (
    <p className="empty">{t("emptyNarrative")}</p>
  );
  if (!hydrated) return stored;
  return (
    <Suspense fallback={stored}>
      <CollaborativeEditor documentId={plan.documentId} user={me} canEdit={canEdit} label={t("editor.label")} />
    </Suspense>
  );
}

export default function ActionPlan() {
  const milestoneLabel = useMilestoneLabel();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { plan } = data;
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const status = useLiveUpdates([topic.plan(plan.id)]);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/action-plans">{t("title")}</Link> ›{" "}
        <Link to={`/countries/${plan.country.code.toLowerCase()}`}>{countryName(plan.country)}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {countryName(plan.country)}: {plan.title}
          </h1>
          <p className="cluster">
            <PlanStatusBadge status={plan.status} />
            <span>
              {plan.periodStart}–{plan.periodEnd}
            </span>
            {plan.submittedAt && plan.submittedBy ? (
              <span className="small">
                {t("submitted", { date: formatDateTime(plan.submittedAt, locale), name: plan.submittedBy.name })}
              </span>
            ) : null}
            {plan.endorsedAt && plan.endorsedBy ? (
              <span className="small">
                {t("endorsed", { date: formatDateTime(plan.endorsedAt, locale), name: plan.endorsedBy.name })}
              </span>
            ) : null}
            {data.submission ? <Link to="as-submitted">{t("asSubmitted.link")}</Link> : null}
          </p>
          {data.returned ? (
            <blockquote className="submission-note returned-note">
              <span className="small muted">
                {t("workflow.returned", {
                  name: data.returned.returnedBy?.name ?? "",
                  date: formatDateTime(data.returned.createdAt, locale),
                })}
              </span>{" "}
              {data.returned.remark}
            </blockquote>
          ) : null}
          {data.submission?.note ? (
            <blockquote className="submission-note">
              <span className="small muted">{t("asSubmitted.note")}</span> {data.submission.note}
            </blockquote>
          ) : null}
        </div>
        <div className="cluster no-print">
          <LiveStatus status={status} />
          {data.transitions.includes("submit") ? (
            <Link to="submit" className="button">
              {t("workflow.submit")}
            </Link>
          ) : null}
          {data.transitions.includes("return") ? (
            <Link to="return" className="button button-secondary">
              {t("workflow.return")}
            </Link>
          ) : null}
          {data.oneClickTransitions.length > 0 ? (
            <Form method="post" className="cluster">
              {data.oneClickTransitions.map((name) => (
                <button
                  key={name}
                  type="submit"
                  name="transition"
                  value={name}
                  className={name === "endorse" ? undefined : "button-secondary"}
                >
                  {t(`workflow.${name}`)}
                </button>
              ))}
            </Form>
          ) : null}
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
      <FormError>{actionData?.formError}</FormError>
      {plan.status === "endorsed" ? <p className="notice no-print">{t("workflow.endorsedNote")}</p> : null}
      <section className="card" aria-labelledby="items-heading">
        <div className="card-header">
          <h2 id="items-heading">{t("actionItems")}</h2>
          {data.canEdit ? (
            <Link to="items/new" className="button no-print">
              {t("itemForm.add")}
            </Link>
          ) : null}
        </div>
        <ItemFilters />
        {plan.items.length === 0 ? (
          <p className="empty">{t("noItems")}</p>
        ) : (
          <div className="table-wrap stack-table">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("activity")}</th>
                  <th scope="col">{t("owner")}</th>
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
                      {data.canEdit ? <Link to={`items/${item.id}`}>{item.activity}</Link> : item.activity}
                      {item.indicator ? <div className="small muted">{item.indicator}</div> : null}
                      {item.progressNote ? <div className="small">{item.progressNote}</div> : null}
                    </td>
                    <td data-label={t("owner")}>{item.owner?.name ?? "—"}</td>
                    <td data-label={t("leadAgency")}>{item.leadAgency}</td>
                    <td className="small" data-label={t("due")}>
                      {formatDay(item.dueOn, locale)}
                      {item.overdue ? (
                        <div>
                          <span className="badge badge-warn">{t("overdue")}</span>
                        </div>
                      ) : null}
                    </td>
                    <td data-label={t("status")}>
                      <ActionItemStatusBadge status={item.status} />
                    </td>
                    <td className="num" data-label={t("progress")}>
                      {item.progress}%
                    </td>
                    <td className="small" data-label={t("milestone")}>
                      {item.milestone ? milestoneLabel(item.milestone) : "—"}
                    </td>
                    <td className="small" data-label={t("source")}>
                      {item.sourceOutcome ? (
                        <Link to={`/workshops/${item.sourceOutcome.workshop.id}`}>
                          {item.sourceOutcome.workshop.title}
                        </Link>
                      ) : (
                        item.sourceNote || "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <Versions />
    </>
  );
}

/** Named versions of the narrative: keep, compare with now, restore. */
function Versions() {
  const { plan, versions, comparison, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("plans");
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card no-print" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t("versions.heading")}</h2>
      <p className="muted small">{t("versions.intro")}</p>
      {canEdit ? (
        // A new version remounts the form, so the name box is empty again once the version is kept.
        <Form key={versions[0]?.id ?? "none"} method="post" className="filters" preventScrollReset>
          <input type="hidden" name="intent" value="version" />
          <div className="field">
            <label htmlFor="version-name">{t("versions.name")}</label>
            <input
              id="version-name"
              name="name"
              placeholder={t("versions.namePlaceholder")}
              maxLength={120}
              aria-invalid={actionData?.versionError ? true : undefined}
            />
            {actionData?.versionError ? <p className="field-error">{actionData.versionError}</p> : null}
          </div>
          <button type="submit" className="button-secondary">
            {t("versions.save")}
          </button>
        </Form>
      ) : null}
      {comparison ? (
        <div className="version-diff" aria-live="polite">
          <h3>{t("versions.comparing", { name: comparison.name })}</h3>
          {comparison.lines.length === 0 ? (
            <p className="empty">{t("versions.noChanges")}</p>
          ) : (
            <ul className="diff">
              {comparison.lines.map((line, i) => (
                <li key={i} className={`diff-${line.kind}`}>
                  <span className="diff-mark">
                    {line.kind === "added" ? t("versions.added") : t("versions.removed")}
                  </span>{" "}
                  {line.text}
                </li>
              ))}
            </ul>
          )}
          <Link to={`/action-plans/${plan.id}#versions-heading`}>{t("versions.closeCompare")}</Link>
        </div>
      ) : null}
      {versions.length === 0 ? (
        <p className="empty">{t("versions.none")}</p>
      ) : (
        <ul className="list">
          {versions.map((v) => (
            <li key={v.id} className="cluster" style={{ justifyContent: "space-between" }}>
              <div>
                <strong>{v.name}</strong>
                {v.kind !== "named" ? <span className="badge">{t(`versions.kinds.${v.kind}`)}</span> : null}
                {v.note ? <div className="small">{v.note}</div> : null}
                <div className="small muted">
                  {t("versions.by", { date: formatDateTime(v.createdAt, locale), name: v.createdBy?.name ?? "" })}
                </div>
              </div>
              <div className="cluster">
                <Link to={`?compare=${v.id}#versions-heading`} preventScrollReset>
                  {t("versions.compare")}
                </Link>
                {canEdit ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="restore" />
                    <input type="hidden" name="versionId" value={v.id} />
                    <button type="submit" className="button-secondary">
                      {t("versions.restore")}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
