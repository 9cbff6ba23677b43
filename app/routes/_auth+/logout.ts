import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { blankSessionCookie, invalidateSession, readCookie, SESSION_COOKIE } from "~/auth/session.server";

/** Ends the session in the database (not only the cookie) and closes its live connections. */
export async function action({ request }: ActionFunctionArgs) {
  const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  if (token) await invalidateSession(token);
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export const loader = () => redirect("/");
