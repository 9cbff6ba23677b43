import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "~/components/auth-layout";
import { NameBadge } from "~/components/name-badge";
import { findOwnBadge } from "~/models/participant-badge.server";
import badgeStyles from "~/styles/badges.css?url";
import { metaTitle } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: badgeStyles }];
export const meta: MetaFunction = ({ matches }) => [
  ...metaTitle(matches, (t) => t("registration:badgePage.title")),
  { name: "robots", content: "noindex" },
];

/**
 * A participant's own badge, from the link in their confirmation e-mail: no
 * account needed (a guest or an employers' representative has none). It shows
 * what the printed badge shows; the code alone checks nobody in.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const badge = await findOwnBadge(params.badgeToken ?? "");
  if (!badge) return { badge: null };
  const { workshop, id: _, ...shown } = badge;
  return { badge: shown, workshop };
}

export default function OwnBadge() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("registration");
  if (!data.badge || !data.workshop) {
    return (
      <AuthLayout title={t("badgePage.invalid")}>
        <p className="form-error" role="alert">
          {t("badgePage.invalidBody")}
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t("badgePage.title")}>
      <p>{t("badgePage.intro")}</p>
      <div className="own-badge">
        <NameBadge badge={data.badge} workshop={data.workshop} />
      </div>
      <div className="form-actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t("badgePage.print")}
        </button>
      </div>
    </AuthLayout>
  );
}
