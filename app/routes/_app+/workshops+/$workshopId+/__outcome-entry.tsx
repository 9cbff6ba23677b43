import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, confirmFirst, Field, FormError, FormErrorSummary, TextareaField } from "~/components/forms";
import { OUTCOME_KINDS, OUTCOME_TEXT_MAX } from "~/domain/vocabulary";
import { NewOutcomeSchema, OutcomeSchema } from "~/forms/outcome";
import { useAppForm, type FormDefaults } from "~/forms/use-app-form";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";
import { CountryChoices, WhatBecameOfIt } from "./__outcome-assignments";
import { formMessage, usePageReply, type OutcomeRow, type OutcomesPage } from "./__outcome-page";

function OutcomeFormFields({ fields }: { fields: ReturnType<typeof useAppForm<typeof OutcomeSchema>>[1] }) {
  const { t } = useTranslation("outcomes");
  return (
    <>
      <ChoiceGroup legend={t("form.kind")} meta={fields.kind}>
        <div className="cluster">
          {OUTCOME_KINDS.map((k) => (
            <label key={k} className="checkbox">
              <input
                type="radio"
                name={fields.kind.name}
                value={k}
                defaultChecked={(fields.kind.initialValue ?? "agreed_action") === k}
              />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
      </ChoiceGroup>
      <TextareaField
        meta={fields.text}
        label={t("form.text")}
        rows={3}
        maxLength={OUTCOME_TEXT_MAX.decision}
        hint={t("form.textHint", { decision: OUTCOME_TEXT_MAX.decision, agreed: OUTCOME_TEXT_MAX.agreed_action })}
      />
      <Field meta={fields.dueOn} type="date" label={t("form.dueOn")} hint={t("form.dueOnHint")} />
    </>
  );
}

export function NewOutcome({ countries }: { countries: OutcomesPage["countries"] }) {
  const { t } = useTranslation("outcomes");
  const navigation = useNavigation();
  const [form, fields] = useAppForm(NewOutcomeSchema, { lastResult: usePageReply({ intent: "create" }) });
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  return (
    <section className="card" aria-labelledby="new-outcome-heading">
      <h2 id="new-outcome-heading">{t("form.heading")}</h2>
      <Form method="post" className="stack" preventScrollReset {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <FormErrorSummary form={form} />
        <OutcomeFormFields fields={fields} />
        <CountryChoices
          meta={fields.countryIds}
          countries={countries}
          legend={t("form.assignNow")}
          hint={t("form.assignNowHint")}
        />
        <div>
          <button type="submit" disabled={submitting}>
            {t("form.record")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function EditOutcome({ outcome, lastResult }: { outcome: OutcomeRow; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("outcomes");
  const { t: tc } = useTranslation("common");
  const defaultValue: FormDefaults<typeof OutcomeSchema> = outcome;
  const [form, fields] = useAppForm(OutcomeSchema, { lastResult, defaultValue });
  return (
    <Form method="post" className="stack" aria-label={t("form.editLabel")} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="outcomeId" value={outcome.id} />
      <FormErrorSummary form={form} />
      <OutcomeFormFields fields={fields} />
      <div className="cluster">
        <button type="submit">{t("form.save")}</button>
        <Link to="." className="button button-secondary">
          {tc("actions.cancel")}
        </Link>
      </div>
    </Form>
  );
}

export function OutcomeEntry({ outcome, page }: { outcome: OutcomeRow; page: OutcomesPage }) {
  const { t } = useTranslation("outcomes");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const updateReply = usePageReply({ intent: "update", outcomeId: outcome.id });
  const deleteReply = usePageReply({ intent: "delete", outcomeId: outcome.id });
  const editing = page.editingId === outcome.id || Boolean(updateReply);
  return (
    <li id={`outcome-${outcome.id}`} className="outcome">
      {editing ? (
        <EditOutcome outcome={outcome} lastResult={updateReply} />
      ) : (
        <div className="outcome-head">
          <p className="outcome-text" id={`outcome-${outcome.id}-text`}>
            {outcome.text}
          </p>
          <p className="small muted cluster">
            {outcome.dueOn ? <span>{t("due", { date: formatDay(outcome.dueOn, locale) })}</span> : null}
            {outcome.createdBy ? <span>{t("recordedBy", { name: outcome.createdBy.name })}</span> : null}
          </p>
          {page.canManage ? (
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
          <FormError>{formMessage(deleteReply)}</FormError>
        </div>
      )}
      {outcome.kind === "agreed_action" ? <WhatBecameOfIt outcome={outcome} page={page} /> : null}
    </li>
  );
}
