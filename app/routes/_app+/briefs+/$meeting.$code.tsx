import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { assertCan, requireUser } from "~/auth/session.server";
import { DocumentView } from "~/components/document-view";
import { FormErrorSummary, TextareaField } from "~/components/forms";
import { BRIEF_NOTE_MAX, BriefNoteSchema } from "~/forms/brief-note";
import { invalidReply, parseSubmission, readFormData, refusalReply } from "~/forms/submission.server";
import { useAppForm } from "~/forms/use-app-form";
import { getLocale } from "~/i18n/i18n.server";
import { useCountryName } from "~/i18n/names";
import { titleMeta } from "~/i18n/page-title";
import { getTranslate } from "~/i18n/translate.server";
import { briefDocument } from "~/models/brief-document.server";
import { saveBriefNote } from "~/models/meeting-briefing.server";
import styles from "~/styles/briefs.css?url";
import { redirectWithToast } from "~/utils/toast.server";
import { DocumentToolbar } from "./__brief-links";
import { briefingFromUrl, requireCountry, requireMeeting } from "./briefs-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("briefs:title");

/** One country's brief as the page it prints to, and its focal point's note for the meeting. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const country = await requireCountry(params.code);
  assertCan(user, "brief.read", { countryId: country.id });
  const { briefing, sinceAsked, sinceError } = await briefingFromUrl(request, user, params.meeting, country.id);
  const brief = briefing.briefs[0]!;
  const [t, locale] = await Promise.all([getTranslate(request), getLocale(request)]);
  return {
    ref: briefing.meeting.ref,
    country,
    sinceQuery: sinceAsked && !sinceError ? `?since=${sinceAsked}` : "",
    document: briefDocument(t, locale, briefing, brief),
    note: brief.note?.body ?? "",
    mayWriteNote: can(user, "brief.note", { countryId: country.id, frozen: briefing.frozen !== null }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const country = await requireCountry(params.code);
  const meeting = await requireMeeting(request, params.meeting);
  assertCan(user, "brief.note", { countryId: country.id });
  const submission = await parseSubmission(request, await readFormData(request), BriefNoteSchema);
  if (submission.status !== "success") return invalidReply(submission);
  // A frozen meeting's note stays as sent, also when posted to directly: the model refuses it in its transaction.
  try {
    await saveBriefNote(user, meeting, country, submission.value.note, {
      actorId: user.id,
      requestId: context.requestId,
    });
  } catch (error) {
    return refusalReply(request, submission, error);
  }
  const t = await getTranslate(request);
  return redirectWithToast(`/briefs/${meeting.ref}/${country.code.toLowerCase()}`, {
    kind: "success",
    message: t("briefs:noteForm.saved"),
  });
}

export default function CountryBrief() {
  const { ref, country, sinceQuery, document, mayWriteNote } = useLoaderData<typeof loader>();
  const { t } = useTranslation("briefs");
  return (
    <>
      <DocumentToolbar meetingRef={ref} sinceQuery={sinceQuery}>
        <a
          className="button button-ghost"
          href={`/briefs/${ref}/docx/${country.code.toLowerCase()}${sinceQuery}`}
          download
        >
          {t("downloadDocx")}
        </a>
      </DocumentToolbar>
      <NoteForm open={mayWriteNote} />
      <DocumentView blocks={document.blocks} />
    </>
  );
}

/** The note form while the note may be written; once the briefs are frozen, only why a note was refused. */
function NoteForm({ open }: { open: boolean }) {
  const { country, note } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("briefs");
  const countryName = useCountryName();
  const [form, fields] = useAppForm(BriefNoteSchema, {
    id: "brief-note",
    lastResult: actionData?.result,
    defaultValue: { note },
  });
  if (!open) return <FormErrorSummary form={form} />;
  return (
    <section className="card brief-note-form no-print" aria-labelledby="note-heading">
      <h2 id="note-heading">{t("noteForm.heading")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary form={form} />
        <TextareaField
          label={t("noteForm.label")}
          meta={fields.note}
          hint={t("noteForm.hint", { country: countryName(country), max: BRIEF_NOTE_MAX })}
        />
        <button type="submit">{t("noteForm.save")}</button>
      </Form>
    </section>
  );
}
