import { useActivityText } from "~/i18n/activity";
import { formatDateTime } from "~/utils/format";

type ActivityEvent = {
  id: string;
  summary: string;
  messageKey: string | null;
  messageParams: string | null;
  createdAt: string | Date;
  actor: { name: string } | null;
  country: { code: string } | null;
};

/** A feed of history rows: what, who and when, with the country's code when the feed spans several. */
export function ActivityList({
  events,
  locale,
  showCountry = true,
}: {
  events: ActivityEvent[];
  locale: string;
  showCountry?: boolean;
}) {
  const activityText = useActivityText(locale);
  return (
    <ul className="list">
      {events.map((e) => (
        <li key={e.id}>
          {showCountry && e.country ? <span className="country-code">{e.country.code}</span> : null} {activityText(e)}
          <div className="small muted">
            {e.actor?.name ?? ""} · {formatDateTime(e.createdAt, locale)}
          </div>
        </li>
      ))}
    </ul>
  );
}
