import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { FilterBar, FilterSelect } from "~/components/filter-select";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { listCountries } from "~/models/country.server";
import { listWorkshops, workshopYears } from "~/models/workshop.server";
import { useRootData } from "~/root";
import { parseWord, WORKSHOP_KINDS } from "~/domain/vocabulary";
import { formatDay } from "~/utils/format";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("workshops:title");

const Filters = z.object({
  kind: z.enum(WORKSHOP_KINDS).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[a-z0-9]{10,40}$/)
    .optional()
    .catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workshop.read");
  const filters = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [workshops, countries, years] = await Promise.all([
    listWorkshops({ kind: filters.kind, hostCountryId: filters.country, year: filters.year }),
    listCountries(),
    workshopYears(),
  ]);
  return { ...workshops, countries, years, filters, canCreate: can(user, "workshop.create") };
}

type Workshop = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function WorkshopTable({ workshops, caption }: { workshops: Workshop[]; caption: string }) {
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("title")}</th>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("when")}</th>
            <th scope="col">{t("where")}</th>
            <th scope="col" className="num">
              {t("participants")}
            </th>
          </tr>
        </thead>
        <tbody>
          {workshops.map((w) => (
            <tr key={w.id}>
              <td>
                <Link to={`/workshops/${w.id}`}>{w.title}</Link>
              </td>
              <td className="small">{tc(`workshopKinds.${parseWord(WORKSHOP_KINDS, w.kind)}`)}</td>
              <td className="small">
                {formatDay(w.startsOn, locale)}
                {w.endsOn !== w.startsOn ? ` – ${formatDay(w.endsOn, locale)}` : ""}
              </td>
              <td>
                {w.city}
                {w.hostCountry ? (
                  <>
                    {" "}
                    <span className="country-code">{w.hostCountry.code}</span>
                  </>
                ) : null}
              </td>
              <td className="num">{w._count.participants}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Workshops() {
  const { upcoming, past, countries, years, filters, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")}>
        {canCreate ? (
          <Link to="/workshops/new" className="button">
            {t("newWorkshop")}
          </Link>
        ) : null}
      </PageHeader>
      <FilterBar submitLabel={tc("actions.filter")}>
        <FilterSelect
          name="kind"
          label={t("kind")}
          anyLabel={t("anyKind")}
          value={filters.kind}
          options={WORKSHOP_KINDS.map((k) => ({ value: k, label: tc(`workshopKinds.${k}`) }))}
        />
        <FilterSelect
          name="country"
          label={t("host")}
          anyLabel={t("anyCountry")}
          value={filters.country}
          options={countries.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="year"
          label={t("year")}
          anyLabel={t("anyYear")}
          value={filters.year}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
      </FilterBar>
      <section aria-labelledby="upcoming-heading" className="stack">
        <h2 id="upcoming-heading">{t("upcoming")}</h2>
        {upcoming.length ? (
          <WorkshopTable workshops={upcoming} caption={t("upcoming")} />
        ) : (
          <p className="empty">{t("noneUpcoming")}</p>
        )}
      </section>
      <section aria-labelledby="past-heading" className="stack" style={{ marginTop: "1.5rem" }}>
        <h2 id="past-heading">{t("past")}</h2>
        {past.length ? (
          <WorkshopTable workshops={past} caption={t("past")} />
        ) : (
          <p className="empty">{t("nonePast")}</p>
        )}
      </section>
    </>
  );
}
