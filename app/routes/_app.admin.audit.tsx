import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { listAuditEvents } from "~/models/audit.server";
import { listCountries } from "~/models/country.server";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "History · FocalPoint" }];

const ENTITY_TYPES = ["user", "country", "organisation", "action_plan", "action_item", "milestone", "workshop", "participant", "outcome"] as const;

const Filters = z.object({
  entity: z.enum(ENTITY_TYPES).optional().catch(undefined),
  country: z.string().regex(/^[a-z0-9]{10,40}$/).optional().catch(undefined),
  before: z.string().datetime().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.read");
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ events, hasMore }, countries] = await Promise.all([
    listAuditEvents({ entityType: filters.entity, countryId: filters.country, before: filters.before ? new Date(filters.before) : undefined, take: 50 }),
    listCountries(),
  ]);
  return {
    events: events.map((e) => ({ ...e, changes: e.changes ? (JSON.parse(e.changes) as Record<string, [unknown, unknown]>) : null })),
    hasMore,
    countries,
    filters,
  };
}

const show = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : typeof value === "string" ? value : JSON.stringify(value));

export default function AuditLog() {
  const { events, hasMore, countries, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const location = useLocation();
  const olderLink = () => {
    const params = new URLSearchParams(location.search);
    params.set("before", new Date(events[events.length - 1]!.createdAt).toISOString());
    return `?${params}`;
  };
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/admin">{t("title")}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>{t("audit.title")}</h1>
          <p>{t("audit.intro")}</p>
        </div>
      </header>
      <Form method="get" className="filters">
        <FilterSelect
          name="entity"
          label={t("audit.entity")}
          anyLabel={t("audit.anyEntity")}
          value={filters.entity}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: e.replace("_", " ") }))}
        />
        <FilterSelect
          name="country"
          label={t("audit.country")}
          anyLabel={t("audit.anyCountry")}
          value={filters.country}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit" className="button-secondary">
          {tc("actions.filter")}
        </button>
      </Form>
      {events.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.country")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="small">{formatDateTime(e.createdAt, locale)}</td>
                  <td>{e.actor?.name ?? t("audit.system")}</td>
                  <td>
                    {e.summary}
                    <div className="small muted">{e.action}</div>
                  </td>
                  <td>{e.country ? <span className="country-code">{e.country.code}</span> : "—"}</td>
                  <td>
                    {e.changes ? (
                      <ul className="changes">
                        {Object.entries(e.changes).map(([field, [from, to]]) => (
                          <li key={field}>
                            <strong>{field}</strong>: {show(from)} → {show(to)}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label={tc("pagination.label")}>
        {filters.before ? <Link to={`?${new URLSearchParams({ ...(filters.entity ? { entity: filters.entity } : {}), ...(filters.country ? { country: filters.country } : {}) })}`}>{t("audit.newest")}</Link> : null}
        {hasMore ? <Link to={olderLink()}>{t("audit.older")} →</Link> : null}
      </nav>
    </>
  );
}
