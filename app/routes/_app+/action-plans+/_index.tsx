import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { PageHeader } from "~/components/page-header";
import { FilterBar, FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { PlanStatusBadge } from "~/components/status-badges";
import { listPlans } from "~/models/action-plan.server";
import { listReadableCountries } from "~/models/country.server";
import { PLAN_STATUSES } from "~/domain/vocabulary";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("plans:title");

const Filters = z.object({
  country: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .optional()
    .catch(undefined),
  status: z.enum(PLAN_STATUSES).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [plans, countries] = await Promise.all([
    listPlans(user, { countryId: filters.country, status: filters.status }),
    listReadableCountries(user),
  ]);
  const canCreate = user.roles.some((r) => can(user, "plan.create", { countryId: r.countryId }));
  return { plans, countries, filters, canCreate };
}

export default function ActionPlans() {
  const { plans, countries, filters, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")}>
        {canCreate ? (
          <Link to="/action-plans/new" className="button">
            {t("create.button")}
          </Link>
        ) : null}
      </PageHeader>
      <FilterBar submitLabel={tc("actions.filter")}>
        <FilterSelect
          name="country"
          label={t("country")}
          anyLabel={t("anyCountry")}
          value={filters.country}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="status"
          label={t("status")}
          anyLabel={t("anyStatus")}
          value={filters.status}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: tc(`planStatuses.${s}`) }))}
        />
      </FilterBar>
      {plans.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("country")}</th>
                <th scope="col">{t("plan")}</th>
                <th scope="col">{t("period")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col" className="num">
                  {t("items")}
                </th>
                <th scope="col" className="num">
                  {t("overdueItems")}
                </th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <td>
                    <span className="country-code">{p.country.code}</span> {countryName(p.country)}
                  </td>
                  <td>
                    <Link to={`/action-plans/${p.id}`}>{p.title}</Link>
                  </td>
                  <td>
                    {p.periodStart}–{p.periodEnd}
                  </td>
                  <td>
                    <PlanStatusBadge status={p.status} returned={p.returned} />
                  </td>
                  <td className="num">{p.itemCount}</td>
                  <td className="num">
                    {p.overdueCount ? <span className="badge badge-warn">{p.overdueCount}</span> : 0}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
