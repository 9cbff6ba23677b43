import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env, usesHttps } from "./env.server";

/** A one-time message ("Saved.", "Invitation sent.") carried across a redirect in a signed cookie. */
export type Toast = { kind: "success" | "error" | "info"; message: string };

let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, { toast: Toast }>> | undefined;
function toastStorage() {
  storage ??= createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
    cookie: {
      name: "fp_toast",
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secrets: [env().APP_SECRET],
      secure: usesHttps(),
    },
  });
  return storage;
}

export async function toastHeaders(toast: Toast): Promise<Record<string, string>> {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return { "Set-Cookie": await toastStorage().commitSession(session) };
}

export async function redirectWithToast(url: string, toast: Toast, headers: HeadersInit = {}) {
  const toastCookie = await toastHeaders(toast);
  const merged = new Headers(headers);
  merged.append("Set-Cookie", toastCookie["Set-Cookie"]);
  return redirect(url, { headers: merged });
}

/** The pending toast, if any, and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  return { toast, setCookie: toast ? await toastStorage().commitSession(session) : null };
}
