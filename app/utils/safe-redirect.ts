import { env } from "./env.server";

/**
 * Only a path of this site, so a crafted link cannot send someone to another
 * site after sign-in. The address is read with the URL rules browsers use
 * (they drop tabs and newlines and treat "\" as "/", so "/\t/evil.example" is
 * "//evil.example"), against PUBLIC_URL: anything that does not land on this
 * origin gives `fallback`. What comes back is the path as the browser would
 * request it, so no control character ever reaches a Location header.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to) return fallback;
  const origin = new URL(env().PUBLIC_URL).origin;
  let target: URL;
  try {
    target = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (target.origin !== origin) return fallback;
  return target.pathname + target.search + target.hash;
}
