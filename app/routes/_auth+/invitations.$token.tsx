import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { signInAndRedirect } from "~/auth/sign-in-response.server";
import { roleLabels } from "~/components/app-shell";
import { AuthLayout } from "~/components/auth-layout";
import { Field, FormErrorSummary, NewPasswordFields } from "~/components/forms";
import { InputRefused } from "~/domain/input-refused";
import { AcceptInvitationSchema } from "~/forms/invitation";
import { useAppForm } from "~/forms/use-app-form";
import { getTranslate } from "~/i18n/translate.server";
import { acceptInvitation, findOpenInvitation } from "~/models/invitation.server";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { titleMeta } from "~/i18n/page-title";

export const meta = titleMeta("auth:invitation.title");

const TokenParam = z.string().regex(/^[a-z2-7]{32}$/);

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
  const submission = await parseSubmission(request, await readFormData(request), AcceptInvitationSchema);
  const found = await openInvitation(params);
  const spentLink = new InputRefused("form", "auth:invitation.invalidLink");
  if (!found) return refusalReply(request, submission, spentLink);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const userId = await acceptInvitation(found.token, submission.value);
    if (!userId) return refusalReply(request, submission, spentLink);
    const t = await getTranslate(request);
    return signInAndRedirect(userId, request, context.clientIp, "/", {
      kind: "success",
      message: t("auth:invitation.title"),
    });
  } catch (error) {
    return refusalReply(request, submission, error);
  }
}

export default function AcceptInvitation() {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(AcceptInvitationSchema, {
    lastResult: actionData?.result,
    defaultValue: { name: invitation?.name },
  });
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
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <Field
          label={t("signIn.email")}
          name="email"
          type="email"
          value={invitation.email}
          readOnly
          autoComplete="username"
        />
        <Field label={t("invitation.name")} meta={fields.name} autoComplete="name" />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" disabled={submitting}>
          {t("invitation.submit")}
        </button>
      </Form>
    </AuthLayout>
  );
}
