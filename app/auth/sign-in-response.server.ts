import { redirect } from "@remix-run/node";
import { redirectWithToast, type Toast } from "~/utils/toast.server";
import { createSession, sessionCookie } from "./session.server";

/** Starts a session for the person and sends them on, optionally with a one-time message. */
export async function signInAndRedirect(
  userId: string,
  request: Request,
  clientIp: string | null,
  to: string,
  toast?: Toast,
) {
  const session = await createSession(userId, { userAgent: request.headers.get("user-agent"), ipAddress: clientIp });
  const headers = { "Set-Cookie": sessionCookie(session.token, session.expiresAt) };
  return toast ? redirectWithToast(to, toast, headers) : redirect(to, { headers });
}
