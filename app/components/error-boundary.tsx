import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One error view for every route: a clear sentence per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let message = t("errors.unexpected");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (status === 404) message = t("errors.notFound");
    else if (status === 403) message = t("errors.forbidden");
    else if (status === 405) message = t("errors.methodNotAllowed");
    // Refusals of what was sent carry their sentence, already in the person's language (app/forms/submission.server.ts).
    else if (status === 400 || status === 413 || status === 415)
      message = typeof error.data === "string" && error.data ? error.data : t("errors.badRequest");
  }
  return (
    <section className="error-panel" role="alert" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{t("errors.title")}</h1>
      <p>{message}</p>
    </section>
  );
}
