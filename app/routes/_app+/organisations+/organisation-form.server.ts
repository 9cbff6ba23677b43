import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { OrganisationSchema } from "~/forms/organisation";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { createOrganisation, getOrganisation, updateOrganisation } from "~/models/organisation.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";

/** The organisation a route's `organisationId` names; 404 when there is none. */
export async function loadOrganisation(params: { organisationId?: string }) {
  const organisation = await getOrganisation(parseParam(IdParam, params.organisationId));
  if (!organisation) throw new Response("Not found", { status: 404 });
  return organisation;
}

/**
 * The organisation form's action, for administrators: adds an organisation, or changes the one the route
 * names, and goes to its page; what cannot be saved goes back to the form.
 */
export async function saveOrganisation({ request, params, context }: ActionFunctionArgs, existing: boolean) {
  const user = await requirePermission(request, "reference.manage");
  const organisation = existing ? await loadOrganisation(params) : null;
  const submission = await parseSubmission(request, await readFormData(request), OrganisationSchema);
  if (submission.status !== "success") return invalidReply(submission);
  let id;
  try {
    id = organisation
      ? (await updateOrganisation(organisation.id, submission.value, user.id, context.requestId), organisation.id)
      : (await createOrganisation(submission.value, user.id, context.requestId)).id;
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/organisations/${id}`, { kind: "success", message: t("directory:organisations.saved") });
}
