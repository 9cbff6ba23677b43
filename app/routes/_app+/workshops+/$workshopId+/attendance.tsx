import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { Field } from "~/components/forms";
import {
  attendanceBoard,
  attendanceStatistics,
  checkIn,
  defaultAttendanceDay,
  undoCheckIn,
  workshopDays,
} from "~/models/attendance.server";
import type { StatisticsRow } from "~/models/attendance-summary.server";
import { workshopAccess } from "~/models/workshop.server";
import { useRootData } from "~/root";
import { SEXES } from "~/domain/vocabulary";
import { readFormData } from "~/forms/submission.server";
import { formatDay, formatNumber, formatTime, isCalendarDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import styles from "~/styles/participants.css?url";
import { useWorkshopLayout } from "./_layout";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Attendance · FocalPoint" }];

const DayParam = z.string().refine(isCalendarDay);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  const { workshop, canManage } = await workshopAccess(user, workshopId);
  const url = new URL(request.url);
  const requested = DayParam.safeParse(url.searchParams.get("day"));
  const day =
    requested.success && workshopDays(workshop).includes(requested.data)
      ? requested.data
      : defaultAttendanceDay(workshop);
  const [board, statistics] = await Promise.all([
    attendanceBoard(workshop, day, { includeExpected: canManage }),
    attendanceStatistics(workshop),
  ]);
  // A badge opened with a phone's own camera app lands here (see check-in.$badgeToken) with its code filled in.
  const code = canManage ? (url.searchParams.get("code") ?? "").slice(0, 200) : "";
  return { board, statistics, canManage, code };
}

const CheckInForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("check-in"), day: DayParam, participantId: IdParam }),
  z.object({ intent: z.literal("check-in-code"), day: DayParam, code: z.string().trim().min(1).max(300) }),
  z.object({ intent: z.literal("undo"), day: DayParam, participantId: IdParam }),
]);

/** Check-ins need the session of one of the workshop's facilitators (or an admin): a badge alone checks nobody in. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  const { workshop } = await workshopAccess(user, workshopId, "manage");
  const form = CheckInForm.safeParse(Object.fromEntries(await readFormData(request)));
  if (!form.success) return data({ result: { status: "invalid" as const } }, { status: 400 });
  const actor = { actorId: user.id, requestId: context.requestId };
  if (form.data.intent === "undo") {
    const undone = await undoCheckIn(workshop.id, form.data.participantId, form.data.day, actor);
    return { result: { status: undone ? ("undone" as const) : ("invalid" as const) } };
  }
  const result = await checkIn(
    workshop,
    form.data.day,
    form.data.intent === "check-in" ? { participantId: form.data.participantId } : { badgeCode: form.data.code },
    actor,
  );
  return { result: "checkedInAt" in result ? { ...result, checkedInAt: result.checkedInAt.toISOString() } : result };
}

export default function Attendance() {
  const { board, statistics, canManage, code } = useLoaderData<typeof loader>();
  const { workshop } = useWorkshopLayout();
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const submit = useSubmit();
  const dayIndex = board.days.findIndex((d) => d.day === board.day);
  const expected = board.present.length + board.notYetPresent.length;

  return (
    <>
      <Form
        method="get"
        className="filters attendance-day"
        onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}
      >
        <div className="field">
          <label htmlFor="attendance-day">{t("attendance.day")}</label>
          <select id="attendance-day" name="day" defaultValue={board.day} key={board.day}>
            {board.days.map((d, i) => (
              <option key={d.day} value={d.day}>
                {t("attendance.dayOption", { n: i + 1, date: formatDay(d.day, locale) })} (
                {t("attendance.presentCount", { count: d.present })})
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" className="button-secondary">
            {tc("actions.view")}
          </button>
        </noscript>
      </Form>

      {canManage ? (
        <CheckInPanel
          day={board.day}
          initialCode={code}
          notYetPresent={board.notYetPresent}
          timeZone={workshop.timeZone}
        />
      ) : null}

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
            items={board.byCountry.map((c) => ({ label: c.name, count: c.count }))}
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
                    </td>
                    <td data-label={t("category")}>{tw(`categories.${p.category as "focal_point"}`)}</td>
                    <td data-label={t("organisation")}>{p.organisationName || "—"}</td>
                    <td data-label={t("country")}>
                      {p.country ? <span className="country-code">{p.country}</span> : "—"}
                    </td>
                    <td data-label={t("attendance.checkedInAt")}>
                      {formatTime(p.checkedInAt, locale, workshop.timeZone)}{" "}
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

      <Statistics statistics={statistics} workshopId={workshop.id} />
    </>
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

type CheckInResponse = { result: { status: string; name?: string; checkedInAt?: string } };

/**
 * The facilitator's check-in desk: a camera scanner, a field for the code
 * printed on the badge, and the list of people still expected to tick off.
 */
