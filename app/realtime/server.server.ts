import type http from "node:http";
import { Server, type Socket } from "socket.io";
import msgpackParser from "socket.io-msgpack-parser";
import type { Action, Resource } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { readCookie, SESSION_COOKIE, userOfCookieHeader, validateSessionToken } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import {
  DocumentNotFoundError,
  findDocumentVersion,
  loadYDoc,
  restoreUpdate,
  storeVersionRestore,
} from "~/models/document.server";
import { onDomainEvent, type DomainEvent } from "~/events.server";
import { announcementsOf } from "./announcements.server";
import { DocumentManager, type DocumentTimings } from "./collab.server";
import { SOCKET_PATH, SubscribeSchema, TopicSchema, type ChangeEvent, type Topic } from "./topics";

/**
 * The one place for real time. socket.io shares the HTTP server; a socket
 * connects only with a valid session cookie, joins a room only where the
 * permission function allows, and every message is checked with zod.
 */

type SocketData = { user: SessionUser; sessionId: string };
type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;
type Ack = (reply: { ok: true; joined: Topic[] } | { ok: false; error: string }) => void;

// Kept on globalThis so that route modules reloaded in development publish to the live server.
const globalForIo = globalThis as unknown as { focalpointDocuments?: DocumentManager };

/** Which permission a topic needs, with the resource it concerns. */
async function topicPermission(topic: Topic): Promise<{ action: Action; resource: Resource } | null> {
  if (topic === "directory") return { action: "directory.read", resource: {} };
  const [kind, id] = topic.split(":") as [string, string];
  switch (kind) {
    case "country": {
      const country = await db.country.findUnique({ where: { id }, select: { id: true } });
      return country ? { action: "country.read", resource: { countryId: country.id } } : null;
    }
    case "plan": {
      const plan = await db.actionPlan.findUnique({ where: { id }, select: { countryId: true } });
      return plan ? { action: "plan.read", resource: { countryId: plan.countryId } } : null;
    }
    case "workshop": {
      const workshop = await db.workshop.findUnique({ where: { id }, select: { id: true } });
      return workshop ? { action: "workshop.read", resource: {} } : null;
    }
  }
  return null;
}

async function authenticate(socket: AppSocket, next: (err?: Error) => void) {
  try {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = token ? await validateSessionToken(token) : null;
    if (!session || !token) return next(new Error("unauthorized"));
    socket.data = { user: session.user, sessionId: hashToken(token) };
    next();
  } catch (error) {
    logger.error({ err: error }, "socket authentication failed");
    next(new Error("unauthorized"));
  }
}

function onConnection(socket: AppSocket, documents: DocumentManager) {
  const { user, sessionId } = socket.data;
  // Rooms that let the server reach this socket when the session or the person changes.
  void socket.join([`session:${sessionId}`, `user:${user.id}`]);

  socket.on("subscribe", async (payload: unknown, ack?: unknown) => {
    const reply: Ack = typeof ack === "function" ? (ack as Ack) : () => {};
    const parsed = SubscribeSchema.safeParse(payload);
    if (!parsed.success)
      return reply({ ok: false, error: `invalid subscribe message: ${parsed.error.issues[0]?.message}` });
    // Roles may have changed since the socket connected: follow under today's.
    const follower = await userOfCookieHeader(socket.handshake.headers.cookie);
    if (!follower) return reply({ ok: false, error: "unauthorized" });
    const joined: Topic[] = [];
    for (const topic of parsed.data.topics) {
      const needed = await topicPermission(topic);
      if (!needed || !can(follower, needed.action, needed.resource)) {
        return reply({ ok: false, error: `not allowed to follow ${topic}` });
      }
      joined.push(topic);
    }
    await socket.join(joined);
    reply({ ok: true, joined });
  });

  documents.register(socket as never);

  socket.on("unsubscribe", async (payload: unknown) => {
    const parsed = SubscribeSchema.safeParse(payload);
    if (!parsed.success) return;
    for (const topic of parsed.data.topics) await socket.leave(topic);
  });
}

/** Each of the person's sockets leaves the topics their roles no longer let them follow. */
async function unfollowForbiddenTopics(io: Server, userId: string) {
  for (const socket of await io.in(`user:${userId}`).fetchSockets()) {
    const user = await userOfCookieHeader(socket.handshake.headers.cookie);
    for (const room of socket.rooms) {
      const followed = TopicSchema.safeParse(room);
      if (!followed.success) continue;
      const needed = await topicPermission(followed.data);
      if (!user || !needed || !can(user, needed.action, needed.resource)) socket.leave(room);
    }
  }
}

/** What the live side does when the domain changes: tell the pages that show it, re-check who may edit or follow. */
async function reactTo(event: DomainEvent, io: Server, documents: DocumentManager) {
  const at = new Date().toISOString();
  for (const announcement of announcementsOf(event)) {
    const change: ChangeEvent = { ...announcement, at };
    io.to(announcement.topic).emit("changed", change);
  }
  switch (event.type) {
    case "plan.status-changed":
      // Editors of an endorsed plan become readers at once, and the other way round.
      await documents.reauthorize({ documentId: event.documentId });
      break;
    case "person.access-changed":
      // Open documents and followed topics are checked again at once under the new roles.
      await documents.reauthorize({ userId: event.userId });
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
    // No connectionStateRecovery: it keeps every broadcast packet for the whole
    // recovery window (about 90 MB at 200 editors typing, measured by
    // bench:collab), and nothing here needs it. A reconnecting socket is a new
    // one: onConnection joins its session and person rooms again, pages follow
    // their topics again and reload their data once (useLiveUpdates), and open
    // documents join again and resync with the y-protocols handshake
    // (CollabProvider), which sends each side exactly what the other lacks.
  });
  const documents = new DocumentManager(io, options.documentTimings);
  io.use((socket, next) => void authenticate(socket as AppSocket, next));
  io.on("connection", (socket) => onConnection(socket as AppSocket, documents));
  const stopListening = onDomainEvent((event) => reactTo(event, io, documents));
  globalForIo.focalpointDocuments = documents;
  return {
    close: async () => {
      stopListening();
      await documents.closeAll();
      await io.close();
      if (globalForIo.focalpointDocuments === documents) globalForIo.focalpointDocuments = undefined;
    },
  };
}

/**
 * Restores a named version as a new change. With the real-time server running
 * it goes through the open document, so everyone sees it at once; without one
 * (scripts, tests of routes) nobody has the document open and it is stored directly.
 * Returns false when the document already shows that version.
 */
export async function restoreDocumentVersion(
  documentId: string,
  versionId: string,
  actor: { actorId: string; requestId?: string | null },
): Promise<boolean> {
  const documents = globalForIo.focalpointDocuments;
  if (documents) return documents.restoreVersion(documentId, versionId, actor);
  const [version, loaded] = await Promise.all([findDocumentVersion(documentId, versionId), loadYDoc(documentId)]);
  if (!version || !loaded) throw new DocumentNotFoundError(versionId);
  const update = restoreUpdate(loaded.doc, version.state);
  loaded.doc.destroy();
  if (!update) return false;
  await storeVersionRestore(documentId, update, version, actor);
  return true;
}
