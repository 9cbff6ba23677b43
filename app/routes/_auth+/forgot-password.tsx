import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getUser } from "~/auth/session.server";
import { AuthLayout } from "~/components/auth-layout";
import { Field } from "~/components/forms";
import { requestPasswordReset } from "~/models/user.server";
import { email } from "~/forms/fields";
import { parseForm, readFormData } from "~/forms/submission.server";
import { logger } from "~/utils/logger.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · FocalPoint" }];

const ForgotForm = z.object({ email: email() });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, ForgotForm, await readFormData(request));
  if (!form.ok) return data({ sent: false, fieldErrors: form.fieldErrors }, { status: 400 });
  // The same answer, in the same time, whether or not the address has an account: the link is
  // made and handed to the mail server after the answer has gone.
  void requestPasswordReset(form.data.email).catch((error: unknown) =>
    logger.error({ err: error }, "password reset link could not be sent"),
  );
  return { sent: true, fieldErrors: {} as Record<string, string> };
}

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <AuthLayout title={t("forgot.title")}>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t("forgot.sent")}
        </p>
      ) : (
        <>
          <p className="muted">{t("forgot.intro")}</p>
          <Form method="post" noValidate>
            <Field
              label={t("signIn.email")}
              name="email"
              type="email"
              autoComplete="email"
              required
              autoFocus
              error={actionData?.fieldErrors.email}
            />
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
