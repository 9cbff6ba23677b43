import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { attendanceBoard } from "~/models/attendance.server";
import { useRootData } from "~/root";
import { formatDay, formatTime } from "~/utils/format";

/** Who is present on the chosen day, with breakdowns; facilitators also see who is expected and can undo a check-in. */
export function AttendanceBoard({
  board,
  canManage,
  timeZone,
}: {
  board: Awaited<ReturnType<typeof attendanceBoard>>;
  canManage: boolean;
  timeZone: string;
}) {
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const dayIndex = board.days.findIndex((d) => d.day === board.day);
  const expected = board.present.length + board.notYetPresent.length;

  return (
    <section className="card" aria-labelledby="board-heading">
      <div className="section-header">
        <div>
          <h2 id="board-heading">
            {t("attendance.board")} ·{" "}
            {t("attendance.dayOption", { n: dayIndex + 1, date: formatDay(board.day, locale, "long") })}
          </h2>
          <p className="muted small">{t("attendance.liveHint")}</p>
        </div>
        <p className="board-total" data-testid="present-count">
          {canManage
            ? t("attendance.ofExpected", { present: board.present.length, expected })
            : t("attendance.presentCount", { count: board.present.length })}
        </p>
      </div>
      <div className="stats board-breakdown">
        <BreakdownList
          title={tw("byCategory")}
          items={board.byCategory.map((c) => ({
            label: tw(`categories.${c.name as "focal_point"}`),
            count: c.count,
          }))}
        />
        <BreakdownList
          title={tw("byCountry")}
          items={board.byCountry.map((c) => ({
            label: c.name === "—" ? t("noCountry") : tc(`countries.${c.name as "LA"}`, { defaultValue: c.name }),
            count: c.count,
          }))}
        />
        <BreakdownList
          title={tw("bySex")}
          items={board.bySex.map((c) => ({ label: tc(`sexes.${c.name as "female"}`), count: c.count }))}
        />
      </div>
      {board.present.length === 0 ? (
        <p className="empty">{t("attendance.nobodyYet")}</p>
      ) : (
        <div className="table-wrap stack-table">
          <table aria-label={t("attendance.present")}>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("category")}</th>
                <th scope="col">{t("organisation")}</th>
                <th scope="col">{t("country")}</th>
                <th scope="col">{t("attendance.checkedInAt")}</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {board.present.map((p) => (
                <tr key={p.id}>
                  <td>
                    <strong>{p.name}</strong>
                    {p.walkIn ? (
                      <>
                        {" "}
                        <span className="badge badge-warn">{t("attendance.walkIn")}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("category")}>{tw(`categories.${p.category as "focal_point"}`)}</td>
                  <td data-label={t("organisation")}>{p.organisationName || "—"}</td>
                  <td data-label={t("country")}>
                    {p.country ? <span className="country-code">{p.country}</span> : "—"}
                  </td>
                  <td data-label={t("attendance.checkedInAt")}>
                    {formatTime(p.checkedInAt, locale, timeZone)}{" "}
                    <span className="small muted">({t(`attendance.methods.${p.method as "qr"}`)})</span>
                  </td>
                  {canManage ? (
                    <td>
                      <UndoButton participantId={p.id} name={p.name} day={board.day} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BreakdownList({ title, items }: { title: string; items: { label: string; count: number }[] }) {
  return (
    <div className="breakdown">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted small">—</p>
      ) : (
        <ul className="list small">
          {items.map((i) => (
            <li key={i.label}>
              {i.label}: <strong>{i.count}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function UndoButton({ participantId, name, day }: { participantId: string; name: string; day: string }) {
  const fetcher = useFetcher();
  const { t } = useTranslation("participants");
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="day" value={day} />
      <input type="hidden" name="participantId" value={participantId} />
      <button
        type="submit"
        name="intent"
        value="undo"
        className="button-link"
        aria-label={t("attendance.undoLabel", { name })}
        disabled={fetcher.state !== "idle"}
      >
        {t("attendance.undo")}
      </button>
    </fetcher.Form>
  );
}
