import { useTranslation } from "react-i18next";
import { Field, FormErrorSummary, type FieldMeta } from "./forms";

/** The form's own state, as Conform gives it: its message and whether the last submission failed. */
type FormState = Parameters<typeof FormErrorSummary>[0]["form"];

/**
 * What a form that attaches something holds, a workshop's materials as a milestone's evidence: its heading
 * (which names the form), the intent it is sent with, the form's message, its fields and its button.
 */
function AttachmentForm({
  headingId,
  heading,
  intent,
  form,
  busy,
  submitLabel,
  children,
}: {
  headingId: string;
  heading: string;
  intent: string;
  form: FormState;
  busy: boolean;
  submitLabel: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <h3 id={headingId}>{heading}</h3>
      <input type="hidden" name="intent" value={intent} />
      <FormErrorSummary form={form} />
      {children}
      <div className="form-actions">
        <button type="submit" className="button-secondary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}

/** The inside of a form that attaches a link (sent as intent "addLink"); the form is named by `headingId`. */
export function AttachLinkFields({
  headingId,
  form,
  fields,
  busy,
  more,
}: {
  headingId: string;
  form: FormState;
  fields: { title: FieldMeta; url: FieldMeta };
  busy: boolean;
  /** fields of the one form that uses this (a material's session and visibility) */
  more?: React.ReactNode;
}) {
  const { t } = useTranslation("common");
  return (
    <AttachmentForm
      headingId={headingId}
      heading={t("attachments.linkHeading")}
      intent="addLink"
      form={form}
      busy={busy}
      submitLabel={t("attachments.addLink")}
    >
      <Field label={t("attachments.linkTitle")} meta={fields.title} />
      <Field
        label={t("attachments.url")}
        meta={fields.url}
        type="url"
        inputMode="url"
        hint={t("attachments.urlHint")}
      />
      {more}
    </AttachmentForm>
  );
}

/** The inside of a form that uploads a file (multipart), with the kinds and size the store accepts. */
export function AttachFileFields({
  headingId,
  intent,
  form,
  fields,
  busy,
  accept,
  maxLabel,
  more,
}: {
  headingId: string;
  intent: string;
  form: FormState;
  fields: { title: FieldMeta; file: FieldMeta };
  busy: boolean;
  /** the file extensions the store accepts, for the browser's file picker */
  accept: string;
  /** the largest file, as people read it ("10 MB") */
  maxLabel: string;
  /** fields of the one form that uses this (a material's session and visibility) */
  more?: React.ReactNode;
}) {
  const { t } = useTranslation("common");
  return (
    <AttachmentForm
      headingId={headingId}
      heading={t("attachments.fileHeading")}
      intent={intent}
      form={form}
      busy={busy}
      submitLabel={t("attachments.upload")}
    >
      <Field label={t("attachments.fileTitle")} meta={fields.title} hint={t("attachments.fileTitleHint")} />
      <Field
        label={t("attachments.file")}
        meta={fields.file}
        type="file"
        accept={accept}
        hint={t("attachments.fileHint", { max: maxLabel })}
      />
      {more}
    </AttachmentForm>
  );
}
