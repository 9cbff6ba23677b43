import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { Field, FormActions, FormErrorSummary, SelectField, TextareaField } from "~/components/forms";
import { QUESTION_KINDS, QUESTION_PRESETS } from "~/domain/registration-questions";
import { QuestionPresetSchema, RegistrationQuestionSchema } from "~/forms/registration-question";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import {
  addPresetQuestion,
  addQuestion,
  listQuestions,
  moveQuestion,
  removeQuestion,
  restoreQuestion,
  updateQuestion,
  type RegistrationQuestion,
} from "~/models/registration-questions.server";
import { workshopAccess } from "~/models/workshop.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/participants.css?url";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("registration:title");

/** The questions of a workshop's registration page, for those who run it: add, reword, reorder, remove. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  await workshopAccess(user, workshopId, "manage");
  const questions = await listQuestions(workshopId, { includeArchived: true });
  const editId = new URL(request.url).searchParams.get("edit");
  const editing = questions.find((q) => q.id === editId && !q.archived) ?? null;
  return { questions, editing };
}

const QuestionAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["remove", "restore"]), questionId: IdParam }),
  z.object({ intent: z.literal("move"), questionId: IdParam, direction: z.enum(["up", "down"]) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  await workshopAccess(user, workshopId, "manage");
  const author = { actorId: user.id, requestId: context.requestId };
  const formData = await readFormData(request);
  const t = await getTranslate(request);
  const here = `/workshops/${workshopId}/participants/questions`;
  const intent = formData.get("intent");

  if (intent === "add" || intent === "update") {
    const submission = await parseSubmission(request, formData, RegistrationQuestionSchema);
    if (submission.status !== "success") return invalidReply(submission);
    const questionId = IdParam.safeParse(formData.get("questionId"));
    try {
      if (intent === "add") await addQuestion(workshopId, submission.value, author);
      else if (questionId.success) await updateQuestion(workshopId, questionId.data, submission.value, author);
      else throw await refusal(request, 400, "errors.badRequest");
    } catch (error) {
      return refusalReply(request, submission, error);
    }
    return redirectWithToast(here, {
      kind: "success",
      message: t(intent === "add" ? "registration:added" : "registration:saved"),
    });
  }

  if (intent === "preset") {
    const submission = await parseSubmission(request, formData, QuestionPresetSchema);
    if (submission.status !== "success") throw await refusal(request, 400, "errors.badRequest");
    try {
      await addPresetQuestion(workshopId, submission.value.preset, await getLocale(request), author);
    } catch (error) {
      return refusalReply(request, submission, error);
    }
    return redirectWithToast(here, { kind: "success", message: t("registration:added") });
  }

  const parsed = QuestionAction.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw await refusal(request, 400, "errors.badRequest");
  const { questionId } = parsed.data;
  try {
    switch (parsed.data.intent) {
      case "move":
        await moveQuestion(workshopId, questionId, parsed.data.direction);
        return redirectWithToast(here, { kind: "success", message: t("registration:saved") });
      case "restore":
        await restoreQuestion(workshopId, questionId, author);
        return redirectWithToast(here, { kind: "success", message: t("registration:restored") });
      case "remove": {
        const outcome = await removeQuestion(workshopId, questionId, author);
        return redirectWithToast(here, { kind: "success", message: t(`registration:${outcome}`) });
      }
    }
  } catch (error) {
    const submission = await parseSubmission(request, formData, z.object({ intent: z.string() }));
    return refusalReply(request, submission, error);
  }
}

export default function RegistrationQuestions() {
  const { questions, editing } = useLoaderData<typeof loader>();
  const { t } = useTranslation("registration");
  const asked = questions.filter((q) => !q.archived);
  const archived = questions.filter((q) => q.archived);
  const presetsLeft = QUESTION_PRESETS.filter((preset) => !questions.some((q) => q.preset === preset));
  return (
    <>
      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">{t("title")}</h2>
        <p className="muted small">{t("intro")}</p>
        {asked.length === 0 ? (
          <p className="empty">{t("none")}</p>
        ) : (
          <ol className="registration-questions">
            {asked.map((q, index) => (
              <QuestionItem key={q.id} question={q} first={index === 0} last={index === asked.length - 1} />
            ))}
          </ol>
        )}
      </section>

      <QuestionForm key={editing?.id ?? "new"} editing={editing} />

      {presetsLeft.length > 0 ? (
        <section className="card" aria-labelledby="presets-heading">
          <h2 id="presets-heading" className="h3">
            {t("presets.title")}
          </h2>
          <p className="muted small">{t("presets.intro")}</p>
          <Form method="post" className="cluster">
            <input type="hidden" name="intent" value="preset" />
            {presetsLeft.map((preset) => (
              <button key={preset} type="submit" name="preset" value={preset} className="button-secondary">
                {t("presets.add", { label: t(`presets.${preset}.label`) })}
              </button>
            ))}
          </Form>
        </section>
      ) : null}

      {archived.length > 0 ? (
        <section aria-labelledby="archived-heading">
          <h2 id="archived-heading" className="h3">
            {t("archivedTitle")}
          </h2>
          <p className="muted small">{t("archivedIntro")}</p>
          <ul className="registration-questions">
            {archived.map((q) => (
              <li key={q.id} className="card">
                <QuestionSummary question={q} />
                <QuestionButton
                  question={q}
                  intent="restore"
                  label={t("restore")}
                  accessibleLabel={t("restoreLabel", { label: q.label })}
                  className="button-secondary"
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function QuestionSummary({ question }: { question: RegistrationQuestion & { answerCount: number } }) {
  const { t } = useTranslation("registration");
  return (
    <div>
      <strong>{question.label}</strong>
      <div className="small muted">
        {t(`kinds.${question.kind}`)} · {question.required ? t("required") : t("optional")} ·{" "}
        {t("answerCount", { count: question.answerCount })}
      </div>
      {question.options.length > 0 ? <div className="small">{question.options.join(" · ")}</div> : null}
    </div>
  );
}

function QuestionItem({
  question,
  first,
  last,
}: {
  question: RegistrationQuestion & { answerCount: number };
  first: boolean;
  last: boolean;
}) {
  const { t } = useTranslation("registration");
  return (
    <li className="card">
      <QuestionSummary question={question} />
      <div className="cluster">
        <Link
          to={`?edit=${question.id}#question-form`}
          className="button button-ghost"
          aria-label={t("editLabel", { label: question.label })}
        >
          {t("form.editTitle")}
        </Link>
        {first ? null : (
          <QuestionButton
            question={question}
            intent="move"
            direction="up"
            label={t("moveUp")}
            accessibleLabel={t("moveUpLabel", { label: question.label })}
          />
        )}
        {last ? null : (
          <QuestionButton
            question={question}
            intent="move"
            direction="down"
            label={t("moveDown")}
            accessibleLabel={t("moveDownLabel", { label: question.label })}
          />
        )}
        <QuestionButton
          question={question}
          intent="remove"
          label={t("remove")}
          accessibleLabel={t("removeLabel", { label: question.label })}
          className="button-ghost button-danger"
          confirmation={t("removeConfirm", { label: question.label })}
        />
      </div>
    </li>
  );
}

/** One button posting `intent` (restore, move up or down, remove) for one question, disabled while a post is under way. */
function QuestionButton({
  question,
  intent,
  direction,
  label,
  accessibleLabel,
  className = "button-ghost",
  confirmation,
}: {
  question: RegistrationQuestion;
  intent: "restore" | "move" | "remove";
  direction?: "up" | "down";
  label: string;
  accessibleLabel: string;
  className?: string;
  /** asked before posting; cancelling posts nothing */
  confirmation?: string;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (confirmation && !window.confirm(confirmation)) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="questionId" value={question.id} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" className={className} disabled={busy} aria-label={accessibleLabel}>
        {label}
      </button>
    </Form>
  );
}

