import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useActivityText } from "~/i18n/activity";
import { PageHeader } from "~/components/page-header";
import { requirePermission } from "~/auth/session.server";
import { FormErrorSummary } from "~/components/forms";
import { RoleFields } from "~/components/role-fields";
import { getTranslate } from "~/i18n/translate.server";
import { listAuditEvents } from "~/models/audit.server";
import { listCountries } from "~/models/country.server";
import { inviteUser, revokeInvitations } from "~/models/invitation.server";
import { getUserForAdmin, setUserStatus, updateUserRoles } from "~/models/user.server";
import { useRootData } from "~/root";
import type { Role } from "~/domain/vocabulary";
import { formatDateTime } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { RolesSchema, StatusSchema } from "~/forms/roles";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { sentIntent, useAppForm } from "~/forms/use-app-form";
import { parseWord, USER_STATUSES } from "~/domain/vocabulary";
import { metaTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, (t) => [t("admin:users.title"), t("admin:title")]);

async function loadUser(params: { userId?: string }) {
  const user = await getUserForAdmin(parseParam(IdParam, params.userId));
  if (!user) throw new Response("Not found", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "user.manage");
  const [user, countries] = await Promise.all([loadUser(params), listCountries()]);
  const history = await listAuditEvents({ entityType: "user", take: 10, entityId: user.id });
  return { user, countries, history: history.events };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "user.manage");
  const user = await loadUser(params);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const back = `/admin/users/${user.id}`;
  switch (formData.get("intent")) {
    case "roles": {
      const submission = await parseSubmission(request, formData, RolesSchema);
      if (submission.status !== "success") return invalidReply(submission);
      try {
        await updateUserRoles(user.id, submission.value.roles, actor.id, context.requestId);
      } catch (error) {
        return refusalReply(request, submission, error);
      }
      return redirectWithToast(back, { kind: "success", message: t("admin:user.rolesSaved") });
    }
    case "disable":
    case "enable": {
      const status = formData.get("intent") === "disable" ? "disabled" : "active";
      try {
        await setUserStatus(user.id, status, actor.id, context.requestId);
      } catch (error) {
        return refusalReply(request, await parseSubmission(request, formData, StatusSchema), error);
      }
      return redirectWithToast(back, {
        kind: "success",
        message: t(status === "disabled" ? "admin:user.disabled" : "admin:user.enabled"),
      });
    }
    case "resend": {
      if (user.status !== "invited") throw await refusal(request, 400, "admin:user.alreadyAccepted");
      const roles = user.roles.map((r) => ({ role: r.role as Role, countryId: r.countryId, label: r.label }));
      await inviteUser(
        { email: user.email, name: user.name, roles, organisationId: user.organisationId, countryId: user.countryId },
        actor,
        context.requestId,
      );
      return redirectWithToast(back, { kind: "success", message: t("admin:user.resent") });
    }
    case "revoke": {
      await revokeInvitations(user.id, actor.id, context.requestId);
      return redirectWithToast(back, { kind: "success", message: t("admin:user.revoked") });
    }
  }
  throw await refusal(request, 400, "errors.badRequest");
}

export default function AdminUser() {
  const { user, countries, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("common");
  const locale = useRootData()?.locale ?? "en";
  const activityText = useActivityText(locale);
  const invitation = user.invitations[0];
  const intent = sentIntent(actionData?.result);
  const [rolesForm] = useAppForm(RolesSchema, {
    id: "roles",
    lastResult: intent === "roles" ? actionData?.result : null,
  });
  const [statusForm] = useAppForm(StatusSchema, {
    id: "status",
    lastResult: intent === "roles" ? null : actionData?.result,
  });
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/admin">{t("title")}</Link> › <Link to="/admin/users">{t("users.title")}</Link>
      </nav>
      <PageHeader
        title={user.name}
        intro={
          <>
            {user.email} ·{" "}
            <span className="badge badge-neutral">
              {t(`users.statusLabel.${parseWord(USER_STATUSES, user.status)}`)}
            </span>
          </>
        }
      >
        <Link to={`/people/${user.id}`} className="button button-secondary">
          {tc("actions.view")}
        </Link>
      </PageHeader>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="roles-heading">
          <h2 id="roles-heading">{t("user.rolesHeading")}</h2>
          <Form method="post" {...getFormProps(rolesForm)}>
            <FormErrorSummary form={rolesForm} />
            <input type="hidden" name="intent" value="roles" />
            <RoleFields countries={countries} current={user.roles} errors={rolesForm.allErrors} />
            <button type="submit">{t("user.saveRoles")}</button>
          </Form>
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t("user.statusHeading")}</h2>
            <Form method="post" {...getFormProps(statusForm)}>
              <FormErrorSummary form={statusForm} />
              {user.status === "disabled" ? (
                <button type="submit" name="intent" value="enable" className="button-secondary">
                  {t("user.enable")}
                </button>
              ) : (
                <button type="submit" name="intent" value="disable" className="button-danger">
                  {t("user.disable")}
                </button>
              )}
            </Form>
          </section>
          {user.status === "invited" ? (
            <section className="card" aria-labelledby="invitation-heading">
              <h2 id="invitation-heading">{t("user.invitationHeading")}</h2>
              <p>
                {invitation
                  ? t("user.invitationOpen", {
                      date: formatDateTime(invitation.createdAt, locale),
                      expires: formatDateTime(invitation.expiresAt, locale),
                    })
                  : t("user.invitationNone")}
              </p>
              <Form method="post" className="cluster">
                <button type="submit" name="intent" value="resend" className="button-secondary">
                  {t("user.resend")}
                </button>
                {invitation ? (
                  <button type="submit" name="intent" value="revoke" className="button-ghost">
                    {t("user.revoke")}
                  </button>
                ) : null}
              </Form>
            </section>
          ) : null}
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t("user.lastChanges")}</h2>
            {history.length === 0 ? (
              <p className="empty">{tc("empty")}</p>
            ) : (
              <ul className="list">
                {history.map((e) => (
                  <li key={e.id}>
                    <div>{activityText(e)}</div>
                    <div className="small muted">
                      {formatDateTime(e.createdAt, locale)} · {e.actor?.name ?? t("audit.system")}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
