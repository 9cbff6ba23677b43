import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { LiveStatus } from "~/components/live-status";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import styles from "~/styles/workshops.css?url";
import { formatDay } from "~/utils/format";
import { requireWorkshopAccess } from "~/routes/_app+/workshops+/workshop-access.server";
import { parseWord, WORKSHOP_KINDS } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data?.workshop.title ?? t("workshops:title"));

/**
 * Every page of one workshop (overview, agenda, participants, attendance,
 * outcomes) shares this header and follows the workshop's live topic, so a
 * check-in or a new session shows on every open tab.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop, canManage } = await requireWorkshopAccess(request, params.workshopId);
  return { workshop, canManage };
}

/** This layout's route id (its file path), by which the workshop's pages read its data. */
export const WORKSHOP_LAYOUT_ID = "routes/_app+/workshops+/$workshopId+/_layout";

/** The header's data for the workshop's child pages. */
export function useWorkshopLayout() {
  return useRouteLoaderData<typeof loader>(WORKSHOP_LAYOUT_ID)!;
}

export default function WorkshopLayout() {
  const { workshop, canManage } = useLoaderData<typeof loader>();
  return (
    <WorkshopFrame workshop={workshop} canManage={canManage}>
      <Outlet />
    </WorkshopFrame>
  );
}

/**
 * A page of the workshop that fails (an unknown session, a refused tab) keeps the workshop's
 * header and tabs, so the way back is one click; when the workshop itself cannot be read,
 * the app's frame says why.
 */
export function ErrorBoundary() {
  const layout = useRouteLoaderData<typeof loader>(WORKSHOP_LAYOUT_ID);
  if (!layout) return <GeneralErrorBoundary />;
  return (
    <WorkshopFrame workshop={layout.workshop} canManage={layout.canManage}>
      <GeneralErrorBoundary />
    </WorkshopFrame>
  );
}

function WorkshopFrame({
  workshop,
  canManage,
  children,
}: ReturnType<typeof useLoaderData<typeof loader>> & { children: ReactNode }) {
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const countryName = useCountryName();
  const status = useLiveUpdates([topic.workshop(workshop.id)]);
  const tabs = [
    { to: ".", label: t("tabs.overview"), end: true },
    { to: "agenda", label: t("tabs.agenda") },
    { to: "participants", label: t("tabs.participants") },
    { to: "attendance", label: t("tabs.attendance") },
    { to: "outcomes", label: t("tabs.outcomes") },
  ];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/workshops">{t("title")}</Link>
      </nav>
      <PageHeader
        title={workshop.title}
        intro={
          <>
            {tc(`workshopKinds.${parseWord(WORKSHOP_KINDS, workshop.kind)}`)} ·{" "}
            {formatDay(workshop.startsOn, locale, "long")}
            {workshop.endsOn !== workshop.startsOn ? ` – ${formatDay(workshop.endsOn, locale, "long")}` : ""}
            {workshop.venue || workshop.city ? ` · ${[workshop.venue, workshop.city].filter(Boolean).join(", ")}` : ""}
            {workshop.hostCountry ? ` (${countryName(workshop.hostCountry)})` : ""}
          </>
        }
      >
        <div className="cluster no-print">
          <LiveStatus status={status} />
          {canManage ? (
            <Link to="edit" className="button button-secondary">
              {t("editWorkshop")}
            </Link>
          ) : null}
        </div>
      </PageHeader>
      <nav className="tabs" aria-label={t("sections")}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} prefetch="intent">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      {children}
    </>
  );
}
