import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { roleLabels } from "~/components/app-shell";
import { Pagination } from "~/components/pagination";
import { initials } from "~/components/person-chip";
import { listCountries } from "~/models/country.server";
import { listPeople } from "~/models/directory.server";
import { ORGANISATION_KINDS, ROLES } from "~/domain/vocabulary";
import styles from "~/styles/directory.css?url";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta = titleMeta("directory:people.title");

const Filters = z.object({
  q: z.string().max(100).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .optional()
    .catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "directory.read");
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, countries] = await Promise.all([
    listPeople({
      query: filters.q,
      countryId: filters.country,
      role: filters.role,
      kind: filters.kind,
      page: filters.page,
      includeDisabled: can(user, "user.manage"),
    }),
    listCountries(),
  ]);
  return { ...result, countries, filters };
}

export default function People() {
  const { people, total, page, pages, countries, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation("directory");
  const { t: tc } = useTranslation("common");
  const tr = tc as unknown as (key: string, values?: Record<string, string>) => string;
  return (
    <>
      <PageHeader title={t("people.title")} intro={t("people.intro")}>
        <Link to="/organisations" className="button button-secondary">
          {t("organisations.title")}
        </Link>
      </PageHeader>
      <Form method="get" className="filters" role="search">
        <div className="field search-field">
          <label htmlFor="q">{t("people.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <FilterSelect
          name="country"
          label={t("people.country")}
          anyLabel={t("people.anyCountry")}
          value={filters.country}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="role"
          label={t("people.role")}
          anyLabel={t("people.anyRole")}
          value={filters.role}
          options={ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
        />
        <FilterSelect
          name="kind"
          label={t("people.kind")}
          anyLabel={t("people.anyKind")}
          value={filters.kind}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: tc(`organisationKinds.${k}`) }))}
        />
        <button type="submit" className="button-secondary">
          {tc("actions.search")}
        </button>
      </Form>
      <p className="muted small">{t("people.count", { count: total })}</p>
      {people.length === 0 ? (
        <p className="empty">{t("people.noMatch")}</p>
      ) : (
        <div className="table-wrap stack-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("people.name")}</th>
                <th scope="col">{t("people.organisation")}</th>
                <th scope="col">{t("people.country")}</th>
                <th scope="col">{t("people.roles")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <div className="person">
                      <span className="avatar" aria-hidden="true">
                        {initials(p.name)}
                      </span>
                      <div>
                        <Link to={`/people/${p.id}`}>{p.name}</Link>{" "}
                        {p.status !== "active" ? (
                          <span className="badge badge-neutral">
                            {t(p.status === "invited" ? "people.invited" : "people.disabled")}
                          </span>
                        ) : null}
                        {p.position ? <div className="small muted">{p.position}</div> : null}
                      </div>
                    </div>
                  </td>
                  <td data-label={t("people.organisation")}>
                    {p.organisation ? (
                      <Link to={`/organisations/${p.organisation.id}`} title={p.organisation.name}>
                        {p.organisation.acronym ?? p.organisation.name}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td data-label={t("people.country")}>
                    {p.country ? <span className="country-code">{p.country.code}</span> : "—"}
                  </td>
                  <td className="small" data-label={t("people.roles")}>
                    {roleLabels(
                      { roles: p.roles.map((r) => ({ role: r.role, countryCode: r.country?.code ?? null })) },
                      tr,
                    ).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </>
  );
}
