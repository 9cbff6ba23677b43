import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { documentContent } from "~/collab/content.server";
import { AssignSchema, LinkMilestoneSchema, NewOutcomeSchema, OutcomeSchema, RemovalSchema } from "~/forms/outcome";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import type { Translate } from "~/i18n/types";
import { listCountries } from "~/models/country.server";
import {
  assignOutcome,
  linkAssignmentMilestone,
  recordAndAssignOutcome,
  unassignCountry,
  type AssignResult,
} from "~/models/outcome-assignment.server";
import { followedPlanIds, getWorkshopOutcomes, milestoneChoices } from "~/models/outcome-follow-up.server";
import { createOutcome, deleteOutcome, updateOutcome } from "~/models/outcome.server";
import {
  adoptMinutes,
  changeMinutesStatus,
  ensureMinutesDocument,
  findMinutesRecord,
  MinutesStateError,
} from "~/models/workshop-minutes.server";
import { currentDocumentState } from "~/collab/storage.server";
import { getLocale } from "~/i18n/i18n.server";
import { formatDateTime } from "~/utils/format";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import outcomeStyles from "~/styles/outcomes.css?url";
import editorStyles from "~/styles/plans.css?url";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { requireWorkshopAccess } from "~/routes/_app+/workshops+/workshop-access.server";
import { Minutes } from "./__outcome-minutes";
import { NewOutcome, OutcomeEntry } from "./__outcome-entry";

// The editor's look lives with the action plans, whose narrative uses the same editor.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
  { rel: "stylesheet", href: outcomeStyles },
];

/** The workshop in the URL and whether this person runs it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, workshop, canManage } = await requireWorkshopAccess(request, params.workshopId);
  const outcomes = (await getWorkshopOutcomes(workshop.id, user))!;
  const assignedCountryIds = outcomes.outcomes.flatMap((o) =>
    o.assignments.filter((a) => a.item).map((a) => a.country.id),
  );
  const [countries, milestones, minutes, minutesRecord] = await Promise.all([
    canManage ? listCountries() : [],
    canManage ? milestoneChoices(assignedCountryIds) : ({} as Awaited<ReturnType<typeof milestoneChoices>>),
    outcomes.minutesDocumentId ? documentContent(outcomes.minutesDocumentId) : null,
    findMinutesRecord(workshop.id),
  ]);
  const editing = new URL(request.url).searchParams.get("edit");
  return {
    ...outcomes,
    canManage,
    me: { id: user.id, name: user.name },
    countries,
    milestones,
    minutes,
    minutesRecord: minutesRecord && {
      status: minutesRecord.status,
      circulatedAt: minutesRecord.minutesCirculatedAt,
      adoptedAt: minutesRecord.minutesAdoptedAt,
      adoptedBy: minutesRecord.minutesAdoptedBy?.name ?? "",
    },
    editingId: canManage && outcomes.outcomes.some((o) => o.id === editing) ? editing : null,
    planIds: followedPlanIds(outcomes.outcomes),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await requireWorkshopAccess(request, params.workshopId, "manage");
  const formData = await readFormData(request);
  const t = await getTranslate(request);
  const change = { actorId: user.id, requestId: context.requestId };
  const here = `/workshops/${workshop.id}/outcomes`;
  // An outcome, assignment or country named by a form that is no id at all is a wrong address: 404, as for any page.
  const id = (field: string) => parseParam(IdParam, formData.get(field));
  for (const field of ["outcomeId", "assignmentId", "countryId"]) if (formData.has(field)) id(field);
  const toOutcome = (outcomeId: string) => `${here}#outcome-${outcomeId}`;

  switch (formData.get("intent")) {
    // The minutes exist from the moment a facilitator starts them (a GET of this page writes nothing).
    case "start-minutes": {
      await ensureMinutesDocument(workshop.id, change);
      return redirectWithToast(`${here}#minutes-heading`, {
        kind: "success",
        message: t("outcomes:toasts.minutesStarted"),
      });
    }
    case "minutes-circulate":
    case "minutes-recall":
    case "minutes-adopt":
      return minutesAction(request, workshop, String(formData.get("intent")), change);
    case "create": {
      const submission = await parseSubmission(request, formData, NewOutcomeSchema);
      if (submission.status !== "success") return invalidReply(submission);
      const { countryIds, ...input } = submission.value;
      try {
        if (countryIds.length === 0) {
          const outcome = await createOutcome(workshop.id, input, change);
          return redirectWithToast(toOutcome(outcome.id), { kind: "success", message: t("outcomes:toasts.recorded") });
        }
        const { outcome, result } = await recordAndAssignOutcome(workshop.id, input, countryIds, change);
        return redirectWithToast(toOutcome(outcome.id), {
          kind: "success",
          message: `${t("outcomes:toasts.recorded")} ${assignMessage(result, t)}`,
        });
      } catch (error) {
        return refusalReply(request, submission, error);
      }
    }
    case "update": {
      const outcomeId = id("outcomeId");
      const submission = await parseSubmission(request, formData, OutcomeSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        await updateOutcome(workshop.id, outcomeId, submission.value, change);
      } catch (error) {
        return refusalReply(request, submission, error);
      }
      return redirectWithToast(toOutcome(outcomeId), { kind: "success", message: t("outcomes:toasts.saved") });
    }
    case "delete": {
      const submission = await parseSubmission(request, formData, RemovalSchema);
      try {
        await deleteOutcome(workshop.id, id("outcomeId"), change);
      } catch (error) {
        return refusalReply(request, submission, error);
      }
      return redirectWithToast(here, { kind: "success", message: t("outcomes:toasts.deleted") });
    }
    case "assign": {
      const outcomeId = id("outcomeId");
      const submission = await parseSubmission(request, formData, AssignSchema);
      if (submission.status !== "success") return invalidReply(submission);
      const { countryIds, dueOn } = submission.value;
      try {
        const result = await assignOutcome(workshop.id, outcomeId, { countryIds, dueOn: dueOn! }, change);
        return redirectWithToast(toOutcome(outcomeId), {
          kind: result.assigned.length ? "success" : "info",
          message: assignMessage(result, t),
        });
      } catch (error) {
        return refusalReply(request, submission, error);
      }
    }
    case "unassign": {
      const outcomeId = id("outcomeId");
      const submission = await parseSubmission(request, formData, RemovalSchema);
      try {
        const country = await unassignCountry(workshop.id, outcomeId, id("countryId"), change);
        return redirectWithToast(toOutcome(outcomeId), {
          kind: "success",
          message: country ? t("outcomes:toasts.unassigned", { country }) : t("toast.saved"),
        });
      } catch (error) {
        return refusalReply(request, submission, error);
      }
    }
    case "link-milestone": {
      const submission = await parseSubmission(request, formData, LinkMilestoneSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        await linkAssignmentMilestone(workshop.id, id("assignmentId"), submission.value.milestoneId, change);
      } catch (error) {
        return refusalReply(request, submission, error);
      }
      return redirectWithToast(toOutcome(String(formData.get("outcomeId") ?? "")), {
        kind: "success",
        message: t("outcomes:toasts.milestoneLinked"),
      });
    }
    default:
      throw await refusal(request, 400, "errors.badRequest");
  }
}

/** Circulating, recalling and adopting the minutes; adopting keeps them as they are now. */
async function minutesAction(
  request: Request,
  workshop: { id: string; timeZone: string },
  intent: string,
  change: { actorId: string; requestId: string },
) {
  const t = await getTranslate(request);
  const here = `/workshops/${workshop.id}/outcomes#minutes-heading`;
  try {
    if (intent === "minutes-adopt") {
      const documentId = (await findMinutesRecord(workshop.id))?.minutesDocumentId;
      const state = documentId ? await currentDocumentState(documentId) : null;
      if (!state) throw new MinutesStateError("The minutes have not been started.");
      // The name is read by everyone at the workshop, so it tells the time on the workshop's clock.
      const date = formatDateTime(new Date(), await getLocale(request), workshop.timeZone);
      await adoptMinutes(workshop.id, { versionName: t("outcomes:minutes.versionName", { date }), state }, change);
      return redirectWithToast(here, { kind: "success", message: t("outcomes:toasts.minutesAdopted") });
    }
    const transition = intent === "minutes-circulate" ? "circulate" : "recall";
    await changeMinutesStatus(workshop.id, transition, change);
    return redirectWithToast(here, {
      kind: "success",
      message: t(transition === "circulate" ? "outcomes:toasts.minutesCirculated" : "outcomes:toasts.minutesRecalled"),
    });
  } catch (error) {
    if (!(error instanceof MinutesStateError)) throw error;
    return redirectWithToast(here, { kind: "error", message: t("outcomes:toasts.minutesStale") });
  }
}

