import { getFormProps, type SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useAppForm } from "~/forms/use-app-form";
import { LinkMaterialSchema, MaterialUploadSchema } from "~/forms/workshop";
import { useRootData } from "~/root";
import { AttachFileFields, AttachLinkFields } from "./attachment-forms";
import { confirmFirst, SelectField, type FieldMeta } from "~/components/forms";

export type Material = {
  id: string;
  title: string;
  url: string | null;
  sessionId: string | null;
  isPublic: boolean;
  file: { id: string; filename: string; size: number } | null;
};

/** A session a material can belong to, as the choices name it ("Day 1 · 09:00 Opening"). */
export type SessionChoice = { id: string; label: string };

/** The agenda's sessions in its order, named as the choices and group headings show them. */
export function useSessionChoices(
  days: { sessions: { id: string; startTime: string; title: string }[] }[],
): SessionChoice[] {
  const { t } = useTranslation("workshops");
  return days.flatMap(({ sessions }, dayIndex) =>
    sessions.map((s) => ({
      id: s.id,
      label: t("materials.sessionChoice", { n: dayIndex + 1, time: s.startTime, title: s.title }),
    })),
  );
}

/** Where a file downloads from: the permission-checked /files route, or the public agenda's own. */
type FileHref = (fileId: string) => string;
const signedInFileHref: FileHref = (fileId) => `/files/${fileId}`;

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
function MaterialLink({ material, fileHref = signedInFileHref }: { material: Material; fileHref?: FileHref }) {
  const { t } = useTranslation("workshops");
  const locale = useRootData()?.locale ?? "en";
  if (material.file) {
    return (
      <>
        <span className="badge badge-neutral">{t("materials.file")}</span>{" "}
        <a
          href={fileHref(material.file.id)}
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

function PublicBadge({ material }: { material: Material }) {
  const { t } = useTranslation("workshops");
  return material.isPublic ? <span className="badge badge-ok">{t("materials.publicBadge")}</span> : null;
}

/** A plain list of materials; `markPublic` shows which ones the public agenda shows too. */
export function MaterialItems({
  materials,
  fileHref,
  markPublic = false,
}: {
  materials: Material[];
  fileHref?: FileHref;
  markPublic?: boolean;
}) {
  return (
    <ul className="list materials">
      {materials.map((m) => (
        <li key={m.id}>
          <MaterialLink material={m} fileHref={fileHref} /> {markPublic ? <PublicBadge material={m} /> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The materials as everyone who may read the workshop sees them: those of the whole workshop first, then
 * those of each session, in the agenda's order.
 */
export function MaterialsList({ materials, sessions }: { materials: Material[]; sessions: SessionChoice[] }) {
  const { t } = useTranslation("workshops");
  if (materials.length === 0) return <p className="empty">{t("materials.none")}</p>;
  const known = new Set(sessions.map((s) => s.id));
  const general = materials.filter((m) => !m.sessionId || !known.has(m.sessionId));
  const groups = sessions
    .map((session) => ({ session, items: materials.filter((m) => m.sessionId === session.id) }))
    .filter((group) => group.items.length > 0);
  return (
    <div className="stack material-groups">
      {general.length ? (
        <div>
          {groups.length ? <h3 className="material-group-heading">{t("materials.forWholeWorkshop")}</h3> : null}
          <MaterialItems materials={general} markPublic />
        </div>
      ) : null}
      {groups.map(({ session, items }) => (
        <div key={session.id}>
          <h3 className="material-group-heading">{session.label}</h3>
          <MaterialItems materials={items} markPublic />
        </div>
      ))}
    </div>
  );
}

/** The session a material belongs to (a choice, or fixed on a session's own page) and whether it is public. */
function PlacementFields({
  sessions,
  fixedSessionId,
  fields,
}: {
  sessions: SessionChoice[];
  fixedSessionId?: string;
  fields: { sessionId: FieldMeta; isPublic: FieldMeta };
}) {
  const { t } = useTranslation("workshops");
  return (
    <>
      {fixedSessionId ? (
        <>
          <input type="hidden" name={fields.sessionId.name} value={fixedSessionId} />
          {fields.sessionId.errors?.length ? (
            <p className="field-error" id={fields.sessionId.errorId}>
              {fields.sessionId.errors[0]}
            </p>
          ) : null}
        </>
      ) : (
        <SelectField
          label={t("materials.session")}
          meta={fields.sessionId}
          options={[
            { value: "", label: t("materials.wholeWorkshop") },
            ...sessions.map((s) => ({ value: s.id, label: s.label })),
          ]}
        />
      )}
      <label className="checkbox">
        <input type="checkbox" name={fields.isPublic.name} defaultChecked={fields.isPublic.initialValue === "on"} />
        {t("materials.isPublic")}
      </label>
    </>
  );
}

/** Another session (or none) and public or not, for one material: saved as one small form. */
function PlaceMaterial({ material, sessions }: { material: Material; sessions: SessionChoice[] }) {
  const { t } = useTranslation("workshops");
  const fetcher = useFetcher<{ placeError?: string }>();
  const errorId = `place-error-${material.id}`;
  const error = fetcher.state === "idle" ? fetcher.data?.placeError : undefined;
  return (
    <fetcher.Form method="post" className="material-place" aria-describedby={error ? errorId : undefined}>
      <input type="hidden" name="intent" value="placeMaterial" />
      <input type="hidden" name="materialId" value={material.id} />
      <select
        name="sessionId"
        defaultValue={material.sessionId ?? ""}
        aria-label={t("materials.sessionOf", { title: material.title })}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{t("materials.wholeWorkshop")}</option>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input
          type="checkbox"
          name="isPublic"
          defaultChecked={material.isPublic}
          aria-label={t("materials.isPublicOf", { title: material.title })}
        />
        <span aria-hidden="true">{t("materials.isPublic")}</span>
      </label>
      <button
        type="submit"
        className="button-secondary"
        disabled={fetcher.state !== "idle"}
        aria-label={t("materials.placeLabel", { title: material.title })}
      >
        {t("materials.place")}
      </button>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </fetcher.Form>
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

type Placement = { sessions: SessionChoice[]; fixedSessionId?: string };

function AddLinkForm({
  lastResult,
  placement,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  placement: Placement;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm(LinkMaterialSchema, { lastResult });
  return (
    <Form method="post" className="stack" aria-labelledby="add-link-heading" {...getFormProps(form)}>
      <AttachLinkFields
        headingId="add-link-heading"
        form={form}
        fields={fields}
        busy={busy}
        more={<PlacementFields {...placement} fields={fields} />}
      />
    </Form>
  );
}

function UploadForm({
  lastResult,
  maxUpload,
  accept,
  placement,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  maxUpload: string;
  accept: string;
  placement: Placement;
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
        more={<PlacementFields {...placement} fields={fields} />}
      />
    </Form>
  );
}

/**
 * For the workshop's managers: the list with each material's session, visibility and remove button, a link
 * form and an upload form. On a session's own page (`fixedSessionId`) what is added belongs to that session.
 */
export function MaterialsEditor({
  materials,
  sessions,
  fixedSessionId,
  heading,
  intro,
  maxUpload,
  accept,
  linkResult,
  uploadResult,
}: {
  materials: Material[];
  sessions: SessionChoice[];
  fixedSessionId?: string;
  heading?: string;
  intro?: ReactNode;
  maxUpload: string;
  /** the file extensions uploads accept, for the browser's file picker */
  accept: string;
  linkResult?: SubmissionResult<string[]> | null;
  uploadResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation("workshops");
  const placement = { sessions, fixedSessionId };
  return (
    <section className="card stack materials-editor" id="materials" aria-labelledby="materials-heading">
      <h2 id="materials-heading">{heading ?? t("materials.title")}</h2>
      {intro}
      {materials.length === 0 ? (
        <p className="empty">{t("materials.none")}</p>
      ) : (
        <ul className="list materials">
          {materials.map((m) => (
            <li key={m.id} className="material-row">
              <span>
                <MaterialLink material={m} /> <PublicBadge material={m} />
              </span>
              <span className="material-actions">
                <PlaceMaterial material={m} sessions={sessions} />
                <RemoveMaterial material={m} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {/* Keyed on the number of materials, so the forms start empty again once one was added. */}
      <div className="grid grid-2">
        <AddLinkForm key={`link-${materials.length}`} lastResult={linkResult} placement={placement} />
        <UploadForm
          key={`upload-${materials.length}`}
          lastResult={uploadResult}
          maxUpload={maxUpload}
          accept={accept}
          placement={placement}
        />
      </div>
    </section>
  );
}
