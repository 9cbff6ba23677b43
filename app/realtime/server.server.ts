import type http from "node:http";
import { Server, type Socket } from "socket.io";
import msgpackParser from "socket.io-msgpack-parser";
import type { Action, Resource } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { userOfCookieHeader } from "~/auth/session.server";
import { DocumentManager, type DocumentTimings } from "~/collab/manager.server";
import { onDomainEvent, type DomainEvent } from "~/events.server";
import { countryOfPlan, existingCountryId, workshopExists } from "~/models/topic-subjects.server";
import { argumentsAndReply } from "~/utils/socket-reply.server";
import { announcementsOf } from "./announcements.server";
import { allowRequest, authenticate, type SocketData } from "./handshake.server";
import { SOCKET_PATH, SubscribeSchema, TopicSchema, type ChangeEvent, type Topic } from "./topics";

/**
 * The one place for real time. socket.io shares the HTTP server; a socket
 * connects only from FocalPoint's own pages with a valid session cookie
 * (handshake.server.ts), joins a room only where the permission function
 * allows, and every message is checked with zod. Co-editing rides on the same
 * sockets (app/collab).
 */

type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;
type Reply = { ok: true; joined: Topic[] } | { ok: true } | { ok: false; error: string };

/**
 * What following a topic needs: every permission listed, for the resource it
 * concerns; null for a topic about nothing that exists. A topic is followed
 * only by people who may read everything it announces (announcements.server.ts).
 */
async function topicPermissions(topic: Topic): Promise<{ action: Action; resource: Resource }[] | null> {
  if (topic === "directory") return [{ action: "directory.read", resource: {} }];
  const [kind, id] = topic.split(":") as [string, string];
  switch (kind) {
    case "country": {
      const countryId = await existingCountryId(id);
      if (!countryId) return null;
      const resource = { countryId };
      return [
        { action: "plan.read", resource },
        { action: "milestone.read", resource },
      ];
    }
    case "country-profile": {
      const countryId = await existingCountryId(id);
      return countryId ? [{ action: "country.read", resource: { countryId } }] : null;
    }
    case "plan": {
      const countryId = await countryOfPlan(id);
      return countryId ? [{ action: "plan.read", resource: { countryId } }] : null;
    }
    case "workshop":
      return (await workshopExists(id)) ? [{ action: "workshop.read", resource: {} }] : null;
    case "person":
      return [{ action: "notification.read", resource: { userId: id } }];
  }
  return null;
}

async function mayFollow(user: Parameters<typeof can>[0], topic: Topic): Promise<boolean> {
  const needed = await topicPermissions(topic);
  return Boolean(needed?.every(({ action, resource }) => can(user, action, resource)));
}

function onConnection(socket: AppSocket, documents: DocumentManager) {
  const { user, sessionId } = socket.data;
  // Rooms that let the server reach this socket when the session or the person changes.
  void socket.join([`session:${sessionId}`, `user:${user.id}`]);

  socket.on("subscribe", async (...args: unknown[]) => {
    const [[payload], reply] = argumentsAndReply<Reply>(args);
    const parsed = SubscribeSchema.safeParse(payload);
    if (!parsed.success)
      return reply({ ok: false, error: `invalid subscribe message: ${parsed.error.issues[0]?.message}` });
    // Roles may have changed since the socket connected: follow under today's.
    const follower = await userOfCookieHeader(socket.handshake.headers.cookie);
    if (!follower) return reply({ ok: false, error: "unauthorized" });
    const joined: Topic[] = [];
    for (const topic of parsed.data.topics) {
      if (!(await mayFollow(follower, topic))) return reply({ ok: false, error: `not allowed to follow ${topic}` });
      joined.push(topic);
    }
    await socket.join(joined);
    reply({ ok: true, joined });
  });

  documents.register(socket as never);

  socket.on("unsubscribe", async (...args: unknown[]) => {
    const [[payload], reply] = argumentsAndReply<Reply>(args);
    const parsed = SubscribeSchema.safeParse(payload);
    if (!parsed.success)
      return reply({ ok: false, error: `invalid unsubscribe message: ${parsed.error.issues[0]?.message}` });
    for (const topic of parsed.data.topics) await socket.leave(topic);
    reply({ ok: true });
  });
}

/** Each of the person's sockets leaves the topics their roles no longer let them follow. */
async function unfollowForbiddenTopics(io: Server, userId: string) {
  for (const socket of await io.in(`user:${userId}`).fetchSockets()) {
    const user = await userOfCookieHeader(socket.handshake.headers.cookie);
    for (const room of socket.rooms) {
      const followed = TopicSchema.safeParse(room);
      if (!followed.success) continue;
      if (!user || !(await mayFollow(user, followed.data))) socket.leave(room);
    }
  }
}

/**
 * What the live side does when the domain changes: tell the pages that show
 * it, re-check what people follow, end the connections of ended sessions. The
 * co-editing side listens for itself (who may edit an open document).
 */
async function reactTo(event: DomainEvent, io: Server) {
  const at = new Date().toISOString();
  for (const announcement of announcementsOf(event)) {
    const change: ChangeEvent = { ...announcement, at };
    io.to(announcement.topic).emit("changed", change);
  }
  switch (event.type) {
    case "person.access-changed":
      // Followed topics are checked again at once under the new roles.
      await unfollowForbiddenTopics(io, event.userId);
      break;
    case "sessions.ended":
      if (event.sessionIds.length) io.in(event.sessionIds.map((id) => `session:${id}`)).disconnectSockets(true);
      break;
  }
}

export function attachRealtime(server: http.Server, options: { documentTimings?: Partial<DocumentTimings> } = {}) {
  const io = new Server(server, {
    path: SOCKET_PATH,
    parser: msgpackParser,
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    allowRequest,
    // No connectionStateRecovery: it keeps every broadcast packet for the whole
    // recovery window (about 90 MB at 200 editors typing, measured by
    // bench:collab), and nothing here needs it. A reconnecting socket is a new
    // one: onConnection joins its session and person rooms again, pages follow
    // their topics again and reload their data once (useLiveUpdates), and open
    // documents join again and resync with the y-protocols handshake
    // (CollabProvider), which sends each side exactly what the other lacks.
  });
  const documents = new DocumentManager(io, options.documentTimings);
  io.use((socket, next) => void authenticate(socket, next));
  io.on("connection", (socket) => onConnection(socket as AppSocket, documents));
  const stopListening = onDomainEvent((event) => reactTo(event, io));
  return {
    close: async () => {
      stopListening();
      await documents.closeAll();
      await io.close();
    },
  };
}
