import { io as connect, type Socket } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import { describe, expect, it } from "vitest";
import { emit } from "~/events.server";
import { SOCKET_PATH, topic, type ChangeEvent } from "~/realtime/topics";
import { db } from "~/utils/db.server";
import { liveServer, until } from "../support/collab-clients";
import { cookieFor } from "../support/requests";
import { demo } from "../support/people";

const live = liveServer();

/** A socket with the person's cookie; `origin`: the page it is opened from, as a browser names it. */
function client(cookie?: string, origin?: string) {
  const socket = connect(live.url(), {
    path: SOCKET_PATH,
    parser: msgpackParser,
    transports: ["websocket"],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
    reconnection: false,
  });
  live.closeAfter(() => socket.close());
  return socket;
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });

type SubscribeReply = { ok: true; joined: string[] } | { ok: false; error: string };
const subscribe = (socket: Socket, payload: unknown) =>
  socket.emitWithAck("subscribe", payload) as Promise<SubscribeReply>;
/** A round trip on the socket's connection: its answer comes after every change the server sent before it. */
const roundTrip = (socket: Socket) => subscribe(socket, null);

describe("real-time plumbing", () => {
  it("refuses a socket without a session cookie, or with a forged one", async () => {
    await expect(connected(client())).rejects.toThrow("unauthorized");
    await expect(connected(client("fp_session=not-a-real-token"))).rejects.toThrow("unauthorized");
  });

  it("lets a signed-in person follow a country and hear its changes", async () => {
    const vn = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
    const watcher = client(await cookieFor(demo.secretariat));
    await connected(watcher);
    expect(await subscribe(watcher, { topics: [topic.country(vn.id)] })).toEqual({
      ok: true,
      joined: [topic.country(vn.id)],
    });

    const heard = new Promise<ChangeEvent>((resolve) => watcher.once("changed", resolve));
    await emit({ type: "milestone.changed", countryId: vn.id, milestoneId: "m1" });
    const event = await heard;
    expect(event).toMatchObject({ topic: `country:${vn.id}`, entity: "milestone", id: "m1" });
  });

  it("stops telling a person of a country's changes as soon as they lose the role that let them follow it", async () => {
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    const focalPoint = await db.user.findUniqueOrThrow({ where: { email: demo.focalPoint("KH") } });
    const former = client(await cookieFor(focalPoint.email));
    const colleague = client(await cookieFor(demo.secretariat));
    await Promise.all([connected(former), connected(colleague)]);
    for (const socket of [former, colleague])
      expect(await subscribe(socket, { topics: [topic.country(kh.id)] })).toMatchObject({ ok: true });

    await db.roleAssignment.deleteMany({ where: { userId: focalPoint.id } });
    await emit({ type: "person.access-changed", userId: focalPoint.id });

    const heardByFormer: ChangeEvent[] = [];
    former.on("changed", (event: ChangeEvent) => heardByFormer.push(event));
    const heardByColleague = new Promise<ChangeEvent>((resolve) => colleague.once("changed", resolve));
    await emit({ type: "country.changed", countryId: kh.id });
    await heardByColleague;
    // The answer to this later request travels on the same connection as the change would have.
    expect(await subscribe(former, { topics: [topic.country(kh.id)] })).toEqual({
      ok: false,
      error: `not allowed to follow country:${kh.id}`,
    });
    expect(heardByFormer).toEqual([]);
  });

  it("answers malformed messages with a clear error and joins nothing", async () => {
    const socket = client(await cookieFor(demo.focalPoint("KH")));
    await connected(socket);
    for (const bad of [
      null,
      "country:x",
      { topics: "directory" },
      { topics: [] },
      { topics: ["secrets:abc"] },
      { topics: ["country:../../etc"] },
    ]) {
      const reply = await subscribe(socket, bad);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error).toMatch(/invalid subscribe message/);
    }
    let heard = false;
    socket.on("changed", () => (heard = true));
    await emit({ type: "organisation.changed", organisationId: "u1" });
    await roundTrip(socket);
    expect(heard).toBe(false);
  });

  it("refuses a socket opened by a page of another origin on the same site, even with a valid session", async () => {
    const cookie = await cookieFor(demo.focalPoint("VN"));
    // Another port of the same host, a sibling subdomain, another scheme, a sandboxed page.
    for (const origin of [
      "http://127.0.0.1:3001",
      "http://localhost:3001",
      "http://files.127.0.0.1:3000",
      "https://127.0.0.1:3000",
      "null",
    ])
      await expect(connected(client(cookie, origin)), origin).rejects.toThrow();
    // FocalPoint's own pages (PUBLIC_URL, or this machine's other names for it) connect, and so does a program that names no page.
    await connected(client(cookie, "http://127.0.0.1:3000"));
    await connected(client(cookie, "http://localhost:3000"));
    await connected(client(cookie));
  });

  it("lets a Cambodian member follow Viet Nam's profile but not its work, and tells them nothing of that work", async () => {
    const vn = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
    const kh = await db.country.findUniqueOrThrow({ where: { code: "KH" } });
    const vnPlan = await db.actionPlan.findFirstOrThrow({ where: { countryId: vn.id } });
    // Cambodia's focal point lost their roles in an earlier test; a member of its task force reads the same.
    const khMember = client(await cookieFor(demo.taskForce("KH")));
    await connected(khMember);
    expect(await subscribe(khMember, { topics: [topic.country(vn.id)] })).toEqual({
      ok: false,
      error: `not allowed to follow country:${vn.id}`,
    });
    expect(await subscribe(khMember, { topics: [`country-profile:${vn.id}`, topic.country(kh.id)] })).toMatchObject({
      ok: true,
    });
    const heard: ChangeEvent[] = [];
    khMember.on("changed", (event: ChangeEvent) => heard.push(event));

    await emit(
      { type: "milestone.changed", countryId: vn.id, milestoneId: "m1" },
      {
        type: "milestone-comment.changed",
        countryId: vn.id,
        milestoneId: "m1",
        commentId: "c1",
        actorId: "",
        change: "added",
      },
      { type: "plan.changed", countryId: vn.id, planId: vnPlan.id },
      { type: "action-item.changed", countryId: vn.id, planId: vnPlan.id, itemId: "i1" },
      // What everyone sees of Viet Nam, and Cambodia's own work, do reach them.
      { type: "country.changed", countryId: vn.id },
      { type: "milestone.changed", countryId: kh.id, milestoneId: "m2" },
    );
    await until(() => heard.length >= 2);
    await roundTrip(khMember);
    expect(heard.map(({ topic: to, entity, id }) => [to, entity, id])).toEqual([
      [`country-profile:${vn.id}`, "country", vn.id],
      [`country:${kh.id}`, "milestone", "m2"],
    ]);
  });

  it("tells the followers of a workshop nothing of the plans its agreed actions landed in", async () => {
    const vn = await db.country.findUniqueOrThrow({ where: { code: "VN" } });
    const vnPlan = await db.actionPlan.findFirstOrThrow({ where: { countryId: vn.id } });
    const workshop = await db.workshop.findFirstOrThrow();
    const khMember = client(await cookieFor(demo.taskForce("KH")));
    await connected(khMember);
    expect(await subscribe(khMember, { topics: [topic.workshop(workshop.id)] })).toMatchObject({ ok: true });
    const heard: ChangeEvent[] = [];
    khMember.on("changed", (event: ChangeEvent) => heard.push(event));
    await emit(
      { type: "action-item.changed", countryId: vn.id, planId: vnPlan.id, itemId: "i2", workshopId: workshop.id },
      { type: "outcome.changed", workshopId: workshop.id, outcomeId: "o1" },
    );
    await until(() => heard.length >= 1);
    await roundTrip(khMember);
    expect(heard.map(({ entity, id }) => [entity, id])).toEqual([["outcome", "o1"]]);
  });

  it("refuses topics that do not exist", async () => {
    const socket = client(await cookieFor(demo.focalPoint("KH")));
    await connected(socket);
    const reply = await subscribe(socket, { topics: ["plan:doesnotexist00"] });
    expect(reply).toEqual({ ok: false, error: "not allowed to follow plan:doesnotexist00" });
  });
});
