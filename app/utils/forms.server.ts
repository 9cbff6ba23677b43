import { z } from "zod";
import { getTranslate, type Translate } from "~/i18n/translate.server";
import { isCalendarDay } from "./format";

export type FieldErrors = Record<string, string>;
export type FormResult<T> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, unknown> };

/** FormData as a plain object; a name given more than once becomes an array. */
export function formDataToObject(formData: FormData | URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** Wraps a single value into an array, for checkbox groups that may send one value or several. */
export const asArray = (value: unknown) =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];

/**
 * Validate a form with zod and return one translated message per field, in the
 * language of the person who sent it. Custom messages in schemas are
 * translation keys ("auth:reset.mismatch").
 */
export async function parseForm<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
  formData: FormData | URLSearchParams,
): Promise<FormResult<z.output<S>>> {
  const values = formDataToObject(formData);
  const result = await schema.safeParseAsync(values);
  if (result.success) return { ok: true, data: result.data };
  const t = await getTranslate(request);
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    if (fieldErrors[field]) continue;
    fieldErrors[field] = messageFor(issue, t);
  }
  // Never echo secrets back into the page.
  for (const key of Object.keys(values)) if (/password/i.test(key)) delete values[key];
  return { ok: false, fieldErrors, values };
}

function messageFor(issue: z.ZodIssue, t: Translate): string {
  if (issue.code === "custom" || (issue.message && issue.message.includes(":"))) return t(issue.message);
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined" || issue.received === "null"
        ? t("validation.required")
        : t("validation.invalid");
    case "too_small":
      return issue.type === "string" && issue.minimum === 1
        ? t("validation.required")
        : t("validation.tooShort", { min: issue.minimum });
    case "too_big":
      return t("validation.tooLong", { max: issue.maximum });
    case "invalid_string":
      return issue.validation === "email" ? t("validation.email") : t("validation.invalid");
    case "invalid_enum_value":
      return t("validation.invalidChoice");
    default:
      return t("validation.invalid");
  }
}

/** Trimmed text, required unless `.optional()` is chained by the caller. */
export const text = (max = 200) => z.string({ required_error: "validation.required" }).trim().min(1).max(max);
export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? "");
export const email = () => z.string().trim().toLowerCase().min(1).max(254).email();

/** An optional calendar day "YYYY-MM-DD" from a date field: empty is null, a day that does not exist is refused. */
export const optionalDay = (message = "validation.invalidDate") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isCalendarDay(v), message);

/**
 * A web address people can open: http(s) with a dotted host. Anything else
 * (javascript:, file:, a bare word) is refused with `message`, so a stored link
 * never runs code or points inside someone's computer.
 */
export const webAddress = (message: string) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1)
    .max(2000)
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
      } catch {
        return false;
      }
    }, message);
