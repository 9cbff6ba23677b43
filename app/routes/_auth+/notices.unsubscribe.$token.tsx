import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AuthLayout } from "~/components/auth-layout";
import { readFormData } from "~/forms/submission.server";
import { findUnsubscriber, unsubscribeDigest } from "~/models/digest.server";
import { findNoticeUnsubscriber, unsubscribeNotices } from "~/models/notification.server";
import { titleMeta } from "~/i18n/page-title";

/**
 * The unsubscribe link of the weekly digest and of notice e-mails (a signed token, no sign-in;
 * each token is signed for one of the two). Opening it only asks (mail scanners open links);
 * the e-mails stop on POST: the button here, or a mail client's one-click unsubscribe
 * (RFC 8058: `List-Unsubscribe=One-Click` posted to the same address).
 */

export const meta = titleMeta("account:unsubscribe.title");

const TokenParam = z.string().regex(/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43}$/);

/** Who the link names and which e-mails it stops, or null for a link that is not valid. */
async function unsubscriber(params: { token?: string }) {
  const parsed = TokenParam.safeParse(params.token);
  if (!parsed.success) return null;
  const token = parsed.data;
  const digestReader = await findUnsubscriber(token);
  if (digestReader)
    return {
      list: "digest" as const,
      email: digestReader.email,
      alreadyOff: digestReader.digest === "none",
      stop: () => unsubscribeDigest(token),
    };
  const noticeReader = await findNoticeUnsubscriber(token);
  if (noticeReader)
    return {
      list: "notices" as const,
      email: noticeReader.email,
      alreadyOff: noticeReader.choice === "none",
      stop: () => unsubscribeNotices(token),
    };
  return null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await unsubscriber(params);
  return found ? { list: found.list, email: found.email, alreadyOff: found.alreadyOff } : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Nothing in the body counts (the button and a mail client's one-click post alike), but a body that is no form is refused.
  await readFormData(request);
  const found = await unsubscriber(params);
  if (!found || !(await found.stop())) return { done: false as const };
  return { done: true as const, list: found.list, email: found.email };
}

export default function Unsubscribe() {
  const { t } = useTranslation("account");
  const person = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  // The digest's texts, or those of notice e-mails.
  const ns = (person?.list ?? (result?.done ? result.list : "digest")) === "notices" ? "notifications" : "account";
  const translate = t as unknown as (key: string, values?: Record<string, string>) => string;
  const tl = (key: "title" | "intro" | "submit" | "done" | "alreadyOff", values?: { email: string }) =>
    translate(`${ns}:unsubscribe.${key}`, values);
  return (
    <AuthLayout title={tl("title")}>
      {result?.done ? (
        <p role="status">{tl("done", { email: result.email })}</p>
      ) : !person || result ? (
        <p className="form-error" role="alert">
          {t("unsubscribe.invalid")}
        </p>
      ) : person.alreadyOff ? (
        <p>{tl("alreadyOff", { email: person.email })}</p>
      ) : (
        <Form method="post">
          <p>{tl("intro", { email: person.email })}</p>
          <button type="submit" disabled={submitting}>
            {tl("submit")}
          </button>
        </Form>
      )}
      <div className="auth-links">
        <Link to="/account">{t("title")}</Link>
      </div>
    </AuthLayout>
  );
}
