import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { FormError } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { readFormData } from "~/forms/submission.server";
import { getLocale } from "~/i18n/i18n.server";
import { countryName, useCountryName } from "~/i18n/names";
import { metaTitle } from "~/i18n/page-title";
import { getTranslate } from "~/i18n/translate.server";
import { runJobNow } from "~/jobs/worker.server";
import { findCountryByCode } from "~/models/country.server";
import { logger } from "~/utils/logger.server";
import { applyPreviewedImport, keepPreviewedFile, recentProgressImports } from "~/models/progress-import.server";
import { previewProgressImport, type PreviewRow, type ProgressPreview } from "~/models/progress-spreadsheet.server";
import { BACKGROUND_ROWS } from "~/models/progress-sheet.server";
import { fileFromForm } from "~/models/stored-file.server";
import { useRootData } from "~/root";
import styles from "~/styles/plans.css?url";
import { formatDateTime } from "~/utils/format";
import { CountryCodeParam, IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, (t) => [t("plans:progressSheet.title"), data ? countryName(t, data.country) : null]);

async function countryFor(request: Request, code: string | undefined) {
  const country = await findCountryByCode(parseParam(CountryCodeParam, code));
  if (!country) throw new Response("Not found", { status: 404 });
  const user = await requirePermission(request, "progress.spreadsheet", { countryId: country.id });
  return { user, country };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { country } = await countryFor(request, params.code);
  return {
    country: { code: country.code, name: country.name },
    recent: await recentProgressImports(country.id),
  };
}

type ActionResult = {
  preview: ProgressPreview | null;
  importId: string | null;
  /** applying it runs in the background */
  background?: boolean;
  formError: string | null;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, country } = await countryFor(request, params.code);
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const refuse = (message: string) =>
    data<ActionResult>({ preview: null, importId: null, formError: message }, { status: 400 });
  const here = `/countries/${country.code}/progress`;

  if (formData.get("intent") === "apply") {
    const importId = parseParam(IdParam, formData.get("importId"));
    const started = await applyPreviewedImport(importId, country.id, {
      actorId: user.id,
      requestId: context.requestId,
    });
    if (started.outcome === "expired") return refuse(t("plans:progressSheet.expired"));
    if (started.outcome === "queued") {
      // Started now rather than at the worker's next tick, and not awaited; should this process
      // stop, the job's lease runs out and a worker continues it after its last committed batch.
      runJobNow(started.jobId).catch((error: unknown) =>
        logger.error({ err: error, jobId: started.jobId }, "progress import failed"),
      );
      return redirectWithToast(here, { kind: "info", message: t("plans:progressSheet.queued") });
    }
    const { result } = started;
    if (!result.ok) return refuse(t(`plans:progressSheet.refused.${result.error}`));
    return redirectWithToast(here, {
      kind: "success",
      message:
        result.refused > 0
          ? t("plans:progressSheet.appliedSomeLeft", result)
          : t("plans:progressSheet.applied", { count: result.changed }),
    });
  }

  const file = fileFromForm(formData, "file");
  if (!file) return refuse(t("plans:progressSheet.refused.noFile"));
  const preview = await previewProgressImport(
    country.id,
    { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    await getLocale(request),
  );
  if (!preview.ok) return refuse(t(`plans:progressSheet.refused.${preview.error}`));
  const kept = preview.changeCount > 0 ? await keepPreviewedFile(country.id, file, preview.total, user.id) : null;
  // Problems are translation keys of several namespaces: the page gets them in its language.
  const rows = preview.rows.map((row) => ({ ...row, problems: row.problems.map((key) => t(key)) }));
  return data<ActionResult>({
    preview: { ...preview, rows },
    importId: kept?.id ?? null,
    background: preview.total >= BACKGROUND_ROWS,
    formError: null,
  });
}

