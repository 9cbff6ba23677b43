import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SkipReason } from "~/models/participant-invitations.server";
import { confirmFirst } from "~/components/forms";

/** What a bulk send answers: who was sent a message, and who was not and why. */
type BulkResult = { sent: string[]; skipped: { reason: SkipReason; names: string[] }[] };

/**
 * Invitations and reminders to everyone concerned, or to the rows ticked in
 * the list below (their checkboxes belong to this form), with a summary of
 * what the last send did.
 */
export function BulkInvitations({
  due,
  ticked,
  result,
  busy,
}: {
  due: { invitations: number; reminders: number };
  ticked: number;
  result: BulkResult | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation("participants");
  const skippedCount = result?.skipped.reduce((n, s) => n + s.names.length, 0) ?? 0;
  return (
    <section className="card bulk-invitations" aria-labelledby="bulk-heading">
      <h3 id="bulk-heading">{t("bulk.title")}</h3>
      <p className="muted small">{t("bulk.due", due)}</p>
      {result ? (
        <div className="notice bulk-summary" role="status">
          <p>
            <strong>
              {skippedCount === 0
                ? t("bulk.summaryNoneSkipped", { sent: result.sent.length })
                : `${t("bulk.summary", { sent: result.sent.length, skipped: skippedCount })}: ${result.skipped
                    .map((s) => t("bulk.reasonCount", { reason: t(`bulk.reasons.${s.reason}`), count: s.names.length }))
                    .join(", ")}`}
            </strong>
          </p>
          {result.skipped.some((s) => s.names.some(Boolean)) ? (
            <ul className="small">
              {result.skipped
                .filter((s) => s.names.some(Boolean))
                .map((s) => (
                  <li key={s.reason}>
                    {t(`bulk.reasons.${s.reason}`)}: {s.names.filter(Boolean).join(", ")}
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" id="bulk-send" className="cluster">
        <button
          type="submit"
          name="intent"
          value="sendInvitations"
          disabled={busy}
          onClick={confirmFirst(t("bulk.confirmInvitations"))}
        >
          {ticked > 0 ? t("bulk.sendInvitationsSelected", { count: ticked }) : t("bulk.sendInvitations")}
        </button>
        <button
          type="submit"
          name="intent"
          value="sendReminders"
          className="button-secondary"
          disabled={busy}
          onClick={confirmFirst(t("bulk.confirmReminders"))}
        >
          {ticked > 0 ? t("bulk.sendRemindersSelected", { count: ticked }) : t("bulk.sendReminders")}
        </button>
      </Form>
      <p className="muted small">{t("bulk.selectionHint")}</p>
    </section>
  );
}
