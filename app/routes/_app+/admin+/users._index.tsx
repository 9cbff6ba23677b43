import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminBreadcrumbs } from "~/components/admin-breadcrumbs";
import { PageHeader } from "~/components/page-header";
import { FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { requirePermission } from "~/auth/session.server";
import { roleLabels } from "~/components/app-shell";
import { Pagination } from "~/components/pagination";
import { listUsers } from "~/models/user.server";
import { parseWord, ROLES, USER_STATUSES } from "~/domain/vocabulary";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("admin:users.title");

const Filters = z.object({
  q: z.string().max(100).optional(),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user.manage");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = Filters.parse({ ...params, role: params.role || undefined, status: params.status || undefined });
  const result = await listUsers({ query: filters.q, role: filters.role, status: filters.status, page: filters.page });
  return { ...result, filters };
}

export default function AdminUsers() {
  const { users, total, page, pages, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("common");
  const tr = tc as unknown as (key: string, values?: Record<string, string>) => string;
  return (
    <>
      <AdminBreadcrumbs />
      <PageHeader title={t("users.title")} intro={<>{t("users.count", { count: total })}</>}>
        <Link to="/admin/users/new" className="button">
          {t("users.invite")}
        </Link>
      </PageHeader>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("users.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <FilterSelect
          name="role"
          label={t("users.role")}
          anyLabel={t("users.anyRole")}
          value={filters.role}
          options={ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("users.status")}
          anyLabel={t("users.anyStatus")}
          value={filters.status}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`users.statusLabel.${s}`) }))}
        />
        <button type="submit" className="button-secondary">
          {tc("actions.filter")}
        </button>
      </Form>
      {users.length === 0 ? (
        <p className="empty">{t("users.noMatch")}</p>
      ) : (
        <div className="table-wrap stack-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.email")}</th>
                <th scope="col">{t("users.roles")}</th>
                <th scope="col">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                    {u.organisation ? (
                      <div className="small muted">{u.organisation.acronym ?? u.organisation.name}</div>
                    ) : null}
                  </td>
                  <td data-label={t("users.email")}>{u.email}</td>
                  <td data-label={t("users.roles")}>
                    {roleLabels(
                      { roles: u.roles.map((r) => ({ role: r.role, countryCode: r.country?.code ?? null })) },
                      tr,
                    ).join(", ")}
                  </td>
                  <td data-label={t("users.status")}>
                    <span
                      className={`badge ${u.status === "active" ? "badge-ok" : u.status === "invited" ? "badge-info" : "badge-neutral"}`}
                    >
                      {t(`users.statusLabel.${parseWord(USER_STATUSES, u.status)}`)}
                    </span>
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
