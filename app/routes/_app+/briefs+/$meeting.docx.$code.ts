import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertCan, requireUser } from "~/auth/session.server";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { briefDocument } from "~/models/brief-document.server";
import { docxBytes } from "~/models/document-export/docx.server";
import { DOCX_TYPE, downloadHeaders } from "~/utils/download";
import { requireCountry, strictBriefingFromUrl } from "./briefs-access.server";

/** One country's brief as DOCX, for those who may read that country's records. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const country = await requireCountry(params.code);
  assertCan(user, "brief.read", { countryId: country.id });
  const briefing = await strictBriefingFromUrl(request, user, params.meeting, country.id);
  const [t, locale] = await Promise.all([getTranslate(request), getLocale(request)]);
  const bytes = await docxBytes(briefDocument(t, locale, briefing, briefing.briefs[0]!));
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders(DOCX_TYPE, `brief-${country.code}-${briefing.meeting.meetingOn}-${locale}.docx`),
  });
}
