import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { getTranslate } from "~/i18n/translate.server";
import { listParticipants, participantFiltersFrom } from "~/models/participant.server";
import { answersOf, listQuestions } from "~/models/registration-questions.server";
import { workshopAccess } from "~/models/workshop.server";
import { csvDownload } from "~/utils/csv";
import { IdParam, parseParam } from "~/utils/params";

/**
 * The participant list as the reader sees it on screen (same filters, same
 * visibility: e-mails, sex and status only for those who may see them).
 * Labels are in the reader's language and import again as they are; when
 * invitations and reminders went out is on the workshop's clock. Those who
 * see contacts also get one column per registration question (removed ones
 * included, marked so), with each person's answer.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  const { seesContacts, workshop } = await workshopAccess(user, workshopId);
  const { filter } = participantFiltersFrom(new URL(request.url));
  const participants = await listParticipants(workshopId, filter, { seesContacts });
  const questions = seesContacts ? await listQuestions(workshopId, { includeArchived: true }) : [];
  const answers = questions.length > 0 ? await answersOf(participants.map((p) => p.id)) : {};
  const t = await getTranslate(request);
  const h = (key: string) => t(`participants:csv.${key}`, { timeZone: workshop.timeZone });
  const header = seesContacts
    ? [
        h("name"),
        h("email"),
        h("category"),
        h("country"),
        h("organisation"),
        h("sex"),
        h("status"),
        h("daysAttended"),
        h("invitationSent"),
        h("reminderSent"),
        ...questions.map((q) => (q.archived ? t("registration:answers.removedQuestion", { label: q.label }) : q.label)),
      ]
    : [h("name"), h("category"), h("country"), h("organisation"), h("daysAttended")];
  const rows = participants.map((p) => {
    const category = t(`workshops:categories.${p.category}`);
    const country = p.country?.code ?? "";
    return seesContacts
      ? [
          p.name,
          p.email ?? "",
          category,
          country,
          p.organisationFull,
          t(`common:sexes.${p.sex}`),
          t(`participants:statuses.${p.registrationStatus}`),
          p.daysAttended,
          p.invitationSentAt,
          p.reminderSentAt,
          ...questions.map((q) => {
            const value = answers[p.id]?.[q.id] ?? "";
            return q.kind === "yes_no" && value ? t(`registration:answers.${value}`) : value;
          }),
        ]
      : [p.name, category, country, p.organisationFull, p.daysAttended];
  });
  return csvDownload(request, {
    header,
    rows,
    filename: `participants-${workshop.startsOn}.csv`,
    timeZone: workshop.timeZone,
  });
}
