import type http from "node:http";
import type { Socket } from "socket.io";
import { readCookie, SESSION_COOKIE, validateSessionToken } from "~/auth/session.server";
import type { SessionUser } from "~/auth/session-user";
import { hashToken } from "~/auth/tokens.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/**
 * Who may open a socket: a page of FocalPoint itself, for a signed-in person.
 *
 * Origin (decision 014). The browser sends the session cookie with every
 * request to this site, including a WebSocket that a page of another origin
 * on the same site opens (another port of the host, a sibling subdomain):
 * unchecked, such a page acts as whoever is signed in. Browsers always name
 * the page's origin on a WebSocket upgrade and on every request to another
 * origin, so a handshake that names any origin but PUBLIC_URL's is refused.
 * One that names none comes from FocalPoint's own page (a same-origin polling
 * request, which browsers send without it) or from a program that is not a
 * browser (tests, benchmarks, scripts); such a program borrows nobody's
 * cookie, it must hold a session of its own, so it is let through to the
 * session check like any other. When PUBLIC_URL names this machine
 * (127.0.0.1, localhost, [::1]), its other names on the same port are the
 * same server: nobody else can serve a page there.
 */

export type SocketData = { user: SessionUser; sessionId: string };

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** The origins of FocalPoint's own pages. */
function ownOrigins(): Set<string> {
  const publicUrl = new URL(env().PUBLIC_URL);
  if (!LOOPBACK_NAMES.includes(publicUrl.hostname)) return new Set([publicUrl.origin]);
  const port = publicUrl.port ? `:${publicUrl.port}` : "";
  return new Set(LOOPBACK_NAMES.map((name) => `${publicUrl.protocol}//${name}${port}`));
}

/** Whether a handshake's Origin header may open a socket. */
function allowedOrigin(origin: string | undefined): boolean {
  return origin === undefined || ownOrigins().has(origin);
}

/** socket.io's allowRequest: refuses a handshake from a page of another origin before anything else. */
export function allowRequest(
  request: http.IncomingMessage,
  callback: (error: string | null | undefined, success: boolean) => void,
) {
  const { origin } = request.headers;
  if (allowedOrigin(origin)) return callback(null, true);
  logger.warn({ origin, expected: env().PUBLIC_URL }, "refused a socket from another origin");
  callback("origin not allowed", false);
}

/** socket.io middleware: a socket connects only with a valid session cookie. */
export async function authenticate(socket: Socket, next: (err?: Error) => void) {
  try {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = token ? await validateSessionToken(token) : null;
    if (!session || !token) return next(new Error("unauthorized"));
    socket.data = { user: session.user, sessionId: hashToken(token) } satisfies SocketData;
    next();
  } catch (error) {
    logger.error({ err: error }, "socket authentication failed");
    next(new Error("unauthorized"));
  }
}
