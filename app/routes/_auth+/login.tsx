import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attemptSignIn } from "~/auth/sign-in.server";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { getUser } from "~/auth/session.server";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormErrorSummary } from "~/components/forms";
import { InputRefused } from "~/domain/input-refused";
import { SignInSchema } from "~/forms/sign-in";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { safeRedirect } from "~/utils/safe-redirect";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("auth:signIn.submit");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseSubmission(request, await readFormData(request), SignInSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const { email, password, redirectTo } = submission.value;
  const result = await attemptSignIn(email, password, context.clientIp);
  if (result.ok) return signInAndRedirect(result.userId, request, context.clientIp, safeRedirect(redirectTo, "/"));
  if (result.reason === "throttled")
    return refusalReply(
      request,
      submission,
      new InputRefused("form", "auth:signIn.throttled", { seconds: result.retryAfterSeconds }),
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  return refusalReply(request, submission, new InputRefused("form", "auth:signIn.invalid"));
}

export default function SignIn() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(SignInSchema, { lastResult: actionData?.result });
  return (
    <AuthLayout title={t("signIn.title")}>
      <p className="muted">{t("signIn.intro")}</p>
      {params.get("signedOut") ? <p className="notice">{t("signIn.signedOut")}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field label={t("signIn.email")} meta={fields.email} type="email" autoComplete="username" />
        <Field label={t("signIn.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" disabled={submitting}>
          {submitting ? t("signIn.submitting") : t("signIn.submit")}
        </button>
      </Form>
      <div className="auth-links">
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </div>
    </AuthLayout>
  );
}
