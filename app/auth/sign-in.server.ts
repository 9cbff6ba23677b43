import { db, isUniqueViolation } from "~/utils/db.server";
import { verifyAgainstDecoy, verifyPassword } from "./password.server";

/**
 * Failed sign-ins are counted in the database (so every app process shares the
 * count) under three keys, after the OWASP authentication cheat sheet:
 *
 * - an account from one address: the guesser. Five free tries, then a lock that
 *   doubles with each further failure. A stranger's failures lock only the
 *   stranger's address out of that account, never its owner's;
 * - an account from anywhere: a much higher ceiling, for guesses spread over
 *   many addresses. Only such an attack can lock the owner out, and a password
 *   reset by e-mail lifts it (forgetSignInFailures);
 * - an address whatever the account: one office behind one NAT shares it, so
 *   it gets more room, and only failures count (a correct password gives its
 *   try back).
 *
 * Every attempt claims its try before the password is checked, with one
 * conditional UPDATE per key (compare-and-set on the count, refused while the
 * key is locked), so guesses sent all at once get no more tries than guesses
 * sent one by one; a correct password then clears the claim.
 */
const PAIR_FREE_ATTEMPTS = 5;
const ACCOUNT_FREE_ATTEMPTS = 50;
const ADDRESS_FREE_ATTEMPTS = 30;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60 * 1000;
// Counts older than this are forgotten.
const FORGET_AFTER_MS = 60 * 60 * 1000;
// Claims that keep losing the race to other attempts at the same moment count as locked.
const MAX_CLAIM_ROUNDS = 25;

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

function throttleKeys(email: string, ipAddress: string | null) {
  return [
    { key: `pair:${email}|${ipAddress ?? "-"}`, free: PAIR_FREE_ATTEMPTS },
    { key: `account:${email}`, free: ACCOUNT_FREE_ATTEMPTS },
    ...(ipAddress ? [{ key: `ip:${ipAddress}`, free: ADDRESS_FREE_ATTEMPTS }] : []),
  ];
}

/**
 * Claims one try under `key`: 0 when claimed (the count is raised, and the key
 * locked in advance if this try is past the free ones), else how many
 * milliseconds the key is still locked for.
 */
async function claimTry(key: string, freeAttempts: number, now: number): Promise<number> {
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    if (row?.lockedUntil && row.lockedUntil.getTime() > now) return row.lockedUntil.getTime() - now;
    const stale = !row || now - row.lastFailure.getTime() > FORGET_AFTER_MS;
    const failures = stale ? 1 : row.failures + 1;
    const over = failures - freeAttempts;
    const lockedUntil = over > 0 ? new Date(now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (over - 1))) : null;
    const claim = { failures, lastFailure: new Date(now), lockedUntil };
    if (!row) {
      try {
        await db.signInThrottle.create({ data: { key, ...claim } });
        return 0;
      } catch (error) {
        if (isUniqueViolation(error)) continue; // another attempt created it first
        throw error;
      }
    }
    // Applies only if nobody claimed a try since the row was read: then this try is the next one.
    const { count } = await db.signInThrottle.updateMany({
      where: { key, failures: row.failures, lastFailure: row.lastFailure },
      data: claim,
    });
    if (count === 1) return 0;
  }
  return BASE_DELAY_MS;
}

export async function attemptSignIn(
  emailInput: string,
  password: string,
  ipAddress: string | null,
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const keys = throttleKeys(email, ipAddress);
  const now = Date.now();
  const throttled = (ms: number): SignInResult => ({
    ok: false,
    reason: "throttled",
    retryAfterSeconds: Math.ceil(ms / 1000),
  });
  // A refused try claims nothing: the owner waiting out a lock on their account adds no count of their own.
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  if (lockedUntil > now) return throttled(lockedUntil - now);
  for (const { key, free } of keys) {
    const wait = await claimTry(key, free, now);
    if (wait > 0) return throttled(wait);
  }

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, status: true } });
  const valid =
    user?.passwordHash && user.status === "active"
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstDecoy(password);
  if (!valid || !user) return { ok: false, reason: "invalid" };

  // The right password: this account's tries are forgotten, and the address gets back the try it claimed
  // (its count is of failures: an office signing in all morning behind one address is never locked).
  await db.signInThrottle.deleteMany({ where: { key: { in: keys.slice(0, 2).map((k) => k.key) } } });
  const address = keys[2];
  if (address) await giveBackTry(address.key, address.free);
  return { ok: true, userId: user.id };
}

/** Undoes one claimTry under `key` (same compare-and-set), lifting the lock it set if the count is back within `freeAttempts`. */
async function giveBackTry(key: string, freeAttempts: number) {
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    if (!row || row.failures === 0) return;
    const failures = row.failures - 1;
    const { count } = await db.signInThrottle.updateMany({
      where: { key, failures: row.failures, lastFailure: row.lastFailure },
      data: { failures, ...(failures <= freeAttempts ? { lockedUntil: null } : {}) },
    });
    if (count === 1) return;
  }
}

/** After a password reset by e-mail: the owner has proved who they are, so every lock on the account is lifted. */
export async function forgetSignInFailures(emailInput: string) {
  const email = emailInput.trim().toLowerCase();
  await db.signInThrottle.deleteMany({
    where: { OR: [{ key: `account:${email}` }, { key: { startsWith: `pair:${email}|` } }] },
  });
}
