// Route handlers' failures: JSON with a French message and a real status, never Next's empty 500.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { notFound } from "next/navigation";
import { openDatabase } from "../db/client";
import { isConnectionError as isDatabaseUnavailable } from "../errors";
import { API_UNAVAILABLE, withApiErrors } from "./api-errors";

const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
afterAll(() => quiet.mockRestore());

/** A real Prisma error of a database that is not there (nothing listens on that port). */
let unreachable: unknown;
beforeAll(async () => {
  const open = openDatabase({ kind: "postgres", url: "postgresql://postgres@127.0.0.1:1/absente" });
  unreachable = await open.prisma.user.findFirst().catch((e: unknown) => e);
  await open.close();
});

describe("withApiErrors", () => {
  it("answers 503 with a French message when the database cannot be reached", async () => {
    expect(isDatabaseUnavailable(unreachable)).toBe(true);
    const response = await withApiErrors(async () => Promise.reject(unreachable))();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ code: "DATABASE_UNREACHABLE", erreur: API_UNAVAILABLE });
  });

  it.each([
    ["refusing connections", { originalCode: "55000", kind: "postgres", code: "55000", severity: "FATAL", message: "database \"x\" is not currently accepting connections" }],
    ["shutting down", { originalCode: "57P03", kind: "postgres", code: "57P03", severity: "FATAL", message: "the database system is shutting down" }],
    ["terminated by the administrator", { originalCode: "57P01", kind: "postgres", code: "57P01", severity: "FATAL", message: "terminating connection due to administrator command" }],
  ])("counts PostgreSQL %s (as Prisma wraps it) as the database being away", async (_what, cause) => {
    // The shape Prisma 7 gives a driver error (PrismaClientKnownRequestError P2010), as seen in the fault tests.
    const wrapped = Object.assign(new Error("Database error"), { code: "P2010", meta: { driverAdapterError: Object.assign(new Error(cause.message), { cause }) } });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect((await withApiErrors(async () => Promise.reject(wrapped))()).status).toBe(503);
  });

  it("does not count a wrong query as the database being away", () => {
    const cause = { originalCode: "42P01", kind: "postgres", code: "42P01", severity: "ERROR", message: "relation \"x\" does not exist" };
    expect(isDatabaseUnavailable(Object.assign(new Error("Database error"), { code: "P2010", meta: { driverAdapterError: Object.assign(new Error(cause.message), { cause }) } }))).toBe(false);
  });

  it("answers 500 with the catalogue's French message for anything else, without its details", async () => {
    const response = await withApiErrors(async () => Promise.reject(new Error("relation \"x\" does not exist at line 3")))();
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ code: "UNEXPECTED", erreur: "Une erreur inattendue est survenue. Réessayez dans un instant." });
    expect(body).not.toMatch(/relation|line/);
  });

  it("lets the handler's answers and Next's control flow through", async () => {
    const ok = await withApiErrors(async (n: number) => Response.json({ n }))(3);
    expect(await ok.json()).toEqual({ n: 3 });
    await expect(withApiErrors(async () => notFound())()).rejects.toThrow();
  });
});
