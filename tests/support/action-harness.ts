// One harness for the integration tests that call server actions and route handlers as a signed-in user:
// the test file's own copy of the migrated, seeded database, signing in as a seeded account by e-mail (or as
// nobody), the form a browser posts, the footprint of the record (to prove that a refused write changed
// nothing) and lookups of the seeded conventions. Conventions in a given state come from tests/factories.
//
// vitest hoists vi.mock per file, so each file keeps the lines that put the stand-ins in place, then imports
// the modules under test dynamically (after the mocks) and opens the harness:
//
//   vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
//   vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));
//   const actions = await import("./steering");
//   const h = actionHarness({ writes: ["indicator", "indicatorMeasure"] });
//   const fast14 = h.seeded(SEEDED.FAST14); // fast14.id, fast14.year… in hooks and tests
import { afterAll, beforeAll, expect } from "vitest";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { FailureCode } from "@/domain/failures";
import type { Actor, ConventionParties } from "@/domain/permissions";
import { session } from "./mocks/auth";
import { createTestDatabase, type TestDatabase } from "./test-db";

export { formData } from "./forms";

/** The seeded accounts (prisma/seed/fast14.ts), by what they are in the demo's two conventions. */
export const ACCOUNTS = {
  /** DINUM's FAST pilot: the délégant of every seeded convention. */
  PILOTE: "pilote@dinum.example.fr",
  /** The platform's administrator (DINUM). */
  ADMIN: "admin@suivi-fast.example.fr",
  /** FAST 14's partner (DRIEAT) and délégataire (the DNUM of the MTE). */
  FAST14_PARTNER: "intrapreneur@drieat.example.fr",
  FAST14_GESTIONNAIRE: "gestionnaire@dnum-mte.example.fr",
  /** FAST16-DEMO's partner (DDT Démo) and délégataire (SG Démo), both fictitious. */
  DEMO_PARTNER: "intrapreneur@ddt-demo.example.fr",
  DEMO_GESTIONNAIRE: "gestionnaire@sg-demo.example.fr",
} as const;

/** The references of the demo's two conventions (prisma/seed): FAST 14 as signed, a fictitious one in force. */
export const SEEDED = { FAST14: "FAST14-FCU", FAST16_DEMO: "FAST16-DEMO" } as const;

/** A table as Prisma's client names it (`trancheRelease`, `auditEntry`…). */
export type Table = Uncapitalize<Prisma.ModelName>;

/** Row counts of the tables an action may write, and of the audit trail. */
export type Footprint = Partial<Record<Table, number>>;

/** What every server action answers: a success, or a refusal with its code and French message. */
export interface Outcome {
  ok: boolean;
  /** The catalogue's code of a refusal (a route's answer may carry one too). */
  code?: string;
  message?: string;
}

/**
 * What a refusal is expected to be: its code (and, if given, the field it is shown under) — what tests
 * assert — or, for zod's own messages and the permission check, a substring or pattern of its words.
 */
export type ExpectedRefusal = string | RegExp | { code: FailureCode; field?: string };

export interface SeededConvention {
  readonly id: string;
  readonly reference: string;
  readonly parties: ConventionParties;
  /** Its budget years, in order. */
  readonly years: number[];
  /** Its first budget year. */
  readonly year: number;
}

export interface ActionHarness {
  /** The file's own database (open from the harness's beforeAll to its afterAll). */
  readonly database: TestDatabase;
  readonly prisma: PrismaClient;
  /**
   * The next server action or route handler runs as this account: a seeded one by e-mail, or one the test
   * created (its row, or anything with its id); null: nobody is signed in.
   */
  signInAs(who: string | { id: string } | null): void;
  /** A seeded account, as the permission rules see it. */
  actor(email: string): Actor;
  /**
   * A convention of the demo seed, by reference (see SEEDED): its fields are read when the database opens, so
   * a file can name it at the top (`const fast14 = h.seeded(SEEDED.FAST14)`) and read `fast14.id` in tests.
   */
  seeded(reference: string): SeededConvention;
  /** Row counts of the tables named to actionHarness, and of the audit trail. */
  footprint(): Promise<Footprint>;
  /** Runs a write that must be refused with this code (or message: a substring or a pattern), and checks it wrote nothing. */
  expectRefused<R extends Outcome>(run: () => Promise<R>, expected: ExpectedRefusal): Promise<R>;
  /**
   * Runs a write as each of these accounts, null for nobody, and checks that each is refused before anything
   * is read — with `code` (FORBIDDEN unless the rule has its own), or UNAUTHENTICATED for nobody — writing
   * nothing. Leaves nobody signed in.
   */
  expectForbidden(accounts: readonly (string | null)[], run: () => Promise<Outcome>, code?: FailureCode): Promise<void>;
}

