import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { FormError } from "~/components/forms";
import { ParticipantForm, RegistrationStatusBadge } from "~/components/participant-form";
import { InputRefused } from "~/domain/input-refused";
import { ParticipantSchema } from "~/forms/participant";
import { getLocale } from "~/i18n/i18n.server";
import { getTranslate } from "~/i18n/translate.server";
import { listCountries } from "~/models/country.server";
import { getParticipant, removeParticipant, updateParticipant } from "~/models/participant.server";
import { createRegistrationLink, sendRegistrationLink } from "~/models/participant-registration.server";
import { answersOf, listQuestions } from "~/models/registration-questions.server";
import { workshopAccess } from "~/models/workshop.server";
import { RegistrationAnswers } from "~/components/registration-answers";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/participants.css?url";
import { metaTitle } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => data?.participant.name ?? t("participants:title"));

async function load(request: Request, params: { workshopId?: string; participantId?: string }) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  const { workshop } = await workshopAccess(user, workshopId, "manage");
  const participant = await getParticipant(workshopId, parseParam(IdParam, params.participantId));
  if (!participant) throw new Response("Not found", { status: 404 });
  return { user, workshop, participant };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participant, workshop } = await load(request, params);
  const [countries, questions, answers] = await Promise.all([
    listCountries(),
    listQuestions(workshop.id, { includeArchived: true }),
    answersOf([participant.id]),
  ]);
  return {
    countries,
    questions,
    answers: answers[participant.id] ?? {},
    participant: {
      id: participant.id,
      name: participant.name,
      email: participant.email,
      category: participant.category,
      countryId: participant.countryId,
      organisationName: participant.organisationName || participant.organisation?.name || "",
      sex: participant.sex,
      registrationStatus: participant.registrationStatus,
      hasAccount: participant.userId !== null,
      daysAttended: participant._count.attendance,
    },
  };
}

/** What the invitation buttons answer: the new link (and where it was sent), or why there is none. */
type LinkResult = { link?: string; sentTo?: string | null; linkError?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, workshop, participant } = await load(request, params);
  const t = await getTranslate(request);
  const actor = { actorId: user.id, requestId: context.requestId };
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const back = `/workshops/${workshop.id}/participants`;

  if (intent === "remove") {
    await removeParticipant(workshop.id, participant.id, actor);
    return redirectWithToast(back, { kind: "success", message: t("participants:removed", { name: participant.name }) });
  }

  if (intent === "link" || intent === "send") {
    try {
      const { url, sentTo } =
        intent === "send"
          ? await sendRegistrationLink(workshop.id, participant.id, actor, await getLocale(request))
          : { ...(await createRegistrationLink(workshop.id, participant.id, actor)), sentTo: null };
      return data<LinkResult>({ link: url, sentTo });
    } catch (error) {
      if (error instanceof InputRefused) return data<LinkResult>({ linkError: t(error.messageKey) }, { status: 400 });
      throw error;
    }
  }

  const submission = await parseSubmission(request, formData, ParticipantSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await updateParticipant(workshop.id, participant.id, submission.value, actor);
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  return redirectWithToast(back, { kind: "success", message: t("participants:saved") });
}

export default function EditParticipant() {
  const { participant, countries, questions, answers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("participants");
  const { t: tr } = useTranslation("registration");
  const { workshopId } = useParams();
  const submitting = useNavigation().state === "submitting";
  const [copied, setCopied] = useState(false);
  const details = actionData && "result" in actionData ? actionData.result : null;
  const link = actionData && !("result" in actionData) ? actionData : null;
  return (
    <div className="page-narrow">
      <h2>{t("editTitle", { name: participant.name })}</h2>
      <p className="cluster small">
        <RegistrationStatusBadge status={participant.registrationStatus} />
        {participant.hasAccount ? <span className="muted">{t("linkedAccount")}</span> : null}
      </p>
      <section className="card" aria-labelledby="details-heading">
        <h3 id="details-heading" className="visually-hidden">
          {t("addForm.byHand")}
        </h3>
        <ParticipantForm
          defaultValue={participant}
          lastResult={details}
          countries={countries}
          submitLabel={t("editForm.submit")}
        />
      </section>

      {questions.length > 0 ? (
        <section className="card" aria-labelledby="answers-heading">
          <h3 id="answers-heading">{tr("answers.title")}</h3>
          <RegistrationAnswers questions={questions} answers={answers} />
        </section>
      ) : null}

      {participant.registrationStatus === "declined" ? null : (
        <section className="card" aria-labelledby="badge-heading">
          <h3 id="badge-heading">{tr("participantBadge.title")}</h3>
          <p className="small">{tr("participantBadge.intro")}</p>
          <Link
            to={`/workshops/${workshopId}/participants/badges?participant=${participant.id}`}
            className="button button-secondary"
          >
            {tr("participantBadge.print", { name: participant.name })}
          </Link>
        </section>
      )}

      <section className="card" aria-labelledby="link-heading">
        <h3 id="link-heading">{t("invitation.title")}</h3>
        {participant.registrationStatus === "registered" ? (
          <p className="muted">{t("invitation.alreadyRegistered", { name: participant.name })}</p>
        ) : (
          <>
            <p className="small">{t("invitation.intro", { name: participant.name })}</p>
            <FormError>{link?.linkError}</FormError>
            {link?.link ? (
              <div className="notice registration-link" role="status">
                <p>
                  <strong>{t("invitation.created", { name: participant.name })}</strong>
                  {link.sentTo ? ` · ${t("invitation.sent", { email: link.sentTo })}` : null}
                </p>
                <label htmlFor="registration-link" className="small">
                  {t("invitation.createdHint")}
                </label>
                <div className="cluster">
                  <input
                    id="registration-link"
                    readOnly
                    value={link.link}
                    onFocus={(e) => e.currentTarget.select()}
                    className="link-input"
                  />
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => {
                      void navigator.clipboard?.writeText(link.link!).then(() => setCopied(true));
                    }}
                  >
                    {t("invitation.copy")}
                  </button>
                  {copied ? <span className="small">{t("invitation.copied")}</span> : null}
                </div>
              </div>
            ) : null}
            <Form method="post" className="cluster">
              <button type="submit" name="intent" value="link" className="button-secondary" disabled={submitting}>
                {t("invitation.create")}
              </button>
              {participant.email ? (
                <button type="submit" name="intent" value="send" className="button-secondary" disabled={submitting}>
                  {t("invitation.send")}
                </button>
              ) : (
                <span className="small muted">{t("invitation.noEmail")}</span>
              )}
            </Form>
          </>
        )}
      </section>

      <section className="card danger-zone" aria-labelledby="remove-heading">
        <h3 id="remove-heading">{t("remove")}</h3>
        <Form
          method="post"
          onSubmit={(e) => {
            if (!confirm(t("removeConfirm", { name: participant.name }))) e.preventDefault();
          }}
        >
          <button type="submit" name="intent" value="remove" className="button-danger" disabled={submitting}>
            {t("remove")}
          </button>
        </Form>
      </section>
    </div>
  );
}