function CheckInPanel({
  day,
  initialCode,
  notYetPresent,
  timeZone,
}: {
  day: string;
  initialCode: string;
  notYetPresent: { id: string; name: string; organisationName: string; country: string | null }[];
  timeZone: string;
}) {
  const { t } = useTranslation("participants");
  const locale = useRootData()?.locale ?? "en";
  const fetcher = useFetcher<CheckInResponse>();
  // Without JavaScript a check-in is posted as a page: its answer is the page's action data.
  const posted = useActionData<CheckInResponse>();
  const [filter, setFilter] = useState("");
  const [code, setCode] = useState(initialCode);
  const result = fetcher.data?.result ?? posted?.result;

  const submitCode = (code: string) => fetcher.submit({ intent: "check-in-code", day, code }, { method: "post" });
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
            : result.status === "invalid"
              ? t("attendance.result.invalid")
              : null;

  // Once a badge is answered for, clear the field for the next one (an unknown code stays, to be corrected).
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result && result.status !== "not_participant") setCode("");
  }

  const needle = filter.trim().toLowerCase();
  const matches = needle
    ? notYetPresent.filter((p) => `${p.name} ${p.organisationName} ${p.country ?? ""}`.toLowerCase().includes(needle))
    : notYetPresent;

  return (
    <section className="card check-in-panel" aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">{t("attendance.checkInTitle")}</h2>
      <div className="check-in-result" role="status" aria-live="polite">
        {message ? <p className={`notice notice-${tone}`}>{message}</p> : null}
      </div>
      <div className="grid grid-2">
        <div>
          <h3>{t("attendance.scan")}</h3>
          <QrScanner onCode={submitCode} />
          <fetcher.Form method="post" className="code-form">
            <input type="hidden" name="day" value={day} />
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
                  <fetcher.Form method="post">
                    <input type="hidden" name="day" value={day} />
                    <input type="hidden" name="participantId" value={p.id} />
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

/**
 * Reads QR codes from the device camera: frames are drawn on a canvas a few
 * times a second and decoded with jsQR (loaded only when the camera starts).
 * The same code is not sent twice within a few seconds.
 */
function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation("participants");
  const video = useRef<HTMLVideoElement>(null);
  const [running, setRunning] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const latestOnCode = useRef(onCode);
  useEffect(() => {
    latestOnCode.current = onCode;
  });

  useEffect(() => {
    if (!running) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = { code: "", at: 0 };
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });

    void (async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import("jsqr"),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current || !context) return;
        video.current.srcObject = media;
        await video.current.play();
        const scan = () => {
          if (stopped || !video.current) return;
          const { videoWidth: width, videoHeight: height } = video.current;
          if (width && height) {
            // Decoding a downscaled frame is fast enough on a phone and still reads a badge at arm's length.
            const scale = Math.min(1, 640 / width);
            canvas.width = Math.round(width * scale);
            canvas.height = Math.round(height * scale);
            context.drawImage(video.current, 0, 0, canvas.width, canvas.height);
            const found = jsQR(
              context.getImageData(0, 0, canvas.width, canvas.height).data,
              canvas.width,
              canvas.height,
              { inversionAttempts: "dontInvert" },
            );
            const now = Date.now();
            if (found?.data && (found.data !== last.code || now - last.at > 4000)) {
              last = { code: found.data, at: now };
              latestOnCode.current(found.data);
            }
          }
          timer = setTimeout(scan, 250);
        };
        scan();
      } catch {
        if (!stopped) {
          setUnavailable(true);
          setRunning(false);
        }
      }
    })();

    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [running]);

  const supported = typeof navigator === "undefined" || Boolean(navigator.mediaDevices?.getUserMedia);
  return (
    <div className="qr-scanner">
      {running ? (
        <>
          <video ref={video} muted playsInline className="qr-video" aria-label={t("attendance.cameraHint")} />
          <p className="small muted">{t("attendance.cameraHint")}</p>
        </>
      ) : null}
      {unavailable || !supported ? <p className="small muted">{t("attendance.cameraUnavailable")}</p> : null}
      {supported ? (
        <button type="button" className="button-secondary" onClick={() => setRunning((r) => !r)}>
          {running ? t("attendance.stopCamera") : t("attendance.startCamera")}
        </button>
      ) : null}
    </div>
  );
}

