import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getAgenda, moveAgendaSession, type AgendaSessionView } from "~/models/agenda.server";
import { useRootData } from "~/root";
import { formatDay, formatTime, timeZoneLabel, todayIn } from "~/utils/format";
import { wholeNumber } from "~/forms/fields";
import { readFormData, refusal } from "~/forms/submission.server";
import { IdParam } from "~/utils/params";
import { useWorkshopLayout, WORKSHOP_LAYOUT_ID } from "./_layout";
import { requireWorkshopAccess } from "~/routes/_app+/workshops+/workshop-access.server";
import { metaTitle } from "~/i18n/page-title";
import { MaterialItems, type Material } from "~/components/workshop-materials";
import { listMaterials } from "~/models/workshop.server";
import { getPublicAgendaSetting, setPublicAgenda } from "~/models/public-agenda.server";
import { getTranslate } from "~/i18n/translate.server";
import { env } from "~/utils/env.server";
import { toastHeaders } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === WORKSHOP_LAYOUT_ID)?.data as { workshop?: { title: string } } | undefined;
  return metaTitle(matches, (t) => [t("workshops:tabs.agenda"), layout?.workshop?.title]);
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop, canManage } = await requireWorkshopAccess(request, params.workshopId);
  const [days, materials, setting] = await Promise.all([
    getAgenda(workshop),
    listMaterials(workshop.id),
    canManage ? getPublicAgendaSetting(workshop.id) : null,
  ]);
  // Only those who run the workshop see whether (and where) its agenda is public.
  const publicAgenda = setting
    ? {
        on: setting.publicAgendaOn,
        url: setting.publicAgendaCode ? `${new URL(env().PUBLIC_URL).origin}/agenda/${setting.publicAgendaCode}` : null,
      }
    : null;
  return { days, materials, publicAgenda };
}

const AgendaForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), sessionId: IdParam, toIndex: wholeNumber(0, 500) }),
  z.object({ intent: z.literal("publicAgenda"), on: z.enum(["true", "false"]) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop } = await requireWorkshopAccess(request, params.workshopId, "manage");
  const form = AgendaForm.safeParse(Object.fromEntries(await readFormData(request)));
  if (!form.success) throw await refusal(request, 400, "errors.badRequest");
  const actor = { actorId: user.id, requestId: context.requestId };
  if (form.data.intent === "publicAgenda") {
    const on = form.data.on === "true";
    await setPublicAgenda(workshop.id, on, actor);
    const t = await getTranslate(request);
    return data(
      { moved: null },
      {
        headers: await toastHeaders({
          kind: "success",
          message: t(on ? "workshops:publicAgenda.switchedOn" : "workshops:publicAgenda.switchedOff"),
        }),
      },
    );
  }
  const moved = await moveAgendaSession(workshop, form.data.sessionId, form.data.toIndex, actor);
  if (!moved) throw new Response("Not found", { status: 404 });
  return { moved: { ...moved, sessionId: form.data.sessionId } };
}

/** For those who run the workshop: the public agenda page switched on or off, and its link while on. */
function PublicAgendaSetting({ on, url }: { on: boolean; url: string | null }) {
  const { t } = useTranslation("workshops");
  return (
    <section className="card stack public-agenda-setting no-print" aria-labelledby="public-agenda-heading">
      <h3 id="public-agenda-heading">{t("publicAgenda.title")}</h3>
      <p className="small">{on ? t("publicAgenda.onIntro") : t("publicAgenda.offIntro")}</p>
      {on && url ? (
        <p className="public-agenda-link">
          <span className="muted small">{t("publicAgenda.link")}</span>{" "}
          <a href={url} target="_blank" rel="noopener noreferrer">
            {url}
          </a>
        </p>
      ) : null}
      <Form method="post" className="cluster">
        <input type="hidden" name="intent" value="publicAgenda" />
        <input type="hidden" name="on" value={on ? "false" : "true"} />
        <button type="submit" className={on ? "button-secondary" : "button"}>
          {on ? t("publicAgenda.switchOff") : t("publicAgenda.switchOn")}
        </button>
      </Form>
    </section>
  );
}

/** The current time, ticking every 30 seconds; null while rendering on the server, so the page does not disagree with itself on hydration. */
function useNow(everyMs = 30_000) {
  const hydrated = useHydrated();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return hydrated ? now : null;
}

