import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { InputRefused } from "~/domain/input-refused";
import { getTranslate } from "~/i18n/translate.server";
import { isFormContentType } from "~/utils/request-edge.server";
import { translatedIssues } from "./messages";

/** A refusal the error page shows as it is: a sentence in the person's language. */
export async function refusal(request: Request, status: number, key: string): Promise<Response> {
  const t = await getTranslate(request);
  return new Response(t(key), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The form a request carries, for every action. A body that is not a form is
 * refused with 415 and one that cannot be read (a broken multipart body, a
 * connection cut off) with 400, each with a clear message, instead of the
 * TypeError request.formData() throws, which would be a 500. Multipart forms
 * are read by the runtime's parser, which takes any file name a browser sends
 * ("Minutes; final.pdf" included); server.ts has already bounded the body.
 */
export async function readFormData(request: Request): Promise<FormData> {
  if (!isFormContentType(request.headers.get("Content-Type"))) throw await refusal(request, 415, "request.notAForm");
  try {
    return await request.formData();
  } catch {
    throw await refusal(request, 400, "request.unreadableForm");
  }
}

/**
 * Checks a submitted form with the same schema its page validates with, and
 * answers in the sender's language. On failure, `submission.reply()` is what
 * the action returns (status 400) so that the page shows every message beside
 * its field and keeps what was typed.
 */
export async function parseSubmission<S extends z.ZodTypeAny>(
  request: Request,
  formData: FormData | URLSearchParams,
  schema: S,
) {
  const t = await getTranslate(request);
  return parseWithZod(formData, { schema, async: true, formatError: translatedIssues(t) });
}

/** Secrets a reply never sends back into the page. */
const hideFields = ["password", "currentPassword", "confirmPassword"];

/**
 * The answer to a form whose write the domain refused (InputRefused): its
 * message beside the field it concerns. Anything else is thrown on. `init`
 * replaces the 400 when the refusal has its own status (429 for a throttled
 * sign-in).
 */
export async function refusalReply(
  request: Request,
  submission: Submission<unknown, string[]>,
  error: unknown,
  init: ResponseInit = { status: 400 },
) {
  if (!(error instanceof InputRefused)) throw error;
  const message = (await getTranslate(request))(error.messageKey, error.values);
  const reply =
    error.field === "form"
      ? submission.reply({ formErrors: [message], hideFields })
      : submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields });
  return data({ result: reply }, init);
}

/** The answer to a form that did not pass its schema: every message beside its field, what was typed kept. */
export function invalidReply(submission: Submission<unknown, string[]>) {
  return data({ result: submission.reply({ hideFields }) }, { status: 400 });
}
