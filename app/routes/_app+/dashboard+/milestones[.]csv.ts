import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { countryName, sectorName, stageName } from "~/i18n/names";
import { getTranslate } from "~/i18n/translate.server";
import { dashboardFiltersFrom, dashboardMilestoneList } from "~/models/dashboard.server";
import { csvDownload } from "~/utils/csv";
import { todayIn } from "~/utils/format";

// Milestones belong to ten countries and four time zones: their times are on UTC's clock, and the header says so.
const MILESTONE_CSV_ZONE = "UTC";

/** Every milestone matching the dashboard's filters as CSV, within the countries the person may read. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  const { filters } = await dashboardFiltersFrom(request);
  const [t, milestones] = await Promise.all([getTranslate(request), dashboardMilestoneList(user, filters)]);
  const header = [
    t("dashboard:csv.countryCode"),
    t("dashboard:csv.country"),
    t("dashboard:csv.sector"),
    t("dashboard:csv.stage"),
    t("dashboard:csv.status"),
    t("dashboard:csv.overdue"),
    t("dashboard:csv.startedOn"),
    t("dashboard:csv.targetOn"),
    t("dashboard:csv.achievedOn"),
    t("dashboard:csv.aqrfLevel"),
    t("dashboard:csv.partner"),
    t("dashboard:csv.updatedAt", { timeZone: MILESTONE_CSV_ZONE }),
    t("dashboard:csv.updatedBy"),
  ];
  const rows = milestones.map((m) => [
    m.country.code,
    countryName(t, m.country),
    m.sector ? sectorName(t, m.sector) : t("dashboard:countryLevel"),
    stageName(t, { code: m.stageCode, name: m.stageCode }),
    t(`common:milestoneStatuses.${m.status}`),
    m.overdue ? t("dashboard:csv.yes") : t("dashboard:csv.no"),
    m.startedOn,
    m.targetOn,
    m.achievedOn,
    m.aqrfLevel,
    m.partner ? countryName(t, m.partner) : null,
    m.updatedAt,
    m.updatedBy?.name,
  ]);
  return csvDownload(request, {
    header,
    rows,
    filename: `mrs-milestones-${todayIn()}.csv`,
    timeZone: MILESTONE_CSV_ZONE,
  });
}
