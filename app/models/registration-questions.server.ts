import { activityMessage } from "~/i18n/activity";
import { emit } from "~/events.server";
import { InputRefused } from "~/domain/input-refused";
import {
  MAX_QUESTIONS,
  PRESET_QUESTIONS,
  QUESTION_KINDS,
  type AskedQuestion,
  type QuestionPreset,
} from "~/domain/registration-questions";
import { parseWord, type Locale } from "~/domain/vocabulary";
import type { RegistrationQuestionInput } from "~/forms/registration-question";
import { questionAnswersSchema } from "~/forms/registration";
import { translatorFor } from "~/i18n/translate.server";
import { db, type Prisma } from "~/utils/db.server";
import { changedFields, recordAudit, type ChangeAuthor } from "./audit.server";

/**
 * The questions an organiser adds to a workshop's registration page (dietary
 * needs, a visa letter…) and the answers people give when they register. A
 * question people have answered is never deleted with its answers: removing
 * it archives it (no longer asked, its answers still shown and exported), and
 * a change that would make answers meaningless (another kind, a dropped
 * option someone chose) is refused.
 */

type Tx = Prisma.TransactionClient;
type QuestionRow = {
  id: string;
  kind: string;
  label: string;
  options: string;
  required: boolean;
  preset: string | null;
  archivedAt: Date | null;
};

function toQuestion(row: QuestionRow) {
  return {
    id: row.id,
    kind: parseWord(QUESTION_KINDS, row.kind),
    label: row.label,
    options: JSON.parse(row.options) as string[],
    required: row.required,
    preset: row.preset,
    archived: row.archivedAt !== null,
  };
}
export type RegistrationQuestion = ReturnType<typeof toQuestion>;

/**
 * A workshop's questions in the order they are asked; archived ones (removed
 * after people answered) come last, only with `includeArchived`, each with how
 * many people answered it.
 */
