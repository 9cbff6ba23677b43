import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { packDocument } from "~/models/brief-document.server";
import { docxBytes } from "~/models/document-export/docx.server";
import { DOCX_TYPE, downloadHeaders } from "~/utils/download";
import { strictBriefingFromUrl } from "./briefs-access.server";

/** The regional pack as DOCX: only for those who read every country's records. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "briefs.all");
  const briefing = await strictBriefingFromUrl(request, user, params.meeting);
  const [t, locale] = await Promise.all([getTranslate(request), getLocale(request)]);
  const bytes = await docxBytes(packDocument(t, locale, briefing));
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders(DOCX_TYPE, `briefs-${briefing.meeting.meetingOn}-${locale}.docx`),
  });
}
