import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import { Field, FormError, TextareaField } from "~/components/forms";
import { LiveStatus } from "~/components/live-status";
import { ActionItemStatusBadge, MilestoneStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { getTranslate } from "~/i18n/translate.server";
import {
  addEvidenceFile,
  addEvidenceLink,
  addMilestoneComment,
  changeMilestoneComment,
  CommentForm,
  EvidenceFileForm,
  EvidenceLinkForm,
  findMilestoneScope,
  getMilestone,
  listMilestoneComments,
  milestoneHistory,
  removeEvidence,
  type HistoryChange,
} from "~/models/milestone.server";
import { ACCEPTED_EXTENSIONS, fileFromForm, MAX_UPLOAD_LABEL, UploadRejected } from "~/models/stored-file.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/milestones.css?url";
import { AQRF_STAGE, MUTUAL_RECOGNITION_STAGE } from "~/domain/vocabulary";
import { formatDateTime, formatDay, formatNumber, overdueToday } from "~/utils/format";
import { milestoneOverdue } from "~/domain/overdue";
import { formDataToObject, parseForm, type FieldErrors, readFormData, refusal } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { toastHeaders } from "~/utils/toast.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${[data.milestone.stage.name, data.milestone.sector?.name].filter(Boolean).join(" · ")}, ${data.milestone.country.name} · FocalPoint`
      : "Milestone · FocalPoint",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const milestone = await getMilestone(parseParam(IdParam, params.milestoneId));
  if (!milestone) throw new Response("Not found", { status: 404 });
  assertCan(user, "milestone.read", { countryId: milestone.countryId });
  const [history, comments] = await Promise.all([milestoneHistory(milestone.id), listMilestoneComments(milestone.id)]);
  return {
    milestone,
    history,
    comments,
    userId: user.id,
    overdue: milestoneOverdue(milestone, overdueToday()),
    canEdit: can(user, "milestone.edit", { countryId: milestone.countryId }),
    canComment: can(user, "comment.create", { countryId: milestone.countryId }),
    upload: { accept: ACCEPTED_EXTENSIONS, maxLabel: MAX_UPLOAD_LABEL },
  };
}

type ActionResult = { ok: true } | { ok: false; fieldErrors: FieldErrors; values?: Record<string, unknown> };

const refused = (fieldErrors: FieldErrors, values?: Record<string, unknown>) =>
  data<ActionResult>({ ok: false, fieldErrors, values }, { status: 400 });
const done = async (message: string) =>
  data<ActionResult>({ ok: true }, { headers: await toastHeaders({ kind: "success", message }) });

/** Evidence (editors of the country) and comments (anyone who may comment there), checked per intent. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const milestone = await findMilestoneScope(parseParam(IdParam, params.milestoneId));
  if (!milestone) throw new Response("Not found", { status: 404 });
  const scope = { countryId: milestone.countryId };
  assertCan(user, "milestone.read", scope);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const requestId = context.requestId;
  const editor = (u: SessionUser) => assertCan(u, "milestone.edit", scope);

  switch (formData.get("intent")) {
    case "addLink": {
      editor(user);
      const form = await parseForm(request, EvidenceLinkForm, formData);
      if (!form.ok) return refused(form.fieldErrors, form.values);
      await addEvidenceLink(milestone.id, form.data, user.id, requestId);
      return done(t("milestones:evidence.added"));
    }
    case "addFile": {
      editor(user);
      const form = await parseForm(request, EvidenceFileForm, formData);
      if (!form.ok) return refused(form.fieldErrors, form.values);
      const file = fileFromForm(formData, "file");
      if (!file) return refused({ file: t("milestones:evidence.fileRequired") }, formDataToObject(formData));
      try {
        await addEvidenceFile(milestone.id, file, form.data.title, user.id, requestId);
      } catch (error) {
        if (error instanceof UploadRejected)
          return refused({ file: t(`common:${error.problem}`, { max: MAX_UPLOAD_LABEL }) }, formDataToObject(formData));
        throw error;
      }
      return done(t("milestones:evidence.added"));
    }
    case "removeEvidence": {
      editor(user);
      const evidenceId = parseParam(IdParam, formData.get("evidenceId"));
      if (!(await removeEvidence(milestone.id, evidenceId, user.id, requestId)))
        throw new Response("Not found", { status: 404 });
      return done(t("milestones:evidence.removed"));
    }
    case "comment": {
      assertCan(user, "comment.create", scope);
      const form = await parseForm(request, CommentForm, formData);
      if (!form.ok) return refused(form.fieldErrors, form.values);
      await addMilestoneComment(milestone, form.data.body, user.id, requestId);
      return done(t("milestones:comments.added"));
    }
    case "editComment":
    case "deleteComment": {
      assertCan(user, "comment.create", scope);
      const commentId = parseParam(IdParam, formData.get("commentId"));
      let body: string | null = null;
      if (formData.get("intent") === "editComment") {
        const form = await parseForm(request, CommentForm, formData);
        if (!form.ok) return refused(form.fieldErrors, form.values);
        body = form.data.body;
      }
      // Only the author changes a comment; anything else is refused without a write.
      if (!(await changeMilestoneComment(milestone, commentId, body, user.id, requestId))) {
        throw new Response(t("milestones:comments.notYours"), { status: 403 });
      }
      return done(t(body === null ? "milestones:comments.deletedToast" : "milestones:comments.updated"));
    }
    default:
      throw await refusal(request, 400, "errors.badRequest");
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * A fetcher whose form empties itself after a successful submission. Without JavaScript the form is
 * posted as a page, and its refusal comes back as the page's action data, with the form's intent.
 */