function QuestionForm({ editing }: { editing: (RegistrationQuestion & { answerCount: number }) | null }) {
  const { t } = useTranslation("registration");
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(RegistrationQuestionSchema, {
    lastResult: actionData && "result" in actionData ? actionData.result : null,
    defaultValue: editing
      ? {
          kind: editing.kind,
          label: editing.label,
          options: editing.options.join("\n"),
          required: editing.required ? "on" : null,
        }
      : { kind: "short_text" },
  });
  return (
    <section className="card" id="question-form" aria-labelledby="question-form-heading">
      <h2 id="question-form-heading" className="h3">
        {editing ? t("form.editTitle") : t("form.addTitle")}
      </h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={editing ? "update" : "add"} />
        {editing ? <input type="hidden" name="questionId" value={editing.id} /> : null}
        <FormErrorSummary form={form} />
        {editing && editing.answerCount > 0 ? <p className="notice small">{t("form.hasAnswersHint")}</p> : null}
        <Field label={t("form.label")} meta={fields.label} maxLength={200} />
        <SelectField
          label={t("form.kind")}
          meta={fields.kind}
          options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        <TextareaField label={t("form.options")} meta={fields.options} hint={t("form.optionsHint")} rows={4} />
        <label className="checkbox">
          <input {...getInputProps(fields.required, { type: "checkbox" })} />
          {t("form.required")}
        </label>
        {editing ? (
          <FormActions submitting={submitting} submitLabel={t("form.save")} cancelTo="." />
        ) : (
          <div className="form-actions">
            <button type="submit" disabled={submitting}>
              {t("form.add")}
            </button>
          </div>
        )}
      </Form>
    </section>
  );
}
