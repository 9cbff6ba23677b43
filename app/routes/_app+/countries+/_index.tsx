import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { LiveStatus } from "~/components/live-status";
import { PlanStatusBadge } from "~/components/status-badges";
import { listCountriesOverview } from "~/models/country.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import { formatPercent } from "~/utils/format";
import styles from "~/styles/directory.css?url";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta = titleMeta("directory:countries.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "country.read");
  return { countries: await listCountriesOverview(user) };
}

export default function Countries() {
  const { countries } = useLoaderData<typeof loader>();
  const { t } = useTranslation("directory");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  // A country whose plans the person may not read (no current plan shown) is followed for its profile only.
  const status = useLiveUpdates(countries.map((c) => topic.countryFor(c.id, c.currentPlan !== undefined)));
  const somePlansHidden = countries.some((c) => c.currentPlan === undefined);
  return (
    <>
      <PageHeader title={t("countries.title")} intro={t("countries.intro")}>
        <LiveStatus status={status} />
      </PageHeader>
      <div className="table-wrap stack-table">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("countries.country")}</th>
              <th scope="col">{t("countries.focalPoints")}</th>
              <th scope="col">{t("countries.nqf")}</th>
              <th scope="col">{t("countries.plan")}</th>
              <th scope="col" className="num">
                {t("countries.progress")}
              </th>
            </tr>
          </thead>
          <tbody>
            {countries.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className="country-code">{c.code}</span>{" "}
                  <Link to={`/countries/${c.code.toLowerCase()}`}>{countryName(c)}</Link>
                </td>
                <td data-label={t("countries.focalPoints")}>
                  {c.focalPoints.length ? (
                    c.focalPoints.map((p, i) => (
                      <span key={p.id}>
                        {i > 0 ? ", " : null}
                        <Link to={`/people/${p.id}`}>{p.name}</Link>
                      </span>
                    ))
                  ) : (
                    <span className="muted">{t("countries.noFocalPoint")}</span>
                  )}
                </td>
                <td className="small" data-label={t("countries.nqf")}>
                  {c.nqfName || "—"}
                </td>
                <td data-label={t("countries.plan")}>
                  {c.currentPlan === undefined ? (
                    <span className="muted">—</span>
                  ) : c.currentPlan ? (
                    <Link to={`/action-plans/${c.currentPlan.id}`}>
                      <PlanStatusBadge status={c.currentPlan.status} />
                    </Link>
                  ) : (
                    <span className="muted">{t("countries.noPlan")}</span>
                  )}
                </td>
                <td className="num" data-label={t("countries.progress")}>
                  {c.milestones && c.milestones.total > 0
                    ? formatPercent(c.milestones.completed / c.milestones.total, locale)
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {somePlansHidden ? <p className="small muted table-note">{t("countries.plansRestricted")}</p> : null}
    </>
  );
}
