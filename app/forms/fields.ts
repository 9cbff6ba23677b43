/**
 * Field rules shared by a form's page (Conform validates as people type) and its
 * action (the server decides). Messages are translation keys; app/forms/messages.ts
 * turns them into sentences in the reader's language.
 */
import { z } from "zod";
import { dayExists, isCalendarDay } from "~/utils/format";
import { withoutBidiControls } from "~/utils/text";

/** Trimmed text without bidirectional controls, required unless `.optional()` is chained by the caller. */
export const text = (max = 200) =>
  z
    .string({ required_error: "validation.required" })
    .transform(withoutBidiControls)
    .pipe(z.string().trim().min(1).max(max));
/**
 * Optional trimmed text, "" when left empty. The length is checked after
 * trimming in a refinement rather than a piped z.string(): Conform turns an empty
 * string in any z.string() it finds into "missing", which would make an empty
 * optional field required.
 */
export const optionalText = (max = 2000) =>
  z
    .string()
    .optional()
    .transform((v) => withoutBidiControls(v ?? "").trim())
    .superRefine((v, ctx) => {
      if (v.length > max) ctx.addIssue({ code: "too_big", maximum: max, type: "string", inclusive: true });
    });
export const email = () => z.string().trim().toLowerCase().min(1).max(254).email();

/**
 * An optional calendar day "YYYY-MM-DD" from a date field: empty is null, a day
 * that does not exist is refused with `message`, one outside 1990-2100 (format.ts)
 * with its own message.
 */
export const optionalDay = (message = "validation.invalidDate") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .superRefine((v, ctx) => {
      if (v === null || isCalendarDay(v)) return;
      ctx.addIssue({ code: "custom", message: dayExists(v) ? "validation.dateRange" : message });
    });

/**
 * A whole number typed in a form field, between `min` and `max`: decimal
 * digits only (JavaScript's Number() would read "0x10" as 16 and "" as 0), and
 * an empty field is "required", never 0.
 */
const DECIMAL_INTEGER = /^-?\d{1,15}$/;
export const wholeNumber = (min: number, max: number) =>
  z
    .string({ required_error: "validation.required", invalid_type_error: "validation.wholeNumber" })
    .trim()
    .min(1, "validation.required")
    .refine((v) => DECIMAL_INTEGER.test(v), "validation.wholeNumber")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Like wholeNumber, but an empty field is null; `message`, when given, says what is wrong in every case. */
export const optionalWholeNumber = (min: number, max: number, message?: string) =>
  z
    .string({ invalid_type_error: message ?? "validation.wholeNumber" })
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || DECIMAL_INTEGER.test(v), message ?? "validation.wholeNumber")
    .transform((v) => (v === null ? null : Number(v)))
    .pipe(z.number().int().min(min, message).max(max, message).nullable());

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

/** Wraps a single value into an array, for checkbox groups that may send one value or several. */
export const asArray = (value: unknown) =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];
