import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { Field, FormErrorSummary, SelectField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { ActionItemStatusBadge } from "~/components/status-badges";
import { SNOOZE_DAYS } from "~/domain/notices";
import { ACTION_ITEM_STATUSES } from "~/domain/vocabulary";
import { ItemProgressSchema } from "~/forms/action-item";
import { invalidReply, parseSubmission, readFormData } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import type { SessionUser } from "~/auth/session-user";
import { getTranslate } from "~/i18n/translate.server";
import { findActionItem, findItemScope, updateActionItemProgress } from "~/models/action-item.server";
import { findNoticeStep, markNoticeRead, snoozeNotice } from "~/models/notification.server";
import { useRootData } from "~/root";
import styles from "~/styles/notifications.css?url";
import { formatDateTime } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";
import { renderNotice } from "~/i18n/activity";
import type { Translate } from "~/i18n/types";

/**
 * Where a notice's one-click links land ("mark done", "update progress", "snooze"), from the
 * notifications page or an e-mail: a signed link, opened after sign-in, that only shows what it
 * would do. Mail scanners and prefetching open links, so nothing changes until the person
 * confirms with the form (POST); the link works only for the notice's own recipient.
 */

export const meta = titleMeta("notifications:title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const TokenParam = z.string().regex(/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}$/);
const DAY_MS = 24 * 60 * 60 * 1000;

/** The notice and step the link names, and for an action item the item and whether the person may change it. */
async function stepOf(user: SessionUser, tokenParam: string | undefined) {
  const token = TokenParam.safeParse(tokenParam);
  const found = token.success ? await findNoticeStep(token.data, user.id) : null;
  if (!found) throw new Response("Not found", { status: 404 });
  if (found.notice.entityType !== "action_item") return { ...found, scope: null, item: null, mayChange: false };
  const scope = await findItemScope(found.notice.entityId);
  const item = scope && (await findActionItem(scope.planId, scope.id));
  return {
    ...found,
    scope,
    item: item && {
      id: item.id,
      activity: item.activity,
      status: item.status,
      progress: item.progress,
      progressNote: item.progressNote,
    },
    mayChange: Boolean(scope && can(user, "plan.edit", { countryId: scope.countryId, planStatus: scope.planStatus })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { notice, step, item, mayChange } = await stepOf(user, params.token);
  return { notice, step, item, mayChange, snoozeUntil: new Date(Date.now() + SNOOZE_DAYS * DAY_MS).toISOString() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const found = await stepOf(user, params.token);
  const { notice, step } = found;

  if (step === "snooze") {
    await snoozeNotice(user.id, notice.id);
    const until = formatDateTime(new Date(Date.now() + SNOOZE_DAYS * DAY_MS), user.locale);
    return redirectWithToast("/notifications", {
      kind: "success",
      message: t("notifications:step.snoozed", { date: until }),
    });
  }

  // "done" and "progress" change the item, under the same rule as every change of it.
  if (!found.scope || !found.item) throw new Response("Not found", { status: 404 });
  assertCan(user, "plan.edit", { countryId: found.scope.countryId, planStatus: found.scope.planStatus });
  let progress;
  if (step === "done") {
    progress = { status: "done" as const, progress: 100, progressNote: found.item.progressNote };
  } else {
    const submission = await parseSubmission(request, formData, ItemProgressSchema);
    if (submission.status !== "success") return invalidReply(submission);
    progress = submission.value;
  }
  await updateActionItemProgress(found.scope, progress, user.id, context.requestId);
  await markNoticeRead(user.id, notice.id);
  return redirectWithToast(notice.path, {
    kind: "success",
    message: t(step === "done" ? "notifications:step.doneSaved" : "notifications:step.progressSaved"),
  });
}

export default function NoticeStep() {
  const { notice, step, item, mayChange, snoozeUntil } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  const locale = useRootData()?.locale ?? "en";
  const message = renderNotice(t as unknown as Translate, locale, notice);
  const cancel = (
    <Link to="/notifications" className="button button-secondary">
      {t("step.cancel")}
    </Link>
  );

  if (step === "snooze") {
    const date = formatDateTime(snoozeUntil, locale);
    return (
      <div className="notice-step">
        <PageHeader title={t("step.snoozeTitle")} intro={message} />
        <Form method="post" className="card stack">
          <p>{t("step.snoozeIntro", { date })}</p>
          <div className="cluster">
            <button type="submit">{t("step.snoozeConfirm", { date })}</button>
            {cancel}
          </div>
        </Form>
      </div>
    );
  }

  const title = step === "done" ? t("step.doneTitle") : t("step.progressTitle");
  return (
    <div className="notice-step">
      <PageHeader title={title} intro={message} />
      <section className="card stack" aria-labelledby="item-heading">
        {!item ? (
          <p className="form-error">{t("step.gone")}</p>
        ) : (
          <>
            <h2 id="item-heading">{item.activity}</h2>
            <p className="cluster">
              <ActionItemStatusBadge status={item.status} />
              <span>{item.progress}%</span>
            </p>
            {!mayChange ? (
              <p className="form-error">{t("step.readOnly")}</p>
            ) : step === "done" ? (
              item.status === "done" ? (
                <p>{t("step.alreadyDone")}</p>
              ) : (
                <Form method="post" className="stack">
                  <p>{t("step.doneIntro")}</p>
                  <div className="cluster">
                    <button type="submit">{t("step.doneConfirm")}</button>
                    {cancel}
                  </div>
                </Form>
              )
            ) : (
              <ProgressForm item={item} cancel={cancel} />
            )}
          </>
        )}
        {!item || !mayChange || (step === "done" && item.status === "done") ? <div>{cancel}</div> : null}
      </section>
    </div>
  );
}

function ProgressForm({
  item,
  cancel,
}: {
  item: { status: string; progress: number; progressNote: string };
  cancel: React.ReactNode;
}) {
  const { t } = useTranslation("home");
  const { t: tc } = useTranslation("common");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useAppForm(ItemProgressSchema, {
    id: "notice-progress",
    lastResult: actionData?.result,
    defaultValue: item as never,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrorSummary form={form} />
      <SelectField
        label={t("update.status")}
        meta={fields.status}
        options={ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: tc(`actionItemStatuses.${s}`) }))}
      />
      <Field label={t("update.progress")} meta={fields.progress} type="number" inputMode="numeric" step={5} />
      <Field label={t("update.progressNote")} meta={fields.progressNote} />
      <div className="cluster">
        <button type="submit">{t("update.save")}</button>
        {cancel}
      </div>
    </Form>
  );
}