export async function listQuestions(workshopId: string, { includeArchived = false } = {}) {
  const rows = await db.registrationQuestion.findMany({
    where: { workshopId, ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
    include: { _count: { select: { answers: true } } },
  });
  return rows
    .map((row) => ({ ...toQuestion(row), answerCount: row._count.answers }))
    .sort((a, b) => Number(a.archived) - Number(b.archived));
}

/** The questions the registration page asks now. */
export async function askedQuestions(workshopId: string): Promise<AskedQuestion[]> {
  return (await listQuestions(workshopId)).map(({ id, kind, label, options, required }) => ({
    id,
    kind,
    label,
    options,
    required,
  }));
}

async function findQuestion(tx: Tx, workshopId: string, questionId: string) {
  const question = await tx.registrationQuestion.findFirst({
    where: { id: questionId, workshopId },
    include: { _count: { select: { answers: true } } },
  });
  if (!question) throw new InputRefused("form", "registration:errors.questionNotFound");
  return question;
}

async function assertRoomForAnother(tx: Tx, workshopId: string) {
  const asked = await tx.registrationQuestion.count({ where: { workshopId, archivedAt: null } });
  if (asked >= MAX_QUESTIONS) throw new InputRefused("form", "registration:errors.tooManyQuestions");
}

async function nextSortOrder(tx: Tx, workshopId: string) {
  const last = await tx.registrationQuestion.aggregate({ where: { workshopId }, _max: { sortOrder: true } });
  return (last._max.sortOrder ?? 0) + 1;
}

async function created(
  workshopId: string,
  data: RegistrationQuestionInput & { preset?: QuestionPreset },
  { actorId, requestId }: ChangeAuthor,
) {
  const question = await db.$transaction(async (tx) => {
    await assertRoomForAnother(tx, workshopId);
    if (data.preset && (await tx.registrationQuestion.count({ where: { workshopId, preset: data.preset } })) > 0)
      throw new InputRefused("form", "registration:errors.presetAdded");
    const question = await tx.registrationQuestion.create({
      data: {
        workshopId,
        kind: data.kind,
        label: data.label,
        options: JSON.stringify(data.options),
        required: data.required,
        preset: data.preset ?? null,
        sortOrder: await nextSortOrder(tx, workshopId),
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "registration_question.add",
      entityType: "registration_question",
      entityId: question.id,
      message: activityMessage("questionAdded", { label: question.label }),
      requestId,
    });
    return question;
  });
  await emit({ type: "workshop.changed", workshopId });
  return toQuestion(question);
}

/** A new question at the end of the registration page. */
export function addQuestion(workshopId: string, input: RegistrationQuestionInput, author: ChangeAuthor) {
  return created(workshopId, input, author);
}

/** One of the common questions, worded in the organiser's language (they can edit it afterwards). */
export async function addPresetQuestion(
  workshopId: string,
  preset: QuestionPreset,
  locale: Locale,
  author: ChangeAuthor,
) {
  const t = await translatorFor(locale);
  const { kind, options } = PRESET_QUESTIONS[preset];
  return created(
    workshopId,
    {
      kind,
      label: t(`registration:presets.${preset}.label`),
      options: options.map((option) => t(`registration:presets.${preset}.options.${option}`)),
      required: false,
      preset,
    },
    author,
  );
}

/**
 * Changes a question's wording, options or whether it is required. Once it
 * has answers, its kind stays and no option someone chose can be dropped
 * (renaming an option is dropping it): those answers would no longer fit.
 */
export async function updateQuestion(
  workshopId: string,
  questionId: string,
  input: RegistrationQuestionInput,
  { actorId, requestId }: ChangeAuthor,
) {
  await db.$transaction(async (tx) => {
    const question = await findQuestion(tx, workshopId, questionId);
    if (question._count.answers > 0) {
      if (input.kind !== question.kind) throw new InputRefused("kind", "registration:errors.kindHasAnswers");
      if (question.kind === "choice") {
        const chosen = await tx.registrationQuestionAnswer.findMany({
          where: { questionId, value: { notIn: input.options } },
          select: { value: true },
          distinct: ["value"],
        });
        if (chosen.length > 0)
          throw new InputRefused("options", "registration:errors.optionHasAnswers", { option: chosen[0]!.value });
      }
    }
    const data = {
      kind: input.kind,
      label: input.label,
      options: JSON.stringify(input.options),
      required: input.required,
    };
    await tx.registrationQuestion.update({ where: { id: questionId }, data });
    await recordAudit(tx, {
      actorId,
      action: "registration_question.update",
      entityType: "registration_question",
      entityId: questionId,
      message: activityMessage("questionChanged", { label: input.label }),
      changes: changedFields(question as Record<string, unknown>, data),
      requestId,
    });
  });
  await emit({ type: "workshop.changed", workshopId });
}

/**
 * Takes a question off the registration page: deleted when nobody answered
 * it, else archived with its answers. Says which.
 */
export async function removeQuestion(workshopId: string, questionId: string, { actorId, requestId }: ChangeAuthor) {
  const outcome = await db.$transaction(async (tx) => {
    const question = await findQuestion(tx, workshopId, questionId);
    const outcome = question._count.answers > 0 ? ("archived" as const) : ("deleted" as const);
    if (outcome === "archived")
      await tx.registrationQuestion.update({ where: { id: questionId }, data: { archivedAt: new Date() } });
    else await tx.registrationQuestion.delete({ where: { id: questionId } });
    await recordAudit(tx, {
      actorId,
      action: `registration_question.${outcome === "archived" ? "archive" : "delete"}`,
      entityType: "registration_question",
      entityId: questionId,
      message:
        outcome === "archived"
          ? activityMessage("questionArchived", { label: question.label, answers: question._count.answers })
          : activityMessage("questionDeleted", { label: question.label }),
      requestId,
    });
    return outcome;
  });
  await emit({ type: "workshop.changed", workshopId });
  return outcome;
}

/** Asks an archived question again, at the end of the page. */
export async function restoreQuestion(workshopId: string, questionId: string, { actorId, requestId }: ChangeAuthor) {
  await db.$transaction(async (tx) => {
    const question = await findQuestion(tx, workshopId, questionId);
    if (!question.archivedAt) return;
    await assertRoomForAnother(tx, workshopId);
    await tx.registrationQuestion.update({
      where: { id: questionId },
      data: { archivedAt: null, sortOrder: await nextSortOrder(tx, workshopId) },
    });
    await recordAudit(tx, {
      actorId,
      action: "registration_question.restore",
      entityType: "registration_question",
      entityId: questionId,
      message: activityMessage("questionAskedAgain", { label: question.label }),
      requestId,
    });
  });
  await emit({ type: "workshop.changed", workshopId });
}

/** Moves a question one place up or down among those asked. */
export async function moveQuestion(workshopId: string, questionId: string, direction: "up" | "down") {
  await db.$transaction(async (tx) => {
    const asked = await tx.registrationQuestion.findMany({
      where: { workshopId, archivedAt: null },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });
    const from = asked.findIndex((q) => q.id === questionId);
    if (from < 0) throw new InputRefused("form", "registration:errors.questionNotFound");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= asked.length) return;
    [asked[from], asked[to]] = [asked[to]!, asked[from]!];
    // Renumbered whole, so questions added at the same moment get distinct places too.
    for (const [index, q] of asked.entries())
      await tx.registrationQuestion.update({ where: { id: q.id }, data: { sortOrder: index + 1 } });
  });
  await emit({ type: "workshop.changed", workshopId });
}

/**
 * Writes a person's answers as they register, inside the registration's
 * transaction. They are checked again against the questions asked now (one
 * may have been added or changed since the page was opened): answers that no
 * longer fit refuse the whole registration, so nothing is written.
 */
export async function saveAnswers(tx: Tx, workshopId: string, participantId: string, answers: Record<string, string>) {
  const rows = await tx.registrationQuestion.findMany({ where: { workshopId, archivedAt: null } });
  const checked = questionAnswersSchema(rows.map(toQuestion)).safeParse(answers);
  if (!checked.success) throw new InputRefused("form", "registration:errors.questionsChanged");
  for (const [questionId, value] of Object.entries(checked.data as Record<string, string>)) {
    if (value === "") {
      await tx.registrationQuestionAnswer.deleteMany({ where: { questionId, participantId } });
      continue;
    }
    await tx.registrationQuestionAnswer.upsert({
      where: { questionId_participantId: { questionId, participantId } },
      create: { questionId, participantId, value },
      update: { value },
    });
  }
}

/** Every answer of these participants, as { participantId: { questionId: value } }. */
export async function answersOf(participantIds: string[]) {
  const rows = await db.registrationQuestionAnswer.findMany({
    where: { participantId: { in: participantIds } },
    select: { participantId: true, questionId: true, value: true },
  });
  const byParticipant: Record<string, Record<string, string>> = {};
  for (const row of rows) (byParticipant[row.participantId] ??= {})[row.questionId] = row.value;
  return byParticipant;
}
