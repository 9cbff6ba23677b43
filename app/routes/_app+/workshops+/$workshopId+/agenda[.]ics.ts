import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getTranslate } from "~/i18n/translate.server";
import { agendaCalendarFilename, buildAgendaCalendar } from "~/models/agenda-calendar.server";
import { getWorkshopHeader } from "~/models/workshop.server";
import { env } from "~/utils/env.server";
import { IdParam, parseParam } from "~/utils/params";

/** The agenda as an iCalendar file, in the workshop's own time zone and the reader's language, for anyone who may read the workshop. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "workshop.read");
  const workshop = await getWorkshopHeader(parseParam(IdParam, params.workshopId));
  if (!workshop) throw new Response("Not found", { status: 404 });
  const t = await getTranslate(request);
  const publicUrl = new URL(env().PUBLIC_URL);
  const calendar = await buildAgendaCalendar(workshop, {
    agendaUrl: `${publicUrl.origin}/workshops/${workshop.id}/agenda`,
    uidDomain: publicUrl.hostname,
    t,
  });
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${agendaCalendarFilename(workshop.title)}"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
