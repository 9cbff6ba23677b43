import { beforeEach, describe, expect, it } from "vitest";
import { runDueJobs, runJobNow } from "~/jobs/worker.server";
import {
  claimNextJob,
  enqueueJob,
  finishJob,
  jobQueueOverview,
  LEASE_MS,
  recordJobFailure,
  retryJob,
} from "~/models/job.server";
import { action as jobsAction, loader as jobsLoader } from "~/routes/_app+/admin+/jobs";
import { db } from "~/utils/db.server";
import { requestAs, routeContext, settle, userId } from "../support/requests";
import { demo } from "../support/people";

/** The database queue: leases, takeover, retries, and one run per job whatever the number of workers. */

const MINUTE = 60 * 1000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

beforeEach(async () => {
  await db.job.deleteMany();
});

describe("the job queue", () => {
  it("queues a keyed job once", async () => {
    const first = await enqueueJob({ kind: "test", key: "once", payload: { n: 1 } });
    const second = await enqueueJob({ kind: "test", key: "once", payload: { n: 2 } });
    expect(second.id).toBe(first.id);
    expect(await db.job.count()).toBe(1);
    expect(JSON.parse(second.payload)).toEqual({ n: 1 });
  });

  it("two workers never run the same job, and every job runs", async () => {
    for (let i = 0; i < 30; i++) await enqueueJob({ kind: "count", payload: { i } });
    const runs: number[] = [];
    const handlers = {
      count: async (payload: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        runs.push((payload as { i: number }).i);
      },
    };
    const [a, b] = await Promise.all([
      runDueJobs(handlers, { workerId: "worker-a" }),
      runDueJobs(handlers, { workerId: "worker-b" }),
    ]);
    expect(a + b).toBe(30);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(runs.sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
    expect(await db.job.count({ where: { finishedAt: null } })).toBe(0);
  });

  it("a job two workers claim at the same instant goes to one of them", async () => {
    await enqueueJob({ kind: "test" });
    const now = new Date();
    const claims = await Promise.all([claimNextJob("worker-a", now), claimNextJob("worker-b", now)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("a lease that ran out is taken over, and the first worker can no longer finish the job", async () => {
    const job = await enqueueJob({ kind: "test" });
    const now = new Date();
    expect(await claimNextJob("dead-worker", now)).toMatchObject({ id: job.id, attempts: 1 });
    expect(await claimNextJob("worker-b", at(now, LEASE_MS - MINUTE))).toBeNull();
    expect(await claimNextJob("worker-b", at(now, LEASE_MS + 1))).toMatchObject({ id: job.id, attempts: 2 });

    await finishJob(job.id, "dead-worker");
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).finishedAt).toBeNull();
    await finishJob(job.id, "worker-b");
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).finishedAt).toBeInstanceOf(Date);
  });

  it("a failing job is retried after 1, 4, 16 and 64 minutes, then marked failed with its error", async () => {
    const job = await enqueueJob({ kind: "test", maxAttempts: 5 });
    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const claimed = await claimNextJob("worker", now);
      expect(claimed).toMatchObject({ id: job.id, attempts: attempt });
      await recordJobFailure(claimed!, "worker", new Error(`broken ${attempt}`), now);
      const stored = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      if (attempt < 5) {
        waits.push((stored.runAt.getTime() - now.getTime()) / MINUTE);
        expect(await claimNextJob("worker", at(stored.runAt, -1))).toBeNull();
        now = stored.runAt;
      } else {
        expect(stored.failedAt).toBeInstanceOf(Date);
        expect(stored.lastError).toBe("broken 5");
      }
    }
    expect(waits).toEqual([1, 4, 16, 64]);
    expect(await claimNextJob("worker", at(now, 365 * 24 * 60 * MINUTE))).toBeNull();

    const overview = await jobQueueOverview();
    expect(overview.counts.failed).toBe(1);
    expect(overview.failures[0]).toMatchObject({ id: job.id, lastError: "broken 5" });

    expect(await retryJob(job.id)).toBe(true);
    expect(await claimNextJob("worker")).toMatchObject({ id: job.id, attempts: 1 });
  });

  it("the worker records a handler's error and an unknown kind as failures, and runs a job now on request", async () => {
    const broken = await enqueueJob({ kind: "broken", maxAttempts: 1 });
    const unknown = await enqueueJob({ kind: "nobody-handles-this", maxAttempts: 1 });
    const later = await enqueueJob({ kind: "fine", runAt: at(new Date(), 24 * 60 * MINUTE) });
    let ran = 0;
    const handlers = {
      broken: () => Promise.reject(new Error("the mail server said no")),
      fine: async () => void (ran += 1),
    };
    expect(await runDueJobs(handlers)).toBe(2);
    const failed = await db.job.findMany({ where: { id: { in: [broken.id, unknown.id] } }, orderBy: { kind: "asc" } });
    expect(failed.map((j) => [j.failedAt !== null, j.lastError])).toEqual([
      [true, "the mail server said no"],
      [true, 'no handler for jobs of kind "nobody-handles-this"'],
    ]);
    expect(ran).toBe(0);

    expect(await runJobNow(later.id, handlers)).toBe("finished");
    expect(ran).toBe(1);
    expect(await runJobNow(later.id, handlers)).toBeNull();
  });
});

describe("the administrators' queue page", () => {
  it("is for administrators only, names whom a digest is for, and runs it on request", async () => {
    const fpLa = await userId(demo.focalPoint("LA"));
    const job = await enqueueJob({
      kind: "digest",
      key: `digest:${fpLa}:2099-W01`,
      payload: { userId: fpLa, week: "2099-W01" },
      runAt: new Date("2099-01-05T00:00:00Z"),
    });
    const refused = await settle(() =>
      jobsLoader({ request: new Request("http://localhost/admin/jobs"), params: {}, context: routeContext }),
    );
    expect(refused).toBeInstanceOf(Response);
    const asSecretariat = await settle(async () =>
      jobsLoader({ request: await requestAs(demo.secretariat, "/admin/jobs"), params: {}, context: routeContext }),
    );
    expect((asSecretariat as Response).status).toBe(403);

    const page = (await jobsLoader({
      request: await requestAs(demo.admin, "/admin/jobs"),
      params: {},
      context: routeContext,
    })) as Awaited<ReturnType<typeof jobsLoader>>;
    const fpName = (await db.user.findUniqueOrThrow({ where: { id: fpLa } })).name;
    expect(page.waiting.find((j) => j.id === job.id)?.digest).toEqual({ name: fpName, week: "2099-W01" });
    expect(page.counts.scheduled).toBe(1);

    const ran = await settle(async () =>
      jobsAction({
        request: await requestAs(demo.admin, "/admin/jobs", { intent: "run-now", jobId: job.id }),
        params: {},
        context: routeContext,
      }),
    );
    expect((ran as Response).status).toBe(302);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).finishedAt).toBeInstanceOf(Date);
    expect(await db.emailMessage.count({ where: { key: `digest:${fpLa}:2099-W01` } })).toBe(1);
  });
});