/** One toast that says where the items went, what was already there, and which plans were endorsed. */
function assignMessage(result: AssignResult, t: Translate) {
  const names = (list: string[]) => list.join(", ");
  const endorsed = result.assigned.filter((a) => a.planStatus === "endorsed").map((a) => a.countryName);
  return [
    result.assigned.length
      ? t("outcomes:toasts.assigned", {
          countries: names(result.assigned.map((a) => a.countryName)),
        })
      : t("outcomes:toasts.nothingAssigned"),
    result.assigned.length && result.alreadyAssigned.length
      ? t("outcomes:toasts.alreadyAssigned", {
          countries: names(result.alreadyAssigned),
        })
      : null,
    endorsed.length ? t("outcomes:toasts.endorsed", { countries: names(endorsed) }) : null,
  ]
    .filter(Boolean)
    .join(" ");
}

export default function WorkshopOutcomes() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("outcomes");
  const location = useLocation();
  useLiveUpdates(page.planIds.map((id) => topic.plan(id)));
  const decisions = page.outcomes.filter((o) => o.kind === "decision");
  const agreed = page.outcomes.filter((o) => o.kind === "agreed_action");
  return (
    <div className="outcomes-page">
      <p className="muted">{t("intro")}</p>
      {/* A fresh form after each recorded outcome (the page is redirected); a refusal refills it from the reply. */}
      {page.canManage ? <NewOutcome key={location.key} countries={page.countries} /> : null}
      <section className="card" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">{t("decisions")}</h2>
        {decisions.length === 0 ? <p className="empty">{t("noDecisions")}</p> : null}
        <ul className="outcome-list">
          {decisions.map((o) => (
            <OutcomeEntry key={o.id} outcome={o} page={page} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="agreed-heading">
        <h2 id="agreed-heading">{t("agreedActions")}</h2>
        {agreed.length === 0 ? <p className="empty">{t("noAgreedActions")}</p> : null}
        <ul className="outcome-list">
          {agreed.map((o) => (
            <OutcomeEntry key={o.id} outcome={o} page={page} />
          ))}
        </ul>
      </section>
      <Minutes
        documentId={page.minutesDocumentId}
        stored={page.minutes}
        record={page.minutesRecord}
        canManage={page.canManage}
        me={page.me}
      />
    </div>
  );
}
