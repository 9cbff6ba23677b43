import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { defaultAttendanceDay } from "~/models/attendance.server";
import { BadgeTokenSchema, findBadgeWorkshop } from "~/models/participant-badge.server";
import { workshopAccess } from "~/models/workshop.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("participants:attendance.checkIn");

/**
 * Where a badge's QR code points. Opening it checks nobody in: it needs the
 * session of one of the workshop's facilitators, who lands on the check-in
 * desk with the code filled in and confirms. Anyone else is refused, and an
 * unknown code says nothing about whom it might belong to.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const token = BadgeTokenSchema.safeParse(params.badgeToken);
  const workshop = token.success ? await findBadgeWorkshop(token.data) : null;
  if (!token.success || !workshop) throw new Response("Not found", { status: 404 });
  await workshopAccess(user, workshop.id, "manage");
  const search = new URLSearchParams({ day: defaultAttendanceDay(workshop), code: token.data });
  return redirect(`/workshops/${workshop.id}/attendance?${search}`);
}

export default function CheckInBadge() {
  return null;
}

/** A refusal that says why: a badge alone checks nobody in. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("participants");
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="error-panel" role="alert" aria-labelledby="error-title">
        <p className="error-status">403</p>
        <h1 id="error-title">{t("attendance.checkIn")}</h1>
        <p>{t("attendance.notAFacilitator")}</p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
