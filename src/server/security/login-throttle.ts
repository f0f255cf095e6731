import "server-only";
// Login rate limit: at most N password checks per account (the e-mail typed, whether or not an account
// has it) and M per client address in a window (defaults: 5 and 20 per 15 minutes), then a French
// refusal that says when to try again and reads the same for an existing and an unknown account.
//
// Why a table of our own rather than a library: the counters must live in the database so that every app
// instance shares them (no in-process state, see shared/design.md), and the app runs on PostgreSQL *and* on
// the embedded PGlite. rate-limiter-flexible's Postgres store drives its own `pg` pool and DDL, which PGlite
// cannot serve; its memory store would count per instance. One small table (login_throttle) and two short
// transactions through the app's Prisma client work on both engines.
//
// How: a slot is *reserved* before the password is verified (row locks make parallel attempts queue, so a
// burst of concurrent requests cannot check more than N passwords), and given back when the password was
// right. So the counters count wrong passwords, and a refused (throttled) attempt checks no password and
// consumes nothing. A success clears the account's counter and returns the address's slot. The window is
// fixed from the first counted failure.
import { isIP } from "node:net";
import { Prisma } from "@/generated/prisma/client";
import { failure, messageOf } from "@/domain/failures";
import type { Db } from "../db/client";

export interface ThrottlePolicy {
  maxPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

export function throttlePolicy(env: {
  LOGIN_MAX_FAILURES_PER_ACCOUNT: number;
  LOGIN_MAX_FAILURES_PER_ADDRESS: number;
  LOGIN_THROTTLE_WINDOW_MINUTES: number;
}): ThrottlePolicy {
  return {
    maxPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowMs: env.LOGIN_THROTTLE_WINDOW_MINUTES * 60_000,
  };
}

export interface LoginAttempt {
  /** The e-mail as typed, normalised (trimmed, lower case). */
  email: string;
  /** The client address (see clientAddress), null when unknown: then only the account is counted. */
  address: string | null;
}

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

const ACCOUNT = "compte:";
const ADDRESS = "adresse:";

function keysOf(attempt: LoginAttempt): string[] {
  const keys = [ACCOUNT + attempt.email];
  if (attempt.address) keys.push(ADDRESS + attempt.address);
  // One order for every transaction: two attempts never wait on each other's rows crosswise.
  return keys.sort();
}

/**
 * Takes one password check for this account and this address, or refuses when either has used its
 * allowance in the current window (then nothing is counted).
 */
export async function reserveLoginAttempt(prisma: Db, attempt: LoginAttempt, policy: ThrottlePolicy, now = new Date()): Promise<Reservation> {
  const keys = keysOf(attempt);
  const windowFloor = new Date(now.getTime() - policy.windowMs);
  return prisma.$transaction(async (tx) => {
    for (const key of keys) {
      await tx.$executeRaw`INSERT INTO "login_throttle" ("key", "failures", "window_start") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
    }
    const rows = await tx.$queryRaw<{ key: string; failures: number; window_start: Date }[]>`
      SELECT "key", "failures", "window_start" FROM "login_throttle" WHERE "key" IN (${Prisma.join(keys)}) ORDER BY "key" FOR UPDATE`;
    let retryAfterMs = 0;
    for (const row of rows) {
      const live = row.window_start > windowFloor;
      const limit = row.key.startsWith(ACCOUNT) ? policy.maxPerAccount : policy.maxPerAddress;
      if (live && row.failures >= limit) {
        retryAfterMs = Math.max(retryAfterMs, row.window_start.getTime() + policy.windowMs - now.getTime());
      }
    }
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    for (const row of rows) {
      const live = row.window_start > windowFloor;
      await tx.loginThrottle.update({
        where: { key: row.key },
        data: live ? { failures: { increment: 1 } } : { failures: 1, windowStart: now },
      });
    }
    return { ok: true };
  });
}

/** The password was right: the account starts afresh, the address gets its slot back. */
export async function loginSucceeded(prisma: Db, attempt: LoginAttempt): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { key: ACCOUNT + attempt.email } });
    if (attempt.address) {
      await tx.$executeRaw`UPDATE "login_throttle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${ADDRESS + attempt.address}`;
    }
  });
}

/** Forgets counters whose window is over or that count nothing (they would read as zero anyway). */
export async function purgeLoginThrottle(prisma: Db, policy: ThrottlePolicy, now = new Date()): Promise<number> {
  const windowFloor = new Date(now.getTime() - policy.windowMs);
  const { count } = await prisma.loginThrottle.deleteMany({ where: { OR: [{ windowStart: { lte: windowFloor } }, { failures: 0 }] } });
  return count;
}

/** "Trop de tentatives de connexion. Réessayez dans N minutes." (rounded up, at least one minute). */
export function throttledMessage(retryAfterMs: number): string {
  return messageOf(failure("LOGIN_THROTTLED", { minutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) }));
}

/** Expands an IPv6 address to its eight groups (lower case, no leading zeros). */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16).toString(16));
}

/**
 * The client's address as the rate limit counts it, from X-Forwarded-For.
 *
 * Next.js sets X-Forwarded-For to the connection's peer only when the request has none, and each reverse
 * proxy in front appends the address it received the request from. So with `trustedProxies` proxies the
 * client is the entry that many places from the right; with none, the rightmost (Next's own, unless the
 * client sent the header itself: an app exposed without a proxy can have its per-address count dodged,
 * the per-account count still holds). IPv4-mapped IPv6 reads as IPv4; IPv6 counts per /64, the block a
 * single subscriber usually holds. Anything unreadable shares one "inconnue" counter.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return "inconnue";
  let entry = chain[Math.max(0, chain.length - Math.max(1, trustedProxies))]!;
  // "[2001:db8::1]:443" or "192.0.2.1:443" (some proxies add the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) entry = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(entry)) entry = entry.replace(/:\d+$/, "");
  entry = entry.replace(/%.*$/, ""); // IPv6 zone
  const kind = isIP(entry);
  if (kind === 4) return entry;
  if (kind !== 6) return "inconnue";
  const groups = ipv6Groups(entry);
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
    const a = parseInt(groups[6]!, 16);
    const b = parseInt(groups[7]!, 16);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return `${groups.slice(0, 4).join(":")}::/64`;
}
