import { MAX_UPLOAD_BYTES } from "~/domain/uploads";

/**
 * What every request must be before any page reads it (decision 013). server.ts
 * applies these rules to the raw request; readFormData (forms.server.ts) applies
 * the content-type rule again for code that reaches an action another way.
 */

/** Pages are read with GET (and HEAD) and change things with POST forms; nothing here takes another method. */
const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

/** A form with files: one upload and the fields around it. */
const MAX_MULTIPART_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;
/**
 * A form without files. The longest text a person types (an outcome, a pasted
 * list) is far below this, and parsing a form of a few megabytes already takes
 * seconds of processor time.
 */
const MAX_URLENCODED_BYTES = 1024 * 1024;

/** "multipart/form-data; boundary=x" → "multipart/form-data". */
function mediaType(contentType: string | null | undefined): string {
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
function isCrossSite({ origin, secFetchSite, host, forwardedHost }: RequestHead): boolean {
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

/** Why a request is refused; each has a sentence under common:request in the catalogs (i18n/refusal-message.server.ts). */
export type Refusal = {
  status: 403 | 405 | 413 | 415;
  problem: "tooLarge" | "methodNotAllowed" | "notAForm" | "crossSite";
};

/** Why a request is refused from its method and headers alone, or null. */
export function refusalFor(head: RequestHead): Refusal | null {
  const method = head.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) return { status: 405, problem: "methodNotAllowed" };
  if (method !== "POST") return null;
  if (isCrossSite(head)) return { status: 403, problem: "crossSite" };
  if (!isFormContentType(head.contentType)) return { status: 415, problem: "notAForm" };
  return null;
}
