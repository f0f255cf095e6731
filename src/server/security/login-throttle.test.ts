// The login rate limit, through the real sign-in check (authorizeWithPassword) on a real database: per
// account, per address, the same answer for unknown accounts, parallel attempts, the window's end, and
// the audit trail of every refusal.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { parseEnv } from "../env";
import { clientAddress, throttledMessage, throttlePolicy } from "./login-throttle";

// next-auth's ESM build imports "next/server" without an extension, which Node cannot resolve outside Next:
// keep its real error classes (what the sign-in code throws) and stub the rest, which these tests do not use.
vi.mock("next-auth", async () => {
  const errors = await import("@auth/core/errors");
  return { default: () => ({ handlers: {}, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }), AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin };
});
vi.mock("next-auth/jwt", () => ({ getToken: vi.fn() }));
vi.mock("next-auth/providers/credentials", () => ({ default: (options: unknown) => options }));

const { authorizeWithPassword, TooManyAttempts } = await import("../auth");

const PASSWORD = "SuiviFast-demo-2024";
const PILOTE = "pilote@dinum.example.fr";
const FIFTEEN_MINUTES = "Trop de tentatives de connexion. Réessayez dans 15 minutes.";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.prisma.loginThrottle.deleteMany();
});
afterEach(() => {
  vi.useRealTimers();
});

function request(address: string): Request {
  return new Request("http://127.0.0.1/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": address } });
}

type Outcome = "ok" | "refused" | string;

/** What one sign-in attempt gives: "ok", "refused" (wrong credentials) or the throttle's French message. */
async function attempt(email: string, password: string, address = "203.0.113.10"): Promise<Outcome> {
  try {
    await authorizeWithPassword({ email, password }, request(address));
    return "ok";
  } catch (error) {
    if (error instanceof TooManyAttempts) return throttledMessage(error.retryAfterMs);
    if ((error as { type?: string }).type === "CredentialsSignin") return "refused";
    throw error;
  }
}

async function attempts(n: number, email: string, password: string, address?: string): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let i = 0; i < n; i++) out.push(await attempt(email, password, address));
  return out;
}

describe("per account", () => {
  it("refuses the sixth attempt within 15 minutes, even with the right password, and says when to retry", async () => {
    expect(await attempts(5, PILOTE, "mauvais-mot-de-passe")).toEqual(Array(5).fill("refused"));
    expect(await attempt(PILOTE, PASSWORD)).toBe(FIFTEEN_MINUTES);
    // From another address too: the account is what is protected.
    expect(await attempt(PILOTE, PASSWORD, "198.51.100.7")).toBe(FIFTEEN_MINUTES);
    // Other accounts are not affected.
    expect(await attempt("intrapreneur@drieat.example.fr", PASSWORD)).toBe("ok");
  });

  it("answers an unknown e-mail exactly like an existing account (no hint that an account exists)", async () => {
    const unknown = await attempts(6, "personne@nulle-part.example.fr", "mauvais-mot-de-passe", "203.0.113.20");
    const known = await attempts(6, "gestionnaire@dnum-mte.example.fr", "mauvais-mot-de-passe", "203.0.113.21");
    expect(unknown).toEqual([...Array(5).fill("refused"), FIFTEEN_MINUTES]);
    expect(known).toEqual(unknown);
    const errors = await Promise.all(
      ["personne@nulle-part.example.fr", "gestionnaire@dnum-mte.example.fr"].map((email) =>
        authorizeWithPassword({ email, password: "x" }, request("203.0.113.22")).then(
          () => null,
          (e: unknown) => e as InstanceType<typeof TooManyAttempts>,
        ),
      ),
    );
    expect(errors[0]).toBeInstanceOf(TooManyAttempts);
    expect(errors[1]).toBeInstanceOf(TooManyAttempts);
    expect(errors[0]!.code).toBe(errors[1]!.code);
  });

  it("lets the account try again once the window is over", async () => {
    await attempts(5, PILOTE, "mauvais-mot-de-passe");
    expect(await attempt(PILOTE, PASSWORD)).toBe(FIFTEEN_MINUTES);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    expect(await attempt(PILOTE, PASSWORD)).toBe("Trop de tentatives de connexion. Réessayez dans 5 minutes.");
    vi.setSystemTime(Date.now() + 5 * 60_000 + 1_000);
    expect(await attempt(PILOTE, PASSWORD)).toBe("ok");
  });

  it("starts afresh after a successful sign-in", async () => {
    await attempts(4, PILOTE, "mauvais-mot-de-passe");
    expect(await attempt(PILOTE, PASSWORD)).toBe("ok");
    expect(await database.prisma.loginThrottle.findUnique({ where: { key: `compte:${PILOTE}` } })).toBeNull();
    expect(await attempts(5, PILOTE, "mauvais-mot-de-passe")).toEqual(Array(5).fill("refused"));
    expect(await attempt(PILOTE, PASSWORD)).toBe(FIFTEEN_MINUTES);
  });

  it("counts the e-mail once normalised (capitals do not open new allowances)", async () => {
    await attempts(5, "Pilote@DINUM.example.fr", "mauvais-mot-de-passe");
    expect(await attempt("PILOTE@dinum.example.fr", PASSWORD)).toBe(FIFTEEN_MINUTES);
  });

  it("never checks more passwords than allowed, even when attempts arrive together", async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => attempt(PILOTE, "mauvais-mot-de-passe", "203.0.113.30")));
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(5);
    expect(outcomes.filter((o) => o === FIFTEEN_MINUTES)).toHaveLength(7);
    const row = await database.prisma.loginThrottle.findUniqueOrThrow({ where: { key: `compte:${PILOTE}` } });
    expect(row.failures).toBe(5);
  });
});

