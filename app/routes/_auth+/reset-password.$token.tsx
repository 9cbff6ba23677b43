import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { AuthLayout } from "~/components/auth-layout";
import { FormErrorSummary, NewPasswordFields } from "~/components/forms";
import { InputRefused } from "~/domain/input-refused";
import { ResetPasswordSchema } from "~/forms/password";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { getTranslate } from "~/i18n/translate.server";
import { findValidResetToken, resetPassword } from "~/models/password.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("auth:reset.title");

const TokenParam = z.string().regex(/^[a-z2-7]{32}$/);

async function validToken(params: { token?: string }) {
  const token = TokenParam.safeParse(params.token);
  return token.success && (await findValidResetToken(token.data)) ? token.data : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: (await validToken(params)) !== null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await parseSubmission(request, await readFormData(request), ResetPasswordSchema);
  const token = await validToken(params);
  const spentLink = new InputRefused("form", "auth:reset.invalidLink");
  if (!token) return refusalReply(request, submission, spentLink);
  if (submission.status !== "success") return invalidReply(submission);
  const userId = await resetPassword(token, submission.value.password);
  if (!userId) return refusalReply(request, submission, spentLink);
  const t = await getTranslate(request);
  return signInAndRedirect(userId, request, context.clientIp, "/", { kind: "success", message: t("auth:reset.done") });
}

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(ResetPasswordSchema, { lastResult: actionData?.result });
  return (
    <AuthLayout title={t("reset.title")}>
      {valid ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary form={form} />
          <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
          <button type="submit" disabled={submitting}>
            {t("reset.submit")}
          </button>
        </Form>
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
