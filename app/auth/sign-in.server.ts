import { db } from "~/utils/db.server";
import { verifyAgainstDecoy, verifyPassword } from "./password.server";

/**
 * Failed sign-ins are counted per account and per network address in the
 * database (so every app process shares the count). After FREE_ATTEMPTS the
 * key is locked for a delay that doubles with each further failure.
 */
const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60 * 1000;
// An address is shared by whole offices (a ministry behind one NAT), so it gets more room.
const ADDRESS_FREE_ATTEMPTS = 30;
// Counts older than this are forgotten.
const FORGET_AFTER_MS = 60 * 60 * 1000;

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export function throttleKeys(email: string, ipAddress: string | null) {
  return { account: `email:${email.toLowerCase()}`, address: ipAddress ? `ip:${ipAddress}` : null };
}

async function lockedFor(key: string, now: number): Promise<number> {
  const row = await db.signInThrottle.findUnique({ where: { key } });
  if (!row?.lockedUntil) return 0;
  return Math.max(0, row.lockedUntil.getTime() - now);
}

async function recordFailure(key: string, freeAttempts: number, now: number) {
  const row = await db.signInThrottle.findUnique({ where: { key } });
  const stale = !row || now - row.lastFailure.getTime() > FORGET_AFTER_MS;
  const failures = stale ? 1 : row.failures + 1;
  const over = failures - freeAttempts;
  const lockedUntil = over > 0 ? new Date(now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (over - 1))) : null;
  await db.signInThrottle.upsert({
    where: { key },
    create: { key, failures, lastFailure: new Date(now), lockedUntil },
    update: { failures, lastFailure: new Date(now), lockedUntil },
  });
}

export async function attemptSignIn(
  emailInput: string,
  password: string,
  ipAddress: string | null,
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const keys = throttleKeys(email, ipAddress);
  const now = Date.now();
  const wait = Math.max(await lockedFor(keys.account, now), keys.address ? await lockedFor(keys.address, now) : 0);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, status: true } });
  const valid =
    user?.passwordHash && user.status === "active"
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstDecoy(password);

  if (!valid || !user) {
    await recordFailure(keys.account, FREE_ATTEMPTS, now);
    if (keys.address) await recordFailure(keys.address, ADDRESS_FREE_ATTEMPTS, now);
    return { ok: false, reason: "invalid" };
  }
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
  return { ok: true, userId: user.id };
}
