import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { blankSessionCookie, invalidateSession, readCookie, SESSION_COOKIE } from "~/auth/session.server";
import { readFormData } from "~/forms/submission.server";

/**
 * Ends the session in the database (not only the cookie) and closes its live connections. Only the
 * form of a FocalPoint page does it: server.ts refuses other methods and posts from other sites, and
 * the body must be a readable form like every action's.
 */
export async function action({ request }: ActionFunctionArgs) {
  await readFormData(request);
  const token = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  if (token) await invalidateSession(token);
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export const loader = () => redirect("/");
