import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslate } from "~/i18n/translate.server";
import { agendaCalendarFilename, buildAgendaCalendar } from "~/models/agenda-calendar.server";
import { getPublishedWorkshop } from "~/models/public-agenda.server";
import { env } from "~/utils/env.server";

/** The public agenda as an iCalendar file, for anyone with the link while the page is on. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const workshop = await getPublishedWorkshop(params.code ?? "");
  if (!workshop) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const t = await getTranslate(request);
  const publicUrl = new URL(env().PUBLIC_URL);
  const calendar = await buildAgendaCalendar(workshop, {
    agendaUrl: `${publicUrl.origin}/agenda/${params.code}`,
    uidDomain: publicUrl.hostname,
    t,
  });
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${agendaCalendarFilename(workshop.title)}"`,
      // Asked again each time, so a page switched off stops serving its calendar at once.
      "Cache-Control": "no-cache",
      Vary: "Accept-Language, Cookie",
    },
  });
}
