import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getLocale } from "~/i18n/i18n.server";
import { findCountryByCode } from "~/models/country.server";
import { exportProgressWorkbook } from "~/models/progress-sheet.server";
import { todayIn } from "~/utils/format";
import { CountryCodeParam, parseParam } from "~/utils/params";

/** The country's progress template: its open plans' items and its milestones, as XLSX. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const country = await findCountryByCode(parseParam(CountryCodeParam, params.code));
  if (!country) throw new Response("Not found", { status: 404 });
  await requirePermission(request, "progress.spreadsheet", { countryId: country.id });
  const bytes = await exportProgressWorkbook(country.id, await getLocale(request));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="progress-${country.code}-${todayIn("UTC")}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
