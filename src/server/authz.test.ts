// Authorisation against the real database: what each demo role sees and may do.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Actor } from "@/domain/permissions";

vi.mock("./auth", () => ({ auth: vi.fn(async () => null) }));
const { checkConvention } = await import("./authz");
const { listConventions } = await import("./repositories/conventions");

let database: TestDatabase;
const actors: Record<string, Actor> = {};
let fast14 = "";
let fictive = "";

beforeAll(async () => {
  database = await createTestDatabase();
  for (const u of await database.prisma.user.findMany()) {
    actors[u.email.split("@")[0] + "@" + u.email.split("@")[1]!.split(".")[0]] = { userId: u.id, organisationId: u.organisationId, role: u.role };
  }
  fast14 = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } })).id;
  fictive = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST16-DEMO" } })).id;
});
afterAll(() => database.close());

describe("listConventions", () => {
  it("shows DINUM and the administrator every convention", async () => {
    expect((await listConventions(actors["pilote@dinum"]!)).map((c) => c.reference).sort()).toEqual(["FAST14-FCU", "FAST16-DEMO"]);
    expect((await listConventions(actors["admin@suivi-fast"]!)).length).toBe(2);
  });
  it("shows a partner or a délégataire only the conventions of its organisation", async () => {
    expect((await listConventions(actors["intrapreneur@drieat"]!)).map((c) => c.reference)).toEqual(["FAST14-FCU"]);
    expect((await listConventions(actors["gestionnaire@dnum-mte"]!)).map((c) => c.reference)).toEqual(["FAST14-FCU"]);
    expect((await listConventions(actors["intrapreneur@ddt-demo"]!)).map((c) => c.reference)).toEqual(["FAST16-DEMO"]);
  });
  it("derives FAST 14's state from its dates", async () => {
    const [c] = await listConventions(actors["intrapreneur@drieat"]!, "2024-06-01");
    expect(c).toMatchObject({ state: "EN_VIGUEUR", aeCents: 12_100_000n, cpCents: 12_100_000n, partner: "DRIEAT", delegataire: "DNUM" });
    const [later] = await listConventions(actors["intrapreneur@drieat"]!, "2026-11-28");
    expect(later!.state).toBe("EXPIREE");
  });
});

describe("checkConvention", () => {
  it("answers 401 to nobody, 404 to a tampered id, 403 to another organisation", async () => {
    expect(await checkConvention(null, "convention.read", fast14)).toEqual({ ok: false, status: 401 });
    expect(await checkConvention(actors["pilote@dinum"]!, "convention.read", "1' OR '1'='1")).toEqual({ ok: false, status: 404 });
    expect(await checkConvention(actors["pilote@dinum"]!, "convention.read", "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, status: 404 });
    expect(await checkConvention(actors["intrapreneur@ddt-demo"]!, "convention.read", fast14)).toEqual({ ok: false, status: 403 });
    expect(await checkConvention(actors["intrapreneur@drieat"]!, "convention.read", fictive)).toEqual({ ok: false, status: 403 });
  });
  it("lets each party read, and only DINUM release", async () => {
    for (const key of ["pilote@dinum", "intrapreneur@drieat", "gestionnaire@dnum-mte", "admin@suivi-fast"]) {
      expect((await checkConvention(actors[key]!, "convention.read", fast14)).ok, key).toBe(true);
    }
    expect((await checkConvention(actors["pilote@dinum"]!, "tranche.release", fast14)).ok).toBe(true);
    expect(await checkConvention(actors["gestionnaire@dnum-mte"]!, "tranche.release", fast14)).toEqual({ ok: false, status: 403 });
  });
});
