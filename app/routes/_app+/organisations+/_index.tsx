import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { FilterBar, FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { listCountries } from "~/models/country.server";
import { listOrganisations } from "~/models/organisation.server";
import { ORGANISATION_KINDS, parseWord } from "~/domain/vocabulary";
import styles from "~/styles/directory.css?url";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta = titleMeta("directory:organisations.title");

/** "regional" stands for organisations without a country (ILO, IOM, the Secretariat, donors). */
const REGIONAL = "regional";

const Filters = z.object({
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  country: z
    .union([z.literal(REGIONAL), z.string().regex(/^[a-z0-9]{10,40}$/)])
    .optional()
    .catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory.read");
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const countryId = filters.country === REGIONAL ? null : filters.country;
  const [organisations, countries] = await Promise.all([
    listOrganisations({ kind: filters.kind, countryId }),
    listCountries(),
  ]);
  return { organisations, countries, filters, canManage: can(user, "reference.manage") };
}

export default function Organisations() {
  const { organisations, countries, filters, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("directory");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/people">{t("people.title")}</Link>
      </nav>
      <PageHeader title={t("organisations.title")} intro={t("organisations.intro")}>
        {canManage ? (
          <Link to="/organisations/new" className="button">
            {t("organisations.add")}
          </Link>
        ) : null}
      </PageHeader>
      <FilterBar submitLabel={tc("actions.filter")}>
        <FilterSelect
          name="kind"
          label={t("organisations.kind")}
          anyLabel={t("people.anyKind")}
          value={filters.kind}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: tc(`organisationKinds.${k}`) }))}
        />
        <div className="field">
          <label htmlFor="country">{t("organisations.country")}</label>
          <select id="country" name="country" defaultValue={filters.country ?? ""}>
            <option value="">{t("organisations.anyCountry")}</option>
            <option value={REGIONAL}>{t("organisations.regionalOnly")}</option>
            {countries.map((c) => (
              <option key={c.id} value={c.id}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </div>
      </FilterBar>
      <p className="muted small">{t("organisations.count", { count: organisations.length })}</p>
      <div className="table-wrap stack-table">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("organisations.name")}</th>
              <th scope="col">{t("organisations.kind")}</th>
              <th scope="col">{t("organisations.country")}</th>
              <th scope="col" className="num">
                {t("organisations.people")}
              </th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                  {o.acronym ? <span className="small muted"> ({o.acronym})</span> : null}
                </td>
                <td data-label={t("organisations.kind")}>
                  {tc(`organisationKinds.${parseWord(ORGANISATION_KINDS, o.kind)}`)}
                </td>
                <td data-label={t("organisations.country")}>
                  {o.country ? (
                    <span className="country-code">{o.country.code}</span>
                  ) : (
                    <span className="small muted">{t("organisations.regional")}</span>
                  )}
                </td>
                <td className="num" data-label={t("organisations.people")}>
                  {o._count.people}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