describe("per address", () => {
  it("refuses an address after 20 wrong passwords over several accounts, and only that address", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await attempts(4, `inconnu-${i}@exemple.fr`, "mauvais-mot-de-passe", "192.0.2.50")).toEqual(Array(4).fill("refused"));
    }
    expect(await attempt(PILOTE, PASSWORD, "192.0.2.50")).toBe(FIFTEEN_MINUTES);
    expect(await attempt(PILOTE, PASSWORD, "192.0.2.51")).toBe("ok");
  });

  it("gives the slot back on success: people signing in from one office are not throttled", async () => {
    for (let i = 0; i < 30; i++) expect(await attempt(PILOTE, PASSWORD, "192.0.2.60")).toBe("ok");
    const row = await database.prisma.loginThrottle.findUnique({ where: { key: "adresse:192.0.2.60" } });
    expect(row?.failures ?? 0).toBe(0);
  });
});

describe("audit and storage", () => {
  it("audits every failed attempt, the throttled ones with their reason, and keeps counters in the database", async () => {
    const before = await database.prisma.auditEntry.count({ where: { kind: "auth.login.failed" } });
    await attempts(6, PILOTE, "mauvais-mot-de-passe", "203.0.113.40");
    const entries = await database.prisma.auditEntry.findMany({ where: { kind: "auth.login.failed" }, orderBy: { id: "asc" }, skip: before });
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.userId !== null)).toBe(true);
    expect(entries.at(-1)!.after).toEqual({ email: PILOTE, reason: "throttled" });
    const rows = await database.prisma.loginThrottle.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.failures])).toEqual([
      ["adresse:203.0.113.40", 5],
      [`compte:${PILOTE}`, 5],
    ]);
  });
});

describe("clientAddress", () => {
  it.each([
    [null, 0, "inconnue"],
    ["", 0, "inconnue"],
    ["203.0.113.9", 0, "203.0.113.9"],
    ["::ffff:127.0.0.1", 0, "127.0.0.1"],
    // Without a trusted proxy, the rightmost entry (the one Next.js or the nearest proxy wrote).
    ["198.51.100.1, 203.0.113.9", 0, "203.0.113.9"],
    ["198.51.100.1, 203.0.113.9", 1, "203.0.113.9"],
    // Two proxies: the client is the address the outer one received the request from.
    ["198.51.100.1, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["203.0.113.9", 3, "203.0.113.9"],
    ["203.0.113.9:51234", 0, "203.0.113.9"],
    ["[2001:db8:1:2:3:4:5:6]:443", 0, "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::99", 0, "2001:db8:1:2::/64"],
    ["::1", 0, "0:0:0:0::/64"],
    ["n'importe quoi", 0, "inconnue"],
  ])("%s with %i proxies → %s", (header, proxies, expected) => {
    expect(clientAddress(header, proxies)).toBe(expected);
  });
});

describe("settings and message", () => {
  it("reads the limits from the environment, with defaults", () => {
    expect(throttlePolicy(parseEnv({}))).toEqual({ maxPerAccount: 5, maxPerAddress: 20, windowMs: 15 * 60_000 });
    expect(
      throttlePolicy(parseEnv({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "3", LOGIN_MAX_FAILURES_PER_ADDRESS: "50", LOGIN_THROTTLE_WINDOW_MINUTES: "30" })),
    ).toEqual({ maxPerAccount: 3, maxPerAddress: 50, windowMs: 30 * 60_000 });
    expect(() => parseEnv({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "0" })).toThrow(/LOGIN_MAX_FAILURES_PER_ACCOUNT/);
    expect(() => parseEnv({ TRUSTED_PROXIES: "un" })).toThrow(/TRUSTED_PROXIES/);
  });

  it("rounds the wait up to whole minutes, singular for one", () => {
    expect(throttledMessage(14 * 60_000 + 1)).toBe(FIFTEEN_MINUTES);
    expect(throttledMessage(30_000)).toBe("Trop de tentatives de connexion. Réessayez dans 1 minute.");
  });
});
