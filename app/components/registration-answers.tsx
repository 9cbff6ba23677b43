import { useTranslation } from "react-i18next";
import type { QuestionKind } from "~/domain/registration-questions";

type Question = { id: string; kind: QuestionKind; label: string; archived: boolean };

/**
 * A person's answers to the registration questions, question by question
 * (removed questions marked so). `compact`, for a row of the participant list:
 * folded behind how many answers there are, so the list stays a list.
 */
export function RegistrationAnswers({
  questions,
  answers,
  compact = false,
}: {
  questions: Question[];
  answers: Record<string, string>;
  compact?: boolean;
}) {
  const { t } = useTranslation("registration");
  const answered = questions.filter((q) => answers[q.id]);
  if (answered.length === 0)
    return compact ? <span className="muted">—</span> : <p className="muted">{t("answers.none")}</p>;
  const list = (
    <dl className="registration-answers">
      {answered.map((q) => {
        const value = answers[q.id]!;
        return (
          <div key={q.id}>
            <dt>{q.archived ? t("answers.removedQuestion", { label: q.label }) : q.label}</dt>
            <dd>{q.kind === "yes_no" ? t(`answers.${value as "yes" | "no"}`) : value}</dd>
          </div>
        );
      })}
    </dl>
  );
  if (!compact) return list;
  return (
    <details className="answers-fold">
      <summary>{t("answers.summary", { count: answered.length })}</summary>
      {list}
    </details>
  );
}
