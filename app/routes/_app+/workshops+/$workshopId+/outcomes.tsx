import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { documentContent } from "~/collab/content.server";
import { Field, FormError, TextareaField } from "~/components/forms";
import { RichText } from "~/components/rich-text";
import { ActionItemStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { getTranslate } from "~/i18n/translate.server";
import type { Translate } from "~/i18n/types";
import { listCountries } from "~/models/country.server";
import {
  assignOutcome,
  createOutcome,
  deleteOutcome,
  ensureMinutesDocument,
  followedPlanIds,
  getWorkshopOutcomes,
  linkAssignmentMilestone,
  milestoneChoices,
  OutcomeError,
  unassignCountry,
  updateOutcome,
  type AssignResult,
} from "~/models/outcome.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import outcomeStyles from "~/styles/outcomes.css?url";
import editorStyles from "~/styles/plans.css?url";
import { OUTCOME_KINDS, OUTCOME_TEXT_MAX } from "~/domain/vocabulary";
import { formatDay } from "~/utils/format";
import { asArray, optionalDay } from "~/forms/fields";
import { formDataToObject, parseForm, readFormData, refusal } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { requireWorkshopAccess } from "~/routes/_app+/workshops+/workshop-access.server";

// The editor's look lives with the action plans, whose narrative uses the same editor.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStyles },
  { rel: "stylesheet", href: outcomeStyles },
];

// The editor (Tiptap, Yjs) loads only in the browser and only on pages that show it.
const CollaborativeEditor = lazy(() => import("~/editor/collaborative-editor"));