/**
 * Opens the file's database before its tests and closes it after them (hooks of the file, or of the
 * describe block it is called in). `writes`: the tables the actions under test write, for the footprint;
 * the audit trail is always counted.
 */
export function actionHarness(options: { writes?: readonly Table[] } = {}): ActionHarness {
  const tables: Table[] = [...(options.writes ?? []), "auditEntry"];
  const accounts = new Map<string, Actor>();
  const conventions = new Map<string, Omit<SeededConvention, "year">>();
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    session.current = null;
    database = await createTestDatabase();
    for (const u of await database.prisma.user.findMany()) accounts.set(u.email, { userId: u.id, organisationId: u.organisationId, role: u.role });
    for (const c of await database.prisma.convention.findMany({ include: { parties: true, credits: { orderBy: { year: "asc" } } } })) {
      const parties = Object.fromEntries(c.parties.map((p) => [p.role, p.organisationId])) as ConventionParties;
      conventions.set(c.reference, { id: c.id, reference: c.reference, parties, years: c.credits.map((credit) => credit.year) });
    }
  });
  afterAll(async () => {
    session.current = null;
    await database?.close();
  });

  const open = () => {
    if (!database) throw new Error("actionHarness: the database is open from the harness's beforeAll on; use it in hooks and tests.");
    return database;
  };
  const actor = (email: string) => {
    const found = accounts.get(email);
    if (!found) throw new Error(`actionHarness: no seeded account ${email}.`);
    return found;
  };
  const footprint = async () => {
    const prisma = open().prisma;
    const counts = await Promise.all(tables.map((table) => (prisma[table] as unknown as { count(): Promise<number> }).count()));
    return Object.fromEntries(tables.map((table, i) => [table, counts[i]!])) as Footprint;
  };
  const signInAs = (who: string | { id: string } | null) => {
    session.current = who === null ? null : { user: { id: typeof who === "string" ? actor(who).userId : who.id } };
  };
  const expectRefused = async <R extends Outcome>(run: () => Promise<R>, expected: ExpectedRefusal) => {
    const before = await footprint();
    const result = await run();
    expect(result.ok, JSON.stringify(result, (_, value) => (typeof value === "bigint" ? `${value}n` : value))).toBe(false);
    if (typeof expected === "string" || expected instanceof RegExp) expect(result.message).toMatch(expected);
    else expect(result).toMatchObject({ code: expected.code, ...(expected.field ? { fieldErrors: { [expected.field]: expect.any(String) } } : {}) });
    expect(await footprint()).toEqual(before);
    return result;
  };

  return {
    get database() {
      return open();
    },
    get prisma() {
      return open().prisma;
    },
    signInAs,
    actor,
    seeded(reference) {
      const read = () => {
        open();
        const found = conventions.get(reference);
        if (!found) throw new Error(`actionHarness: no seeded convention ${reference}.`);
        return found;
      };
      return {
        reference,
        get id() {
          return read().id;
        },
        get parties() {
          return read().parties;
        },
        get years() {
          return read().years;
        },
        get year() {
          return read().years[0]!;
        },
      };
    },
    footprint,
    expectRefused,
    async expectForbidden(accounts, run, code = "FORBIDDEN") {
      for (const who of accounts) {
        signInAs(who);
        await expectRefused(run, { code: who === null ? "UNAUTHENTICATED" : code });
      }
      signInAs(null);
    },
  };
}
