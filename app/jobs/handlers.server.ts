/** What each kind of job does, and the jobs that recur. */
import { DIGEST_JOB, scheduleDigests, sendDigest } from "~/models/digest.server";
import type { JobToQueue } from "~/models/job.server";
import { NOTICE_EMAIL_JOB, sendNoticeEmail } from "~/models/notification.server";
import { EVALUATE_REMINDERS_JOB, evaluateReminders } from "~/models/reminder.server";
import {
  EXPIRE_PREVIEWS_JOB,
  expireProgressPreviews,
  PROGRESS_IMPORT_JOB,
  runProgressImportJob,
} from "~/models/progress-import.server";

export type JobHandlers = Record<string, (payload: unknown) => Promise<unknown>>;

const SCHEDULE_DIGESTS_JOB = "schedule-digests";

export const jobHandlers: JobHandlers = {
  [DIGEST_JOB]: (payload) => sendDigest(payload),
  [SCHEDULE_DIGESTS_JOB]: () => scheduleDigests(),
  [NOTICE_EMAIL_JOB]: (payload) => sendNoticeEmail(payload),
  [EVALUATE_REMINDERS_JOB]: () => evaluateReminders(),
  [PROGRESS_IMPORT_JOB]: (payload) => runProgressImportJob(payload),
  [EXPIRE_PREVIEWS_JOB]: () => expireProgressPreviews(),
};

/** The recurring jobs of the hour `now` falls in: keyed by the hour, so each is queued once per hour in all. */
export function scheduledJobs(now: Date): JobToQueue[] {
  const hour = now.toISOString().slice(0, 13);
  return [
    { kind: SCHEDULE_DIGESTS_JOB, key: `${SCHEDULE_DIGESTS_JOB}:${hour}`, runAt: now },
    // The Secretariat's reminder rules (decision 019): each record is told of once, so hourly costs a read.
    { kind: EVALUATE_REMINDERS_JOB, key: `${EVALUATE_REMINDERS_JOB}:${hour}`, runAt: now },
    // Spreadsheets previewed and never applied: their files go after a day.
    { kind: EXPIRE_PREVIEWS_JOB, key: `${EXPIRE_PREVIEWS_JOB}:${hour}`, runAt: now },
  ];
}
