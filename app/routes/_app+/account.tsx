import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { z } from "zod";
import { newPasswordFields, passwordsMatch } from "~/auth/password-form";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { getRequestSession, requireUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { Field, FormError, SelectField } from "~/components/forms";
import { LANGUAGE_NAMES } from "~/i18n/config";
import { getTranslate } from "~/i18n/translate.server";
import { listOrganisationOptions } from "~/models/organisation.server";
import { listOwnBadges } from "~/models/participant-badge.server";
import { OwnWorkshopBadges } from "~/components/participant-form";
import participantStyles from "~/styles/participants.css?url";
import {
  changePassword,
  endOtherSessions,
  getAccount,
  listSessions,
  updateProfile,
  UserError,
} from "~/models/user.server";
import { useRootData } from "~/root";
import { LOCALES, SEXES } from "~/domain/vocabulary";
import { formatDateTime } from "~/utils/format";
import { optionalText, text } from "~/forms/fields";
import { parseForm, readFormData, refusal } from "~/forms/submission.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "My account · FocalPoint" }];
// for the badges of one's coming workshops
export const links: LinksFunction = () => [{ rel: "stylesheet", href: participantStyles }];

const ProfileForm = z.object({
  intent: z.literal("profile"),
  name: text(120),
  position: optionalText(160),
  phone: optionalText(40),
  sex: z.enum(SEXES),
  organisationId: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
});
const PasswordForm = passwordsMatch(
  z.object({ intent: z.literal("password"), currentPassword: z.string().min(1).max(200), ...newPasswordFields }),
);

async function currentSessionId(request: Request) {
  const session = await getRequestSession(request);
  return session ? hashToken(session.token) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [account, organisations, sessions, current, workshopBadges] = await Promise.all([
    getAccount(user.id),
    listOrganisationOptions(),
    listSessions(user.id),
    currentSessionId(request),
    listOwnBadges(user.id),
  ]);
  return {
    account,
    organisations,
    workshopBadges,
    sessions: sessions.map(({ id, ...s }) => ({ ...s, current: id === current })),
  };
}

type ActionResult = { form: "profile" | "password"; fieldErrors: Record<string, string>; formError?: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "profile") {
    const form = await parseForm(request, ProfileForm, formData);
    if (!form.ok) return data<ActionResult>({ form: "profile", fieldErrors: form.fieldErrors }, { status: 400 });
    const { intent: _, ...profile } = form.data;
    if (profile.organisationId && !(await listOrganisationOptions()).some((o) => o.id === profile.organisationId)) {
      return data<ActionResult>(
        { form: "profile", fieldErrors: { organisationId: t("validation.invalidChoice") } },
        { status: 400 },
      );
    }
    await updateProfile(user.id, profile, context.requestId);
    return redirectWithToast("/account", { kind: "success", message: t("account:profile.saved") });
  }

  if (intent === "password") {
    const form = await parseForm(request, PasswordForm, formData);
    if (!form.ok) return data<ActionResult>({ form: "password", fieldErrors: form.fieldErrors }, { status: 400 });
    try {
      await changePassword(user.id, form.data.currentPassword, form.data.password, context.clientIp);
    } catch (error) {
      if (error instanceof UserError)
        return data<ActionResult>(
          { form: "password", fieldErrors: { [error.field]: t(error.messageKey, error.values) } },
          { status: 400 },
        );
      throw error;
    }
    // Every session ended with the old password; this device continues in a fresh one.
    return signInAndRedirect(user.id, request, context.clientIp, "/account", {
      kind: "success",
      message: t("account:password.changed"),
    });
  }

  if (intent === "end-other-sessions") {
    const current = await currentSessionId(request);
    if (current) await endOtherSessions(user.id, current, context.requestId);
    return redirectWithToast("/account", { kind: "success", message: t("account:sessions.signedOutOthers") });
  }

  throw await refusal(request, 400, "errors.badRequest");
}

