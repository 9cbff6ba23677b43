import { RemixI18Next } from "remix-i18next/server";
import { resources } from "~/i18n/config";
import { localeCookie } from "~/i18n/locale-cookie.server";
import { MAX_UPLOAD_BYTES } from "~/models/stored-file.server";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "~/domain/vocabulary";

/**
 * What every request must be before any page reads it (decision 013). server.ts
 * applies these rules to the raw request; readFormData (forms.server.ts) applies
 * the content-type rule again for code that reaches an action another way.
 */

/** Pages are read with GET (and HEAD) and change things with POST forms; nothing here takes another method. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

/** A form with files: one upload and the fields around it. */
export const MAX_MULTIPART_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;
/**
 * A form without files. The longest text a person types (an outcome, a pasted
 * list) is far below this, and parsing a form of a few megabytes already takes
 * seconds of processor time.
 */
export const MAX_URLENCODED_BYTES = 1024 * 1024;

/** "multipart/form-data; boundary=x" → "multipart/form-data". */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The two encodings an HTML form sends; multipart only with the boundary that separates its parts. */
export function isFormContentType(contentType: string | null | undefined): boolean {
  const type = mediaType(contentType);
  if (type === "application/x-www-form-urlencoded") return true;
  return type === "multipart/form-data" && /;\s*boundary=\S/i.test(contentType ?? "");
}

/** How many bytes a body of this type may have (only forms are let through at all). */
export function bodyLimit(contentType: string | null | undefined): number {
  return mediaType(contentType) === "multipart/form-data" ? MAX_MULTIPART_BYTES : MAX_URLENCODED_BYTES;
}

type RequestHead = {
  method: string;
  contentType?: string | null;
  origin?: string | null;
  secFetchSite?: string | null;
  host?: string | null;
  forwardedHost?: string | null;
};

/**
 * A form posted from another site (cross-site request forgery). The rule is
 * Remix's own for page actions (Origin against X-Forwarded-Host or Host), applied
 * here to every POST, resource routes such as /logout included. "Origin: null"
 * (sandboxed frames, files) is refused; a browser that sends no Origin still
 * says in Sec-Fetch-Site whether the form came from elsewhere.
 */
export function isCrossSite({ origin, secFetchSite, host, forwardedHost }: RequestHead): boolean {
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return true; // "null" or garbage
    }
    const target = forwardedHost?.split(",")[0]?.trim() || host;
    return !target || originHost !== target;
  }
  return secFetchSite === "cross-site" || secFetchSite === "same-site";
}

export type Refusal = { status: 403 | 405 | 413 | 415; problem: keyof (typeof resources)["en"]["common"]["request"] };

/** Why a request is refused from its method and headers alone, or null. */
export function refusalFor(head: RequestHead): Refusal | null {
  const method = head.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) return { status: 405, problem: "methodNotAllowed" };
  if (method !== "POST") return null;
  if (isCrossSite(head)) return { status: 403, problem: "crossSite" };
  if (!isFormContentType(head.contentType)) return { status: 415, problem: "notAForm" };
  return null;
}

// Before the app has looked up who is asking, the language comes from the same
// cookie and browser header the sign-in page uses (signing in sets the cookie).
const edgeLanguage = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
});

/** The refusal's sentence in the language of the person who sent the request. */
export async function refusalMessage(
  problem: Refusal["problem"],
  headers: { cookie?: string | null; acceptLanguage?: string | null },
): Promise<string> {
  const request = new Request("http://edge.invalid/", {
    headers: { cookie: headers.cookie ?? "", "accept-language": headers.acceptLanguage ?? "" },
  });
  const locale = (await edgeLanguage.getLocale(request)) as Locale;
  return (resources[locale] ?? resources[DEFAULT_LOCALE]).common.request[problem];
}
