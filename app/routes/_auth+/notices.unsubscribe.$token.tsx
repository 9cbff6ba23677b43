import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthLayout } from "~/components/auth-layout";
import { readFormData } from "~/forms/submission.server";
import { findUnsubscriber, unsubscribeDigest } from "~/models/digest.server";

/**
 * The unsubscribe link of the weekly digest (a signed token, no sign-in). Opening it only asks
 * (mail scanners open links); the digest stops on POST: the button here, or a mail client's
 * one-click unsubscribe (RFC 8058: `List-Unsubscribe=One-Click` posted to the same address).
 */

export const meta: MetaFunction = () => [{ title: "Stop the weekly digest · FocalPoint" }];

const TokenParam = z.string().regex(/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}$/);

async function unsubscriber(params: { token?: string }) {
  const token = TokenParam.safeParse(params.token);
  return token.success ? { token: token.data, person: await findUnsubscriber(token.data) } : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await unsubscriber(params);
  return found?.person ? { email: found.person.email, alreadyOff: found.person.digest === "none" } : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Nothing in the body counts (the button and a mail client's one-click post alike), but a body that is no form is refused.
  await readFormData(request);
  const found = await unsubscriber(params);
  if (!found?.person || !(await unsubscribeDigest(found.token))) return { done: false as const };
  return { done: true as const, email: found.person.email };
}

export default function Unsubscribe() {
  const { t } = useTranslation("account");
  const person = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <AuthLayout title={t("unsubscribe.title")}>
      {result?.done ? (
        <p role="status">{t("unsubscribe.done", { email: result.email })}</p>
      ) : !person || result ? (
        <p className="form-error" role="alert">
          {t("unsubscribe.invalid")}
        </p>
      ) : person.alreadyOff ? (
        <p>{t("unsubscribe.alreadyOff", { email: person.email })}</p>
      ) : (
        <Form method="post">
          <p>{t("unsubscribe.intro", { email: person.email })}</p>
          <button type="submit" disabled={submitting}>
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
      <div className="auth-links">
        <Link to="/account">{t("title")}</Link>
      </div>
    </AuthLayout>
  );
}
