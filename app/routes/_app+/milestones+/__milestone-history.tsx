import { useTranslation } from "react-i18next";
import { useActivityText } from "~/i18n/activity";
import type { HistoryChange, milestoneHistory } from "~/models/milestone.server";
import { formatDateTime, formatDay } from "~/utils/format";
import { MILESTONE_STATUSES, parseWord } from "~/domain/vocabulary";

/** Who changed what and when, field by field. */
export function History({
  history,
  locale,
}: {
  history: Awaited<ReturnType<typeof milestoneHistory>>;
  locale: string;
}) {
  const { t } = useTranslation("milestones");
  const activityText = useActivityText(locale);
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t("history.title")}</h2>
      {history.length ? (
        <ol className="history-list">
          {history.map((event) => (
            <li key={event.id}>
              <div className="history-meta">
                <strong>{event.actor?.name ?? t("history.unknownPerson")}</strong> ·{" "}
                <time dateTime={new Date(event.createdAt).toISOString()}>
                  {formatDateTime(event.createdAt, locale)}
                </time>
              </div>
              {event.changes.length ? (
                <ul className="history-changes">
                  {event.changes.map((change) => (
                    <li key={change.field}>
                      <HistoryChangeLine change={change} locale={locale} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{activityText(event)}</p>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("history.none")}</p>
      )}
    </section>
  );
}

/** One field's change in words: "Status: In progress → Completed", dates and names as people read them. */
function HistoryChangeLine({ change, locale }: { change: HistoryChange; locale: string }) {
  const { t } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  if (change.field === "evidence") {
    return change.to !== null ? (
      <>{t("history.evidenceAdded", { title: change.to })}</>
    ) : (
      <>{t("history.evidenceRemoved", { title: change.from })}</>
    );
  }
  if (change.field === "notes") {
    return (
      <details>
        <summary>{t("history.notesChanged")}</summary>
        <p className="pre-line small">{change.to || <span className="muted">{t("history.empty")}</span>}</p>
      </details>
    );
  }
  const show = (value: string | number | null) => {
    if (value === null || value === "") return <span className="muted">{t("history.empty")}</span>;
    switch (change.field) {
      case "status":
        return tc(`milestoneStatuses.${parseWord(MILESTONE_STATUSES, String(value))}`);
      case "aqrfLevel":
        return t("page.level", { level: value });
      case "startedOn":
      case "targetOn":
      case "achievedOn":
        return formatDay(String(value), locale);
      default:
        return String(value);
    }
  };
  return (
    <>
      {t(`history.fields.${change.field}`)}: {show(change.from)} <span aria-hidden="true">→</span>
      <span className="visually-hidden"> {t("history.changedTo")} </span> {show(change.to)}
    </>
  );
}