export default function Account() {
  const { account, organisations, sessions, workshopBadges } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { t: ta } = useTranslation("auth");
  const locale = useRootData()?.locale ?? "en";
  const profileErrors = actionData?.form === "profile" ? actionData.fieldErrors : {};
  const passwordErrors = actionData?.form === "password" ? actionData.fieldErrors : {};

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("profile.heading")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="profile" />
            <Field label={t("profile.email")} value={account.email} readOnly hint={t("profile.emailHint")} />
            <Field
              label={t("profile.name")}
              name="name"
              defaultValue={account.name}
              required
              autoComplete="name"
              error={profileErrors.name}
            />
            <Field
              label={t("profile.position")}
              name="position"
              defaultValue={account.position ?? ""}
              error={profileErrors.position}
            />
            <Field
              label={t("profile.phone")}
              name="phone"
              inputMode="tel"
              defaultValue={account.phone ?? ""}
              autoComplete="tel"
              error={profileErrors.phone}
            />
            <SelectField
              label={t("profile.organisation")}
              name="organisationId"
              defaultValue={account.organisationId ?? ""}
              error={profileErrors.organisationId}
              options={[
                { value: "", label: t("profile.noOrganisation") },
                ...organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
              ]}
            />
            <SelectField
              label={t("profile.sex")}
              name="sex"
              defaultValue={account.sex ?? "undisclosed"}
              hint={t("profile.sexHint")}
              error={profileErrors.sex}
              options={SEXES.map((s) => ({ value: s, label: tc(`sexes.${s}`) }))}
            />
            <button type="submit">{tc("actions.save")}</button>
          </Form>
        </section>
        <div className="stack">
          <section className="card" aria-labelledby="language-heading">
            <h2 id="language-heading">{tc("language.label")}</h2>
            <Form method="post" action="/settings/language">
              <input type="hidden" name="redirectTo" value="/account" />
              <SelectField
                label={t("language.choice")}
                name="locale"
                defaultValue={account.locale}
                hint={t("language.hint")}
                options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              />
              <button type="submit" className="button-secondary">
                {tc("language.change")}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t("password.heading")}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="password" />
              <input type="hidden" name="username" value={account.email} autoComplete="username" />
              <Field
                label={t("password.current")}
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                required
                error={passwordErrors.currentPassword}
              />
              <Field
                label={t("password.new")}
                name="password"
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD_LENGTH}
                error={passwordErrors.password}
                hint={ta("reset.hint", { min: MIN_PASSWORD_LENGTH })}
              />
              <Field
                label={t("password.confirm")}
                name="confirmPassword"
                type="password"
                autoComplete="new-password"
                required
                error={passwordErrors.confirmPassword}
              />
              <FormError>{actionData?.form === "password" ? actionData.formError : null}</FormError>
              <button type="submit">{t("password.submit")}</button>
            </Form>
          </section>
          <section className="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t("sessions.heading")}</h2>
            <ul className="list">
              {sessions.map((s, index) => (
                <li key={index}>
                  <div>
                    <strong>{s.userAgent ? summariseUserAgent(s.userAgent) : t("sessions.unknownDevice")}</strong>{" "}
                    {s.current ? <span className="badge badge-ok">{t("sessions.current")}</span> : null}
                  </div>
                  <div className="small muted">
                    {t("sessions.started")}: {formatDateTime(s.createdAt, locale)} · {t("sessions.expires")}:{" "}
                    {formatDateTime(s.expiresAt, locale)}
                    {s.ipAddress ? ` · ${t("sessions.address")}: ${s.ipAddress}` : ""}
                  </div>
                </li>
              ))}
            </ul>
            {sessions.length > 1 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="end-other-sessions" />
                <button type="submit" className="button-secondary">
                  {t("sessions.signOutOthers")}
                </button>
              </Form>
            ) : (
              <p className="muted small">{t("sessions.none")}</p>
            )}
          </section>
        </div>
      </div>
      <OwnWorkshopBadges badges={workshopBadges} locale={locale} />
    </>
  );
}

/** "Chrome on Linux" from a user-agent string: enough to recognise one's own devices. */
function summariseUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} · ${os}` : browser;
}
