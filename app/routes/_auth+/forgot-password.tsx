import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/auth/session.server";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormErrorSummary } from "~/components/forms";
import { requestPasswordReset } from "~/models/password.server";
import { ForgotPasswordSchema } from "~/forms/sign-in";
import { invalidReply, parseSubmission, readFormData } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { logger } from "~/utils/logger.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("auth:forgot.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = await parseSubmission(request, await readFormData(request), ForgotPasswordSchema);
  if (submission.status !== "success") return invalidReply(submission);
  // The same answer, in the same time, whether or not the address has an account: the link is
  // made and handed to the mail server after the answer has gone.
  void requestPasswordReset(submission.value.email).catch((error: unknown) =>
    logger.error({ err: error }, "password reset link could not be sent"),
  );
  return { sent: true as const };
}

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(ForgotPasswordSchema, {
    lastResult: actionData && "result" in actionData ? actionData.result : null,
  });
  return (
    <AuthLayout title={t("forgot.title")}>
      {actionData && "sent" in actionData ? (
        <p className="notice" role="status">
          {t("forgot.sent")}
        </p>
      ) : (
        <>
          <p className="muted">{t("forgot.intro")}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrorSummary form={form} />
            <Field label={t("signIn.email")} meta={fields.email} type="email" autoComplete="email" />
            <button type="submit" disabled={submitting}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <div className="auth-links">
        <Link to="/login">{t("forgot.backToSignIn")}</Link>
      </div>
    </AuthLayout>
  );
}
