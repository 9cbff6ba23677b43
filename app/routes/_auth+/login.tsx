import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { attemptSignIn } from "~/auth/sign-in.server";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { getUser } from "~/auth/session.server";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormError } from "~/components/forms";
import { i18nServer } from "~/i18n/i18n.server";
import { parseForm, readFormData } from "~/forms/submission.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Sign in · FocalPoint" }];

const SignInForm = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).email(),
  password: z.string().min(1).max(1000),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, SignInForm, await readFormData(request));
  if (!form.ok)
    return data(
      { fieldErrors: form.fieldErrors, formError: null, email: String(form.values.email ?? "") },
      { status: 400 },
    );
  const t = await i18nServer.getFixedT(request, "auth");
  const { email, password, redirectTo } = form.data;
  const result = await attemptSignIn(email, password, context.clientIp);
  if (!result.ok) {
    const formError =
      result.reason === "throttled"
        ? t("signIn.throttled", { seconds: result.retryAfterSeconds })
        : t("signIn.invalid");
    return data(
      { fieldErrors: {} as Record<string, string>, formError, email },
      {
        status: result.reason === "throttled" ? 429 : 400,
        headers: result.reason === "throttled" ? { "Retry-After": String(result.retryAfterSeconds) } : {},
      },
    );
  }
  return signInAndRedirect(result.userId, request, context.clientIp, safeRedirect(redirectTo, "/"));
}

export default function SignIn() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <AuthLayout title={t("signIn.title")}>
      <p className="muted">{t("signIn.intro")}</p>
      {params.get("signedOut") ? <p className="notice">{t("signIn.signedOut")}</p> : null}
      <FormError>{actionData?.formError}</FormError>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("signIn.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.email}
          error={errors.email}
          autoFocus
        />
        <Field
          label={t("signIn.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
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