export default function ProgressSpreadsheet() {
  const { country, recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("plans");
  const countryName = useCountryName();
  const locale = useRootData()?.locale ?? "en";
  const submitting = useNavigation().state === "submitting";
  const preview = actionData?.preview?.ok ? actionData.preview : null;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={`/countries/${country.code}`}>{countryName(country)}</Link>
      </nav>
      <PageHeader title={t("progressSheet.title")} intro={t("progressSheet.intro")} />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="export-heading">
          <h2 id="export-heading">{t("progressSheet.exportTitle")}</h2>
          <p className="muted">{t("progressSheet.exportHint")}</p>
          <a className="button button-secondary" href={`/countries/${country.code}/progress/template`} download>
            {t("progressSheet.export")}
          </a>
        </section>
        <section className="card" aria-labelledby="upload-heading">
          <h2 id="upload-heading">{t("progressSheet.uploadTitle")}</h2>
          <Form method="post" encType="multipart/form-data" noValidate>
            <FormError>{actionData?.formError}</FormError>
            <div className="field">
              <label htmlFor="progress-file">{t("progressSheet.file")}</label>
              <input
                id="progress-file"
                name="file"
                type="file"
                required
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              />
            </div>
            <div className="form-actions">
              <button type="submit" name="intent" value="preview" disabled={submitting}>
                {t("progressSheet.preview")}
              </button>
            </div>
          </Form>
        </section>
      </div>

      {preview ? (
        <section aria-labelledby="preview-heading" className="progress-preview">
          <h2 id="preview-heading">{t("progressSheet.previewTitle")}</h2>
          <p role="status">
            <strong>
              {t("progressSheet.summary", {
                total: preview.total,
                changes: preview.changeCount,
                problems: preview.problemCount,
                unchanged: preview.unchangedCount,
              })}
            </strong>
          </p>
          {preview.rows.length < preview.changeCount + preview.problemCount ? (
            <p className="small muted">{t("progressSheet.shownOnly", { count: preview.rows.length })}</p>
          ) : null}
          {preview.rows.length > 0 ? <PreviewTable rows={preview.rows} /> : null}
          {actionData?.importId ? (
            <Form method="post" className="form-actions">
              <input type="hidden" name="importId" value={actionData.importId} />
              {actionData.background ? <p className="small muted">{t("progressSheet.backgroundHint")}</p> : null}
              <button type="submit" name="intent" value="apply" disabled={submitting}>
                {actionData.background
                  ? t("progressSheet.applyBackground", { count: preview.changeCount })
                  : t("progressSheet.apply", { count: preview.changeCount })}
              </button>
            </Form>
          ) : (
            <p className="empty">{t("progressSheet.nothingToApply")}</p>
          )}
        </section>
      ) : null}

      {recent.length > 0 ? (
        <section className="card progress-recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t("progressSheet.recent")}</h2>
          <ul className="plain-list">
            {recent.map((r) => (
              <li key={r.id}>
                <strong>{r.filename}</strong> · {r.actor.name} · {formatDateTime(r.createdAt, locale)} ·{" "}
                {t(`progressSheet.importStatuses.${r.status as "queued" | "applied" | "failed"}`)}
                {r.status === "applied" ? ` · ${t("progressSheet.recentLine", r)}` : null}
                {r.status === "failed" && r.error ? (
                  <span className="error-text">
                    {" "}
                    · {t(`progressSheet.refused.${r.error}` as "progressSheet.refused.unreadable")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  const { t } = useTranslation("plans");
  const { t: tAny } = useTranslation();
  const shown = (row: PreviewRow, field: string, value: string) => {
    if (value === "") return t("progressSheet.empty");
    if (field !== "status" || !row.kind) return value;
    return tAny(row.kind === "item" ? `common:actionItemStatuses.${value}` : `common:milestoneStatuses.${value}`, {
      defaultValue: value,
    });
  };
  return (
    <div className="table-wrap">
      <table className="progress-preview-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("progressSheet.line")}
            </th>
            <th scope="col">{t("progressSheet.record")}</th>
            <th scope="col">{t("progressSheet.changes")}</th>
            <th scope="col">{t("progressSheet.problems")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line} className={row.problems.length ? "row-problem" : undefined}>
              <td className="num">{row.line}</td>
              <td>
                {row.kind ? (
                  <>
                    <span className="small muted">{t(`progressSheet.kinds.${row.kind}`)}</span>
                    <br />
                    {row.title}
                  </>
                ) : (
                  <span className="mono break">{row.id}</span>
                )}
              </td>
              <td>
                {row.changes.length ? (
                  <ul className="change-list">
                    {row.changes.map((change) => (
                      <li key={change.field}>
                        <span className="muted">{t(`progressSheet.columns.${change.field}`)}:</span>{" "}
                        <del>{shown(row, change.field, change.from)}</del> →{" "}
                        <ins>{shown(row, change.field, change.to)}</ins>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t("progressSheet.unchangedRow")}</span>
                )}
              </td>
              <td>
                {row.problems.length ? (
                  <ul className="problem-list">
                    {row.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="badge badge-ok">{t("progressSheet.ok")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
