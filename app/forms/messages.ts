import type { ZodIssue } from "zod";
import type { Translate } from "~/i18n/types";

/**
 * One sentence for a failed rule, in the reader's language. Messages written in
 * the schemas are translation keys ("plans:itemForm.dueBeforeStart"); zod's own
 * rules map to the shared `common:validation.*` sentences.
 */
function messageFor(issue: ZodIssue, t: Translate): string {
  if (issue.code === "custom" || issue.message.includes(":") || issue.message.startsWith("validation."))
    return t(issue.message);
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined" || issue.received === "null"
        ? t("common:validation.required")
        : t("common:validation.invalid");
    case "too_small":
      if (issue.type === "number") return t("common:validation.numberMin", { min: issue.minimum });
      return issue.type === "string" && issue.minimum === 1
        ? t("common:validation.required")
        : t("common:validation.tooShort", { min: issue.minimum });
    case "too_big":
      if (issue.type === "number") return t("common:validation.numberMax", { max: issue.maximum });
      return t("common:validation.tooLong", { max: issue.maximum });
    case "invalid_string":
      return issue.validation === "email" ? t("common:validation.email") : t("common:validation.invalid");
    case "invalid_enum_value":
      return t("common:validation.invalidChoice");
    default:
      return t("common:validation.invalid");
  }
}

/** Conform's `formatError`: every issue of a field as a sentence. */
export const translatedIssues = (t: Translate) => (issues: ZodIssue[]) => issues.map((issue) => messageFor(issue, t));
