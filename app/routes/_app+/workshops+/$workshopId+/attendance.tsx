import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import {
  attendanceBoard,
  attendanceStatistics,
  checkIn,
  defaultAttendanceDay,
  todayOutsideDays,
  undoCheckIn,
  workshopDays,
} from "~/models/attendance.server";
import { workshopAccess } from "~/models/workshop.server";
import { useRootData } from "~/root";
import { readFormData } from "~/forms/submission.server";
import { formatDay, isCalendarDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import styles from "~/styles/participants.css?url";
import { useWorkshopLayout } from "./_layout";
import { AttendanceBoard } from "./__attendance-board";
import { CheckInPanel } from "./__attendance-check-in";
import { Statistics } from "./__attendance-statistics";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("participants:attendance.title");

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
  return {
    board,
    statistics,
    canManage,
    code,
    todayOutside: todayOutsideDays(workshop),
    printsSheets: can(user, "workshop.sheets.print", { facilitatorIds: workshop.facilitatorIds }),
  };
}

// Sent with a check-in when the facilitator confirmed recording it on a day that is not the workshop's.
const OutsideDays = z.literal("confirmed").optional();
const CheckInForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("check-in"), day: DayParam, participantId: IdParam, outsideDays: OutsideDays }),
  z.object({
    intent: z.literal("check-in-code"),
    day: DayParam,
    code: z.string().trim().min(1).max(300),
    outsideDays: OutsideDays,
  }),
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
    { outsideDaysConfirmed: form.data.outsideDays === "confirmed" },
  );
  return { result: "checkedInAt" in result ? { ...result, checkedInAt: result.checkedInAt.toISOString() } : result };
}

export default function Attendance() {
  const { board, statistics, canManage, code, todayOutside, printsSheets } = useLoaderData<typeof loader>();
  const { workshop } = useWorkshopLayout();
  const { t } = useTranslation("participants");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const submit = useSubmit();

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
        {printsSheets ? (
          <Link to={`/workshops/${workshop.id}/attendance/sheets`} className="button button-secondary">
            {t("sheets.link")}
          </Link>
        ) : null}
      </Form>

      {canManage ? (
        <CheckInPanel
          day={board.day}
          initialCode={code}
          notYetPresent={board.notYetPresent}
          timeZone={workshop.timeZone}
          todayOutside={todayOutside}
        />
      ) : null}

      <AttendanceBoard board={board} canManage={canManage} timeZone={workshop.timeZone} />

      <Statistics statistics={statistics} workshopId={workshop.id} />
    </>
  );
}
