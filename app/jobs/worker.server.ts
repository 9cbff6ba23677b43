/**
 * Runs the jobs of the database queue (app/models/job.server.ts) in this process. Every
 * process may run a worker: the lease decides which one runs a job. server.ts starts it
 * through the server build (as it starts the housekeeping), so it shares the app's database
 * client, and stops it on shutdown.
 */
import crypto from "node:crypto";
import os from "node:os";
import { claimJob, claimNextJob, enqueueJob, finishJob, recordJobFailure, type ClaimedJob } from "~/models/job.server";
import { logger } from "~/utils/logger.server";
import { jobHandlers, scheduledJobs, type JobHandlers } from "./handlers.server";

const TICK_MS = 30 * 1000;
/** At most this many jobs in one tick: a long queue is not allowed to starve the process. */
const JOBS_PER_TICK = 200;

/** This process, as it is named on the leases it holds. */
const thisProcess = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

async function run(job: ClaimedJob, handlers: JobHandlers, workerId: string) {
  try {
    const handler = handlers[job.kind];
    if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
    await handler(job.payload);
    await finishJob(job.id, workerId);
    return "finished" as const;
  } catch (error) {
    logger.error({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, "job failed");
    await recordJobFailure(job, workerId, error);
    return "failed" as const;
  }
}

/** Runs the due jobs one after the other until none is left (or `limit` have run); returns how many ran. */
export async function runDueJobs(
  handlers: JobHandlers = jobHandlers,
  { workerId = thisProcess, limit = JOBS_PER_TICK }: { workerId?: string; limit?: number } = {},
) {
  let ran = 0;
  while (ran < limit) {
    const job = await claimNextJob(workerId);
    if (!job) break;
    await run(job, handlers, workerId);
    ran += 1;
  }
  return ran;
}

/** Runs one job at once, whatever its run time: "finished", "failed", or null when it is finished, failed or running. */
export async function runJobNow(id: string, handlers: JobHandlers = jobHandlers, workerId = thisProcess) {
  const job = await claimJob(id, workerId);
  return job ? run(job, handlers, workerId) : null;
}

/** Queues the jobs that recur (each once per period, whichever process gets there first), then runs what is due. */
async function tick(now = new Date()) {
  for (const job of scheduledJobs(now)) await enqueueJob(job);
  await runDueJobs();
}

export function startJobWorker({ everyMs = TICK_MS }: { everyMs?: number } = {}) {
  let running: Promise<void> | null = null;
  const beat = () => {
    // One tick at a time: a slow tick is not overtaken by the next.
    running ??= tick()
      .catch((error: unknown) => logger.error({ err: error }, "job worker tick failed"))
      .finally(() => (running = null));
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
