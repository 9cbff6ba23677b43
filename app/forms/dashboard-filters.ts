/**
 * The dashboard's filters as they appear in its URL, shared by its page, its
 * CSV exports and the milestones page (no server code here, so the pages'
 * components can build links from them).
 *
 * URLs carry what a person can read and type: lower-case ISO country codes
 * (`?country=kh`), country groups (`clmv`), sector and stage codes and status
 * words, never database ids. Several values are a comma list or a repeated
 * parameter (`?country=kh,la` = `?country=kh&country=la`); values of one
 * parameter are alternatives, different parameters narrow each other.
 */
import { COUNTRY_GROUP_KEYS, COUNTRY_GROUPS, isCountryGroup, type CountryGroup } from "~/domain/country-groups";
import { MILESTONE_STATUSES } from "~/domain/vocabulary";
import { isCalendarDay } from "~/utils/format";
import { IdParam } from "~/utils/params";

/** Besides the four statuses, the dashboard can show only what is overdue. */
export const DASHBOARD_STATUS_FILTERS = [...MILESTONE_STATUSES, "overdue"] as const;
export type DashboardStatusFilter = (typeof DASHBOARD_STATUS_FILTERS)[number];

/** The list parameters, in the order the canonical URL writes them. */
const FILTER_LISTS = ["country", "sector", "stage", "status"] as const;
type FilterList = (typeof FILTER_LISTS)[number];
type FilterKey = FilterList | "since";

export type DashboardFilters = {
  /** lower-case ISO codes and group keys, groups first, then countries in the reference order */
  country: string[];
  sector: string[];
  stage: string[];
  status: DashboardStatusFilter[];
  since?: string;
};

/** What the URL's codes are checked against: the reference data, in display order. */
export type FilterVocabulary = {
  countries: { id: string; code: string }[];
  sectors: { id: string; code: string }[];
  stages: { code: string }[];
};

/** A value the URL gave that names nothing: shown to the reader, left out of the view. */
export type UnknownFilterValue = { key: FilterKey; value: string };

export type ParsedDashboardFilters = {
  filters: DashboardFilters;
  unknown: UnknownFilterValue[];
  /**
   * The canonical query ("?…", or "" for none) when the URL says the same in
   * another way: internal ids from before codes, repeated parameters, capitals,
   * another order. Such addresses answer a redirect, so each view has one address.
   */
  redirectSearch: string | null;
};

export const NO_FILTERS: DashboardFilters = { country: [], sector: [], stage: [], status: [] };

function listValues(url: URL, key: string): string[] {
  return url.searchParams
    .getAll(key)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** The values in the vocabulary's order, each once. */
function inOrder<T extends string>(values: Set<string>, order: readonly T[]): T[] {
  return order.filter((v) => values.has(v));
}

export function parseDashboardFilters(url: URL, vocabulary: FilterVocabulary): ParsedDashboardFilters {
  const unknown: UnknownFilterValue[] = [];
  const countryCodes = vocabulary.countries.map((c) => c.code.toLowerCase());
  const sectorCodes = vocabulary.sectors.map((s) => s.code);

  /** Reads one list parameter: codes as they are, old ids translated, anything else reported. */
  const read = (key: FilterList, known: readonly string[], byId: Map<string, string> = new Map()) => {
    const found = new Set<string>();
    for (const raw of listValues(url, key)) {
      const value = raw.toLowerCase();
      if (known.includes(value)) found.add(value);
      else if (IdParam.safeParse(raw).success && byId.has(raw)) {
        found.add(byId.get(raw)!);
      } else unknown.push({ key, value: raw });
    }
    return found;
  };

  const countries = read(
    "country",
    [...COUNTRY_GROUP_KEYS, ...countryCodes],
    new Map(vocabulary.countries.map((c) => [c.id, c.code.toLowerCase()])),
  );
  const groups = inOrder(countries, COUNTRY_GROUP_KEYS);
  const inGroups = new Set<string>(groups.flatMap((g) => COUNTRY_GROUPS[g]));
  const sectors = read("sector", sectorCodes, new Map(vocabulary.sectors.map((s) => [s.id, s.code])));
  const stages = read(
    "stage",
    vocabulary.stages.map((s) => s.code),
  );
  const statuses = read("status", DASHBOARD_STATUS_FILTERS);

  const sinceValue = url.searchParams.get("since")?.trim();
  const since = sinceValue && isCalendarDay(sinceValue) ? sinceValue : undefined;
  if (sinceValue && !since) unknown.push({ key: "since", value: sinceValue });

  const filters: DashboardFilters = {
    // A country inside a chosen group adds nothing.
    country: [...groups, ...inOrder(countries, countryCodes).filter((c) => !inGroups.has(c))],
    sector: inOrder(sectors, sectorCodes),
    stage: inOrder(
      stages,
      vocabulary.stages.map((s) => s.code),
    ),
    status: inOrder(statuses, DASHBOARD_STATUS_FILTERS),
    ...(since ? { since } : {}),
  };
  // The values not understood stay in the address, so the page it leads to can still say so;
  // parameters that are not filters (an export's `separator`) are kept as they were.
  const params = new URLSearchParams();
  for (const { key, value } of unknown) params.append(key, value);
  const filterKeys: readonly string[] = [...FILTER_LISTS, "since"];
  for (const [key, value] of url.searchParams) if (!filterKeys.includes(key)) params.append(key, value);
  const query = [dashboardQuery(filters), params.toString()].filter(Boolean).join("&");
  const canonical = query ? `?${query}` : "";
  return { filters, unknown, redirectSearch: canonical === url.search ? null : canonical };
}

/** The lower-case ISO codes the country filter covers, groups spelled out; empty means every country. */
export function filteredCountryCodes(filters: Pick<DashboardFilters, "country">): string[] {
  return [
    ...new Set(filters.country.flatMap((c) => (isCountryGroup(c) ? [...COUNTRY_GROUPS[c as CountryGroup]] : [c]))),
  ];
}

/** The filters as a query string (without "?"), for links that keep the current view; commas stay readable. */
export function dashboardQuery(filters: Partial<DashboardFilters>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_LISTS) {
    const values = filters[key];
    if (values?.length) params.set(key, values.join(","));
  }
  if (filters.since) params.set("since", filters.since);
  return params.toString().replaceAll("%2C", ",");
}

/** Whether anything narrows what is counted (the date only chooses which changes are listed). */
export function narrowsCounts(filters: DashboardFilters): boolean {
  return FILTER_LISTS.some((key) => filters[key].length > 0);
}

/** How far back "what changed" looks when no date is chosen. */
export const DEFAULT_CHANGES_DAYS = 30;
