import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { getRequestSession, requireUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { Field, FormErrorSummary, NewPasswordFields, SelectField } from "~/components/forms";
import { LANGUAGE_NAMES } from "~/i18n/config";
import { getTranslate } from "~/i18n/translate.server";
import { listOrganisationOptions } from "~/models/organisation.server";
import { listOwnBadges } from "~/models/participant-badge.server";
import { OwnWorkshopBadges } from "~/components/participant-form";
import participantStyles from "~/styles/participants.css?url";
import { endOtherSessions, getAccount, listSessions, updateProfile } from "~/models/account.server";
import { getEmailSettings, updateEmailSettings } from "~/models/digest.server";
import { changePassword } from "~/models/password.server";
import { useRootData } from "~/root";
import { DIGEST_CHOICES, DIGEST_TIME_ZONES } from "~/domain/digest-schedule";
import { NOTICE_CHOICES } from "~/domain/notices";
import { LOCALES, SEXES } from "~/domain/vocabulary";
import { formatDateTime, timeZoneLabel } from "~/utils/format";
import { EmailSettingsSchema, ProfileSchema } from "~/forms/account";
import { ChangePasswordSchema } from "~/forms/password";
import { invalidReply, parseSubmission, readFormData, refusal, refusalReply } from "~/forms/submission.server";
import { replyTo, useAppForm } from "~/forms/use-app-form";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("account:title");
// for the badges of one's coming workshops
export const links: LinksFunction = () => [{ rel: "stylesheet", href: participantStyles }];

async function currentSessionId(request: Request) {
  const session = await getRequestSession(request);
  return session ? hashToken(session.token) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [account, organisations, sessions, current, workshopBadges, emailSettings] = await Promise.all([
    getAccount(user.id),
    listOrganisationOptions(),
    listSessions(user.id),
    currentSessionId(request),
    listOwnBadges(user.id),
    getEmailSettings(user.id),
  ]);
  return {
    account,
    emailSettings,
    organisations,
    workshopBadges,
    sessions: sessions.map(({ id, ...s }) => ({ ...s, current: id === current })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "profile") {
    const submission = await parseSubmission(request, formData, ProfileSchema);
    if (submission.status !== "success") return invalidReply(submission);
    try {
      await updateProfile(user.id, submission.value, context.requestId);
    } catch (error) {
      return refusalReply(request, submission, error);
    }
    return redirectWithToast("/account", { kind: "success", message: t("account:profile.saved") });
  }

  if (intent === "password") {
    const submission = await parseSubmission(request, formData, ChangePasswordSchema);
    if (submission.status !== "success") return invalidReply(submission);
    try {
      await changePassword(user.id, submission.value.currentPassword, submission.value.password, context.clientIp);
    } catch (error) {
      return refusalReply(request, submission, error);
    }
    // Every session ended with the old password; this device continues in a fresh one.
    return signInAndRedirect(user.id, request, context.clientIp, "/account", {
      kind: "success",
      message: t("account:password.changed"),
    });
  }

  if (intent === "email-settings") {
    const submission = await parseSubmission(request, formData, EmailSettingsSchema);
    if (submission.status !== "success") return invalidReply(submission);
    await updateEmailSettings(user.id, submission.value);
    return redirectWithToast("/account", { kind: "success", message: t("account:emails.saved") });
  }

  if (intent === "end-other-sessions") {
    const current = await currentSessionId(request);
    if (current) await endOtherSessions(user.id, current, context.requestId);
    return redirectWithToast("/account", { kind: "success", message: t("account:sessions.signedOutOthers") });
  }

  throw await refusal(request, 400, "errors.badRequest");
}

export default function Account() {
  const { account, organisations, sessions, workshopBadges, emailSettings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const { t: tc } = useTranslation("common");
  const { t: tn } = useTranslation("notifications");
  const locale = useRootData()?.locale ?? "en";
  const [profileForm, profile] = useAppForm(ProfileSchema, {
    id: "profile",
    lastResult: replyTo(actionData, { intent: "profile" }),
    defaultValue: { ...account, sex: account.sex ?? "undisclosed" },
  });
  const [emailForm, emails] = useAppForm(EmailSettingsSchema, {
    id: "email-settings",
    lastResult: replyTo(actionData, { intent: "email-settings" }),
    defaultValue: emailSettings,
  });
  const [passwordForm, password] = useAppForm(ChangePasswordSchema, {
    id: "password",
    lastResult: replyTo(actionData, { intent: "password" }),
  });

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("profile.heading")}</h2>
          <Form method="post" {...getFormProps(profileForm)}>
            <FormErrorSummary form={profileForm} />
            <input type="hidden" name="intent" value="profile" />
            <Field label={t("profile.email")} value={account.email} readOnly hint={t("profile.emailHint")} />
            <Field label={t("profile.name")} meta={profile.name} autoComplete="name" />
            <Field label={t("profile.position")} meta={profile.position} />
            <Field label={t("profile.phone")} meta={profile.phone} inputMode="tel" autoComplete="tel" />
            <SelectField
              label={t("profile.organisation")}
              meta={profile.organisationId}
              options={[
                { value: "", label: t("profile.noOrganisation") },
                ...organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
              ]}
            />
            <SelectField
              label={t("profile.sex")}
              meta={profile.sex}
              hint={t("profile.sexHint")}
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
          <section className="card" aria-labelledby="emails-heading">
            <h2 id="emails-heading">{t("emails.heading")}</h2>
            <Form method="post" {...getFormProps(emailForm)}>
              <FormErrorSummary form={emailForm} />
              <input type="hidden" name="intent" value="email-settings" />
              <SelectField
                label={t("emails.digest")}
                meta={emails.digest}
                hint={t("emails.digestHint")}
                options={DIGEST_CHOICES.map((c) => ({ value: c, label: t(`emails.${c}`) }))}
              />
              <SelectField
                label={tn("choice.label")}
                meta={emails.notices}
                hint={tn("choice.hint")}
                options={NOTICE_CHOICES.map((c) => ({ value: c, label: tn(`choice.${c}`) }))}
              />
              <SelectField
                label={t("emails.timeZone")}
                meta={emails.timeZone}
                hint={t("emails.timeZoneHint")}
                options={DIGEST_TIME_ZONES.map((z) => ({ value: z, label: timeZoneLabel(z, locale) }))}
              />
              <button type="submit" className="button-secondary">
                {t("emails.submit")}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t("password.heading")}</h2>
            <Form method="post" {...getFormProps(passwordForm)}>
              <FormErrorSummary form={passwordForm} />
              <input type="hidden" name="intent" value="password" />
              <input type="hidden" name="username" value={account.email} autoComplete="username" />
              <Field
                label={t("password.current")}
                meta={password.currentPassword}
                type="password"
                autoComplete="current-password"
              />
              <NewPasswordFields password={password.password} confirmPassword={password.confirmPassword} />
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
