import { redirect } from "@remix-run/node";
import { emit } from "~/events.server";
import { db } from "~/utils/db.server";
import { usesHttps } from "~/utils/env.server";
import type { Role } from "~/domain/vocabulary";
import type { Action, Resource } from "./permissions";
import type { SessionUser } from "./session-user";
import { can } from "./permissions";
import { generateToken, hashToken } from "./tokens.server";

/**
 * Sessions after Lucia's guide (lucia-auth.com/sessions): the cookie carries a
 * random token, the database keeps only its SHA-256 as the session id, expiry
 * slides forward on use, and sign-out or a password change deletes the rows.
 */

export const SESSION_COOKIE = "fp_session";
const DAY = 24 * 60 * 60 * 1000;
const SESSION_LIFETIME_MS = 30 * DAY;
const RENEW_WHEN_LESS_THAN_MS = 15 * DAY;

export async function createSession(
  userId: string,
  meta: { userAgent?: string | null; ipAddress?: string | null } = {},
) {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300),
      ipAddress: meta.ipAddress,
    },
  });
  return { token, expiresAt };
}

/** The signed-in person for a session token, renewing the session when half its life is gone. */
export async function validateSessionToken(
  token: string,
): Promise<{ user: SessionUser; expiresAt: Date; renewed: boolean } | null> {
  const session = await db.session.findUnique({
    where: { id: hashToken(token) },
    include: { user: { include: { roles: { include: { country: { select: { code: true } } } } } } },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.user.status !== "active") {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  let expiresAt = session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now < RENEW_WHEN_LESS_THAN_MS) {
    expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await db.session.update({ where: { id: session.id }, data: { expiresAt } });
    renewed = true;
  }
  const { user } = session;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      countryId: user.countryId,
      roles: user.roles.map((r) => ({
        role: r.role as Role,
        countryId: r.countryId,
        countryCode: r.country?.code ?? null,
        label: r.label,
      })),
    },
    expiresAt,
    renewed,
  };
}

/** The person behind a Cookie header (a socket's handshake) as they are now: roles may have changed since it connected. */
export async function userOfCookieHeader(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  return token ? ((await validateSessionToken(token))?.user ?? null) : null;
}

/** Ends one session (sign-out): in the database, and its live connections. */
export async function invalidateSession(token: string) {
  const sessionId = hashToken(token);
  await db.session.deleteMany({ where: { id: sessionId } });
  await emit({ type: "sessions.ended", sessionIds: [sessionId] });
}

/** Ends every session of a person: in the database, and their live connections. */
export async function invalidateAllSessions(userId: string) {
  const sessions = await db.session.findMany({ where: { userId }, select: { id: true } });
  await db.session.deleteMany({ where: { id: { in: sessions.map((s) => s.id) } } });
  await emit({ type: "sessions.ended", sessionIds: sessions.map((s) => s.id) });
}

/** Sessions past their expiry, whose cookies may never come back (auth/housekeeping.server.ts). */
export async function deleteExpiredSessions() {
  return (await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } })).count;
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const secure = usesHttps() ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
}

export function blankSessionCookie(): string {
  const secure = usesHttps() ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

type RequestSession = { user: SessionUser; token: string; setCookie: string | null } | null;
// A loader and an action in one request ask for the user more than once; look it up once.
const perRequest = new WeakMap<Request, Promise<RequestSession>>();

export function getRequestSession(request: Request): Promise<RequestSession> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
      if (!token) return null;
      const result = await validateSessionToken(token);
      if (!result) return null;
      return { user: result.user, token, setCookie: result.renewed ? sessionCookie(token, result.expiresAt) : null };
    })();
    perRequest.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getRequestSession(request))?.user ?? null;
}

/** The signed-in person, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in person if the permission function allows the action; a 403 otherwise. */
export async function requirePermission(
  request: Request,
  action: Action,
  resource: Resource = {},
): Promise<SessionUser> {
  const user = await requireUser(request);
  assertCan(user, action, resource);
  return user;
}

export function assertCan(user: SessionUser, action: Action, resource: Resource = {}): void {
  if (!can(user, action, resource)) {
    throw new Response("You do not have permission to do this.", { status: 403, statusText: "Forbidden" });
  }
}
