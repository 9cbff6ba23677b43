import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName, useSectorName, useStageName, countryName, sectorName, stageName } from "~/i18n/names";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import { LiveStatus } from "~/components/live-status";
import { MilestoneStatusBadge } from "~/components/status-badges";
import { InputRefused } from "~/domain/input-refused";
import { CommentSchema, EvidenceFileSchema, EvidenceLinkSchema } from "~/forms/milestone";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { addMilestoneComment, changeMilestoneComment, listMilestoneComments } from "~/models/milestone-comment.server";
import type { Translate } from "~/i18n/types";
import {
  addEvidenceFile,
  addEvidenceLink,
  findMilestoneScope,
  getMilestone,
  milestoneHistory,
  removeEvidence,
} from "~/models/milestone.server";
import { ACCEPTED_EXTENSIONS, MAX_UPLOAD_LABEL, UploadRejected } from "~/models/stored-file.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { indicatorsCounting } from "~/models/project.server";
import { useRootData } from "~/root";
import styles from "~/styles/milestones.css?url";
import { overdueToday } from "~/utils/format";
import { milestoneOverdue } from "~/domain/overdue";
import { IdParam, parseParam } from "~/utils/params";
import { toastHeaders } from "~/utils/toast.server";
import { Comments } from "./__milestone-comments";
import { Details, LinkedActionItems } from "./__milestone-details";
import { Evidence } from "./__milestone-evidence";
import { History } from "./__milestone-history";
import { metaTitle } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) =>
    data
      ? [
          [stageName(t, data.milestone.stage), data.milestone.sector && sectorName(t, data.milestone.sector)]
            .filter(Boolean)
            .join(" · ") + `, ${countryName(t, data.milestone.country)}`,
        ]
      : t("milestones:title"),
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const milestone = await getMilestone(parseParam(IdParam, params.milestoneId));
  if (!milestone) throw new Response("Not found", { status: 404 });
  assertCan(user, "milestone.read", { countryId: milestone.countryId });
  const [history, comments, countsTowards] = await Promise.all([
    milestoneHistory(milestone.id),
    listMilestoneComments(milestone.id),
    indicatorsCounting({ type: "milestone", ...milestone }),
  ]);
  return {
    milestone,
    countsTowards,
    history,
    comments,
    userId: user.id,
    overdue: milestoneOverdue(milestone, overdueToday()),
    canEdit: can(user, "milestone.edit", { countryId: milestone.countryId }),
    canComment: can(user, "comment.create", { countryId: milestone.countryId }),
    upload: { accept: ACCEPTED_EXTENSIONS, maxLabel: MAX_UPLOAD_LABEL },
  };
}

/** A change made: a toast says so, and the form that made it is emptied. */
const done = async (message: string, submission?: Submission<unknown, string[]>) =>
  data(
    { result: submission?.reply({ resetForm: true }) ?? null },
    { headers: await toastHeaders({ kind: "success", message }) },
  );

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
      const submission = await parseSubmission(request, formData, EvidenceLinkSchema);
      if (submission.status !== "success") return invalidReply(submission);
      await addEvidenceLink(milestone.id, submission.value, user.id, requestId);
      return done(t("milestones:evidence.added"), submission);
    }
    case "addFile": {
      editor(user);
      const submission = await parseSubmission(request, formData, EvidenceFileSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        await addEvidenceFile(milestone.id, submission.value.file, submission.value.title, user.id, requestId);
      } catch (error) {
        const refused =
          error instanceof UploadRejected
            ? new InputRefused("file", `common:${error.problem}`, { max: MAX_UPLOAD_LABEL })
            : error;
        return refusalReply(request, submission, refused);
      }
      return done(t("milestones:evidence.added"), submission);
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
      const submission = await parseSubmission(request, formData, CommentSchema);
      if (submission.status !== "success") return invalidReply(submission);
      await addMilestoneComment(milestone, submission.value.body, user.id, requestId);
      return done(t("milestones:comments.added"), submission);
    }
    case "editComment": {
      assertCan(user, "comment.create", scope);
      const commentId = parseParam(IdParam, formData.get("commentId"));
      const submission = await parseSubmission(request, formData, CommentSchema);
      if (submission.status !== "success") return invalidReply(submission);
      await changeOwnComment(milestone, commentId, submission.value.body, user.id, requestId, t);
      return done(t("milestones:comments.updated"), submission);
    }
    case "deleteComment": {
      assertCan(user, "comment.create", scope);
      const commentId = parseParam(IdParam, formData.get("commentId"));
      await changeOwnComment(milestone, commentId, null, user.id, requestId, t);
      return done(t("milestones:comments.deletedToast"));
    }
    default:
      throw await refusal(request, 400, "errors.badRequest");
  }
}

/** Only the author changes a comment; anything else is refused (403) without a write. */
async function changeOwnComment(
  milestone: { id: string; countryId: string },
  commentId: string,
  body: string | null,
  actorId: string,
  requestId: string | undefined,
  t: Translate,
) {
  if (!(await changeMilestoneComment(milestone, commentId, body, actorId, requestId)))
    throw new Response(t("milestones:comments.notYours"), { status: 403 });
}

export default function MilestonePage() {
  const { milestone, countsTowards, history, comments, userId, overdue, canEdit, canComment, upload } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("milestones");
  const locale = useRootData()?.locale ?? "en";
  const status = useLiveUpdates([topic.country(milestone.countryId)]);
  const stageName = useStageName({ long: true })(milestone.stage.code);
  const countryName = useCountryName()(milestone.country);
  const sectorName = useSectorName();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/milestones">{t("title")}</Link> ›{" "}
        <Link to={`/countries/${milestone.country.code}`}>{countryName}</Link> ›{" "}
        <Link to={`/countries/${milestone.country.code}/sectors`}>{t("sectors.title")}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>{stageName}</h1>
          <p>
            <span className="country-code">{milestone.country.code}</span> {countryName} ·{" "}
            {milestone.sector ? sectorName(milestone.sector) : t("page.countryLevel")}
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
          <Details milestone={milestone} locale={locale} countsTowards={countsTowards} />
          <Evidence milestone={milestone} canEdit={canEdit} upload={upload} locale={locale} />
        </div>
        <LinkedActionItems items={milestone.actionItems} locale={locale} />
        <div className="grid grid-2">
          <Comments comments={comments} canComment={canComment} userId={userId} locale={locale} />
          <History history={history} locale={locale} />
        </div>
      </div>
    </>
  );
}