function useResettingFetcher(intent: string) {
  const fetcher = useFetcher<typeof action>();
  const posted = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) formRef.current?.reset();
  }, [fetcher.state, fetcher.data]);
  const postedIntent = posted && !posted.ok ? [posted.values?.intent].flat()[0] : undefined;
  const answer = fetcher.data ?? (postedIntent === intent ? posted : undefined);
  const errors = answer && !answer.ok ? answer.fieldErrors : undefined;
  return { fetcher, formRef, errors, busy: fetcher.state !== "idle" };
}

export default function MilestonePage() {
  const { milestone, history, comments, overdue, canEdit, canComment } = useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const locale = useRootData()?.locale ?? "en";
  const status = useLiveUpdates([topic.country(milestone.countryId)]);
  const stageName = t(`stageNames.${milestone.stage.code as "national_standard"}`, {
    defaultValue: milestone.stage.name,
  });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/milestones">{t("title")}</Link> ›{" "}
        <Link to={`/countries/${milestone.country.code}`}>{milestone.country.name}</Link> ›{" "}
        <Link to={`/countries/${milestone.country.code}/sectors`}>{t("sectors.title")}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>{stageName}</h1>
          <p>
            <span className="country-code">{milestone.country.code}</span> {milestone.country.name} ·{" "}
            {milestone.sector?.name ?? t("page.countryLevel")}
          </p>
          <div className="cluster">
            <MilestoneStatusBadge status={milestone.status} />
            {overdue ? <span className="badge badge-warn">{t("page.overdue")}</span> : null}
          </div>
        </div>
        <div className="cluster">
          <LiveStatus status={status} />
          {canEdit ? (
            <Link to="edit" className="button">
              {t("page.edit")}
            </Link>
          ) : null}
        </div>
      </header>
      {!canEdit ? <p className="muted">{t("page.readOnly")}</p> : null}
      <div className="milestone-sections">
        <div className="grid grid-2">
          <Details milestone={milestone} locale={locale} />
          <Evidence milestone={milestone} canEdit={canEdit} locale={locale} />
        </div>
        <LinkedActionItems items={milestone.actionItems} locale={locale} />
        <div className="grid grid-2">
          <Comments comments={comments} canComment={canComment} locale={locale} />
          <History history={history} locale={locale} />
        </div>
      </div>
    </>
  );
}

function Details({ milestone, locale }: { milestone: LoaderData["milestone"]; locale: string }) {
  const { t } = useTranslation("milestones");
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
                <Link to={`/countries/${milestone.partnerCountry.code}`}>{milestone.partnerCountry.name}</Link>
              ) : (
                <span className="muted">{tc("notSet")}</span>
              )}
            </dd>
          </>
        ) : null}
        {milestone.project ? (
          <>
            <dt>{t("page.project")}</dt>
            <dd>{milestone.project.title}</dd>
          </>
        ) : null}
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

