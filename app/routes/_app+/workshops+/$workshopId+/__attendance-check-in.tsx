import { useActionData, useFetcher } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { matchesSearch } from "~/domain/search";
import { useRootData } from "~/root";
import { formatDay, formatTime } from "~/utils/format";
import { QrScanner } from "./__attendance-qr-scanner";

type CheckInResponse = { result: { status: string; name?: string; checkedInAt?: string; today?: string } };

/**
 * The facilitator's check-in desk: a camera scanner, a field for the code
 * printed on the badge, and the list of people still expected to tick off.
 * When today (in the workshop's zone) is not one of its days, check-ins are
 * recorded only once the facilitator confirms it.
 */
export function CheckInPanel({
  day,
  initialCode,
  notYetPresent,
  timeZone,
  todayOutside,
}: {
  day: string;
  initialCode: string;
  notYetPresent: { id: string; name: string; organisationName: string; country: string | null }[];
  timeZone: string;
  todayOutside: string | null;
}) {
  const { t } = useTranslation("participants");
  const locale = useRootData()?.locale ?? "en";
  const fetcher = useFetcher<CheckInResponse>();
  // Without JavaScript a check-in is posted as a page: its answer is the page's action data.
  const posted = useActionData<CheckInResponse>();
  const [filter, setFilter] = useState("");
  const [code, setCode] = useState(initialCode);
  const [confirmed, setConfirmed] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const result = fetcher.data?.result ?? posted?.result;
  const outsideDays: Record<string, string> = todayOutside && confirmed ? { outsideDays: "confirmed" } : {};
  const confirmation = todayOutside && confirmed ? <input type="hidden" name="outsideDays" value="confirmed" /> : null;

  const submitCode = (code: string) =>
    fetcher.submit({ intent: "check-in-code", day, code, ...outsideDays }, { method: "post" });
  const tone = result?.status === "checked_in" ? "ok" : result?.status === "already" ? "info" : "danger";
  const message = !result
    ? null
    : result.status === "checked_in"
      ? t("attendance.result.checked_in", { name: result.name })
      : result.status === "already"
        ? t("attendance.result.already", { name: result.name, time: formatTime(result.checkedInAt!, locale, timeZone) })
        : result.status === "not_participant"
          ? t("attendance.result.not_participant")
          : result.status === "bad_day"
            ? t("attendance.result.bad_day")
            : result.status === "outside_days"
              ? t("attendance.result.outside_days", {
                  today: formatDay(result.today, locale),
                  day: formatDay(day, locale),
                })
              : result.status === "invalid"
                ? t("attendance.result.invalid")
                : null;

  // Once a badge is answered for, clear the field for the next one (an unknown code stays, to be corrected).
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result && result.status !== "not_participant" && result.status !== "outside_days") setCode("");
  }
  // Each tick empties the search box and puts the cursor back in it, ready for the next name.
  const readyForNextName = () => {
    setFilter("");
    searchBox.current?.focus();
  };

  const matches = notYetPresent.filter((p) => matchesSearch(filter, [p.name, p.organisationName, p.country]));

  return (
    <section className="card check-in-panel" aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">{t("attendance.checkInTitle")}</h2>
      {todayOutside ? (
        <div className="notice notice-warning">
          <p>{t("attendance.outsideDays", { today: formatDay(todayOutside, locale) })}</p>
          <label className="checkbox">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            {t("attendance.confirmOutsideDays", { day: formatDay(day, locale) })}
          </label>
        </div>
      ) : null}
      <div className="check-in-result" role="status" aria-live="polite">
        {message ? <p className={`notice notice-${tone}`}>{message}</p> : null}
      </div>
      <div className="grid grid-2">
        <div>
          <h3>{t("attendance.scan")}</h3>
          <QrScanner onCode={submitCode} />
          <fetcher.Form method="post" className="code-form">
            <input type="hidden" name="day" value={day} />
            {confirmation}
            <Field
              label={t("attendance.code")}
              name="code"
              hint={t("attendance.codeHint")}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              required
            />
            <button type="submit" name="intent" value="check-in-code" disabled={fetcher.state !== "idle"}>
              {t("attendance.checkInCode")}
            </button>
          </fetcher.Form>
        </div>
        <div>
          <h3>{t("attendance.fromList")}</h3>
          <div className="field">
            <label htmlFor="tick-filter">{t("attendance.search")}</label>
            <input
              id="tick-filter"
              ref={searchBox}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-describedby="tick-filter-hint"
              autoComplete="off"
            />
            <p className="field-hint" id="tick-filter-hint">
              {t("attendance.searchHint")}
            </p>
          </div>
          {notYetPresent.length === 0 ? (
            <p className="empty">{t("attendance.everyoneIn")}</p>
          ) : (
            <ul className="list tick-list">
              {matches.slice(0, 50).map((p) => (
                <li key={p.id}>
                  <span>
                    <strong>{p.name}</strong> {p.country ? <span className="country-code">{p.country}</span> : null}
                    {p.organisationName ? <span className="small muted"> · {p.organisationName}</span> : null}
                  </span>
                  <fetcher.Form method="post" onSubmit={readyForNextName}>
                    <input type="hidden" name="day" value={day} />
                    <input type="hidden" name="participantId" value={p.id} />
                    {confirmation}
                    <button
                      type="submit"
                      name="intent"
                      value="check-in"
                      className="button-secondary"
                      aria-label={t("attendance.checkInPerson", { name: p.name })}
                      disabled={fetcher.state !== "idle"}
                    >
                      {t("attendance.checkIn")}
                    </button>
                  </fetcher.Form>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