/** The workshop in the URL and whether this person runs it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, workshop, canManage } = await requireWorkshopAccess(request, params.workshopId);
  const outcomes = (await getWorkshopOutcomes(workshop.id, user))!;
  const assignedCountryIds = outcomes.outcomes.flatMap((o) =>
    o.assignments.filter((a) => a.item).map((a) => a.country.id),
  );
  const [countries, milestones, minutes] = await Promise.all([
    canManage ? listCountries() : [],
    canManage ? milestoneChoices(assignedCountryIds) : ({} as Awaited<ReturnType<typeof milestoneChoices>>),
    outcomes.minutesDocumentId ? documentContent(outcomes.minutesDocumentId) : null,
  ]);
  const editing = new URL(request.url).searchParams.get("edit");
  return {
    ...outcomes,
    canManage,
    me: { id: user.id, name: user.name },
    countries,
    milestones,
    minutes,
    editingId: canManage && outcomes.outcomes.some((o) => o.id === editing) ? editing : null,
    planIds: followedPlanIds(outcomes.outcomes),
  };
}

// ───────────────────────── forms ─────────────────────────

const day = optionalDay();

const OutcomeFields = z
  .object({
    kind: z.enum(OUTCOME_KINDS),
    text: z.string({ required_error: "validation.required" }).trim().min(1),
    dueOn: day,
  })
  .superRefine((v, ctx) => {
    const max = OUTCOME_TEXT_MAX[v.kind];
    if (v.text.length > max)
      ctx.addIssue({
        code: "too_big",
        maximum: max,
        type: "string",
        inclusive: true,
        path: ["text"],
      });
  });
const OutcomeIdField = z.object({ outcomeId: IdParam });
const AssignFields = z.object({
  outcomeId: IdParam,
  countryIds: z.preprocess(asArray, z.array(IdParam).min(1, "outcomes:errors.chooseCountry")),
  dueOn: day.refine((v) => v !== null, "outcomes:errors.dueRequired"),
});
const UnassignFields = z.object({ outcomeId: IdParam, countryId: IdParam });
const MilestoneFields = z.object({
  assignmentId: IdParam,
  milestoneId: z.union([IdParam, z.literal("")]).transform((v) => v || null),
});

type ActionResult = {
  intent: string;
  outcomeId: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, unknown>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await requireWorkshopAccess(request, params.workshopId, "manage");
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const t = await getTranslate(request);
  const change = { actorId: user.id, requestId: context.requestId };
  const here = `/workshops/${workshop.id}/outcomes`;
  const refuse = (fieldErrors: Record<string, string>) =>
    data<ActionResult>(
      {
        intent,
        outcomeId: typeof formData.get("outcomeId") === "string" ? String(formData.get("outcomeId")) : null,
        fieldErrors,
        values: formDataToObject(formData),
      },
      { status: 400 },
    );

  // An outcome or assignment named by a form that is no id at all is a wrong address: 404, as for any page.
  for (const field of ["outcomeId", "assignmentId"]) if (formData.has(field)) parseParam(IdParam, formData.get(field));
  try {
    switch (intent) {
      // The minutes exist from the moment a facilitator starts them (a GET of this page writes nothing).
      case "start-minutes": {
        await ensureMinutesDocument(workshop.id, change);
        return redirectWithToast(`${here}#minutes-heading`, {
          kind: "success",
          message: t("outcomes:toasts.minutesStarted"),
        });
      }
      case "create":
      case "update": {
        const form = await parseForm(
          request,
          intent === "update" ? OutcomeFields.and(OutcomeIdField) : OutcomeFields,
          formData,
        );
        if (!form.ok) return refuse(form.fieldErrors);
        const { kind, text, dueOn } = form.data;
        if (intent === "create") {
          const outcome = await createOutcome(workshop.id, { kind, text, dueOn }, change);
          return redirectWithToast(`${here}#outcome-${outcome.id}`, {
            kind: "success",
            message: t("outcomes:toasts.recorded"),
          });
        }
        const outcomeId = (form.data as { outcomeId: string }).outcomeId;
        await updateOutcome(workshop.id, outcomeId, { kind, text, dueOn }, change);
        return redirectWithToast(`${here}#outcome-${outcomeId}`, {
          kind: "success",
          message: t("outcomes:toasts.saved"),
        });
      }
      case "delete": {
        const form = OutcomeIdField.safeParse(Object.fromEntries(formData));
        if (!form.success) throw new Response("Not found", { status: 404 });
        await deleteOutcome(workshop.id, form.data.outcomeId, change);
        return redirectWithToast(here, {
          kind: "success",
          message: t("outcomes:toasts.deleted"),
        });
      }
      case "assign": {
        const form = await parseForm(request, AssignFields, formData);
        if (!form.ok) return refuse(form.fieldErrors);
        const result = await assignOutcome(
          workshop.id,
          form.data.outcomeId,
          { countryIds: form.data.countryIds, dueOn: form.data.dueOn! },
          change,
        );
        return redirectWithToast(`${here}#outcome-${form.data.outcomeId}`, {
          kind: result.assigned.length ? "success" : "info",
          message: assignMessage(result, t),
        });
      }
      case "unassign": {
        const form = UnassignFields.safeParse(Object.fromEntries(formData));
        if (!form.success) throw new Response("Not found", { status: 404 });
        const country = await unassignCountry(workshop.id, form.data.outcomeId, form.data.countryId, change);
        return redirectWithToast(`${here}#outcome-${form.data.outcomeId}`, {
          kind: "success",
          message: country ? t("outcomes:toasts.unassigned", { country }) : t("toast.saved"),
        });
      }
      case "link-milestone": {
        const form = MilestoneFields.safeParse(Object.fromEntries(formData));
        if (!form.success) return refuse({ milestoneId: t("validation.invalidChoice") });
        await linkAssignmentMilestone(workshop.id, form.data.assignmentId, form.data.milestoneId, change);
        return redirectWithToast(`${here}#outcome-${String(formData.get("outcomeId") ?? "")}`, {
          kind: "success",
          message: t("outcomes:toasts.milestoneLinked"),
        });
      }
      default:
        throw await refusal(request, 400, "errors.badRequest");
    }
  } catch (error) {
    if (error instanceof OutcomeError) return refuse({ [error.field]: t(error.messageKey, error.values) });
    throw error;
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

// ───────────────────────── page ─────────────────────────

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;
type OutcomeRow = PageData["outcomes"][number];

/** Errors of the form the person just sent, if `intent` (and the outcome) match. */
function useFormErrors(intent: string, outcomeId: string | null = null) {
  const result = useActionData<typeof action>();
  if (!result || !("intent" in result) || result.intent !== intent || result.outcomeId !== outcomeId) return null;
  return result;
}

