import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { can } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { signInSheets } from "~/models/sign-in-sheet.server";
import { workshopAccess } from "~/models/workshop.server";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import styles from "~/styles/sign-in-sheets.css?url";
import { useWorkshopLayout } from "./_layout";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("participants:sheets.title");

/** Printable sign-in sheets, one page per day or (?by=session) per agenda session, for those who run the desk. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { workshop } = await workshopAccess(user, parseParam(IdParam, params.workshopId));
  if (!can(user, "workshop.sheets.print", { facilitatorIds: workshop.facilitatorIds }))
    throw new Response("Forbidden", { status: 403 });
  const by = new URL(request.url).searchParams.get("by") === "session" ? "session" : "day";
  return signInSheets(workshop, by);
}

export default function SignInSheets() {
  const { by, hasSessions, sheets, people, walkInLines } = useLoaderData<typeof loader>();
  const { workshop } = useWorkshopLayout();
  const { t } = useTranslation("participants");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const place = [workshop.venue, workshop.city].filter(Boolean).join(", ");
  const blankLines = Array.from({ length: walkInLines }, (_, i) => people.length + i + 1);
  return (
    <>
      <div className="section-header no-print">
        <div>
          <h2>{t("sheets.title")}</h2>
          <p className="muted small">{t("sheets.intro", { count: people.length })}</p>
        </div>
        <div className="cluster">
          {hasSessions ? (
            <nav aria-label={t("sheets.layout")} className="cluster sheet-layouts">
              <Link to="?by=day" aria-current={by === "day" ? "page" : undefined} className="button button-ghost">
                {t("sheets.perDay")}
              </Link>
              <Link
                to="?by=session"
                aria-current={by === "session" ? "page" : undefined}
                className="button button-ghost"
              >
                {t("sheets.perSession")}
              </Link>
            </nav>
          ) : null}
          <button type="button" onClick={() => window.print()}>
            {t("sheets.print")}
          </button>
        </div>
      </div>
      {sheets.map((sheet) => {
        const date = t("attendance.dayOption", { n: sheet.dayNumber, date: formatDay(sheet.day, locale, "long") });
        const headingId = `sheet-${sheet.key}`;
        return (
          <section
            key={sheet.key}
            className="sign-in-sheet"
            aria-labelledby={sheet.session ? `${headingId} ${headingId}-session` : headingId}
          >
            <header className="sign-in-sheet-header">
              <p className="sign-in-sheet-event">
                <strong>{workshop.title}</strong>
                {place ? <span>{place}</span> : null}
              </p>
              <h3 id={headingId}>
                {t("sheets.heading")} · {date}
              </h3>
              {sheet.session ? (
                <p className="sign-in-sheet-session" id={`${headingId}-session`}>
                  {sheet.session.startTime}–{sheet.session.endTime} · {sheet.session.title}
                </p>
              ) : null}
            </header>
            <table className="sign-in-table">
              <thead>
                <tr>
                  <th scope="col" className="sign-in-number">
                    {t("sheets.number")}
                  </th>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("organisation")}</th>
                  <th scope="col" className="sign-in-country">
                    {t("country")}
                  </th>
                  <th scope="col" className="sign-in-signature">
                    {t("sheets.signature")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p, i) => (
                  <tr key={p.id}>
                    <td className="sign-in-number">{i + 1}</td>
                    <td className="sign-in-name">{p.name}</td>
                    <td>{p.organisation}</td>
                    <td className="sign-in-country">
                      {p.country ? <abbr title={countryName(p.country)}>{p.country.code}</abbr> : null}
                    </td>
                    <td className="sign-in-signature" />
                  </tr>
                ))}
                {blankLines.map((n) => (
                  <tr key={`blank-${n}`} className="sign-in-blank">
                    <td className="sign-in-number">{n}</td>
                    <td />
                    <td />
                    <td className="sign-in-country" />
                    <td className="sign-in-signature" />
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="small muted sign-in-note">{t("sheets.walkInNote")}</p>
          </section>
        );
      })}
    </>
  );
}
