import { describe, expect, it } from "vitest";
import { signToken, verifySignedToken } from "~/auth/tokens.server";
import { nextDigest } from "~/domain/digest-schedule";
import { runDueJobs } from "~/jobs/worker.server";
import { scheduleDigests, sendDigest } from "~/models/digest.server";
import { claimNextJob, LEASE_MS } from "~/models/job.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/_auth+/notices.unsubscribe.$token";
import { db } from "~/utils/db.server";
import { routeContext, userId } from "../support/requests";
import { demo } from "../support/people";

/** The weekly digest: when it goes, what it holds, that it goes once, and how it stops. */

const digestOf = (to: string) => db.emailMessage.findFirst({ where: { to, key: { startsWith: "digest:" } } });

describe("when a digest goes", () => {
  it("on Monday at 07:00 in the person's own zone, named by the ISO week of that Monday", () => {
    // Monday 7 December 2026, 00:30 UTC: 07:30 in Vientiane, 08:30 in Manila, 07:00 in Yangon.
    const now = new Date("2026-12-07T00:30:00Z");
    expect(nextDigest("Asia/Vientiane", now)).toEqual({ runAt: new Date("2026-12-07T00:00:00Z"), week: "2026-W50" });
    expect(nextDigest("Asia/Manila", now)).toEqual({ runAt: new Date("2026-12-06T23:00:00Z"), week: "2026-W50" });
    expect(nextDigest("Asia/Yangon", now)).toEqual({ runAt: new Date("2026-12-07T00:30:00Z"), week: "2026-W50" });
    // Sunday evening in UTC is already Monday morning in Manila, but not yet 07:00 in Yangon.
    const sunday = new Date("2026-12-06T23:30:00Z");
    expect(nextDigest("Asia/Manila", sunday).runAt).toEqual(new Date("2026-12-06T23:00:00Z"));
    expect(nextDigest("Asia/Yangon", sunday).runAt).toEqual(new Date("2026-12-07T00:30:00Z"));
    // A day after its hour the week's digest is no longer due: the next Monday's is.
    expect(nextDigest("Asia/Vientiane", new Date("2026-12-08T01:00:00Z"))).toEqual({
      runAt: new Date("2026-12-14T00:00:00Z"),
      week: "2026-W51",
    });
    // ISO weeks across the new year: 2026 has 53 weeks.
    expect(nextDigest("Asia/Jakarta", new Date("2026-12-28T03:00:00Z")).week).toBe("2026-W53");
    expect(nextDigest("Asia/Jakarta", new Date("2027-01-02T12:00:00Z")).week).toBe("2027-W01");
  });

  it("the scheduler queues one digest a week for each focal point and task-force member, none for others", async () => {
    const monday = new Date("2026-12-07T00:30:00Z");
    const queued = await scheduleDigests(monday);
    expect(await scheduleDigests(monday)).toBe(queued);
    const keys = (await db.job.findMany({ where: { kind: "digest" }, select: { key: true } })).map((j) => j.key);
    expect(keys).toHaveLength(queued);
    expect(keys).toContain(`digest:${await userId(demo.focalPoint("LA"))}:2026-W50`);
    expect(keys).toContain(`digest:${await userId(demo.taskForce("SG"))}:2026-W50`);
    expect(keys).not.toContain(`digest:${await userId(demo.secretariat)}:2026-W50`);
    const job = await db.job.findUniqueOrThrow({
      where: { key: `digest:${await userId(demo.focalPoint("LA"))}:2026-W50` },
    });
    expect(job.runAt).toEqual(new Date("2026-12-07T00:00:00Z"));
    await db.job.deleteMany();
  });
});

