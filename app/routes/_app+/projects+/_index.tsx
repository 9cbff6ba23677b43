import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { PageHeader } from "~/components/page-header";
import { titleMeta } from "~/i18n/page-title";
import { useCountryName } from "~/i18n/names";
import { listProjects } from "~/models/project.server";
import { useRootData } from "~/root";
import { formatDay } from "~/utils/format";

export const meta = titleMeta("results:title");

/** The donor projects the person may read (decision 022). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const projects = (await listProjects()).filter((p) =>
    can(user, "project.read", { projectCountryIds: p.countries.map((c) => c.country.id) }),
  );
  return { projects };
}

export default function Projects() {
  const { projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation("results");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {projects.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className="card-list project-list">
          {projects.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/projects/${p.id}`}>{p.title}</Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t("project.donor")}</dt>
                  <dd>{p.donor}</dd>
                </div>
                <div>
                  <dt>{t("project.agency")}</dt>
                  <dd>{p.implementingAgency}</dd>
                </div>
                <div>
                  <dt>{t("project.duration")}</dt>
                  <dd>
                    {formatDay(p.startsOn, locale)} – {formatDay(p.endsOn, locale)}
                  </dd>
                </div>
                <div>
                  <dt>{t("project.countries")}</dt>
                  <dd>{p.countries.map((c) => countryName(c.country)).join(", ")}</dd>
                </div>
                <div>
                  <dt>{t("project.indicators")}</dt>
                  <dd>{p._count.indicators}</dd>
                </div>
                <div>
                  <dt>{t("project.periods")}</dt>
                  <dd>{p._count.periods}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
