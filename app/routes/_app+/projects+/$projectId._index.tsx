import { Fact } from "~/components/facts";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { PERIOD_KINDS, PERIOD_STATUSES } from "~/domain/indicator-definitions";
import { parseWord } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";
import { useCountryName } from "~/i18n/names";
import { projectFramework } from "~/models/project.server";
import { useRootData } from "~/root";
import styles from "~/styles/results.css?url";
import { formatDay } from "~/utils/format";
import { DefinitionText } from "./__definition";
import { requireProjectAccess } from "./project-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = ({
  data,
  matches,
}: {
  data?: { project: { code: string } };
  matches: { id: string; data?: unknown }[];
}) => metaTitle(matches, () => [data?.project.code]);

/** A donor project: what it is, its results framework and its reporting periods. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, canManage, figuresOf } = await requireProjectAccess(request, params.projectId);
  return { project, canManage, figuresOf, ...(await projectFramework(project.id)) };
}

export default function ProjectPage() {
  const { project, canManage, figuresOf, outcomes, periods } = useLoaderData<typeof loader>();
  const { t } = useTranslation("results");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav")}>
        <Link to="/projects">{t("title")}</Link>
      </nav>
      <PageHeader title={project.title} intro={project.summary}>
        {canManage ? (
          <Link to={`/projects/${project.id}/framework`} className="button">
            {t("project.editFramework")}
          </Link>
        ) : null}
      </PageHeader>
      <dl className="project-facts">
        <Fact term={t("project.code")}>{project.code}</Fact>
        <Fact term={t("project.donor")}>{project.donor}</Fact>
        <Fact term={t("project.agency")}>{project.implementingAgency}</Fact>
        <Fact term={t("project.duration")}>
          {formatDay(project.startsOn, locale)} – {formatDay(project.endsOn, locale)}
        </Fact>
        <Fact term={t("project.countries")}>{project.countries.map((c) => countryName(c)).join(", ")}</Fact>
      </dl>
      {figuresOf !== "all" ? (
        <p className="notice">{t("project.yourCountries", { countries: figuresOf.join(", ") })}</p>
      ) : null}

      <section className="card" aria-labelledby="periods-heading">
        <h2 id="periods-heading">{t("project.periods")}</h2>
        {periods.length === 0 ? (
          <p className="muted">{t("project.noPeriods")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("period.label")}</th>
                  <th scope="col">{t("period.kind")}</th>
                  <th scope="col">{t("period.startsOn")}</th>
                  <th scope="col">{t("period.endsOn")}</th>
                  <th scope="col">{t("period.status")}</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/projects/${project.id}/periods/${p.id}`}>{p.label}</Link>
                    </td>
                    <td>{t(`period.kinds.${parseWord(PERIOD_KINDS, p.kind)}`)}</td>
                    <td>{formatDay(p.startsOn, locale)}</td>
                    <td>{formatDay(p.endsOn, locale)}</td>
                    <td>
                      <span className={`period-status period-status-${p.status}`}>
                        {t(`period.statuses.${parseWord(PERIOD_STATUSES, p.status)}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="framework-heading">
        <h2 id="framework-heading">{t("project.framework")}</h2>
        {outcomes.length === 0 ? <p className="muted">{t("project.noFramework")}</p> : null}
        {outcomes.map((outcome, outcomeIndex) => (
          <div key={outcome.id} className="framework-outcome">
            <h3>
              <span className="framework-number">{t("project.outcome", { number: outcomeIndex + 1 })}</span>{" "}
              {outcome.title}
            </h3>
            {outcome.outputs.map((output, outputIndex) => (
              <div key={output.id} className="framework-output">
                <h4>
                  <span className="framework-number">
                    {t("project.output", { number: `${outcomeIndex + 1}.${outputIndex + 1}` })}
                  </span>{" "}
                  {output.title}
                </h4>
                <ul className="framework-indicators">
                  {output.indicators.map((indicator) => (
                    <li key={indicator.id}>
                      <strong data-user-content>{indicator.title}</strong>{" "}
                      <span className="muted small">
                        ({t("indicator.baseline")} {indicator.baseline}, {t("indicator.target").toLowerCase()}{" "}
                        {indicator.target} <span data-user-content>{indicator.unit}</span>)
                      </span>
                      <br />
                      <span className="small">
                        <DefinitionText counted={indicator.counted} countries={project.countries} />
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))}
      </section>
    </>
  );
}
