/** The questions an organiser adds to a workshop's registration page, and the rules their answers follow. */

export const QUESTION_KINDS = ["short_text", "long_text", "yes_no", "choice"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The common questions offered in one click; their wording is written in the organiser's language. */
export const QUESTION_PRESETS = ["dietary", "visa", "travel", "accessibility"] as const;
export type QuestionPreset = (typeof QUESTION_PRESETS)[number];

/** Each common question's kind and, for a choice, its options (worded in `registration:presets.<preset>.options`). */
export const PRESET_QUESTIONS: Record<QuestionPreset, { kind: QuestionKind; options: readonly string[] }> = {
  dietary: { kind: "choice", options: ["none", "vegetarian", "vegan", "halal", "other"] },
  visa: { kind: "yes_no", options: [] },
  travel: { kind: "long_text", options: [] },
  accessibility: { kind: "long_text", options: [] },
};

export const YES_NO = ["yes", "no"] as const;

/** Longest answer kept, by kind of question (a typed line, a paragraph). */
export const ANSWER_MAX_LENGTH = { short_text: 200, long_text: 2000 } as const;
export const QUESTION_LABEL_MAX_LENGTH = 200;
export const OPTION_MAX_LENGTH = 100;
export const MAX_OPTIONS = 20;
/** A registration page is filled in on a phone: a long questionnaire is refused. */
export const MAX_QUESTIONS = 20;

/** A question as the registration page asks it. */
export type AskedQuestion = { id: string; kind: QuestionKind; label: string; options: string[]; required: boolean };
