import { redirect } from "@remix-run/node";
import { localeCookie } from "./locale-cookie.server";
import { db } from "~/utils/db.server";
import { redirectWithToast, type Toast } from "~/utils/toast.server";
import { createSession, sessionCookie } from "./session.server";

/**
 * Starts a session for the person and sends them on, optionally with a one-time message. The language
 * cookie is set to the account's language, so that refusals given before the app looks the person up
 * (server.ts) speak it too.
 */
export async function signInAndRedirect(
  userId: string,
  request: Request,
  clientIp: string | null,
  to: string,
  toast?: Toast,
) {
  const session = await createSession(userId, { userAgent: request.headers.get("user-agent"), ipAddress: clientIp });
  const { locale } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
  headers.append("Set-Cookie", await localeCookie.serialize(locale));
  return toast ? redirectWithToast(to, toast, headers) : redirect(to, { headers });
}
