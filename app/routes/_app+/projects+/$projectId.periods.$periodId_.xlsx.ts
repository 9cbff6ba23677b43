import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxBytes } from "~/models/document-export/xlsx.server";
import { periodReportSheets } from "~/models/period-report-document.server";
import { downloadHeaders, XLSX_TYPE } from "~/utils/download";
import { periodExport } from "./period-export.server";

/** A period's report as XLSX (one sheet per table, numbers as numbers), with the figures the reader may read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report, t, locale, fileName } = await periodExport(request, params, "xlsx");
  const bytes = await xlsxBytes(periodReportSheets(report, t, locale));
  return new Response(new Uint8Array(bytes), { headers: downloadHeaders(XLSX_TYPE, fileName) });
}
