import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCountryName } from "~/i18n/names";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { CsvDownload } from "~/components/csv-download";
import { FilterSelect } from "~/components/filter-select";
import { RegistrationStatusBadge } from "~/components/participant-form";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { listCountries } from "~/models/country.server";
import { registrationEmailsDue, sendRegistrationEmails, SKIP_REASONS } from "~/models/participant-invitations.server";
import { answerOwnInvitation } from "~/models/participant-registration.server";
import {
  getOwnParticipation,
  listParticipants,
  participantFiltersFrom,
  registrationCounts,
} from "~/models/participant.server";
import { answersOf, listQuestions } from "~/models/registration-questions.server";
import { workshopAccess } from "~/models/workshop.server";
import { RegistrationAnswers } from "~/components/registration-answers";
import { PARTICIPANT_CATEGORIES, REGISTRATION_STATUSES } from "~/domain/vocabulary";
import { formatDay, todayIn } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { useWorkshopLayout } from "./_layout";
import { BulkInvitations } from "./__participant-invitations";
import { useRootData } from "~/root";
import styles from "~/styles/participants.css?url";
import { readFormData, refusal } from "~/forms/submission.server";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("participants:title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  const { canManage, seesContacts, workshop } = await workshopAccess(user, workshopId);
  const { params: filters, filter } = participantFiltersFrom(new URL(request.url));
  const [participants, countries, own, counts, emailsDue] = await Promise.all([
    listParticipants(workshopId, filter, { seesContacts }),
    listCountries(),
    getOwnParticipation(workshopId, user.id),
    seesContacts ? registrationCounts(workshopId) : null,
    canManage ? registrationEmailsDue(workshopId) : null,
  ]);
  const ended = workshop.endsOn < todayIn(workshop.timeZone);
  // Answers (dietary, accessibility…) are personal: shown to those who see contacts.
  const questions = seesContacts ? await listQuestions(workshopId, { includeArchived: true }) : [];
  const answers = questions.length > 0 ? await answersOf(participants.map((p) => p.id)) : {};
  return {
    participants,
    questions,
    answers,
    countries,
    filters,
    canManage,
    seesContacts,
    counts,
    emailsDue,
    ended,
    own: own ? { id: own.id, registrationStatus: own.registrationStatus } : null,
  };
}

const OwnAnswer = z.object({ intent: z.enum(["register", "decline"]) });
const BulkSend = z.object({
  intent: z.enum(["sendInvitations", "sendReminders"]),
  // the ticked rows; none means everyone concerned
  participantIds: z.array(IdParam).max(2000),
});

/**
 * A signed-in participant registers or declines for themselves; the
 * workshop's facilitators send invitations or reminders to many at once.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  const { workshop } = await workshopAccess(user, workshopId);
  // Once a workshop is over, the answer to its invitation is history.
  if (workshop.endsOn < todayIn(workshop.timeZone)) throw await refusal(request, 400, "participants:own.ended");
  const formData = await readFormData(request);
  const bulk = BulkSend.safeParse({
    intent: formData.get("intent"),
    participantIds: formData.getAll("participantId"),
  });
  if (bulk.success) {
    await workshopAccess(user, workshopId, "manage");
    const result = await sendRegistrationEmails(
      workshopId,
      bulk.data.intent === "sendInvitations" ? "invitation" : "reminder",
      {
        participantIds: bulk.data.participantIds.length > 0 ? bulk.data.participantIds : undefined,
        fallbackLocale: await getLocale(request),
      },
      { actorId: user.id, requestId: context.requestId },
    );
    return {
      bulk: {
        sent: result.sent.map((p) => p.name),
        // the names of the people skipped, by reason, in the order the summary lists them
        skipped: SKIP_REASONS.flatMap((reason) =>
          result.skipped[reason] ? [{ reason, names: result.skipped[reason].map((p) => p.name) }] : [],
        ),
      },
    };
  }
  const answer = OwnAnswer.safeParse(Object.fromEntries(formData));
  if (!answer.success) throw await refusal(request, 400, "errors.badRequest");
  const own = await getOwnParticipation(workshopId, user.id);
  if (!own || !can(user, "workshop.register", { participantUserIds: [user.id] }))
    throw new Response("Forbidden", { status: 403 });
  await answerOwnInvitation(workshopId, user.id, answer.data.intent, context.requestId);
  const t = await getTranslate(request);
  return redirectWithToast(`/workshops/${workshopId}/participants`, {
    kind: "success",
    message: t(
      answer.data.intent === "register" ? "participants:own.registeredToast" : "participants:own.declinedToast",
    ),
  });
}

/** How many rows are ticked: the checkboxes of the bulk-send form (they sit in the table, outside it). */
const tickedIn = (form: HTMLFormElement | null) =>
  form ? [...form.elements].filter((el) => el instanceof HTMLInputElement && el.checked).length : 0;

