// The filter parts the dashboard and the milestones page share: countries with their groups, and what an address got wrong.
import { useTranslation } from "react-i18next";
import { COUNTRY_GROUP_KEYS, COUNTRY_GROUPS } from "~/domain/country-groups";
import type { UnknownFilterValue } from "~/forms/dashboard-filters";
import { ChecklistFilter } from "./checklist-filter";

/** Countries by lower-case ISO code, with CLMV and ASEAN-6 above them (each naming its members). */
export function CountryFilter({
  countries,
  selected,
}: {
  countries: { code: string; name: string }[];
  selected: readonly string[];
}) {
  const { t } = useTranslation("dashboard");
  const nameOf = new Map(countries.map((c) => [c.code.toLowerCase(), c.name]));
  // A person who reads only some countries is offered only the groups they can see whole.
  const groups = COUNTRY_GROUP_KEYS.filter((g) => COUNTRY_GROUPS[g].every((code) => nameOf.has(code))).map((g) => ({
    value: g,
    label: t(`filters.groupNames.${g}`),
    hint: COUNTRY_GROUPS[g].map((code) => nameOf.get(code)).join(", "),
    members: COUNTRY_GROUPS[g],
  }));
  return (
    <ChecklistFilter
      name="country"
      label={t("filters.country")}
      anyLabel={t("filters.anyCountry")}
      selected={selected}
      groups={groups}
      groupsLegend={t("filters.countryGroups")}
      optionsLegend={t("filters.countries")}
      options={countries.map((c) => ({ value: c.code.toLowerCase(), label: c.name }))}
    />
  );
}

/** Says which values of the address were not understood, instead of dropping them without a word. */
export function UnknownFiltersNotice({ unknown }: { unknown: UnknownFilterValue[] }) {
  const { t } = useTranslation("dashboard");
  if (!unknown.length) return null;
  const values = unknown.map(({ key, value }) => `${t(`filters.${key}`)} “${value}”`).join(", ");
  return (
    <p className="notice" role="status">
      {t("unknownValues", { values })}
    </p>
  );
}
