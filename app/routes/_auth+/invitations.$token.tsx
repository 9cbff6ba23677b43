import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { newPasswordFields, passwordsMatch } from "~/auth/password-form";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { roleLabels } from "~/components/app-shell";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormError } from "~/components/forms";
import { getTranslate } from "~/i18n/translate.server";
import { acceptInvitation, findOpenInvitation, UserError } from "~/models/user.server";
import { text } from "~/forms/fields";
import { parseForm, readFormData } from "~/forms/submission.server";

export const meta: MetaFunction = () => [{ title: "Welcome · FocalPoint" }];

const TokenParam = z.string().regex(/^[a-z2-7]{32}$/);
const AcceptForm = passwordsMatch(z.object({ name: text(120), ...newPasswordFields }));

async function openInvitation(params: { token?: string }) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return null;
  const invitation = await findOpenInvitation(token.data);
  return invitation ? { token: token.data, invitation } : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await openInvitation(params);
  if (!found) return { invitation: null };
  const { invitation } = found;
  return {
    invitation: {
      email: invitation.user.email,
      name: invitation.user.name,
      inviter: invitation.invitedBy?.name ?? null,
      roles: invitation.user.roles.map((r) => ({ role: r.role, countryCode: r.country?.code ?? null })),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await getTranslate(request);
  const invalid = () =>
    data({ fieldErrors: {} as Record<string, string>, formError: t("auth:invitation.invalidLink") }, { status: 400 });
  const found = await openInvitation(params);
  if (!found) return invalid();
  const form = await parseForm(request, AcceptForm, await readFormData(request));
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, formError: null }, { status: 400 });
  try {
    const userId = await acceptInvitation(found.token, { name: form.data.name, password: form.data.password });
    if (!userId) return invalid();
    return signInAndRedirect(userId, request, context.clientIp, "/", {
      kind: "success",
      message: t("auth:invitation.title"),
    });
  } catch (error) {
    if (error instanceof UserError) return invalid();
    throw error;
  }
}

export default function AcceptInvitation() {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  if (!invitation) {
    return (
      <AuthLayout title={t("invitation.title")}>
        <p className="form-error" role="alert">
          {t("invitation.invalidLink")}
        </p>
      </AuthLayout>
    );
  }
  const roles = roleLabels(invitation, tc as unknown as (key: string, values?: Record<string, string>) => string).join(
    ", ",
  );
  return (
    <AuthLayout title={t("invitation.title")}>
      <p>
        {invitation.inviter
          ? t("invitation.intro", { inviter: invitation.inviter, roles })
          : t("invitation.introNoInviter", { roles })}
      </p>
      <FormError>{actionData?.formError}</FormError>
      <Form method="post" noValidate>
        <Field
          label={t("signIn.email")}
          name="email"
          type="email"
          value={invitation.email}
          readOnly
          autoComplete="username"
        />
        <Field
          label={t("invitation.name")}
          name="name"
          defaultValue={invitation.name}
          required
          autoComplete="name"
          error={actionData?.fieldErrors.name}
        />
        <Field
          label={t("reset.newPassword")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t("reset.hint", { min: MIN_PASSWORD_LENGTH })}
          error={actionData?.fieldErrors.password}
        />
        <Field
          label={t("reset.confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={actionData?.fieldErrors.confirmPassword}
        />
        <button type="submit" disabled={submitting}>
          {t("invitation.submit")}
        </button>
      </Form>
    </AuthLayout>
  );
}