function fileSize(bytes: number, locale: string) {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`
    : `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, locale)} MB`;
}

function Evidence({
  milestone,
  canEdit,
  locale,
}: {
  milestone: LoaderData["milestone"];
  canEdit: boolean;
  locale: string;
}) {
  const { t } = useTranslation("milestones");
  return (
    <section className="card" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t("evidence.title")}</h2>
      {milestone.evidence.length ? (
        <ul className="list evidence-list">
          {milestone.evidence.map((e) => (
            <li key={e.id}>
              <div>
                {e.file ? (
                  <a href={`/files/${e.file.id}`}>{e.title}</a>
                ) : (
                  <a href={e.url ?? undefined} rel="noopener noreferrer">
                    {e.title}
                  </a>
                )}
                <div className="small muted">
                  {e.file
                    ? t("evidence.fileKind", { size: fileSize(e.file.size, locale) })
                    : `${t("evidence.link")} · ${e.url ? new URL(e.url).hostname : ""}`}{" "}
                  ·{" "}
                  {t("evidence.addedBy", {
                    name: e.createdBy.name,
                    date: formatDay(e.createdAt.toISOString().slice(0, 10), locale),
                  })}
                </div>
              </div>
              {canEdit ? <RemoveEvidence id={e.id} title={e.title} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("evidence.none")}</p>
      )}
      {canEdit ? (
        <>
          <AddLink />
          <AddFile />
        </>
      ) : null}
    </section>
  );
}

function RemoveEvidence({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation("milestones");
  const fetcher = useFetcher<typeof action>();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="removeEvidence" />
      <input type="hidden" name="evidenceId" value={id} />
      <button
        type="submit"
        className="button-ghost"
        aria-label={t("evidence.removeLabel", { title })}
        disabled={fetcher.state !== "idle"}
      >
        {t("evidence.remove")}
      </button>
    </fetcher.Form>
  );
}

function AddLink() {
  const { t } = useTranslation("milestones");
  const { fetcher, formRef, errors, busy } = useResettingFetcher("addLink");
  return (
    <fetcher.Form method="post" ref={formRef} className="evidence-form" aria-labelledby="add-link-heading">
      <h3 id="add-link-heading">{t("evidence.addLink")}</h3>
      <input type="hidden" name="intent" value="addLink" />
      <Field label={t("evidence.linkTitle")} name="title" maxLength={200} required error={errors?.title} />
      <Field
        label={t("evidence.url")}
        name="url"
        type="url"
        inputMode="url"
        maxLength={2000}
        required
        hint={t("evidence.urlHint")}
        error={errors?.url}
      />
      <div className="form-actions">
        <button type="submit" className="button-secondary" disabled={busy}>
          {t("evidence.add")}
        </button>
      </div>
    </fetcher.Form>
  );
}

function AddFile() {
  const { t } = useTranslation("milestones");
  const { upload } = useLoaderData<typeof loader>();
  const { fetcher, formRef, errors, busy } = useResettingFetcher("addFile");
  return (
    <fetcher.Form
      method="post"
      encType="multipart/form-data"
      ref={formRef}
      className="evidence-form"
      aria-labelledby="add-file-heading"
    >
      <h3 id="add-file-heading">{t("evidence.addFile")}</h3>
      <input type="hidden" name="intent" value="addFile" />
      <Field
        label={t("evidence.fileTitle")}
        name="title"
        maxLength={200}
        hint={t("evidence.fileTitleHint")}
        error={errors?.title}
      />
      <Field
        label={t("evidence.file")}
        name="file"
        type="file"
        accept={upload.accept}
        required
        hint={t("evidence.fileHint", { max: upload.maxLabel })}
        error={errors?.file}
      />
      <div className="form-actions">
        <button type="submit" className="button-secondary" disabled={busy}>
          {t("evidence.upload")}
        </button>
      </div>
    </fetcher.Form>
  );
}

function LinkedActionItems({ items, locale }: { items: LoaderData["milestone"]["actionItems"]; locale: string }) {
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

function Comments({
  comments,
  canComment,
  locale,
}: {
  comments: LoaderData["comments"];
  canComment: boolean;
  locale: string;
}) {
  const { t } = useTranslation("milestones");
  const { fetcher, formRef, errors, busy } = useResettingFetcher("comment");
  return (
    <section className="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t("comments.title")}</h2>
      {comments.length ? (
        <ol className="comment-list">
          {comments.map((c) => (
            <CommentEntry key={c.id} comment={c} locale={locale} />
          ))}
        </ol>
      ) : (
        <p className="empty">{t("comments.none")}</p>
      )}
      {canComment ? (
        <fetcher.Form method="post" ref={formRef}>
          <input type="hidden" name="intent" value="comment" />
          <TextareaField
            label={t("comments.label")}
            name="body"
            rows={3}
            maxLength={4000}
            required
            error={errors?.body}
          />
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {t("comments.add")}
            </button>
          </div>
        </fetcher.Form>
      ) : (
        <p className="small muted">{t("comments.readOnly")}</p>
      )}
    </section>
  );
}

function CommentEntry({ comment, locale }: { comment: LoaderData["comments"][number]; locale: string }) {
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  const { userId } = useLoaderData<typeof loader>();
  const [editing, setEditing] = useState(false);
  const edit = useFetcher<typeof action>();
  const remove = useFetcher<typeof action>();
  useEffect(() => {
    if (edit.state === "idle" && edit.data?.ok) setEditing(false);
  }, [edit.state, edit.data]);
  const own = comment.author.id === userId && !comment.deletedAt;
  const when = formatDateTime(comment.createdAt, locale);
  const errors = edit.data && !edit.data.ok ? edit.data.fieldErrors : undefined;
  return (
    <li className="comment">
      <div className="comment-meta">
        <strong>{comment.author.name}</strong> ·{" "}
        <time dateTime={new Date(comment.createdAt).toISOString()}>{when}</time>
        {comment.editedAt && !comment.deletedAt ? <span className="muted"> · {t("comments.edited")}</span> : null}
      </div>
      {comment.deletedAt ? (
        <p className="muted">{t("comments.deleted")}</p>
      ) : editing ? (
        <edit.Form method="post">
          <input type="hidden" name="intent" value="editComment" />
          <input type="hidden" name="commentId" value={comment.id} />
          <TextareaField
            label={t("comments.editLabel")}
            name="body"
            rows={3}
            maxLength={4000}
            required
            defaultValue={comment.body}
            error={errors?.body}
            autoFocus
          />
          <div className="form-actions">
            <button type="submit" disabled={edit.state !== "idle"}>
              {t("comments.save")}
            </button>
            <button type="button" className="button-ghost" onClick={() => setEditing(false)}>
              {tc("actions.cancel")}
            </button>
          </div>
        </edit.Form>
      ) : (
        <p className="pre-line">{comment.body}</p>
      )}
      {own && !editing ? (
        <div className="cluster">
          <button
            type="button"
            className="button-ghost"
            onClick={() => setEditing(true)}
            aria-label={`${t("comments.editLabel")} (${when})`}
          >
            {t("comments.edit")}
          </button>
          <remove.Form method="post">
            <input type="hidden" name="intent" value="deleteComment" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button
              type="submit"
              className="button-ghost"
              disabled={remove.state !== "idle"}
              aria-label={t("comments.deleteLabel", { date: when })}
            >
              {t("comments.delete")}
            </button>
          </remove.Form>
        </div>
      ) : null}
      <FormError>{errors?.form}</FormError>
    </li>
  );
}

function History({ history, locale }: { history: LoaderData["history"]; locale: string }) {
  const { t } = useTranslation("milestones");
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t("history.title")}</h2>
      {history.length ? (
        <ol className="history-list">
          {history.map((event) => (
            <li key={event.id}>
              <div className="history-meta">
                <strong>{event.actor?.name ?? t("history.unknownPerson")}</strong> ·{" "}
                <time dateTime={new Date(event.createdAt).toISOString()}>
                  {formatDateTime(event.createdAt, locale)}
                </time>
              </div>
              {event.changes.length ? (
                <ul className="history-changes">
                  {event.changes.map((change) => (
                    <li key={change.field}>
                      <HistoryChangeLine change={change} locale={locale} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{event.summary}</p>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("history.none")}</p>
      )}
    </section>
  );
}

/** One field's change in words: "Status: In progress → Completed", dates and names as people read them. */
function HistoryChangeLine({ change, locale }: { change: HistoryChange; locale: string }) {
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  if (change.field === "evidence") {
    return change.to !== null ? (
      <>{t("history.evidenceAdded", { title: change.to })}</>
    ) : (
      <>{t("history.evidenceRemoved", { title: change.from })}</>
    );
  }
  if (change.field === "notes") {
    return (
      <details>
        <summary>{t("history.notesChanged")}</summary>
        <p className="pre-line small">{change.to || <span className="muted">{t("history.empty")}</span>}</p>
      </details>
    );
  }
  const show = (value: string | number | null) => {
    if (value === null || value === "") return <span className="muted">{t("history.empty")}</span>;
    switch (change.field) {
      case "status":
        return tc(`milestoneStatuses.${value as "completed"}`);
      case "aqrfLevel":
        return t("page.level", { level: value });
      case "startedOn":
      case "targetOn":
      case "achievedOn":
        return formatDay(String(value), locale);
      default:
        return String(value);
    }
  };
  return (
    <>
      {t(`history.fields.${change.field}`)}: {show(change.from)} <span aria-hidden="true">→</span>
      <span className="visually-hidden"> {t("history.changedTo")} </span> {show(change.to)}
    </>
  );
}
