import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useActionData, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { Translate } from "~/i18n/types";
import { translatedIssues } from "./messages";

/** What every form action answers when it does not redirect: Conform's reply, shown beside the fields. */
export type FormReply = { result: SubmissionResult<string[]> };

/** Every field of a schema, including those of only some branches of a union (an answer that may register or decline). */
type FieldNames<T> = T extends unknown ? keyof T : never;

/** A form's starting values, as a record from the database gives them (Conform writes numbers and dates as text). */
export type FormDefaults<S extends z.ZodTypeAny> = { [K in FieldNames<z.input<S>>]?: string | number | Date | null };

/**
 * A form checked on the page with the same schema its action uses: messages
 * appear when a field is left, in the reader's language, and the server's
 * answer (`lastResult`) is shown the same way, with what was typed kept. The
 * page still works without JavaScript: the form posts and the server answers.
 */
export function useAppForm<S extends z.ZodTypeAny>(
  schema: S,
  options: { lastResult?: SubmissionResult<string[]> | null; defaultValue?: FormDefaults<S>; id?: string },
) {
  const { t } = useTranslation();
  return useForm<z.input<S>, z.output<S>, string[]>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema, formatError: translatedIssues(t as unknown as Translate) }),
  });
}

/**
 * The server's reply if it answers the form whose hidden fields are `match`
 * (several forms on a page post to one action, each with its `intent`): the
 * reply's initialValue is what that form sent.
 */
export function replyTo(
  answer: { result?: SubmissionResult<string[]> | null } | undefined,
  match: Record<string, string>,
) {
  const sent = answer?.result?.initialValue;
  if (!sent || !Object.entries(match).every(([name, value]) => firstOf(sent[name]) === value)) return undefined;
  return answer.result ?? undefined;
}

/**
 * The intent a reply answers. A hidden field sent twice (a tampered form) comes
 * back as a list; the action went by its first value, so the page does too and
 * the refusal shows on the form it concerns instead of on none.
 */
export function sentIntent(result: SubmissionResult<string[]> | null | undefined) {
  return firstOf(result?.initialValue?.intent);
}

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * A form of a page section that posts without leaving the page (a fetcher),
 * checked with `schema` on both sides. Its action answers a success with
 * `submission.reply({ resetForm: true })`, which empties the form. Without
 * JavaScript the form posts as the page; the page's answer is then shown by
 * the form it concerns (`match`: its intent and ids). A page with one such form per
 * record gives each its own `id`, so their fields' ids differ.
 */
export function useFetcherForm<S extends z.ZodTypeAny>(
  schema: S,
  options: { match: Record<string, string>; defaultValue?: FormDefaults<S>; id?: string },
) {
  const fetcher = useFetcher<{ result?: SubmissionResult<string[]> | null }>();
  const posted = useActionData<{ result?: SubmissionResult<string[]> | null }>();
  const lastResult = fetcher.data?.result ?? replyTo(posted, options.match);
  const [form, fields] = useAppForm(schema, { lastResult, defaultValue: options.defaultValue, id: options.id });
  return { fetcher, form, fields, busy: fetcher.state !== "idle" };
}
