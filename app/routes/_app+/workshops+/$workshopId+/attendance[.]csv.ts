import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { getTranslate } from "~/i18n/translate.server";
import { attendanceStatistics } from "~/models/attendance.server";
import { workshopAccess } from "~/models/workshop.server";
import { csvDownload } from "~/utils/csv";
import { SEXES } from "~/domain/vocabulary";
import { IdParam, parseParam } from "~/utils/params";

/**
 * The attendance statistics as one long table (table, value, people, by sex,
 * person-days), the shape a donor report's spreadsheet pivots easily: first
 * registered, registered and came, no-shows and walk-ins, then who came by
 * day, country (named in the reader's language), category and sex.
 * Aggregates only, so every reader of the workshop may export it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { workshop } = await workshopAccess(user, parseParam(IdParam, params.workshopId));
  const statistics = await attendanceStatistics(workshop);
  const t = await getTranslate(request);
  const header = [
    t("participants:stats.csvDimension"),
    t("participants:stats.csvKey"),
    t("participants:stats.people"),
    ...SEXES.map((sex) => t(`common:sexes.${sex}`)),
    t("participants:stats.personDays"),
  ];
  const sections = [
    {
      name: t("participants:stats.byRegistration"),
      rows: statistics.byRegistration,
      label: (key: string) => t(`participants:stats.groups.${key}`),
    },
    { name: t("participants:stats.byDay"), rows: statistics.byDay, label: (key: string) => key },
    {
      name: t("participants:stats.byCountry"),
      rows: statistics.byCountry,
      label: (key: string) => (key ? t(`common:countries.${key}`, { defaultValue: key }) : t("participants:noCountry")),
    },
    {
      name: t("participants:stats.byCategory"),
      rows: statistics.byCategory,
      label: (key: string) => t(`workshops:categories.${key}`),
    },
    { name: t("participants:stats.bySex"), rows: statistics.bySex, label: (key: string) => t(`common:sexes.${key}`) },
  ];
  const rows = sections.flatMap((section) =>
    section.rows.map((row) => [
      section.name,
      section.label(row.key),
      row.attended,
      ...SEXES.map((sex) => row.bySex[sex]),
      row.personDays,
    ]),
  );
  return csvDownload(request, {
    header,
    rows,
    filename: `attendance-${workshop.startsOn}.csv`,
    timeZone: workshop.timeZone,
  });
}
