import { createSession, validateSessionToken } from "~/auth/session.server";
import { db } from "~/utils/db.server";

/**
 * Calling loaders and actions as a signed-in person would: a real session in
 * the test database, its cookie on a real Request.
 */

/** What server.ts passes every route as its load context. */
export const routeContext = { requestId: "test", clientIp: "127.0.0.1", cspNonce: "" };

export async function userId(email: string) {
  return (await db.user.findUniqueOrThrow({ where: { email } })).id;
}

/** A fresh session for a demo account: the person as the permission function sees them, and their cookie. */
export async function signedIn(email: string) {
  const { token } = await createSession(await userId(email));
  return { user: (await validateSessionToken(token))!.user, cookie: `fp_session=${token}` };
}

/** Form fields as a browser sends them; a list becomes the same name repeated. */
export function formBody(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of ([] as string[]).concat(value)) body.append(key, v);
  return body;
}

/** A GET of `path`, or a POST of `form`, by the given person. */
export async function requestAs(
  email: string,
  path: string,
  form?: Record<string, string | string[]> | FormData | URLSearchParams,
) {
  const { cookie } = await signedIn(email);
  const body = form instanceof FormData || form instanceof URLSearchParams ? form : form ? formBody(form) : undefined;
  return new Request(`http://localhost${path}`, { method: body ? "POST" : "GET", body, headers: { cookie } });
}

/** Runs a loader or action and gives what it returned or threw (a Response for redirects and refusals). */
export async function settle<T>(run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function cookieFor(email: string) {
  return (await signedIn(email)).cookie;
}
