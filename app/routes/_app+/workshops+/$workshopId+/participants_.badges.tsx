import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { listBadges } from "~/models/participant-badge.server";
import { workshopAccess } from "~/models/workshop.server";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import styles from "~/styles/participants.css?url";
import badgeStyles from "~/styles/badges.css?url";
import { useWorkshopLayout } from "./_layout";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: badgeStyles },
];
export const meta: MetaFunction = () => [{ title: "Badges · FocalPoint" }];

/** Printable badges, all of them or one (?participant=…); only the workshop's facilitators print them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  await workshopAccess(user, workshopId, "manage");
  const one = new URL(request.url).searchParams.get("participant");
  return { badges: await listBadges(workshopId, one && IdParam.safeParse(one).success ? one : undefined) };
}

export default function Badges() {
  const { badges } = useLoaderData<typeof loader>();
  const { workshop } = useWorkshopLayout();
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  const dates =
    workshop.startsOn === workshop.endsOn
      ? formatDay(workshop.startsOn, locale)
      : `${formatDay(workshop.startsOn, locale)} – ${formatDay(workshop.endsOn, locale)}`;
  return (
    <>
      <div className="section-header no-print">
        <div>
          <h2>{t("badge.title")}</h2>
          <p className="muted small">{t("badge.intro")}</p>
        </div>
        <button type="button" onClick={() => window.print()} disabled={badges.length === 0}>
          {t("badge.print")}
        </button>
      </div>
      {badges.length === 0 ? <p className="empty">{t("badge.none")}</p> : null}
      <div className="badge-sheet">
        {badges.map((b) => (
          <article key={b.id} className="name-badge" aria-label={t("badge.one", { name: b.name })}>
            <header className="name-badge-event">
              <strong>{workshop.title}</strong>
              <span>
                {dates}
                {workshop.city ? ` · ${workshop.city}` : ""}
              </span>
            </header>
            <div className="name-badge-person">
              <p className="name-badge-name">{b.name}</p>
              {b.organisationName ? <p className="name-badge-org">{b.organisationName}</p> : null}
              <p className="name-badge-meta">
                {b.country ? <span className="country-code">{b.country.code}</span> : null} {b.country?.name ?? ""}
              </p>
              <p className="name-badge-category">{tw(`categories.${b.category as "focal_point"}`)}</p>
            </div>
            <figure className="name-badge-qr">
              <div
                role="img"
                aria-label={t("badge.qrAlt", { name: b.name })}
                dangerouslySetInnerHTML={{ __html: b.qrSvg }}
              />
              <figcaption>
                <span className="visually-hidden">{t("badge.codeLabel")}: </span>
                <code>{b.code}</code>
              </figcaption>
            </figure>
          </article>
        ))}
      </div>
    </>
  );
}
