import { z } from "zod";
import { SEXES } from "~/domain/vocabulary";
import { ANSWER_MAX_LENGTH, YES_NO, type AskedQuestion } from "~/domain/registration-questions";
import { optionalText, text } from "./fields";

/** The rule one question's answer follows; an optional question left empty answers "". */
function answerRule(question: AskedQuestion) {
  switch (question.kind) {
    case "short_text":
    case "long_text": {
      const max = ANSWER_MAX_LENGTH[question.kind];
      return question.required ? text(max) : optionalText(max);
    }
    case "yes_no":
    case "choice": {
      const allowed: readonly string[] = question.kind === "yes_no" ? YES_NO : question.options;
      const chosen = z.string().refine((v) => allowed.includes(v), "validation.invalidChoice");
      return question.required
        ? z.string({ required_error: "validation.required" }).pipe(chosen)
        : z
            .string()
            .optional()
            .transform((v) => v ?? "")
            .refine((v) => v === "" || allowed.includes(v), "validation.invalidChoice");
    }
  }
}

/** The answers to a workshop's questions, by question id (fields `answers.<id>`). */
export function questionAnswersSchema(questions: AskedQuestion[]) {
  return z.object(Object.fromEntries(questions.map((q) => [q.id, answerRule(q)])));
}

/** The details an invited person confirms when they register. */
const RegisterDetailsSchema = z.object({
  decision: z.literal("register"),
  name: text(160),
  organisationName: optionalText(200),
  countryId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9]{10,40}$/)
        .nullable(),
    ),
  sex: z.enum(SEXES),
});

/**
 * An invited participant's answer from their personal link: register with
 * confirmed details and the answers to the organiser's questions, or decline
 * (then nothing is asked).
 */
export const registrationAnswerSchema = (questions: AskedQuestion[]) =>
  z.discriminatedUnion("decision", [
    // With every answer left empty the form posts no `answers`: the questions are checked all the same.
    RegisterDetailsSchema.extend({ answers: questionAnswersSchema(questions).default({}) }),
    z.object({ decision: z.literal("decline") }),
  ]);
