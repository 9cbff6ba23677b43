import { useTranslation } from "react-i18next";
import type { changesByOthersSince } from "~/models/country-work.server";
import { useRootData } from "~/root";
import { formatDateTime, formatNumber } from "~/utils/format";

/** What others recorded in the person's countries since their last visit (or the last two weeks), newest first. */
export function ChangesSinceLastVisit({
  changes,
  lastVisit,
}: {
  changes: Awaited<ReturnType<typeof changesByOthersSince>>;
  lastVisit: string | Date | null;
}) {
  const { t } = useTranslation("home");
  const locale = useRootData()?.locale ?? "en";
  return (
    <section className="card" aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t("changes.heading")}</h2>
      <p className="small muted">
        {lastVisit ? t("changes.since", { date: formatDateTime(lastVisit, locale) }) : t("changes.firstVisit")}
      </p>
      {changes.events.length ? (
        <ul className="list">
          {changes.events.map((e) => (
            <li key={e.id}>
              {e.summary}
              <div className="small muted">
                {e.actor?.name ?? ""} · {formatDateTime(e.createdAt, locale)}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("changes.none")}</p>
      )}
      {changes.total > changes.events.length ? (
        <p className="small muted">
          {t("changes.more", {
            shown: formatNumber(changes.events.length, locale),
            total: formatNumber(changes.total, locale),
          })}
        </p>
      ) : null}
    </section>
  );
}
