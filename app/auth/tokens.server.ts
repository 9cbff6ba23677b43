import { createHmac, timingSafeEqual } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { env } from "~/utils/env.server";

/** A random token with 160 bits of entropy, as Lucia's guide recommends. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database keeps instead of a token: its SHA-256, so a leaked table grants nothing. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A token that proves what it says without a database row: `value` and its HMAC-SHA256 under
 * APP_SECRET for one `purpose` (a token for one purpose is refused for another). For links
 * that stay valid as long as what they name (unsubscribing from a digest).
 */
export function signToken(purpose: string, value: string): string {
  return `${Buffer.from(value).toString("base64url")}.${mac(purpose, value)}`;
}

/** The value a token signed for `purpose` carries, or null when it was altered or signed for something else. */
export function verifySignedToken(purpose: string, token: string): string | null {
  const [encoded, signature, ...rest] = token.split(".");
  if (!encoded || !signature || rest.length > 0) return null;
  const value = Buffer.from(encoded, "base64url").toString();
  const expected = Buffer.from(mac(purpose, value));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

const mac = (purpose: string, value: string) =>
  createHmac("sha256", env().APP_SECRET).update(`${purpose}\n${value}`).digest("base64url");
