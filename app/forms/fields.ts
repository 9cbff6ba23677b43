/**
 * Field rules shared by a form's page (Conform validates as people type) and its
 * action (the server decides). Messages are translation keys; app/forms/messages.ts
 * turns them into sentences in the reader's language.
 */
import { z } from "zod";
import { isCalendarDay } from "~/utils/format";

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

/**
 * A whole number typed in a form, in decimal digits only: "0x10", "1e2" or a
 * blank field are refused, never read as 16, 100 or 0.
 */
export const wholeNumber = ({ min, max }: { min: number; max: number }) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1)
    .regex(/^-?\d{1,9}$/, "validation.wholeNumber")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Wraps a single value into an array, for checkbox groups that may send one value or several. */
export const asArray = (value: unknown) =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];