export default function WorkshopOutcomes() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("outcomes");
  useLiveUpdates(page.planIds.map((id) => topic.plan(id)));
  const decisions = page.outcomes.filter((o) => o.kind === "decision");
  const agreed = page.outcomes.filter((o) => o.kind === "agreed_action");
  return (
    <div className="outcomes-page">
      <p className="muted">{t("intro")}</p>
      {page.canManage ? <NewOutcome /> : null}
      <section className="card" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">{t("decisions")}</h2>
        {decisions.length === 0 ? <p className="empty">{t("noDecisions")}</p> : null}
        <ul className="outcome-list">
          {decisions.map((o) => (
            <OutcomeEntry key={o.id} outcome={o} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="agreed-heading">
        <h2 id="agreed-heading">{t("agreedActions")}</h2>
        {agreed.length === 0 ? <p className="empty">{t("noAgreedActions")}</p> : null}
        <ul className="outcome-list">
          {agreed.map((o) => (
            <OutcomeEntry key={o.id} outcome={o} />
          ))}
        </ul>
      </section>
      <Minutes />
    </div>
  );
}

function OutcomeFormFields({
  errors,
  values,
  idPrefix,
}: {
  errors?: Record<string, string>;
  values: { kind?: unknown; text?: unknown; dueOn?: unknown };
  idPrefix: string;
}) {
  const { t } = useTranslation("outcomes");
  const kind = values.kind === "decision" ? "decision" : "agreed_action";
  return (
    <>
      <fieldset className="choices">
        <legend>{t("form.kind")}</legend>
        <div className="cluster">
          {OUTCOME_KINDS.map((k) => (
            <label key={k} className="checkbox">
              <input type="radio" name="kind" value={k} defaultChecked={kind === k} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
        {errors?.kind ? <p className="field-error">{errors.kind}</p> : null}
      </fieldset>
      <TextareaField
        id={`${idPrefix}-text`}
        name="text"
        label={t("form.text")}
        rows={3}
        required
        maxLength={OUTCOME_TEXT_MAX.decision}
        defaultValue={typeof values.text === "string" ? values.text : ""}
        hint={t("form.textHint", {
          decision: OUTCOME_TEXT_MAX.decision,
          agreed: OUTCOME_TEXT_MAX.agreed_action,
        })}
        error={errors?.text}
      />
      <Field
        id={`${idPrefix}-due`}
        name="dueOn"
        type="date"
        label={t("form.dueOn")}
        hint={t("form.dueOnHint")}
        defaultValue={typeof values.dueOn === "string" ? values.dueOn : ""}
        error={errors?.dueOn}
      />
    </>
  );
}

function NewOutcome() {
  const { t } = useTranslation("outcomes");
  const errors = useFormErrors("create");
  const navigation = useNavigation();
  // A fresh form after each recorded outcome; the values stay while there are errors.
  const [formKey, setFormKey] = useState(0);
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  useEffect(() => {
    if (!submitting && !errors) setFormKey((k) => k + 1);
  }, [submitting, errors]);
  return (
    <section className="card" aria-labelledby="new-outcome-heading">
      <h2 id="new-outcome-heading">{t("form.heading")}</h2>
      <Form method="post" key={formKey} className="stack" preventScrollReset>
        <input type="hidden" name="intent" value="create" />
        <FormError>{errors?.fieldErrors.form}</FormError>
        <OutcomeFormFields idPrefix="new-outcome" errors={errors?.fieldErrors} values={errors?.values ?? {}} />
        <div>
          <button type="submit" disabled={submitting}>
            {t("form.record")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function OutcomeEntry({ outcome }: { outcome: OutcomeRow }) {
  const { t } = useTranslation("outcomes");
  const { t: tc } = useTranslation("common");
  const { canManage, editingId } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const updateErrors = useFormErrors("update", outcome.id);
  const deleteErrors = useFormErrors("delete", outcome.id);
  const editing = editingId === outcome.id || Boolean(updateErrors);
  return (
    <li id={`outcome-${outcome.id}`} className="outcome">
      {editing ? (
        <Form method="post" className="stack" aria-label={t("form.editLabel")}>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="outcomeId" value={outcome.id} />
          <FormError>{updateErrors?.fieldErrors.form}</FormError>
          <OutcomeFormFields
            idPrefix={`edit-${outcome.id}`}
            errors={updateErrors?.fieldErrors}
            values={updateErrors?.values ?? outcome}
          />
          <div className="cluster">
            <button type="submit">{t("form.save")}</button>
            <Link to="." className="button button-secondary">
              {tc("actions.cancel")}
            </Link>
          </div>
        </Form>
      ) : (
        <div className="outcome-head">
          <p className="outcome-text" id={`outcome-${outcome.id}-text`}>
            {outcome.text}
          </p>
          <p className="small muted cluster">
            {outcome.dueOn ? <span>{t("due", { date: formatDay(outcome.dueOn, locale) })}</span> : null}
            {outcome.createdBy ? <span>{t("recordedBy", { name: outcome.createdBy.name })}</span> : null}
          </p>
          {canManage ? (
            <div className="cluster">
              <Link
                to={`?edit=${outcome.id}#outcome-${outcome.id}`}
                className="button button-secondary"
                aria-describedby={`outcome-${outcome.id}-text`}
              >
                {tc("actions.edit")}
              </Link>
              <Form method="post" onSubmit={confirmFirst(t("form.confirmDelete"))}>
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="outcomeId" value={outcome.id} />
                <button
                  type="submit"
                  className="button-secondary"
                  aria-describedby={`outcome-${outcome.id}-text`}
                  title={t("form.deleteHint")}
                >
                  {t("form.delete")}
                </button>
              </Form>
            </div>
          ) : null}
          <FormError>{deleteErrors?.fieldErrors.form}</FormError>
        </div>
      )}
      {outcome.kind === "agreed_action" ? <WhatBecameOfIt outcome={outcome} /> : null}
    </li>
  );
}

/** Per assigned country: the item in its plan, how it is going, and (for facilitators) its milestone and removal. */
function WhatBecameOfIt({ outcome }: { outcome: OutcomeRow }) {
  const { t } = useTranslation("outcomes");
  const { canManage, milestones } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const unassignErrors = useFormErrors("unassign", outcome.id);
  const milestoneErrors = useFormErrors("link-milestone", outcome.id);
  return (
    <div className="outcome-story">
      <h3 className="small-heading">{t("becameOf")}</h3>
      <FormError>{unassignErrors?.fieldErrors.form ?? milestoneErrors?.fieldErrors.milestoneId}</FormError>
      {outcome.assignments.length === 0 ? (
        <p className="empty">{t("notAssigned")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("table.country")}</th>
                <th scope="col">{t("table.plan")}</th>
                <th scope="col">{t("table.due")}</th>
                <th scope="col">{t("table.status")}</th>
                <th scope="col" className="num">
                  {t("table.progress")}
                </th>
                <th scope="col">{t("table.milestone")}</th>
                {canManage ? <th scope="col">{t("table.manage")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {outcome.assignments.map((a) => (
                <tr key={a.id} className={a.item?.overdue ? "overdue" : undefined}>
                  <th scope="row" className="nowrap">
                    <span className="country-code">{a.country.code}</span> {a.country.name}
                  </th>
                  {a.item ? (
                    <>
                      <td className="plan-cell">
                        <Link to={`/action-plans/${a.item.plan.id}`}>{a.item.plan.title}</Link>{" "}
                        <PlanStatusBadge status={a.item.plan.status} />
                      </td>
                      <td className="small nowrap">
                        {formatDay(a.item.dueOn, locale)}
                        {a.item.overdue ? (
                          <div>
                            <span className="badge badge-warn">{t("overdue")}</span>
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <ActionItemStatusBadge status={a.item.status} />
                      </td>
                      <td className="num">{a.item.progress}%</td>
                      <td className="small">
                        {canManage ? (
                          <MilestonePicker
                            assignmentId={a.id}
                            outcomeId={outcome.id}
                            country={a.country}
                            current={a.item.milestoneId}
                            options={milestones[a.country.id] ?? []}
                          />
                        ) : (
                          (a.item.milestoneLabel ?? "—")
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={5} className="small muted">
                      {a.removedFromPlan ? t("removedFromPlan") : t("notVisible")}
                    </td>
                  )}
                  {canManage ? (
                    <td>
                      <Form method="post" onSubmit={confirmFirst(t("confirmRemove", { country: a.country.name }))}>
                        <input type="hidden" name="intent" value="unassign" />
                        <input type="hidden" name="outcomeId" value={outcome.id} />
                        <input type="hidden" name="countryId" value={a.country.id} />
                        <button
                          type="submit"
                          className="button-secondary button-small"
                          aria-label={t("remove", { country: a.country.name })}
                        >
                          {t("removeShort")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? <AssignForm outcome={outcome} /> : null}
    </div>
  );
}

function MilestonePicker({
  assignmentId,
  outcomeId,
  country,
  current,
  options,
}: {
  assignmentId: string;
  outcomeId: string;
  country: { id: string; name: string };
  current: string | null;
  options: { id: string; label: string }[];
}) {
  const { t } = useTranslation("outcomes");
  const selectId = `milestone-${assignmentId}`;
  return (
    <Form method="post" className="milestone-picker" preventScrollReset>
      <input type="hidden" name="intent" value="link-milestone" />
      <input type="hidden" name="outcomeId" value={outcomeId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <label htmlFor={selectId} className="visually-hidden">
        {t("milestoneFor", { country: country.name })}
      </label>
      <select id={selectId} name="milestoneId" defaultValue={current ?? ""} key={current ?? ""}>
        <option value="">{t("noMilestone")}</option>
        {options.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button-secondary button-small"
        aria-label={`${t("linkMilestone")}: ${t("milestoneFor", {
          country: country.name,
        })}`}
      >
        {t("linkMilestone")}
      </button>
    </Form>
  );
}

function AssignForm({ outcome }: { outcome: OutcomeRow }) {
  const { t } = useTranslation("outcomes");
  const { countries } = useLoaderData<typeof loader>();
  const errors = useFormErrors("assign", outcome.id);
  const assigned = new Set(outcome.assignments.map((a) => a.country.id));
  const available = countries.filter((c) => !assigned.has(c.id));
  const chosen = new Set(asList(errors?.values.countryIds));
  if (available.length === 0) return <p className="small muted">{t("assign.allAssigned")}</p>;
  return (
    <details className="assign" open={Boolean(errors)}>
      <summary>{t("assign.open")}</summary>
      <Form method="post" className="stack" preventScrollReset>
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="outcomeId" value={outcome.id} />
        <p className="small muted">{t("assign.hint")}</p>
        <FormError>{errors?.fieldErrors.form}</FormError>
        <fieldset
          className="choices"
          aria-describedby={errors?.fieldErrors.countryIds ? `assign-${outcome.id}-countries-error` : undefined}
        >
          <legend>{t("assign.countries")}</legend>
          <div className="country-choices">
            {available.map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" name="countryIds" value={c.id} defaultChecked={chosen.has(c.id)} />
                <span className="country-code">{c.code}</span> {c.name}
              </label>
            ))}
          </div>
          {errors?.fieldErrors.countryIds ? (
            <p className="field-error" id={`assign-${outcome.id}-countries-error`}>
              {errors.fieldErrors.countryIds}
            </p>
          ) : null}
        </fieldset>
        <Field
          id={`assign-${outcome.id}-due`}
          name="dueOn"
          type="date"
          required
          label={t("assign.dueOn")}
          defaultValue={typeof errors?.values.dueOn === "string" ? errors.values.dueOn : (outcome.dueOn ?? "")}
          error={errors?.fieldErrors.dueOn}
        />
        <div>
          <button type="submit">{t("assign.submit")}</button>
        </div>
      </Form>
    </details>
  );
}

/** Asks before a submission that takes something out of countries' plans (with JavaScript; without it the server's rules still hold). */
const confirmFirst = (question: string) => (event: FormEvent<HTMLFormElement>) => {
  if (!window.confirm(question)) event.preventDefault();
};

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];

/** The minutes: the same live editor as the plans' narratives, writable by the workshop's facilitators. */
function Minutes() {
  const { minutesDocumentId, minutes, canManage, me } = useLoaderData<typeof loader>();
  const { t } = useTranslation("outcomes");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const stored = minutes?.content?.length ? <RichText doc={minutes} /> : <p className="empty">{t("minutes.empty")}</p>;
  return (
    <section className="card" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t("minutes.heading")}</h2>
      <p className="small muted">{t("minutes.intro")}</p>
      {!minutesDocumentId ? (
        canManage ? (
          <Form method="post" className="cluster">
            <p className="empty">{t("minutes.notStartedManager")}</p>
            <button type="submit" name="intent" value="start-minutes">
              {t("minutes.start")}
            </button>
          </Form>
        ) : (
          <p className="empty">{t("minutes.notStarted")}</p>
        )
      ) : hydrated ? (
        <Suspense fallback={stored}>
          <CollaborativeEditor
            documentId={minutesDocumentId}
            user={me}
            canEdit={canManage}
            label={t("minutes.label")}
            readOnlyNote={t("minutes.readOnly")}
          />
        </Suspense>
      ) : (
        stored
      )}
    </section>
  );
}
