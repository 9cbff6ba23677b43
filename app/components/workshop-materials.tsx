import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useAppForm } from "~/forms/use-app-form";
import { LinkMaterialSchema, MaterialUploadSchema } from "~/forms/workshop";
import { useRootData } from "~/root";
import { AttachFileFields, AttachLinkFields } from "./attachment-forms";
import { confirmFirst } from "~/components/forms";

export type Material = {
  id: string;
  title: string;
  url: string | null;
  file: { id: string; filename: string; size: number } | null;
};

/** 1_234_567 → "1.2 MB", in the reader's language. */
function fileSize(bytes: number, locale: string) {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [Math.max(1, Math.round(bytes / 1000)), "kilobyte"];
  return new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-GB", {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(value);
}

/** One material: a link opens in a new tab, a file downloads through the permission-checked /files route. */
function MaterialLink({ material }: { material: Material }) {
  const { t } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  if (material.file) {
    return (
      <>
        <span className="badge badge-neutral">{t("materials.file")}</span>{" "}
        <a
          href={`/files/${material.file.id}`}
          download={material.file.filename}
          aria-label={t("materials.download", { name: material.title, size: fileSize(material.file.size, locale) })}
        >
          {material.title}
        </a>{" "}
        <span className="muted small">
          {material.file.filename} · {fileSize(material.file.size, locale)}
        </span>
      </>
    );
  }
  return (
    <>
      <span className="badge badge-info">{t("materials.link")}</span>{" "}
      <a
        href={material.url ?? "#"}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t("materials.open", { title: material.title })}
      >
        {material.title}
      </a>{" "}
      <span className="muted small material-url">{material.url ? new URL(material.url).host : null}</span>
    </>
  );
}

/** The materials as everyone who may read the workshop sees them. */
export function MaterialsList({ materials }: { materials: Material[] }) {
  const { t } = useTranslation("workshops");
  if (materials.length === 0) return <p className="empty">{t("materials.none")}</p>;
  return (
    <ul className="list materials">
      {materials.map((m) => (
        <li key={m.id}>
          <MaterialLink material={m} />
        </li>
      ))}
    </ul>
  );
}

function RemoveMaterial({ material }: { material: Material }) {
  const { t } = useTranslation("workshops");
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" onSubmit={confirmFirst(t("materials.removeConfirm", { title: material.title }))}>
      <input type="hidden" name="intent" value="removeMaterial" />
      <input type="hidden" name="materialId" value={material.id} />
      <button
        type="submit"
        className="button-ghost button-danger"
        disabled={fetcher.state !== "idle"}
        aria-label={t("materials.removeLabel", { title: material.title })}
      >
        {t("materials.remove")}
      </button>
    </fetcher.Form>
  );
}

function AddLinkForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(LinkMaterialSchema, { lastResult });
  return (
    <Form method="post" className="stack" aria-labelledby="add-link-heading" {...getFormProps(form)}>
      <AttachLinkFields headingId="add-link-heading" form={form} fields={fields} busy={busy} />
    </Form>
  );
}

function UploadForm({
  lastResult,
  maxUpload,
  accept,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  maxUpload: string;
  accept: string;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(MaterialUploadSchema, { lastResult });
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="stack"
      aria-labelledby="upload-heading"
      {...getFormProps(form)}
    >
      <AttachFileFields
        headingId="upload-heading"
        intent="upload"
        form={form}
        fields={fields}
        busy={busy}
        accept={accept}
        maxLabel={maxUpload}
      />
    </Form>
  );
}

/** For the workshop's managers: the list with remove buttons, a link form and an upload form. */
export function MaterialsEditor({
  materials,
  maxUpload,
  accept,
  linkResult,
  uploadResult,
}: {
  materials: Material[];
  maxUpload: string;
  /** the file extensions uploads accept, for the browser's file picker */
  accept: string;
  linkResult?: SubmissionResult<string[]> | null;
  uploadResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation("workshops");
  return (
    <section className="card stack materials-editor" id="materials" aria-labelledby="materials-heading">
      <h2 id="materials-heading">{t("materials.title")}</h2>
      {materials.length === 0 ? (
        <p className="empty">{t("materials.none")}</p>
      ) : (
        <ul className="list materials">
          {materials.map((m) => (
            <li key={m.id} className="material-row">
              <span>
                <MaterialLink material={m} />
              </span>
              <RemoveMaterial material={m} />
            </li>
          ))}
        </ul>
      )}
      {/* Keyed on the number of materials, so the forms start empty again once one was added. */}
      <div className="grid grid-2">
        <AddLinkForm key={`link-${materials.length}`} lastResult={linkResult} />
        <UploadForm
          key={`upload-${materials.length}`}
          lastResult={uploadResult}
          maxUpload={maxUpload}
          accept={accept}
        />
      </div>
    </section>
  );
}
