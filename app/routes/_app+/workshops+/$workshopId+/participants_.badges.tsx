import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { listBadges } from "~/models/participant-badge.server";
import { workshopAccess } from "~/models/workshop.server";
import { NameBadge } from "~/components/name-badge";
import { IdParam, parseParam } from "~/utils/params";
import styles from "~/styles/participants.css?url";
import badgeStyles from "~/styles/badges.css?url";
import { useWorkshopLayout } from "./_layout";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: badgeStyles },
];
export const meta = titleMeta("participants:badge.title");

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
          <NameBadge key={b.id} badge={b} workshop={workshop} />
        ))}
      </div>
    </>
  );
}
