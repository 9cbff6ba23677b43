import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { newPasswordFields, passwordsMatch } from "~/auth/password-form";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormError } from "~/components/forms";
import { getTranslate } from "~/i18n/translate.server";
import { findValidResetToken, resetPassword } from "~/models/user.server";
import { parseForm, readFormData } from "~/forms/submission.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · FocalPoint" }];

const TokenParam = z.string().regex(/^[a-z2-7]{32}$/);
const ResetForm = passwordsMatch(z.object(newPasswordFields));

async function validToken(params: { token?: string }) {
  const token = TokenParam.safeParse(params.token);
  return token.success && (await findValidResetToken(token.data)) ? token.data : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: (await validToken(params)) !== null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = await validToken(params);
  const t = await getTranslate(request);
  if (!token)
    return data({ fieldErrors: {} as Record<string, string>, formError: t("auth:reset.invalidLink") }, { status: 400 });
  const form = await parseForm(request, ResetForm, await readFormData(request));
  if (!form.ok) return data({ fieldErrors: form.fieldErrors, formError: null }, { status: 400 });
  const userId = await resetPassword(token, form.data.password);
  if (!userId)
    return data({ fieldErrors: {} as Record<string, string>, formError: t("auth:reset.invalidLink") }, { status: 400 });
  return signInAndRedirect(userId, request, context.clientIp, "/", { kind: "success", message: t("auth:reset.done") });
}

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <AuthLayout title={t("reset.title")}>
      {valid ? (
        <>
          <FormError>{actionData?.formError}</FormError>
          <Form method="post" noValidate>
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
              {t("reset.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p className="form-error" role="alert">
          {t("reset.invalidLink")}
        </p>
      )}
      <div className="auth-links">
        <Link to="/forgot-password">{t("forgot.title")}</Link>
        <Link to="/login">{t("forgot.backToSignIn")}</Link>
      </div>
    </AuthLayout>
  );
}
