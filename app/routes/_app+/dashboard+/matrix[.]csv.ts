import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { countryName, sectorName, stageName } from "~/i18n/names";
import { getTranslate } from "~/i18n/translate.server";
import { dashboardFiltersFrom, dashboardMatrixRows } from "~/models/dashboard.server";
import { csvDownload } from "~/utils/csv";
import { todayIn } from "~/utils/format";

/** The dashboard's country × sector matrix as CSV, with the same filters and country scope as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboard.read");
  const { filters } = await dashboardFiltersFrom(request);
  const [t, { sectorStages, rows }] = await Promise.all([getTranslate(request), dashboardMatrixRows(user, filters)]);
  const stage = (code: string) => stageName(t, { code, name: code });
  const status = (value: string | null) => (value ? t(`common:milestoneStatuses.${value}`) : "");
  const header = [
    t("dashboard:csv.countryCode"),
    t("dashboard:csv.country"),
    t("dashboard:csv.sector"),
    t("dashboard:csv.currentStage"),
    t("dashboard:csv.currentStatus"),
    t("dashboard:csv.overdue"),
    t("dashboard:csv.stagesCompleted"),
    ...sectorStages.map((s) => stage(s.code)),
  ];
  const body = rows.map((r) => [
    r.country.code,
    countryName(t, r.country),
    sectorName(t, r.sector),
    stage(r.currentStage),
    status(r.currentStatus),
    r.overdue ? t("dashboard:csv.yes") : t("dashboard:csv.no"),
    `${r.stagesCompleted}/${sectorStages.length}`,
    ...r.stageStatuses.map(status),
  ]);
  // The matrix holds no times, so its zone never shows.
  return csvDownload(request, { header, rows: body, filename: `mrs-matrix-${todayIn()}.csv`, timeZone: "UTC" });
}
