import { useTranslation } from "react-i18next";
import type { changesByOthersSince } from "~/models/country-work.server";
import { useRootData } from "~/root";
import { ActivityList } from "~/components/activity-list";
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
        <ActivityList events={changes.events} locale={locale} showCountry={false} />
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
