import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { packSummarySheet } from "~/models/brief-document.server";
import { xlsxBytes } from "~/models/document-export/xlsx.server";
import { downloadHeaders, XLSX_TYPE } from "~/utils/download";
import { strictBriefingFromUrl } from "./briefs-access.server";

/** The regional pack's summary as XLSX, the figures as numbers: only for those who read every country's records. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "briefs.all");
  const briefing = await strictBriefingFromUrl(request, user, params.meeting);
  const bytes = await xlsxBytes([packSummarySheet(await getTranslate(request), briefing)]);
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders(
      XLSX_TYPE,
      `briefs-summary-${briefing.meeting.meetingOn}-${await getLocale(request)}.xlsx`,
    ),
  });
}
