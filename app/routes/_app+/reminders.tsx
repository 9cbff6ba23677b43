import { getFormProps, type FieldMetadata } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { Field, FormError, FormErrorSummary, SelectField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { REMINDER_RULES, type ReminderRuleSettings } from "~/domain/reminders";
import { isOneOf } from "~/domain/vocabulary";
import { ReminderRuleSchema } from "~/forms/reminder-rule";
import { invalidReply, parseSubmission, readFormData, refusal } from "~/forms/submission.server";
import { replyTo, useAppForm } from "~/forms/use-app-form";
import { getTranslate } from "~/i18n/translate.server";
import { runJobNow } from "~/jobs/worker.server";
import { enqueueJob } from "~/models/job.server";
import {
  EVALUATE_REMINDERS_JOB,
  lastMeetingDay,
  reminderRules,
  reminderRulesChangedBy,
  saveReminderRule,
} from "~/models/reminder.server";
import { useRootData } from "~/root";
import { formatDateTime, formatDay, overdueToday } from "~/utils/format";
import { logger } from "~/utils/logger.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The reminder rules the Secretariat sets (decision 019): one form per rule. */

export const meta: MetaFunction = () => [{ title: "Reminder rules · FocalPoint" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "reminders.manage");
  const [rules, meetingDay, changes] = await Promise.all([
    reminderRules(),
    lastMeetingDay({ meetingOn: null }, overdueToday()),
    reminderRulesChangedBy(),
  ]);
  return { rules, meetingDay, changes };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "reminders.manage");
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  // A rule no page shows: refused as a whole, since no form could show the message.
  if (!isOneOf(REMINDER_RULES, String(formData.get("kind")))) throw await refusal(request, 400, "errors.badRequest");
  const submission = await parseSubmission(request, formData, ReminderRuleSchema);
  if (submission.status !== "success") return invalidReply(submission);
  await saveReminderRule(submission.value, { actorId: user.id, requestId: context.requestId });
  // The rule applies at once rather than at the next hourly run: a job, as every run, started now
  // and not awaited (a year's window takes seconds). Should this process stop, its lease runs out
  // and another worker runs it.
  const job = await enqueueJob({ kind: EVALUATE_REMINDERS_JOB });
  runJobNow(job.id).catch((error: unknown) => logger.error({ err: error, jobId: job.id }, "reminder rules run failed"));
  return redirectWithToast("/reminders", { kind: "success", message: t("reminders:saved") });
}

export default function ReminderRules() {
  const { rules } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reminders");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="grid grid-2">
        {rules.map((rule) => (
          <RuleForm key={rule.kind} rule={rule} />
        ))}
      </div>
    </>
  );
}

function RuleForm({ rule }: { rule: ReminderRuleSettings }) {
  const { meetingDay, changes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("reminders");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const [form, fields] = useAppForm(ReminderRuleSchema, {
    id: `rule-${rule.kind}`,
    lastResult: replyTo(actionData, { kind: rule.kind }),
    defaultValue: { ...rule, enabled: rule.enabled ? "on" : "off" },
  });
  const changed = changes.find((c) => c.kind === rule.kind);
  const headingId = `rule-${rule.kind}-heading`;
  // Each rule's fields by name: the schema is a union, so Conform types them loosely.
  const field = (name: string) => (fields as Record<string, FieldMetadata<string>>)[name]!;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`rules.${rule.kind}.heading`)}</h2>
      <p className="muted">{t(`rules.${rule.kind}.text`)}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        {/* the rule's name sent twice (a tampered form) has no field of its own to show it beside */}
        <FormError>{field("kind").errors?.join(" ")}</FormError>
        <input type="hidden" name="kind" value={rule.kind} />
        <SelectField
          label={t("state")}
          meta={field("enabled")}
          options={[
            { value: "on", label: t("on") },
            { value: "off", label: t("off") },
          ]}
        />
        {rule.kind === "stalled" || rule.kind === "target_soon" || rule.kind === "overdue_escalation" ? (
          <Field label={t(`rules.${rule.kind}.amount`)} meta={field("amount")} type="number" inputMode="numeric" />
        ) : null}
        {rule.kind === "overdue_escalation" ? (
          <Field
            label={t("rules.overdue_escalation.further")}
            meta={field("further")}
            type="number"
            inputMode="numeric"
          />
        ) : null}
        {rule.kind === "plan_since_meeting" ? (
          <Field
            label={t("rules.plan_since_meeting.meetingOn")}
            meta={field("meetingOn")}
            type="date"
            hint={
              meetingDay
                ? t("rules.plan_since_meeting.meetingHint", { date: formatDay(meetingDay, locale) })
                : t("rules.plan_since_meeting.meetingHintNone")
            }
          />
        ) : null}
        {changed ? (
          <p className="small muted">
            {t("lastSaved", { name: changed.name, date: formatDateTime(changed.updatedAt, locale) })}
          </p>
        ) : null}
        <button type="submit">{tc("actions.save")}</button>
      </Form>
    </section>
  );
}
