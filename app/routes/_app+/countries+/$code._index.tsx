import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName, useSectorName, countryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { LiveStatus } from "~/components/live-status";
import { PersonChip } from "~/components/person-chip";
import { MilestoneStatusBadge, PlanStatusBadge } from "~/components/status-badges";
import { getCountryProfile } from "~/models/country.server";
import { countryMilestoneOverview } from "~/models/priority-sector.server";
import { topic } from "~/realtime/topics";
import { useLiveUpdates } from "~/realtime/use-live-updates";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";
import { CountryCodeParam, parseParam } from "~/utils/params";
import styles from "~/styles/directory.css?url";
import { ORGANISATION_KINDS, parseWord } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => (data ? countryName(t, data.country) : t("directory:countries.title")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "country.read");
  const country = await getCountryProfile(parseParam(CountryCodeParam, params.code), user);
  if (!country) throw new Response("Not found", { status: 404 });
  const readsMilestones = can(user, "milestone.read", { countryId: country.id });
  const countryMilestones = readsMilestones ? (await countryMilestoneOverview(country.id)).countryMilestones : null;
  return {
    country,
    countryMilestones,
    canEdit: can(user, "country.edit", { countryId: country.id }),
    canUseSpreadsheet: can(user, "progress.spreadsheet", { countryId: country.id }),
  };
}

export default function CountryPage() {
  const { country, countryMilestones, canEdit, canUseSpreadsheet } = useLoaderData<typeof loader>();
  const { t } = useTranslation("directory");
  const { t: tm } = useTranslation("milestones");
  const { t: tc } = useTranslation("common");
  const { t: tp } = useTranslation("plans");
  const countryName = useCountryName();
  const sectorName = useSectorName();
  const locale = useRootData()?.locale ?? "en";
  const status = useLiveUpdates([topic.countryFor(country.id, countryMilestones !== null)]);
  const focalPoints = country.roles.filter((r) => r.role === "focal_point");
  const taskForce = country.roles.filter((r) => r.role === "task_force");
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/countries">{t("countries.title")}</Link>
      </nav>
      <PageHeader
        title={
          <>
            <span className="country-code">{country.code}</span> {countryName(country)}
          </>
        }
        intro={country.nqfName}
      >
        <div className="cluster">
          <LiveStatus status={status} />
          {canUseSpreadsheet ? (
            <Link to="progress" className="button button-secondary">
              {tp("progressSheet.open")}
            </Link>
          ) : null}
          {canEdit ? (
            <Link to="edit" className="button button-secondary">
              {t("countries.edit")}
            </Link>
          ) : null}
        </div>
      </PageHeader>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="overview-heading">
          <h2 id="overview-heading">{t("countries.overview")}</h2>
          {country.overview ? (
            <p className="pre-line">{country.overview}</p>
          ) : (
            <p className="empty">{t("countries.noOverview")}</p>
          )}
        </section>
        <section className="card" aria-labelledby="people-heading">
          <h2 id="people-heading">{t("countries.people")}</h2>
          <h3>{t("countries.focalPoints")}</h3>
          {focalPoints.length ? (
            <ul className="list">
              {focalPoints.map((r) => (
                <li key={r.user.id}>
                  <PersonChip person={r.user} detail={r.user.position} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("countries.noFocalPoint")}</p>
          )}
          <h3>{t("countries.taskForce")}</h3>
          {taskForce.length ? (
            <ul className="list">
              {taskForce.map((r) => (
                <li key={r.user.id}>
                  <PersonChip person={r.user} detail={[r.label, r.user.position].filter(Boolean).join(" · ")} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("countries.nobody")}</p>
          )}
        </section>
        {country.plans ? (
          <section className="card" aria-labelledby="plans-heading">
            <h2 id="plans-heading">{t("countries.plans")}</h2>
            {country.plans.length ? (
              <ul className="list">
                {country.plans.map((p) => (
                  <li key={p.id} className="plan-line">
                    <Link to={`/action-plans/${p.id}`}>{p.title}</Link>
                    <PlanStatusBadge status={p.status} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t("countries.noPlan")}</p>
            )}
            {country.milestones ? (
              <>
                <h3>{t("countries.milestones")}</h3>
                <p>{t("countries.milestonesSummary", country.milestones)}</p>
              </>
            ) : null}
          </section>
        ) : null}
        <section className="card" aria-labelledby="sectors-heading">
          <h2 id="sectors-heading">{t("countries.prioritySectors")}</h2>
          {country.prioritySectors.length ? (
            <div className="cluster">
              {country.prioritySectors.map((s) => (
                <span key={s.sector.code} className="badge badge-brand">
                  {sectorName(s.sector)}
                </span>
              ))}
            </div>
          ) : (
            <p className="empty">{t("countries.noSectors")}</p>
          )}
          {countryMilestones ? (
            <p className="sectors-link">
              <Link to="sectors">{tm("sectors.manage")}</Link>
            </p>
          ) : null}
        </section>
        {countryMilestones ? (
          <section className="card" aria-labelledby="country-milestones-heading">
            <h2 id="country-milestones-heading">{tm("countryPage.title")}</h2>
            {countryMilestones.length ? (
              <ul className="list">
                {countryMilestones.map((m) => (
                  <li key={m.id} className="plan-line">
                    <div>
                      <Link to={`/milestones/${m.id}`}>
                        {tm(`stageNames.${m.stageCode as "nqf_in_place"}`, { defaultValue: m.stageName })}
                      </Link>
                      {m.achievedOn || m.targetOn ? (
                        <div className="small muted">
                          {m.achievedOn
                            ? tm("countryPage.achieved", { date: formatDay(m.achievedOn, locale) })
                            : tm("countryPage.target", { date: formatDay(m.targetOn, locale) })}
                        </div>
                      ) : null}
                    </div>
                    <span className="cluster">
                      <MilestoneStatusBadge status={m.status} />
                      {m.overdue ? <span className="badge badge-warn">{tm("page.overdue")}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{tm("countryPage.none")}</p>
            )}
          </section>
        ) : null}
        <section className="card" aria-labelledby="organisations-heading">
          <h2 id="organisations-heading">{t("countries.organisations")}</h2>
          {country.organisations.length ? (
            <ul className="list">
              {country.organisations.map((o) => (
                <li key={o.id}>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                  <div className="small muted">{tc(`organisationKinds.${parseWord(ORGANISATION_KINDS, o.kind)}`)}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("countries.noOrganisations")}</p>
          )}
        </section>
        <section className="card" aria-labelledby="workshops-heading">
          <h2 id="workshops-heading">{t("countries.workshops")}</h2>
          {country.hostedWorkshops.length ? (
            <ul className="list">
              {country.hostedWorkshops.map((w) => (
                <li key={w.id}>
                  <Link to={`/workshops/${w.id}`}>{w.title}</Link>
                  <div className="small muted">
                    {formatDay(w.startsOn, locale)} – {formatDay(w.endsOn, locale)}
                    {w.city ? ` · ${w.city}` : ""}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("countries.noWorkshops")}</p>
          )}
        </section>
      </div>
    </>
  );
}
