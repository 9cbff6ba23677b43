import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BrandLink } from "~/components/app-shell";
import { LanguageSwitcher } from "~/components/language-switcher";
import { MaterialItems } from "~/components/workshop-materials";
import { useCountryName } from "~/i18n/names";
import { getPublicAgenda } from "~/models/public-agenda.server";
import { useRootData } from "~/root";
import styles from "~/styles/workshops.css?url";
import { formatDay, formatTime, timeZoneLabel } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.workshop.title ?? "Agenda"} · FocalPoint` },
  // Public for whoever has the link, not announced to search engines.
  { name: "robots", content: "noindex" },
];

/**
 * Every request asks again (no-cache), so switching the page off takes effect at once, in browsers and in
 * any cache on the way; the language follows the reader's cookie or Accept-Language.
 */
const PUBLIC_PAGE_HEADERS = { "Cache-Control": "no-cache", Vary: "Accept-Language, Cookie" };
export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

/** A workshop's programme for anyone with the link, while its organiser keeps the page on; no sign-in. */
export async function loader({ params }: LoaderFunctionArgs) {
  const agenda = await getPublicAgenda(params.code ?? "");
  if (!agenda) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return data({ ...agenda, code: params.code! }, { headers: PUBLIC_PAGE_HEADERS });
}

export default function PublicAgenda() {
  const { workshop, days, materials, code } = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  const time = (iso: string) => formatTime(iso, locale, workshop.timeZone);
  const fileHref = (fileId: string) => `/agenda/${code}/files/${fileId}`;
  const countryName = useCountryName();
  const host = workshop.hostCountry ? countryName(workshop.hostCountry) : null;
  const place = [workshop.venue, workshop.city, host].filter(Boolean).join(", ");
  const general = materials.filter((m) => !m.sessionId);
  const hasSessions = days.some((d) => d.sessions.length > 0);
  return (
    <div className="public-agenda-page">
      <header className="public-agenda-top no-print">
        <BrandLink to="/login" />
        <LanguageSwitcher current={locale} />
      </header>
      <main id="main" className="public-agenda">
        <h1>{workshop.title}</h1>
        <dl className="public-agenda-facts">
          <dt>{t("publicPage.when")}</dt>
          <dd>
            {workshop.startsOn === workshop.endsOn
              ? formatDay(workshop.startsOn, locale, "long")
              : t("publicPage.dates", {
                  from: formatDay(workshop.startsOn, locale, "long"),
                  to: formatDay(workshop.endsOn, locale, "long"),
                })}
          </dd>
          {place ? (
            <>
              <dt>{t("publicPage.venue")}</dt>
              <dd>{place}</dd>
            </>
          ) : null}
          {workshop.organisers ? (
            <>
              <dt>{t("publicPage.organisers")}</dt>
              <dd>{workshop.organisers}</dd>
            </>
          ) : null}
        </dl>
        <p className="muted small">{t("timesIn", { zone: timeZoneLabel(workshop.timeZone, locale) })}</p>
        <div className="cluster no-print">
          <a href={`/agenda/${code}/calendar.ics`} download className="button button-secondary">
            {t("agendaPage.downloadIcs")}
          </a>
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            {t("agendaPage.print")}
          </button>
        </div>

        {general.length ? (
          <section className="card public-agenda-materials" aria-labelledby="materials-heading">
            <h2 id="materials-heading">{t("materials.forWholeWorkshop")}</h2>
            <MaterialItems materials={general} fileHref={fileHref} />
          </section>
        ) : null}

        <h2 className="public-agenda-programme">{t("publicPage.programme")}</h2>
        {hasSessions ? null : <p className="empty">{t("publicPage.noSessions")}</p>}
        {days.map(({ day, sessions }, dayIndex) =>
          sessions.length ? (
            <section key={day} className="card agenda-day" aria-labelledby={`day-${day}`}>
              <h3 id={`day-${day}`}>{t("dayHeading", { n: dayIndex + 1, date: formatDay(day, locale, "long") })}</h3>
              <ol className="agenda-sessions">
                {sessions.map((s) => {
                  const ofSession = materials.filter((m) => m.sessionId === s.id);
                  return (
                    <li key={s.id} className="agenda-session" id={`session-${s.id}`}>
                      <div className="agenda-time">
                        {time(s.startsAt)}–{time(s.endsAt)}
                      </div>
                      <div className="agenda-body">
                        <p className="agenda-title">
                          <strong>{s.title}</strong>{" "}
                          <span className="badge badge-neutral">{t(`sessionTypes.${s.sessionType}`)}</span>
                        </p>
                        {s.description ? <p className="small muted pre-line">{s.description}</p> : null}
                        {s.speakers.length ? (
                          <p className="small">
                            {s.speakers.map((sp) => `${sp.name} (${t(`speakerRoles.${sp.role}`)})`).join(", ")}
                          </p>
                        ) : null}
                        {ofSession.length ? (
                          <div
                            className="session-materials"
                            role="group"
                            aria-label={t("materials.ofSession", { title: s.title })}
                          >
                            <MaterialItems materials={ofSession} fileHref={fileHref} />
                          </div>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </section>
          ) : null,
        )}
        <p className="public-agenda-sign-in no-print small">
          <Link to="/login">{t("publicPage.signIn")}</Link>
        </p>
      </main>
    </div>
  );
}
