import { z } from "zod";
import {
  MAX_OPTIONS,
  OPTION_MAX_LENGTH,
  QUESTION_KINDS,
  QUESTION_LABEL_MAX_LENGTH,
  QUESTION_PRESETS,
} from "~/domain/registration-questions";
import { optionalText, text } from "./fields";

/**
 * A question the organiser adds to the registration page or changes. The
 * options of a choice are typed one per line; blank lines and repeats are
 * dropped, and a choice needs at least two.
 */
export const RegistrationQuestionSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS),
    label: text(QUESTION_LABEL_MAX_LENGTH),
    options: optionalText(MAX_OPTIONS * (OPTION_MAX_LENGTH + 2)),
    required: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
  })
  .transform(({ options, ...question }) => ({
    ...question,
    options:
      question.kind === "choice"
        ? [
            ...new Set(
              options
                .split("\n")
                .map((o) => o.trim())
                .filter(Boolean),
            ),
          ]
        : [],
  }))
  .superRefine((question, ctx) => {
    if (question.kind !== "choice") return;
    if (question.options.length < 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "registration:errors.fewOptions" });
    if (question.options.length > MAX_OPTIONS)
      ctx.addIssue({ code: "custom", path: ["options"], message: "registration:errors.manyOptions" });
    if (question.options.some((o) => o.length > OPTION_MAX_LENGTH))
      ctx.addIssue({ code: "custom", path: ["options"], message: "registration:errors.longOption" });
  });
export type RegistrationQuestionInput = z.output<typeof RegistrationQuestionSchema>;

export const QuestionPresetSchema = z.object({ preset: z.enum(QUESTION_PRESETS) });
