import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useActivityText } from "~/i18n/activity";
import { AdminBreadcrumbs } from "~/components/admin-breadcrumbs";
import { PageHeader } from "~/components/page-header";
import { FilterBar, FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { listAuditEvents, listAuditFilterOptions } from "~/models/audit.server";
import { listCountries } from "~/models/country.server";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/format";
import { IdParam } from "~/utils/params";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("admin:audit.title");

const Filters = z.object({
  entity: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  actor: IdParam.optional().catch(undefined),
  country: IdParam.optional().catch(undefined),
  after: IdParam.optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.read");
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ events, hasMore }, countries, options] = await Promise.all([
    listAuditEvents({
      entityType: filters.entity,
      actorId: filters.actor,
      countryId: filters.country,
      afterId: filters.after,
      take: 50,
    }),
    listCountries(),
    listAuditFilterOptions(),
  ]);
  return {
    events: events.map((e) => ({
      ...e,
      changes: e.changes ? (JSON.parse(e.changes) as Record<string, [unknown, unknown]>) : null,
    })),
    hasMore,
    countries,
    ...options,
    filters,
  };
}

/** Where a history row's record can be opened, for the kinds that have a page of their own. */
function entityHref(entityType: string, entityId: string): string | null {
  switch (entityType) {
    case "user":
      return `/admin/users/${entityId}`;
    case "organisation":
      return `/organisations/${entityId}`;
    case "action_plan":
      return `/action-plans/${entityId}`;
    case "workshop":
      return `/workshops/${entityId}`;
    default:
      return null;
  }
}

const show = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : typeof value === "string"
      ? value
      : JSON.stringify(value);

export default function AuditLog() {
  const { events, hasMore, countries, entityTypes, actors, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const activityText = useActivityText(locale);
  const location = useLocation();
  const entityLabel = (type: string) =>
    t(`audit.entityTypes.${type as "user"}`, { defaultValue: type.replace(/_/g, " ") });
  const pageLink = (after: string | null) => {
    const params = new URLSearchParams(location.search);
    if (after) params.set("after", after);
    else params.delete("after");
    return `?${params}`;
  };
  return (
    <>
      <AdminBreadcrumbs />
      <PageHeader title={t("audit.title")} intro={t("audit.intro")} />
      <FilterBar submitLabel={tc("actions.filter")}>
        <FilterSelect
          name="entity"
          label={t("audit.entity")}
          anyLabel={t("audit.anyEntity")}
          value={filters.entity}
          options={entityTypes.map((type) => ({ value: type, label: entityLabel(type) }))}
        />
        <FilterSelect
          name="actor"
          label={t("audit.who")}
          anyLabel={t("audit.anyActor")}
          value={filters.actor}
          options={actors.map((a) => ({ value: a.id, label: a.name }))}
        />
        <FilterSelect
          name="country"
          label={t("audit.country")}
          anyLabel={t("audit.anyCountry")}
          value={filters.country}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
      </FilterBar>
      {events.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap stack-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.country")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const href = entityHref(e.entityType, e.entityId);
                return (
                  <tr key={e.id}>
                    <td className="small">{formatDateTime(e.createdAt, locale)}</td>
                    <td data-label={t("audit.who")}>{e.actor?.name ?? t("audit.system")}</td>
                    <td>
                      {activityText(e)}
                      <div className="small muted">{e.action}</div>
                    </td>
                    <td data-label={t("audit.entity")}>
                      {href ? <Link to={href}>{entityLabel(e.entityType)}</Link> : entityLabel(e.entityType)}
                    </td>
                    <td data-label={t("audit.country")}>
                      {e.country ? <span className="country-code">{e.country.code}</span> : "—"}
                    </td>
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
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label={tc("pagination.label")}>
        {filters.after ? <Link to={pageLink(null)}>{t("audit.newest")}</Link> : null}
        {hasMore ? <Link to={pageLink(events[events.length - 1]!.id)}>{t("audit.older")} →</Link> : null}
      </nav>
    </>
  );
}
