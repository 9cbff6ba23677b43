import { getFormProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AttachFileFields, AttachLinkFields } from "~/components/attachment-forms";
import { EvidenceFileSchema, EvidenceLinkSchema } from "~/forms/milestone";
import { useFetcherForm } from "~/forms/use-app-form";
import { formatDay, formatNumber } from "~/utils/format";
import type { MilestoneView } from "./__milestone-details";
import { confirmFirst } from "~/components/forms";

/** What the upload store accepts, as the page tells people. */
type UploadRules = { accept: string; maxLabel: string };

function fileSize(bytes: number, locale: string) {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`
    : `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, locale)} MB`;
}

/** The milestone's evidence: links and files, added and removed by the country's editors. */
export function Evidence({
  milestone,
  canEdit,
  upload,
  locale,
}: {
  milestone: MilestoneView;
  canEdit: boolean;
  upload: UploadRules;
  locale: string;
}) {
  const { t } = useTranslation("milestones");
  return (
    <section className="card" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t("evidence.title")}</h2>
      {milestone.evidence.length ? (
        <ul className="list evidence-list">
          {milestone.evidence.map((e) => (
            <li key={e.id}>
              <div>
                {e.file ? (
                  <a href={`/files/${e.file.id}`}>{e.title}</a>
                ) : (
                  <a href={e.url ?? undefined} rel="noopener noreferrer">
                    {e.title}
                  </a>
                )}
                <div className="small muted">
                  {e.file
                    ? t("evidence.fileKind", { size: fileSize(e.file.size, locale) })
                    : `${t("evidence.link")} · ${e.url ? new URL(e.url).hostname : ""}`}{" "}
                  ·{" "}
                  {t("evidence.addedBy", {
                    name: e.createdBy.name,
                    date: formatDay(e.createdAt.toISOString().slice(0, 10), locale),
                  })}
                </div>
              </div>
              {canEdit ? <RemoveEvidence id={e.id} title={e.title} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("evidence.none")}</p>
      )}
      {canEdit ? (
        <>
          <AddLink />
          <AddFile upload={upload} />
        </>
      ) : null}
    </section>
  );
}

function RemoveEvidence({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation("milestones");
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" onSubmit={confirmFirst(t("evidence.removeConfirm", { title }))}>
      <input type="hidden" name="intent" value="removeEvidence" />
      <input type="hidden" name="evidenceId" value={id} />
      <button
        type="submit"
        className="button-ghost"
        aria-label={t("evidence.removeLabel", { title })}
        disabled={fetcher.state !== "idle"}
      >
        {t("evidence.remove")}
      </button>
    </fetcher.Form>
  );
}

function AddLink() {
  const { fetcher, form, fields, busy } = useFetcherForm(EvidenceLinkSchema, { match: { intent: "addLink" } });
  return (
    <fetcher.Form method="post" className="evidence-form" aria-labelledby="add-link-heading" {...getFormProps(form)}>
      <AttachLinkFields headingId="add-link-heading" form={form} fields={fields} busy={busy} />
    </fetcher.Form>
  );
}

function AddFile({ upload }: { upload: UploadRules }) {
  const { fetcher, form, fields, busy } = useFetcherForm(EvidenceFileSchema, { match: { intent: "addFile" } });
  return (
    <fetcher.Form
      method="post"
      encType="multipart/form-data"
      className="evidence-form"
      aria-labelledby="add-file-heading"
      {...getFormProps(form)}
    >
      <AttachFileFields
        headingId="add-file-heading"
        intent="addFile"
        form={form}
        fields={fields}
        busy={busy}
        accept={upload.accept}
        maxLabel={upload.maxLabel}
      />
    </fetcher.Form>
  );
}
