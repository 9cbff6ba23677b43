import { getFormProps, getSelectProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, confirmFirst, Field, FormError, FormErrorSummary, type FieldMeta } from "~/components/forms";
import { ActionItemStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { AssignSchema, LinkMilestoneSchema } from "~/forms/outcome";
import { useAppForm } from "~/forms/use-app-form";
import { type MilestoneNaming, useCountryName, useMilestoneLabel } from "~/i18n/names";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";
import { formMessage, usePageReply, type OutcomeRow, type OutcomesPage } from "./__outcome-page";

/** Per assigned country: the item in its plan, how it is going, and (for facilitators) its milestone and removal. */
export function WhatBecameOfIt({ outcome, page }: { outcome: OutcomeRow; page: OutcomesPage }) {
  const { t } = useTranslation("outcomes");
  const milestoneLabel = useMilestoneLabel();
  const countryName = useCountryName();
  const { canManage, milestones } = page;
  const locale = useRootData()?.locale ?? "en";
  const unassignReply = usePageReply({ intent: "unassign", outcomeId: outcome.id });
  return (
    <div className="outcome-story">
      <h3 className="small-heading">{t("becameOf")}</h3>
      <FormError>{formMessage(unassignReply)}</FormError>
      {outcome.assignments.length === 0 ? (
        <p className="empty">{t("notAssigned")}</p>
      ) : (
        <div className="table-wrap stack-table">
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
                    <span className="country-code">{a.country.code}</span> {countryName(a.country)}
                  </th>
                  {a.item ? (
                    <>
                      <td className="plan-cell" data-label={t("table.plan")}>
                        <Link to={`/action-plans/${a.item.plan.id}`}>{a.item.plan.title}</Link>{" "}
                        <PlanStatusBadge status={a.item.plan.status} />
                      </td>
                      <td className="small nowrap" data-label={t("table.due")}>
                        {formatDay(a.item.dueOn, locale)}
                        {a.item.overdue ? (
                          <div>
                            <span className="badge badge-warn">{t("overdue")}</span>
                          </div>
                        ) : null}
                      </td>
                      <td data-label={t("table.status")}>
                        <ActionItemStatusBadge status={a.item.status} />
                      </td>
                      <td className="num" data-label={t("table.progress")}>
                        {a.item.progress}%
                      </td>
                      <td className="small" data-label={t("table.milestone")}>
                        {canManage ? (
                          <MilestonePicker
                            assignmentId={a.id}
                            outcomeId={outcome.id}
                            country={a.country}
                            current={a.item.milestoneId}
                            options={milestones[a.country.id] ?? []}
                          />
                        ) : a.item.milestone ? (
                          milestoneLabel(a.item.milestone)
                        ) : (
                          "—"
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
                      <Form
                        method="post"
                        onSubmit={confirmFirst(t("confirmRemove", { country: countryName(a.country) }))}
                      >
                        <input type="hidden" name="intent" value="unassign" />
                        <input type="hidden" name="outcomeId" value={outcome.id} />
                        <input type="hidden" name="countryId" value={a.country.id} />
                        <button
                          type="submit"
                          className="button-secondary button-small"
                          aria-label={t("remove", { country: countryName(a.country) })}
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
      {canManage ? <AssignForm outcome={outcome} countries={page.countries} /> : null}
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
  country: { id: string; code: string; name: string };
  current: string | null;
  options: ({ id: string } & MilestoneNaming)[];
}) {
  const { t } = useTranslation("outcomes");
  const milestoneLabel = useMilestoneLabel();
  const countryName = useCountryName();
  const [form, fields] = useAppForm(LinkMilestoneSchema, {
    lastResult: usePageReply({ intent: "link-milestone", assignmentId }),
    defaultValue: { milestoneId: current ?? "" },
  });
  const error = fields.milestoneId.errors?.[0];
  return (
    <Form method="post" className="milestone-picker" preventScrollReset {...getFormProps(form)}>
      <input type="hidden" name="intent" value="link-milestone" />
      <input type="hidden" name="outcomeId" value={outcomeId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <label htmlFor={fields.milestoneId.id} className="visually-hidden">
        {t("milestoneFor", { country: countryName(country) })}
      </label>
      <select
        {...getSelectProps(fields.milestoneId)}
        // A link saved by someone else shows at once: the choice starts again from what is stored.
        key={current ?? ""}
      >
        <option value="">{t("noMilestone")}</option>
        {options.map((m) => (
          <option key={m.id} value={m.id}>
            {milestoneLabel(m)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button-secondary button-small"
        aria-label={`${t("linkMilestone")}: ${t("milestoneFor", {
          country: countryName(country),
        })}`}
      >
        {t("linkMilestone")}
      </button>
      {error ? (
        <p className="field-error" id={fields.milestoneId.errorId} role="alert">
          {error}
        </p>
      ) : null}
    </Form>
  );
}

function AssignForm({ outcome, countries }: { outcome: OutcomeRow; countries: OutcomesPage["countries"] }) {
  const { t } = useTranslation("outcomes");
  const lastResult = usePageReply({ intent: "assign", outcomeId: outcome.id });
  const [form, fields] = useAppForm(AssignSchema, { lastResult, defaultValue: { dueOn: outcome.dueOn } });
  const assigned = new Set(outcome.assignments.map((a) => a.country.id));
  const available = countries.filter((c) => !assigned.has(c.id));
  if (available.length === 0) return <p className="small muted">{t("assign.allAssigned")}</p>;
  return (
    <details className="assign" open={Boolean(lastResult)}>
      <summary>{t("assign.open")}</summary>
      <Form method="post" className="stack" preventScrollReset {...getFormProps(form)}>
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="outcomeId" value={outcome.id} />
        <p className="small muted">{t("assign.hint")}</p>
        <FormErrorSummary form={form} />
        <CountryChoices meta={fields.countryIds} countries={available} legend={t("assign.countries")} />
        <Field meta={fields.dueOn} type="date" label={t("assign.dueOn")} />
        <div>
          <button type="submit">{t("assign.submit")}</button>
        </div>
      </Form>
    </details>
  );
}

/** Countries to give an agreed action to, as checkboxes that keep their ticks when the form comes back refused. */
export function CountryChoices({
  meta,
  countries,
  legend,
  hint,
}: {
  meta: FieldMeta;
  countries: OutcomesPage["countries"];
  legend: string;
  hint?: string;
}) {
  const countryName = useCountryName();
  const chosen = new Set([meta.initialValue ?? []].flat());
  return (
    <ChoiceGroup legend={legend} hint={hint} meta={meta}>
      <div className="country-choices">
        {countries.map((c) => (
          <label key={c.id} className="checkbox">
            <input type="checkbox" name={meta.name} value={c.id} defaultChecked={chosen.has(c.id)} />
            <span className="country-code">{c.code}</span> {countryName(c)}
          </label>
        ))}
      </div>
    </ChoiceGroup>
  );
}
