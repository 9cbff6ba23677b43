import type { LoaderFunctionArgs } from "@remix-run/node";
import { periodNarrative } from "~/collab/narrative.server";
import { docxBytes } from "~/models/document-export/docx.server";
import { periodReportDocument } from "~/models/period-report-document.server";
import { DOCX_TYPE, downloadHeaders } from "~/utils/download";
import { periodExport } from "./period-export.server";

/** A period's report as DOCX, its narrative first, for whoever may read the report, with the figures they may read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report, t, locale, heading, fileName } = await periodExport(request, params, "docx");
  const narrative = await periodNarrative(heading.period);
  const bytes = await docxBytes(periodReportDocument(report, t, locale, heading, narrative));
  return new Response(new Uint8Array(bytes), { headers: downloadHeaders(DOCX_TYPE, fileName) });
}
