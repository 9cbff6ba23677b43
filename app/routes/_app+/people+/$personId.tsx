import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { initials } from "~/components/person-chip";
import { getPerson } from "~/models/directory.server";
import { IdParam, parseParam } from "~/utils/params";
import { parseWord, ROLES } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data?.person.name ?? t("directory:people.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory.read");
  const person = await getPerson(parseParam(IdParam, params.personId));
  const isAdmin = can(user, "user.manage");
  if (!person || (person.status === "disabled" && !isAdmin)) throw new Response("Not found", { status: 404 });
  return { person, isAdmin };
}

export default function PersonPage() {
  const { person, isAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation("directory");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/people">{t("people.title")}</Link>
      </nav>
      <header className="page-header">
        <div className="person">
          <span className="avatar" aria-hidden="true" style={{ width: 56, height: 56, fontSize: "1.1rem" }}>
            {initials(person.name)}
          </span>
          <div>
            <h1>{person.name}</h1>
            <p>{[person.position, person.organisation?.name].filter(Boolean).join(" · ")}</p>
          </div>
        </div>
        {isAdmin ? (
          <Link to={`/admin/users/${person.id}`} className="button button-secondary">
            {t("person.manage")}
          </Link>
        ) : null}
      </header>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t("person.contact")}</h2>
          <dl className="definition-list">
            <dt>{t("person.email")}</dt>
            <dd>
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
            <dt>{t("person.phone")}</dt>
            <dd>{person.phone || "—"}</dd>
            <dt>{t("person.organisation")}</dt>
            <dd>
              {person.organisation ? (
                <Link to={`/organisations/${person.organisation.id}`}>{person.organisation.name}</Link>
              ) : (
                "—"
              )}
            </dd>
            <dt>{t("person.country")}</dt>
            <dd>
              {person.country ? (
                <Link to={`/countries/${person.country.code.toLowerCase()}`}>{countryName(person.country)}</Link>
              ) : (
                "—"
              )}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="roles-heading">
          <h2 id="roles-heading">{t("person.roles")}</h2>
          {person.roles.length ? (
            <ul className="list">
              {person.roles.map((r, i) => (
                <li key={i}>
                  {tc(`roles.${parseWord(ROLES, r.role)}`)}
                  {r.country ? (
                    <>
                      {" · "}
                      <Link to={`/countries/${r.country.code.toLowerCase()}`}>{countryName(r.country)}</Link>
                    </>
                  ) : null}
                  {r.label ? <div className="small muted">{r.label}</div> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("person.noRoles")}</p>
          )}
        </section>
      </div>
    </>
  );
}
