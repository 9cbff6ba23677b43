import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { periodReportFor } from "~/models/project-report.server";
import { fileNamePart } from "~/utils/download";
import { requirePeriod } from "./project-access.server";

/**
 * What a download of a period's report needs: the report as the reader may read it (a focal point
 * gets their own countries' share only, as on the page), in their language, and its file name.
 */
export async function periodExport(request: Request, params: LoaderFunctionArgs["params"], extension: string) {
  const { project, period, figuresOf } = await requirePeriod(request, params, "read");
  const [report, t, locale] = await Promise.all([
    periodReportFor(period, figuresOf),
    getTranslate(request),
    getLocale(request),
  ]);
  const fileName = `${fileNamePart(project.code)}-${fileNamePart(period.label)}-${locale}.${extension}`;
  return { report, t, locale, heading: { project, period, figuresOf }, fileName };
}
