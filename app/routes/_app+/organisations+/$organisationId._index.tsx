import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { PersonChip } from "~/components/person-chip";
import { getOrganisation } from "~/models/organisation.server";
import { IdParam, parseParam } from "~/utils/params";
import { ORGANISATION_KINDS, parseWord } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, () => [data?.organisation.name]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory.read");
  const organisation = await getOrganisation(parseParam(IdParam, params.organisationId));
  if (!organisation) throw new Response("Not found", { status: 404 });
  return { organisation, canManage: can(user, "reference.manage") };
}

export default function OrganisationPage() {
  const { organisation, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("directory");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/organisations">{t("organisations.title")}</Link>
      </nav>
      <PageHeader
        title={`${organisation.name}${organisation.acronym ? ` (${organisation.acronym})` : ""}`}
        intro={
          <>
            {tc(`organisationKinds.${parseWord(ORGANISATION_KINDS, organisation.kind)}`)} ·{" "}
            {organisation.country ? (
              <Link to={`/countries/${organisation.country.code.toLowerCase()}`}>
                {countryName(organisation.country)}
              </Link>
            ) : (
              t("organisations.regional")
            )}
            {organisation.website ? (
              <>
                {" · "}
                <a href={organisation.website} rel="noreferrer noopener">
                  {organisation.website}
                </a>
              </>
            ) : null}
          </>
        }
      >
        {canManage ? (
          <Link to="edit" className="button button-secondary">
            {t("organisations.edit")}
          </Link>
        ) : null}
      </PageHeader>
      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading">{t("organisations.people")}</h2>
        {organisation.people.length ? (
          <ul className="list">
            {organisation.people.map((p) => (
              <li key={p.id}>
                <PersonChip person={p} detail={p.position} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("countries.nobody")}</p>
        )}
      </section>
    </>
  );
}
