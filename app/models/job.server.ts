/**
 * Background jobs in the database (decision 017). A job is claimed by taking its lease in one
 * conditional update: of two processes asking at once, one changes the row and the other sees
 * a count of 0, so a job never runs twice at the same time. A process that dies leaves a lease
 * that runs out after LEASE_MS, and the job is then taken over. A failed run is retried after
 * 1, 4, 16 and 64 minutes, and after `maxAttempts` runs the job is marked failed for an
 * administrator to read and retry.
 */
import { db, isUniqueViolation, type Prisma } from "~/utils/db.server";

/** How long a claimed job is its process's alone: longer than any job runs. */
export const LEASE_MS = 5 * 60 * 1000;
const MINUTE = 60 * 1000;
/** The wait before the 2nd, 3rd, 4th and 5th run of a job that failed. */
const BACKOFF_MINUTES = [1, 4, 16, 64] as const;
/** How many jobs a worker looks at when claiming: others may take some of them first. */
const CANDIDATES = 10;

export type JobToQueue = {
  kind: string;
  /** Queues the job once: a job with the same key already queued (or done) is kept as it is. */
  key?: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
};

export async function enqueueJob({ kind, key, payload = {}, runAt = new Date(), maxAttempts }: JobToQueue) {
  try {
    return await db.job.create({ data: { kind, key, payload: JSON.stringify(payload), runAt, maxAttempts } });
  } catch (error) {
    if (key && isUniqueViolation(error)) return db.job.findUniqueOrThrow({ where: { key } });
    throw error;
  }
}

/**
 * Queues many keyed jobs in one statement (the scheduler's thousand digests); those whose key
 * is already queued are left as they are. Returns how many were new.
 */
export async function enqueueKeyedJobs(jobs: readonly (JobToQueue & { key: string })[]) {
  const existing = new Set(
    (await db.job.findMany({ where: { key: { in: jobs.map((j) => j.key) } }, select: { key: true } })).map(
      (j) => j.key,
    ),
  );
  const fresh = jobs.filter((j) => !existing.has(j.key));
  try {
    await db.job.createMany({
      data: fresh.map(({ payload = {}, ...job }) => ({ ...job, payload: JSON.stringify(payload) })),
    });
  } catch (error) {
    // Another process queued some of them in the meantime: one at a time, each kept once.
    if (!isUniqueViolation(error)) throw error;
    for (const job of fresh) await enqueueJob(job);
  }
  return fresh.length;
}

/** Neither finished nor failed, due, and not leased by a living process. */
const claimableWhere = (now: Date): Prisma.JobWhereInput => ({
  finishedAt: null,
  failedAt: null,
  runAt: { lte: now },
  OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
});

export type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number; maxAttempts: number };

/** Takes the lease of one job, or null when the other process got it first. */
async function takeLease(id: string, workerId: string, now: Date): Promise<ClaimedJob | null> {
  const { count } = await db.job.updateMany({
    where: { id, ...claimableWhere(now) },
    data: { lockedBy: workerId, lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
  });
  if (count === 0) return null;
  const job = await db.job.findUniqueOrThrow({ where: { id }, select: claimedSelect });
  return { ...job, payload: JSON.parse(job.payload) as unknown };
}

const claimedSelect = { id: true, kind: true, payload: true, attempts: true, maxAttempts: true } as const;

/** The earliest due job no one holds, now leased to `workerId`; null when there is none. */
export async function claimNextJob(workerId: string, now = new Date()): Promise<ClaimedJob | null> {
  const candidates = await db.job.findMany({
    where: claimableWhere(now),
    orderBy: { runAt: "asc" },
    take: CANDIDATES,
    select: { id: true },
  });
  for (const { id } of candidates) {
    const job = await takeLease(id, workerId, now);
    if (job) return job;
  }
  return null;
}

/** Leases one given job now, whatever its run time; null when it is finished, failed or held. */
export async function claimJob(id: string, workerId: string, now = new Date()): Promise<ClaimedJob | null> {
  await db.job.updateMany({ where: { id, finishedAt: null, failedAt: null }, data: { runAt: now } });
  return takeLease(id, workerId, now);
}

/** Done, if the lease is still this worker's (a worker whose lease ran out has been replaced). */
export async function finishJob(id: string, workerId: string, now = new Date()) {
  await db.job.updateMany({
    where: { id, lockedBy: workerId },
    data: { finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null },
  });
}

/** A run that failed: again after the backoff, or failed for good after the last attempt. */
export async function recordJobFailure(job: ClaimedJob, workerId: string, error: unknown, now = new Date()) {
  const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const final = job.attempts >= job.maxAttempts;
  const waitMinutes = BACKOFF_MINUTES[Math.min(job.attempts, BACKOFF_MINUTES.length) - 1]!;
  await db.job.updateMany({
    where: { id: job.id, lockedBy: workerId },
    data: {
      lastError,
      lockedBy: null,
      lockedUntil: null,
      ...(final ? { failedAt: now } : { runAt: new Date(now.getTime() + waitMinutes * MINUTE) }),
    },
  });
}

/** A failed job queued again with its attempts counted afresh; false when it had not failed. */
export async function retryJob(id: string, now = new Date()) {
  const { count } = await db.job.updateMany({
    where: { id, failedAt: { not: null } },
    data: { failedAt: null, attempts: 0, runAt: now, lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}

const RECENT_FAILURES = 20;
const WAITING_SHOWN = 50;

/** What an administrator reads of the queue: counts by state, the latest failures and the jobs waiting. */
export async function jobQueueOverview(now = new Date()) {
  const open = { finishedAt: null, failedAt: null };
  const [due, scheduled, running, finished, failed, failures, waiting] = await Promise.all([
    db.job.count({
      where: { ...open, runAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    }),
    db.job.count({ where: { ...open, runAt: { gt: now } } }),
    db.job.count({ where: { ...open, lockedUntil: { gte: now } } }),
    db.job.count({ where: { finishedAt: { not: null } } }),
    db.job.count({ where: { failedAt: { not: null } } }),
    db.job.findMany({
      where: { failedAt: { not: null } },
      orderBy: { failedAt: "desc" },
      take: RECENT_FAILURES,
      select: { id: true, kind: true, payload: true, attempts: true, lastError: true, failedAt: true },
    }),
    db.job.findMany({
      where: open,
      orderBy: { runAt: "asc" },
      take: WAITING_SHOWN,
      select: { id: true, kind: true, payload: true, attempts: true, lastError: true, runAt: true },
    }),
  ]);
  const withPayload = <J extends { payload: string }>(job: J) => ({
    ...job,
    payload: JSON.parse(job.payload) as unknown,
  });
  return {
    counts: { due, scheduled, running, finished, failed },
    failures: failures.map(withPayload),
    waiting: waiting.map(withPayload),
  };
}