/** What is on now and what comes next today, during the workshop. */
function liveSessions(days: { day: string; sessions: AgendaSessionView[] }[], now: number | null, timeZone: string) {
  if (now === null) return { onNow: [] as AgendaSessionView[], next: null };
  const today = todayIn(timeZone, new Date(now));
  const ofToday = days.find((d) => d.day === today)?.sessions ?? [];
  const onNow = ofToday.filter((s) => Date.parse(s.startsAt) <= now && now < Date.parse(s.endsAt));
  const upcoming = ofToday
    .filter((s) => Date.parse(s.startsAt) > now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return { onNow, next: upcoming[0] ?? null };
}

/**
 * A session's slides and papers under it; those who run the workshop can add more from the session's page
 * (a break has none to offer, so it gets no link).
 */
function SessionMaterials({
  session,
  materials,
  canManage,
}: {
  session: AgendaSessionView;
  materials: Material[];
  canManage: boolean;
}) {
  const { t } = useTranslation("workshops");
  const canAdd = canManage && session.sessionType !== "break";
  if (materials.length === 0 && !canAdd) return null;
  return (
    <div className="session-materials">
      {materials.length ? (
        <div aria-label={t("materials.ofSession", { title: session.title })} role="group">
          <MaterialItems materials={materials} markPublic={canManage} />
        </div>
      ) : null}
      {canAdd ? (
        <p className="small no-print">
          <Link to={`${session.id}#materials`} aria-label={t("materials.addToSessionLabel", { title: session.title })}>
            {t("materials.addToSession")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export default function AgendaPage() {
  const { days, materials, publicAgenda } = useLoaderData<typeof loader>();
  const { workshop, canManage } = useWorkshopLayout();
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const now = useNow();
  const { onNow, next } = liveSessions(days, now, workshop.timeZone);
  const onNowIds = new Set(onNow.map((s) => s.id));
  const overlapping = days.flatMap((d) => d.sessions).filter((s) => s.overlapsWith.length > 0).length;
  const time = (iso: string) => formatTime(iso, locale, workshop.timeZone);

  const mover = useFetcher<typeof action>();
  const pendingFocus = useRef<{ id: string; direction: "up" | "down" } | null>(null);
  const [dragging, setDragging] = useState<{ id: string; day: string } | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  // Once the moved list is on screen, the new position is announced, and the keyboard focus returns to the
  // button that was pressed (or its twin when the session reached the top or bottom).
  const moved = mover.state === "idle" ? mover.data?.moved : undefined;
  const announcement = moved
    ? t("agendaPage.moved", {
        title: moved.title,
        position: moved.position,
        of: moved.of,
        start: moved.startTime,
        end: moved.endTime,
      })
    : "";
  useEffect(() => {
    if (!moved) return;
    const focus = pendingFocus.current;
    if (!focus) return;
    pendingFocus.current = null;
    const button = document.getElementById(`move-${focus.direction}-${focus.id}`) as HTMLButtonElement | null;
    const twin = document.getElementById(
      `move-${focus.direction === "up" ? "down" : "up"}-${focus.id}`,
    ) as HTMLButtonElement | null;
    (button && !button.disabled ? button : twin)?.focus();
  }, [moved, days]);

  // One move at a time: the positions of the next depend on the result of the one under way.
  const move = (sessionId: string, toIndex: number, refocus?: "up" | "down") => {
    if (mover.state !== "idle") return;
    pendingFocus.current = refocus ? { id: sessionId, direction: refocus } : null;
    mover.submit({ intent: "move", sessionId, toIndex }, { method: "post" });
  };

  function dropHandlers(day: string, index: number, session: AgendaSessionView) {
    if (!canManage) return {};
    return {
      draggable: true,
      onDragStart: (event: DragEvent) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", session.id);
        setDragging({ id: session.id, day });
      },
      onDragEnd: () => {
        setDragging(null);
        setDropTarget(null);
      },
      onDragOver: (event: DragEvent) => {
        if (!dragging || dragging.day !== day) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        setDropTarget(session.id);
      },
      onDrop: (event: DragEvent) => {
        event.preventDefault();
        if (dragging && dragging.day === day && dragging.id !== session.id) move(dragging.id, index);
        setDragging(null);
        setDropTarget(null);
      },
    };
  }

  return (
    <section aria-labelledby="agenda-heading" className="agenda">
      <div className="agenda-header">
        <div>
          <h2 id="agenda-heading">{t("agenda")}</h2>
          <p className="muted small">{t("timesIn", { zone: timeZoneLabel(workshop.timeZone, locale) })}</p>
        </div>
        <div className="cluster no-print">
          <a href={`/workshops/${workshop.id}/agenda.ics`} download className="button button-secondary">
            {t("agendaPage.downloadIcs")}
          </a>
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            {t("agendaPage.print")}
          </button>
          {canManage ? (
            <Link to="new" className="button">
              {t("agendaPage.addSession")}
            </Link>
          ) : null}
        </div>
      </div>

      <div role="status" className="agenda-live no-print">
        {onNow.length || next ? (
          <p className="notice">
            {onNow.map((s) => (
              <span key={s.id}>
                <strong>{t("agendaPage.onNowSummary", { title: s.title, end: time(s.endsAt) })}</strong>{" "}
              </span>
            ))}
            {next ? (
              <span>{t("agendaPage.nextSummary", { title: next.title, start: time(next.startsAt) })}</span>
            ) : null}
          </p>
        ) : null}
      </div>

      {publicAgenda ? <PublicAgendaSetting {...publicAgenda} /> : null}

      {overlapping ? (
        <p className="notice agenda-overlap-notice">
          <span aria-hidden="true">⚠ </span>
          {t("agendaPage.overlapCount", { count: overlapping })}
        </p>
      ) : null}
      {canManage ? <p className="muted small no-print">{t("agendaPage.reorderHelp")}</p> : null}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>

      {days.map(({ day, sessions }, dayIndex) => (
        <section key={day} className="card agenda-day" aria-labelledby={`day-${day}`}>
          <h3 id={`day-${day}`}>{t("dayHeading", { n: dayIndex + 1, date: formatDay(day, locale, "long") })}</h3>
          {sessions.length === 0 ? <p className="empty">{t("agendaPage.emptyDay")}</p> : null}
          <ol className="agenda-sessions">
            {sessions.map((s, index) => {
              const isNow = onNowIds.has(s.id);
              const isNext = next?.id === s.id;
              return (
                <li
                  key={s.id}
                  id={`session-${s.id}`}
                  className={[
                    "agenda-session",
                    isNow ? "is-now" : "",
                    s.overlapsWith.length ? "has-overlap" : "",
                    dragging?.id === s.id ? "is-dragging" : "",
                    dropTarget === s.id && dragging?.id !== s.id ? "is-drop-target" : "",
                  ]
                    .filter(Boolean)
                    .join(" ")}
                  aria-current={isNow ? "time" : undefined}
                  {...dropHandlers(day, index, s)}
                >
                  <div className="agenda-time">
                    {canManage && sessions.length > 1 ? (
                      <span
                        className="drag-handle no-print"
                        aria-hidden="true"
                        title={t("agendaPage.dragHandle", { title: s.title })}
                      >
                        ⠿
                      </span>
                    ) : null}
                    <span>
                      {time(s.startsAt)}–{time(s.endsAt)}
                    </span>
                  </div>
                  <div className="agenda-body">
                    <p className="agenda-title">
                      <strong>{s.title}</strong>{" "}
                      <span className="badge badge-neutral">{t(`sessionTypes.${s.sessionType}`)}</span>
                      {isNow ? <span className="badge badge-ok live-badge">{t("agendaPage.onNow")}</span> : null}
                      {isNext ? <span className="badge badge-info live-badge">{t("agendaPage.next")}</span> : null}
                    </p>
                    {s.description ? <p className="small muted pre-line">{s.description}</p> : null}
                    {s.speakers.length ? (
                      <p className="small">
                        {s.speakers.map((sp, i) => (
                          <span key={i}>
                            {i > 0 ? ", " : null}
                            {sp.userId ? <Link to={`/people/${sp.userId}`}>{sp.name}</Link> : sp.name} (
                            {t(`speakerRoles.${sp.role}`)})
                          </span>
                        ))}
                      </p>
                    ) : null}
                    <SessionMaterials
                      session={s}
                      materials={materials.filter((m) => m.sessionId === s.id)}
                      canManage={canManage}
                    />
                    {s.overlapsWith.length ? (
                      <p className="agenda-overlap small">
                        <span aria-hidden="true">⚠ </span>
                        {t("agendaPage.overlapsWith", {
                          titles: s.overlapsWith.map((title) => `“${title}”`).join(", "),
                        })}
                      </p>
                    ) : null}
                  </div>
                  {canManage ? (
                    <div className="agenda-controls no-print">
                      {sessions.length > 1 ? (
                        <>
                          <button
                            type="button"
                            id={`move-up-${s.id}`}
                            className="button-secondary"
                            disabled={index === 0}
                            aria-label={t("agendaPage.moveUpLabel", { title: s.title })}
                            onClick={() => move(s.id, index - 1, "up")}
                          >
                            <span aria-hidden="true">↑</span> {t("agendaPage.moveUp")}
                          </button>
                          <button
                            type="button"
                            id={`move-down-${s.id}`}
                            className="button-secondary"
                            disabled={index === sessions.length - 1}
                            aria-label={t("agendaPage.moveDownLabel", { title: s.title })}
                            onClick={() => move(s.id, index + 1, "down")}
                          >
                            <span aria-hidden="true">↓</span> {t("agendaPage.moveDown")}
                          </button>
                        </>
                      ) : null}
                      <Link
                        to={s.id}
                        className="button button-ghost"
                        aria-label={t("agendaPage.editSessionLabel", { title: s.title })}
                      >
                        {tc("actions.edit")}
                      </Link>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {canManage ? (
            <p className="no-print">
              <Link to={`new?day=${day}`}>{t("agendaPage.addSessionToDay", { n: dayIndex + 1 })}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </section>
  );
}
