import { createCookie } from "@remix-run/node";

/**
 * Remembers the language of people who are not signed in; signed-in people keep
 * theirs on their account, and signing in sets this cookie to it, so that answers
 * given before a page can look the person up (server.ts) speak their language too.
 */
export const localeCookie = createCookie("fp_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});
