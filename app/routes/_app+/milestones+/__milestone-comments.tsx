import { getFormProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmFirst, FormErrorSummary, TextareaField } from "~/components/forms";
import { CommentSchema } from "~/forms/milestone";
import { useFetcherForm } from "~/forms/use-app-form";
import type { listMilestoneComments } from "~/models/milestone-comment.server";
import { formatDateTime } from "~/utils/format";

type MilestoneComment = Awaited<ReturnType<typeof listMilestoneComments>>[number];

/** The conversation on a milestone: anyone who may comment in the country adds; authors edit and delete their own. */
export function Comments({
  comments,
  canComment,
  userId,
  locale,
}: {
  comments: MilestoneComment[];
  canComment: boolean;
  userId: string;
  locale: string;
}) {
  const { t } = useTranslation("milestones");
  const { fetcher, form, fields, busy } = useFetcherForm(CommentSchema, { match: { intent: "comment" } });
  return (
    <section className="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t("comments.title")}</h2>
      {comments.length ? (
        <ol className="comment-list">
          {comments.map((c) => (
            <CommentEntry key={c.id} comment={c} own={c.author.id === userId && !c.deletedAt} locale={locale} />
          ))}
        </ol>
      ) : (
        <p className="empty">{t("comments.none")}</p>
      )}
      {canComment ? (
        <fetcher.Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="comment" />
          <FormErrorSummary form={form} />
          <TextareaField label={t("comments.label")} meta={fields.body} rows={3} />
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

function CommentEntry({ comment, own, locale }: { comment: MilestoneComment; own: boolean; locale: string }) {
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  const edit = useFetcherForm(CommentSchema, {
    match: { intent: "editComment", commentId: comment.id },
    defaultValue: { body: comment.body },
  });
  const remove = useFetcher();
  // The answer the edit form had when "Edit" was pressed: the form stays open
  // until a newer answer saves the comment, so no effect has to close it.
  const [openedAt, setOpenedAt] = useState<{ at: typeof edit.fetcher.data } | null>(null);
  const answer = edit.fetcher.data;
  const editing = openedAt !== null && (answer === openedAt.at || answer?.result?.status === "error");
  const when = formatDateTime(comment.createdAt, locale);
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
        <edit.fetcher.Form method="post" {...getFormProps(edit.form)}>
          <input type="hidden" name="intent" value="editComment" />
          <input type="hidden" name="commentId" value={comment.id} />
          <FormErrorSummary form={edit.form} />
          {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the person just pressed "Edit" on this comment */}
          <TextareaField label={t("comments.editLabel")} meta={edit.fields.body} rows={3} autoFocus />
          <div className="form-actions">
            <button type="submit" disabled={edit.busy}>
              {t("comments.save")}
            </button>
            <button type="button" className="button-ghost" onClick={() => setOpenedAt(null)}>
              {tc("actions.cancel")}
            </button>
          </div>
        </edit.fetcher.Form>
      ) : (
        <p className="pre-line">{comment.body}</p>
      )}
      {own && !editing ? (
        <div className="cluster">
          <button
            type="button"
            className="button-ghost"
            onClick={() => setOpenedAt({ at: answer })}
            aria-label={`${t("comments.editLabel")} (${when})`}
          >
            {t("comments.edit")}
          </button>
          <remove.Form method="post" onSubmit={confirmFirst(t("comments.deleteConfirm"))}>
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
    </li>
  );
}