function Statistics({
  statistics,
  workshopId,
}: {
  statistics: Awaited<ReturnType<typeof attendanceStatistics>>;
  workshopId: string;
}) {
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const tables: { id: string; title: string; column: string; rows: StatisticsRow[]; label: (key: string) => string }[] =
    [
      {
        id: "day",
        title: t("stats.byDay"),
        column: t("attendance.day"),
        rows: statistics.byDay,
        label: (key) => formatDay(key, locale),
      },
      {
        id: "country",
        title: t("stats.byCountry"),
        column: t("country"),
        rows: statistics.byCountry,
        label: (key) => key || t("noCountry"),
      },
      {
        id: "category",
        title: t("stats.byCategory"),
        column: t("category"),
        rows: statistics.byCategory,
        label: (key) => tw(`categories.${key as "focal_point"}`),
      },
      {
        id: "sex",
        title: t("stats.bySex"),
        column: t("sex"),
        rows: statistics.bySex,
        label: (key) => tc(`sexes.${key as "female"}`),
      },
    ];
  return (
    <section className="card" aria-labelledby="stats-heading">
      <div className="section-header">
        <div>
          <h2 id="stats-heading">{t("stats.title")}</h2>
          <p className="muted small">{t("stats.intro")}</p>
          <p>
            {t("stats.summary", {
              attended: statistics.attended,
              registered: statistics.registered,
              personDays: statistics.personDays,
            })}
          </p>
        </div>
        <a href={`/workshops/${workshopId}/attendance.csv`} className="button button-secondary" download>
          {t("stats.exportCsv")}
        </a>
      </div>
      <div className="stats-tables">
        {tables.map((table) => (
          <div key={table.id} className="table-wrap">
            <table>
              <caption>{table.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{table.column}</th>
                  <th scope="col" className="num">
                    {t("stats.attended")}
                  </th>
                  {table.id !== "sex"
                    ? SEXES.map((sex) => (
                        <th key={sex} scope="col" className="num">
                          {tc(`sexes.${sex}`)}
                        </th>
                      ))
                    : null}
                  {table.id !== "day" ? (
                    <th scope="col" className="num">
                      {t("stats.personDays")}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="muted small">
                      {t("stats.none")}
                    </td>
                  </tr>
                ) : null}
                {table.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{table.label(row.key)}</th>
                    <td className="num">{formatNumber(row.attended, locale)}</td>
                    {table.id !== "sex"
                      ? SEXES.map((sex) => (
                          <td key={sex} className="num">
                            {formatNumber(row.bySex[sex], locale)}
                          </td>
                        ))
                      : null}
                    {table.id !== "day" ? <td className="num">{formatNumber(row.personDays, locale)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}
