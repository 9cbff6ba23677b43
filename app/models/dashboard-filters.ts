/**
 * The dashboard's filters, shared by its page, its CSV exports and its queries
 * (no server code here, so the page's components can build links from them).
 */
import { z } from "zod";
import { MILESTONE_STATUSES } from "~/domain/vocabulary";
import { isCalendarDay } from "~/utils/format";
import { IdParam } from "~/utils/params";

/** Besides the four statuses, the dashboard can show only what is overdue. */
export const DASHBOARD_STATUS_FILTERS = [...MILESTONE_STATUSES, "overdue"] as const;

const isoDay = z.string().refine(isCalendarDay);

/**
 * The dashboard's filters as they appear in its URL, so a view can be shared.
 * A value that does not parse is dropped rather than refused: an old or
 * hand-edited link still opens the dashboard, only less filtered.
 */
const DashboardFilterParams = z.object({
  country: IdParam.optional().catch(undefined),
  sector: IdParam.optional().catch(undefined),
  stage: z
    .string()
    .regex(/^[a-z_]{3,40}$/)
    .optional()
    .catch(undefined),
  status: z.enum(DASHBOARD_STATUS_FILTERS).optional().catch(undefined),
  since: isoDay.optional().catch(undefined),
});
export type DashboardFilters = z.infer<typeof DashboardFilterParams>;

export function parseDashboardFilters(url: URL): DashboardFilters {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return DashboardFilterParams.parse(raw);
}

/** The filters as a query string (without "?"), for links that keep the current view. */
export function dashboardQuery(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  for (const key of ["country", "sector", "stage", "status", "since"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** How far back "what changed" looks when no date is chosen. */
export const DEFAULT_CHANGES_DAYS = 30;
