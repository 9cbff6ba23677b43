import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/session.server";
import { AdminBreadcrumbs } from "~/components/admin-breadcrumbs";
import { PageHeader } from "~/components/page-header";
import { readFormData, refusal } from "~/forms/submission.server";
import { getTranslate } from "~/i18n/translate.server";
import { runJobNow } from "~/jobs/worker.server";
import { digestJobSubjects } from "~/models/digest.server";
import { jobQueueOverview, retryJob } from "~/models/job.server";
import { useRootData } from "~/root";
import { formatDateTime } from "~/utils/format";
import { IdParam, parseParam } from "~/utils/params";
import { redirectWithToast } from "~/utils/toast.server";
import { titleMeta } from "~/i18n/page-title";

/** The background-job queue (decision 017): what waits, what failed and why, with retry and run-now. */

export const meta = titleMeta("admin:jobs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "jobs.manage");
  const overview = await jobQueueOverview();
  const subjects = await digestJobSubjects([...overview.failures, ...overview.waiting]);
  const describe = <J extends { id: string; kind: string; payload: unknown }>({ payload: _payload, ...job }: J) => ({
    ...job,
    digest: subjects.get(job.id) ?? null,
  });
  return {
    counts: overview.counts,
    failures: overview.failures.map(describe),
    waiting: overview.waiting.map(describe),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "jobs.manage");
  const t = await getTranslate(request);
  const formData = await readFormData(request);
  const jobId = parseParam(IdParam, formData.get("jobId"));
  switch (formData.get("intent")) {
    case "run-now": {
      const outcome = await runJobNow(jobId);
      const message = outcome === "finished" ? "ranNow" : outcome === "failed" ? "failedNow" : "notRunnable";
      return redirectWithToast("/admin/jobs", {
        kind: outcome === "finished" ? "success" : "error",
        message: t(`admin:jobs.${message}`),
      });
    }
    case "retry": {
      const retried = await retryJob(jobId);
      return redirectWithToast("/admin/jobs", {
        kind: retried ? "success" : "error",
        message: t(retried ? "admin:jobs.retried" : "admin:jobs.notRunnable"),
      });
    }
  }
  throw await refusal(request, 400, "errors.badRequest");
}

type Described = { id: string; kind: string; digest: { name: string; week: string } | null };

function JobName({ job }: { job: Described }) {
  const { t } = useTranslation("admin");
  if (job.digest) return <>{t("jobs.kinds.digest", job.digest)}</>;
  return <>{job.kind === "schedule-digests" ? t("jobs.kinds.schedule-digests") : job.kind}</>;
}

/** One job: what it is, when (`facts`), its last error, and the button that acts on it. */
function JobRow({
  job,
  facts,
  intent,
  label,
}: {
  job: Described & { lastError: string | null };
  facts: string;
  intent: "run-now" | "retry";
  label: string;
}) {
  return (
    <li className="job-row">
      <div>
        <strong>
          <JobName job={job} />
        </strong>
        <div className="small muted">{facts}</div>
        {job.lastError ? <pre className="job-error">{job.lastError}</pre> : null}
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="jobId" value={job.id} />
        <button type="submit" className="button-secondary">
          {label}
        </button>
      </Form>
    </li>
  );
}

export default function Jobs() {
  const { counts, failures, waiting } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const locale = useRootData()?.locale ?? "en";
  const states = ["due", "scheduled", "running", "finished", "failed"] as const;
  return (
    <>
      <AdminBreadcrumbs />
      <PageHeader title={t("jobs.title")} intro={t("jobs.intro")} />
      <section className="card">
        <dl className="job-counts">
          {states.map((state) => (
            <div key={state}>
              <dt>{t(`jobs.counts.${state}`)}</dt>
              <dd>{counts[state]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="failures-heading">
        <h2 id="failures-heading">{t("jobs.failures")}</h2>
        {failures.length === 0 ? (
          <p className="empty">{t("jobs.noFailures")}</p>
        ) : (
          <ul className="list">
            {failures.map((job) => (
              <JobRow
                key={job.id}
                job={job}
                facts={`${t("jobs.failedAt")}: ${job.failedAt ? formatDateTime(job.failedAt, locale) : "—"} · ${t("jobs.attempts")}: ${job.attempts}`}
                intent="retry"
                label={t("jobs.retry")}
              />
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t("jobs.waiting")}</h2>
        {waiting.length === 0 ? (
          <p className="empty">{t("jobs.noWaiting")}</p>
        ) : (
          <ul className="list">
            {waiting.map((job) => (
              <JobRow
                key={job.id}
                job={job}
                facts={`${t("jobs.runAt")}: ${formatDateTime(job.runAt, locale)}${job.attempts > 0 ? ` · ${t("jobs.attempts")}: ${job.attempts}` : ""}`}
                intent="run-now"
                label={t("jobs.runNow")}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
