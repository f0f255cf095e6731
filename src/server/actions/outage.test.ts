// A server action while the database is away: the form gets the catalogue's French message (not Next's
// error page), whether the outage strikes at the session lookup or in the transaction; nothing is written.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionHarness, formData as form } from "../../../tests/support/action-harness";
import { createRunningConvention, type FactoryConvention } from "../../../tests/factories/conventions";
import { openDatabase, type OpenDatabase } from "../db/client";
import { ERRORS, isConnectionError } from "../errors";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { sendNoticeAction } = await import("./notices");

const holder = globalThis as unknown as { __suiviFastDb?: OpenDatabase };
const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
const h = actionHarness({ writes: ["partyNotice"] });
/** A running convention of the fictive SG (délégataire) and DDT (partner): 40 000 € of 80 000 € made available. */
let demo: FactoryConvention & { year: number };
beforeAll(async () => {
  const convention = await createRunningConvention(h.prisma, { reference: "TEST-AVIS" });
  demo = { ...convention, year: convention.years[0]! };
});
let away: OpenDatabase;

beforeAll(async () => {
  h.signInAs("gestionnaire@sg-demo.example.fr");
  // Nothing listens on port 1: every query fails as it does while PostgreSQL is down.
  away = openDatabase({ kind: "postgres", url: "postgresql://postgres@127.0.0.1:1/absente" });
});
afterAll(async () => {
  quiet.mockRestore();
  await away.close();
});

const notice = () =>
  form({ conventionId: demo.id, kind: "CREDITS_INSUFFISANTS", year: String(demo.year), creditType: "AE", neededAmount: "50 000", message: "Recrutement d'un second développeur." });

describe("a server action while the database is away", () => {
  it("answers the form with the French message, from the very first query (the session's account)", async () => {
    const before = await h.footprint();
    holder.__suiviFastDb = away;
    try {
      expect(await sendNoticeAction(null, notice())).toEqual({ ok: false, code: "DATABASE_UNREACHABLE", message: ERRORS.DATABASE_UNREACHABLE });
    } finally {
      holder.__suiviFastDb = h.database;
    }
    expect(await h.footprint()).toEqual(before);
    // And works again once the database is back, without a restart.
    expect(await sendNoticeAction(null, notice())).toMatchObject({ ok: true });
  });

  it("recognises the errors Prisma and the driver give for a missing database, not a wrong query", async () => {
    const real = await away.prisma.user.findFirst().catch((e: unknown) => e);
    expect(real).toMatchObject({ code: "P1001" });
    expect(isConnectionError(real)).toBe(true);
    const socket = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 });
    expect(isConnectionError(new Error("wrapped", { cause: socket }))).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    const driver = (cause: object) => Object.assign(new Error("Database error"), { code: "P2010", meta: { driverAdapterError: Object.assign(new Error("x"), { cause }) } });
    expect(isConnectionError(driver({ kind: "ConnectionClosed" }))).toBe(true);
    expect(isConnectionError(driver({ kind: "postgres", code: "57P01", severity: "FATAL", message: "terminating connection due to administrator command" }))).toBe(true);
    expect(isConnectionError(driver({ kind: "postgres", code: "42P01", severity: "ERROR", message: "relation \"x\" does not exist" }))).toBe(false);
    expect(isConnectionError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});
