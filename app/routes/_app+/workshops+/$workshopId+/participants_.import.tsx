import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { FormError } from "~/components/forms";
import { getTranslate } from "~/i18n/translate.server";
import {
  importParticipants,
  MAX_IMPORT_BYTES,
  previewParticipantImport,
  type ImportPreview,
} from "~/models/participant-import.server";
import { workshopAccess } from "~/models/workshop.server";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import styles from "~/styles/participants.css?url";
import { readFormData } from "~/forms/submission.server";
import { titleMeta } from "~/i18n/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta = titleMeta("participants:importPage.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await workshopAccess(user, parseParam(IdParam, params.workshopId), "manage");
  return null;
}

type ActionResult = { csv: string; preview: ImportPreview | null; formError: string | null; changed?: boolean };

/** The CSV from the uploaded file, or else from the text box. */
async function csvFrom(formData: FormData): Promise<string | "tooLarge" | null> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) return file.size > MAX_IMPORT_BYTES ? "tooLarge" : await file.text();
  const pasted = formData.get("csv");
  return typeof pasted === "string" && pasted.trim() ? pasted : null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const workshopId = parseParam(IdParam, params.workshopId);
  await workshopAccess(user, workshopId, "manage");
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const csv = await csvFrom(formData);
  if (csv === null)
    return data<ActionResult>(
      { csv: "", preview: null, formError: t("participants:importPage.errors.noInput") },
      { status: 400 },
    );
  if (csv === "tooLarge")
    return data<ActionResult>(
      { csv: "", preview: null, formError: t("participants:importPage.errors.tooLarge") },
      { status: 400 },
    );

  if (formData.get("intent") === "import") {
    const expected = Number(formData.get("expected"));
    const result = await importParticipants(workshopId, csv, Number.isInteger(expected) ? expected : -1, {
      actorId: user.id,
      requestId: context.requestId,
    });
    if (result.imported > 0) {
      const message = [
        t("participants:importPage.imported", { count: result.imported }),
        result.skipped ? t("participants:importPage.importedSkipped", { count: result.skipped }) : "",
      ]
        .filter(Boolean)
        .join(" ");
      return redirectWithToast(`/workshops/${workshopId}/participants`, { kind: "success", message });
    }
    return data<ActionResult>({ csv, preview: result.preview, formError: null, changed: true }, { status: 409 });
  }
  const preview = await previewParticipantImport(workshopId, csv);
  // A list that cannot be read at all (too large, no name column…) is a refusal; problems of single rows are a preview.
  return data<ActionResult>({ csv, preview, formError: null }, { status: preview.ok ? 200 : 400 });
}

const EXAMPLE =
  "name;email;category;country;organisation;sex;status\nAnan Phommachanh;anan@example.test;Focal point;LA;Ministry of Labour and Social Welfare;M;invited\n";

export default function ImportParticipants() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("participants");
  const { t: tc } = useTranslation("common");
  const submitting = useNavigation().state === "submitting";
  const preview = actionData?.preview ?? null;
  const errorKey = preview && !preview.ok ? preview.error : null;

  return (
    <>
      <h2>{t("importPage.title")}</h2>
      <p className="muted">{t("importPage.intro")}</p>
      <p className="small">
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE)}`} download="participants-example.csv">
          {t("importPage.template")}
        </a>
      </p>
      <section className="card">
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormError>
            {actionData?.formError ??
              (errorKey
                ? t(`importPage.errors.${errorKey}`, { limit: preview && !preview.ok ? preview.limit : undefined })
                : null)}
          </FormError>
          <div className="field">
            <label htmlFor="csv-file">{t("importPage.file")}</label>
            <input id="csv-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
          </div>
          <div className="field">
            <label htmlFor="csv-text">{t("importPage.paste")}</label>
            <textarea
              id="csv-text"
              name="csv"
              rows={6}
              className="mono"
              defaultValue={preview?.ok ? "" : (actionData?.csv ?? "")}
              spellCheck={false}
            />
          </div>
          <div className="form-actions">
            <button type="submit" name="intent" value="preview" disabled={submitting}>
              {t("importPage.preview")}
            </button>
            <Link to=".." relative="path" className="button button-ghost">
              {tc("actions.cancel")}
            </Link>
          </div>
        </Form>
      </section>

      {preview?.ok ? (
        <section aria-labelledby="preview-heading" className="import-preview">
          <h3 id="preview-heading">{t("importPage.previewTitle")}</h3>
          {actionData?.changed ? (
            <p className="notice" role="alert">
              {t("importPage.changed")}
            </p>
          ) : null}
          <p role="status">
            <strong>{t("importPage.previewSummary", { valid: preview.validCount, total: preview.rows.length })}</strong>{" "}
            {preview.rows.length > preview.validCount
              ? t("importPage.skippedNote", { count: preview.rows.length - preview.validCount })
              : null}
          </p>
          {preview.ignoredColumns.length ? (
            <p className="small muted">
              {t("importPage.ignoredColumns", { columns: preview.ignoredColumns.join(", ") })}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="preview-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("importPage.line")}
                  </th>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("category")}</th>
                  <th scope="col">{t("country")}</th>
                  <th scope="col">{t("organisation")}</th>
                  <th scope="col">{t("sex")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("importPage.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} className={row.problems.length ? "row-problem" : undefined}>
                    <td className="num">{row.line}</td>
                    <td>{row.values.name}</td>
                    <td className="break">{row.values.email}</td>
                    <td>{row.values.category}</td>
                    <td>{row.values.country}</td>
                    <td>{row.values.organisation}</td>
                    <td>{row.values.sex}</td>
                    <td>{row.values.status}</td>
                    <td>
                      {row.problems.length ? (
                        <ul className="problem-list">
                          {row.problems.map((problem) => (
                            <li key={problem}>{t(`importPage.problem.${problem}`)}</li>
                          ))}
                        </ul>
                      ) : (
                        <span className="badge badge-ok">{t("importPage.ok")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.validCount > 0 ? (
            <Form method="post" className="form-actions">
              <input type="hidden" name="csv" value={actionData!.csv} />
              <input type="hidden" name="expected" value={preview.validCount} />
              <button type="submit" name="intent" value="import" disabled={submitting}>
                {t("importPage.importValid", { count: preview.validCount })}
              </button>
            </Form>
          ) : (
            <p className="empty">{t("importPage.nothingValid")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