export default function Participants() {
  const page = useLoaderData<typeof loader>();
  const { t: tr } = useTranslation("registration");
  const bulkResult = useActionData<typeof action>()?.bulk;
  const [ticked, setTicked] = useState(0);
  const locale = useRootData()?.locale ?? "en";
  const { t } = useTranslation("participants");
  const { t: tw } = useTranslation("workshops");
  const { t: tc } = useTranslation("common");
  const countryName = useCountryName();
  const { workshop } = useWorkshopLayout();
  const busy = useNavigation().state !== "idle";
  const filtered = Boolean(page.filters.q || page.filters.category || page.filters.country || page.filters.status);
  const exportQuery = new URLSearchParams(
    Object.entries(page.filters).filter(([, v]) => v) as [string, string][],
  ).toString();
  return (
    <>
      {page.own ? (
        <section className="card own-registration" id="own-registration" aria-labelledby="own-heading">
          <h2 id="own-heading">{t("own.title")}</h2>
          <p>{t(`own.${page.own.registrationStatus as "invited"}`)}</p>
          {page.ended ? null : (
            <Form method="post" className="cluster">
              {page.own.registrationStatus !== "registered" ? (
                <button type="submit" name="intent" value="register" disabled={busy}>
                  {t("own.register")}
                </button>
              ) : null}
              {page.own.registrationStatus !== "declined" ? (
                <button type="submit" name="intent" value="decline" className="button-secondary" disabled={busy}>
                  {t("own.decline")}
                </button>
              ) : null}
              {page.own.registrationStatus === "registered" ? (
                <Link to="/account#my-workshops" className="button button-ghost">
                  {t("own.badge")}
                </Link>
              ) : null}
            </Form>
          )}
        </section>
      ) : null}

      <section aria-labelledby="participants-heading">
        <div className="section-header">
          <div>
            <h2 id="participants-heading">{t("title")}</h2>
            <p className="muted small">{page.counts ? t("statusCounts", page.counts) : t("introReader")}</p>
          </div>
          <div className="cluster">
            {page.canManage ? (
              <>
                <Link to="new" className="button">
                  {t("add")}
                </Link>
                <Link to="import" className="button button-secondary">
                  {t("import")}
                </Link>
                <Link to="badges" className="button button-secondary">
                  {t("badges")}
                </Link>
                <Link to="questions" className="button button-secondary">
                  {tr("link")}
                </Link>
              </>
            ) : null}
            <CsvDownload
              href={`/workshops/${workshop.id}/participants.csv${exportQuery ? `?${exportQuery}` : ""}`}
              label={t("exportCsv")}
            />
          </div>
        </div>

        {page.canManage && page.emailsDue && !page.ended ? (
          <BulkInvitations due={page.emailsDue} ticked={ticked} result={bulkResult} busy={busy} />
        ) : null}

        <Form method="get" className="filters" role="search">
          <div className="field search-field">
            <label htmlFor="q">{page.seesContacts ? t("search") : t("searchReader")}</label>
            <input id="q" name="q" type="search" defaultValue={page.filters.q ?? ""} />
          </div>
          <FilterSelect
            name="category"
            label={t("category")}
            anyLabel={t("anyCategory")}
            value={page.filters.category}
            options={PARTICIPANT_CATEGORIES.map((c) => ({ value: c, label: tw(`categories.${c}`) }))}
          />
          <FilterSelect
            name="country"
            label={t("country")}
            anyLabel={t("anyCountry")}
            value={page.filters.country}
            options={page.countries.map((c) => ({ value: c.id, label: c.name }))}
          />
          {page.seesContacts ? (
            <FilterSelect
              name="status"
              label={t("status")}
              anyLabel={t("anyStatus")}
              value={page.filters.status}
              options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            />
          ) : null}
          <button type="submit" className="button-secondary">
            {tc("actions.search")}
          </button>
        </Form>

        <p className="muted small" role="status">
          {t("count", { count: page.participants.length })}
        </p>
        {page.participants.length === 0 ? (
          <p className="empty">{filtered ? t("noMatch") : t("none")}</p>
        ) : (
          <div className="table-wrap stack-table">
            <table className="participants-table">
              <thead>
                <tr>
                  {page.canManage && !page.ended ? (
                    <th scope="col" className="select-column">
                      <span className="visually-hidden">{t("bulk.selectColumn")}</span>
                    </th>
                  ) : null}
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("category")}</th>
                  <th scope="col">{t("organisation")}</th>
                  <th scope="col">{t("country")}</th>
                  {page.seesContacts ? (
                    <>
                      <th scope="col">{t("sex")}</th>
                      <th scope="col">{t("status")}</th>
                    </>
                  ) : null}
                  {page.questions.length > 0 ? <th scope="col">{tr("answers.column")}</th> : null}
                  <th scope="col" className="num">
                    {t("daysAttended")}
                  </th>
                  {page.canManage ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {page.participants.map((p) => (
                  <tr key={p.id}>
                    {page.canManage && !page.ended ? (
                      <td className="select-column">
                        <input
                          type="checkbox"
                          name="participantId"
                          value={p.id}
                          form="bulk-send"
                          aria-label={t("bulk.select", { name: p.name })}
                          onChange={(e) => setTicked(tickedIn(e.currentTarget.form))}
                        />
                      </td>
                    ) : null}
                    <td>
                      <strong>{p.name}</strong>
                      {p.email ? <div className="small muted break">{p.email}</div> : null}
                    </td>
                    <td data-label={t("category")}>{tw(`categories.${p.category}`)}</td>
                    <td data-label={t("organisation")} title={p.organisationFull || undefined}>
                      {p.organisation || "—"}
                    </td>
                    <td data-label={t("country")}>
                      {p.country ? (
                        <span className="country-code" title={countryName(p.country)}>
                          {p.country.code}
                        </span>
                      ) : (
                        "—"
                      )}
                    </td>
                    {page.seesContacts ? (
                      <>
                        <td data-label={t("sex")}>{p.sex ? tc(`sexes.${p.sex}`) : ""}</td>
                        <td data-label={t("status")}>
                          {p.registrationStatus ? <RegistrationStatusBadge status={p.registrationStatus} /> : null}
                          {p.invitationSentAt ? (
                            <div className="small muted">
                              {t("bulk.invitationSentOn", {
                                date: formatDay(todayIn(workshop.timeZone, new Date(p.invitationSentAt)), locale),
                              })}
                            </div>
                          ) : null}
                          {p.reminderSentAt ? (
                            <div className="small muted">
                              {t("bulk.remindedOn", {
                                date: formatDay(todayIn(workshop.timeZone, new Date(p.reminderSentAt)), locale),
                              })}
                            </div>
                          ) : null}
                        </td>
                      </>
                    ) : null}
                    {page.questions.length > 0 ? (
                      <td data-label={tr("answers.column")}>
                        <RegistrationAnswers questions={page.questions} answers={page.answers[p.id] ?? {}} compact />
                      </td>
                    ) : null}
                    <td className="num" data-label={t("daysAttended")}>
                      {p.daysAttended}
                    </td>
                    {page.canManage ? (
                      <td>
                        <Link to={p.id} aria-label={t("editTitle", { name: p.name })}>
                          {t("edit")}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
