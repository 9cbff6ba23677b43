import { afterAll, describe, expect, it, vi } from "vitest";
import type { SmtpSink } from "../support/smtp-sink";
import { demo } from "../support/people";

// This file's app sends mail through a real (local) SMTP server: the environment is read once, so set it first.
const sink: SmtpSink = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("../support/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(started.port);
  return started;
});

const { inviteUser } = await import("~/models/invitation.server");
const { loader: outboxLoader } = await import("~/routes/_app+/admin+/outbox");
const { action: forgotAction } = await import("~/routes/_auth+/forgot-password");
const { db } = await import("~/utils/db.server");
const { sendDigest } = await import("~/models/digest.server");
const { cookieFor, formBody, routeContext } = await import("../support/requests");

afterAll(() => sink.close());

describe("e-mail through SMTP", () => {
  it("a delivered message keeps only who, what and when: no link stays in the database or the outbox", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: demo.admin } });
    await inviteUser(
      { email: "smtp.invitee@focalpoint.test", name: "Smtp Invitee", roles: [{ role: "observer", countryId: null }] },
      { id: admin.id, name: admin.name },
    );
    const delivered = sink.received.find((m) => m.to.includes("smtp.invitee@focalpoint.test"));
    expect(delivered?.data).toMatch(/\/invitations\/[a-z2-7]{32}/);

    const stored = await db.emailMessage.findFirstOrThrow({ where: { to: "smtp.invitee@focalpoint.test" } });
    expect(stored).toMatchObject({ transport: "smtp", text: null, error: null });
    expect(stored.sentAt).toBeInstanceOf(Date);

    const { messages } = (await outboxLoader({
      request: new Request("http://localhost/admin/outbox", { headers: { cookie: await cookieFor(admin.email) } }),
      params: {},
      context: routeContext,
    })) as { messages: { to: string; subject: string; text: string | null }[] };
    const listed = messages.find((m) => m.to === "smtp.invitee@focalpoint.test")!;
    expect(listed.subject).toBeTruthy();
    expect(listed.text).toBeNull();
  });

  it("asking for a reset link takes as long for an unknown address as for a known one, however slow the mail server", async () => {
    sink.delayMs = 600;
    const timeOf = async (email: string) => {
      const started = performance.now();
      const answer = await forgotAction({
        request: new Request("http://localhost/forgot-password", { method: "POST", body: formBody({ email }) }),
        params: {},
        context: routeContext,
      });
      expect(answer).toMatchObject({ sent: true });
      return performance.now() - started;
    };
    const unknown = [await timeOf("nobody.here@focalpoint.test"), await timeOf("nobody.else@focalpoint.test")];
    const known = [await timeOf(demo.focalPoint("VN")), await timeOf(demo.taskForce("VN"))];
    expect(Math.max(...known)).toBeLessThan(300);
    expect(Math.abs(Math.max(...known) - Math.max(...unknown))).toBeLessThan(150);
    // The link is still sent, after the answer.
    await vi.waitFor(() => expect(sink.received.some((m) => m.to.includes(demo.taskForce("VN")))).toBe(true), {
      timeout: 5000,
    });
  });

  it("a digest carries a one-click unsubscribe (RFC 8058) and a plain-text part, and is recorded under its key", async () => {
    const fpLa = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("LA") } });
    expect(await sendDigest({ userId: fpLa.id, week: "2026-W50" })).toBe("sent");
    const delivered = sink.received.find((m) => m.to.includes(fpLa.email))!;
    // Long header lines are folded onto the next line: unfold before reading them.
    const headers = delivered.data.split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
    expect(headers).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/notices\/unsubscribe\/[\w-]+\.[\w-]{43}>$/m,
    );
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(headers).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    const stored = await db.emailMessage.findUniqueOrThrow({ where: { key: `digest:${fpLa.id}:2026-W50` } });
    expect(stored).toMatchObject({ transport: "smtp", text: null, error: null });
  });
});