describe("what a digest holds", () => {
  it("the person's own country's work, with links to where it is updated, and nothing of other countries", async () => {
    const la = await db.country.findUniqueOrThrow({ where: { code: "LA" } });
    const vn = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
    const fpLa = await userId(demo.focalPoint("LA"));
    for (const [countryId, summary] of [
      [la.id, "Lao change for the digest"],
      [vn.id, "Viet Nam change no Lao reader may see"],
    ] as const) {
      await db.auditEvent.create({
        data: { action: "test.change", entityType: "test", entityId: "x", countryId, summary },
      });
    }
    expect(await sendDigest({ userId: fpLa, week: "2026-W50" })).toBe("sent");
    const mail = await digestOf(demo.focalPoint("LA"));
    const text = mail!.text!;
    expect(text).toContain("Lao change for the digest");
    expect(text).not.toContain("Viet Nam change");
    const itemIds = [...text.matchAll(/#([A-Z]{2})-item-(\w+)/g)];
    expect(itemIds.length).toBeGreaterThan(0);
    expect(new Set(itemIds.map((m) => m[1]))).toEqual(new Set(["LA"]));
    const items = await db.actionItem.findMany({
      where: { id: { in: itemIds.map((m) => m[2]!) } },
      select: { plan: { select: { countryId: true } } },
    });
    expect(items.every((i) => i.plan.countryId === la.id)).toBe(true);
    const milestoneIds = [...text.matchAll(/#milestone-(\w+)/g)].map((m) => m[1]!);
    const milestones = await db.milestone.findMany({ where: { id: { in: milestoneIds } } });
    expect(milestones.every((m) => m.countryId === la.id)).toBe(true);
    expect(text).toMatch(/\/notices\/unsubscribe\/[\w-]+\.[\w-]{43}/);
    // What it covered is remembered: the next digest lists only later changes.
    expect((await db.user.findUniqueOrThrow({ where: { id: fpLa } })).digestCoveredTo).toBeInstanceOf(Date);
  });

  it("is written in the person's language", async () => {
    const tfLa = await userId(demo.taskForce("LA"));
    await db.user.update({ where: { id: tfLa }, data: { locale: "id" } });
    await sendDigest({ userId: tfLa, week: "2026-W50" });
    const mail = await digestOf(demo.taskForce("LA"));
    expect(mail!.subject).toMatch(/^FocalPoint: pekan Anda/);
    expect(mail!.text).toMatch(/Untuk berhenti menerimanya/);
  });

  it("is sent once, even when the process dies after recording the e-mail and another takes the job over", async () => {
    const fpKh = await userId(demo.focalPoint("KH"));
    await db.job.deleteMany();
    await scheduleDigests(new Date());
    const job = await db.job.findFirstOrThrow({ where: { key: { startsWith: `digest:${fpKh}:` } } });
    await db.job.updateMany({ where: { id: { not: job.id } }, data: { finishedAt: new Date() } });
    await db.job.update({ where: { id: job.id }, data: { runAt: new Date(Date.now() - 1000) } });

    // The first process records and sends the e-mail, then dies before marking the job done.
    const claimed = await claimNextJob("dying-process");
    expect(claimed?.id).toBe(job.id);
    await sendDigest(claimed!.payload);
    expect(await db.emailMessage.count({ where: { to: demo.focalPoint("KH") } })).toBe(1);

    // Its lease runs out; another process runs the job again.
    await db.job.update({ where: { id: job.id }, data: { lockedUntil: new Date(Date.now() - LEASE_MS) } });
    expect(await runDueJobs(undefined, { workerId: "next-process" })).toBe(1);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).finishedAt).toBeInstanceOf(Date);
    expect(await db.emailMessage.count({ where: { to: demo.focalPoint("KH") } })).toBe(1);
  });
});

describe("unsubscribing", () => {
  const args = (token: string, init?: RequestInit) => ({
    request: new Request(`http://localhost/notices/unsubscribe/${token}`, init),
    params: { token },
    context: routeContext,
  });
  const oneClick = () => ({
    method: "POST",
    body: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

  it("refuses a token that was altered or signed for something else", async () => {
    const id = await userId(demo.focalPoint("TH"));
    const token = signToken("unsubscribe-digest", id);
    expect(verifySignedToken("unsubscribe-digest", token)).toBe(id);
    const [value, mac] = token.split(".") as [string, string];
    const other = Buffer.from(await userId(demo.focalPoint("VN"))).toString("base64url");
    const forged = [
      `${other}.${mac}`,
      `${value}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      signToken("another-purpose", id),
      `${value}.${mac}.extra`,
      value,
    ];
    for (const bad of forged) {
      expect(verifySignedToken("unsubscribe-digest", bad)).toBeNull();
      expect(await unsubscribeLoader(args(bad))).toBeNull();
      expect(await unsubscribeAction(args(bad, oneClick()))).toEqual({ done: false });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id } })).digest).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("VN") } })).digest).toBeNull();
  });

  it("asks on GET and acts only on POST, the one-click POST of a mail client included", async () => {
    const id = await userId(demo.focalPoint("TH"));
    const token = signToken("unsubscribe-digest", id);
    expect(await unsubscribeLoader(args(token))).toEqual({
      list: "digest",
      email: demo.focalPoint("TH"),
      alreadyOff: false,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id } })).digest).toBeNull();
    expect(await unsubscribeAction(args(token, oneClick()))).toEqual({
      done: true,
      list: "digest",
      email: demo.focalPoint("TH"),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id } })).digest).toBe("none");
    expect(await sendDigest({ userId: id, week: "2026-W51" })).toBe("skipped");
  });
});
