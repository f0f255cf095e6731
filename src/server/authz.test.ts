// Authorisation against the real database: what each demo role sees and may do.
import { describe, expect, it, vi } from "vitest";
import { actionHarness, SEEDED } from "../../tests/support/action-harness";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));
const { checkConvention, checkSessionConvention } = await import("./authz");
const { listConventions } = await import("./repositories/conventions");

const h = actionHarness();
const fast14 = h.seeded(SEEDED.FAST14);
const fictive = h.seeded(SEEDED.FAST16_DEMO);

describe("listConventions", () => {
  it("shows DINUM and the administrator every convention", async () => {
    expect((await listConventions(h.actor("pilote@dinum.example.fr"))).map((c) => c.reference).sort()).toEqual(["FAST14-FCU", "FAST16-DEMO"]);
    expect((await listConventions(h.actor("admin@suivi-fast.example.fr"))).length).toBe(2);
  });
  it("shows a partner or a délégataire only the conventions of its organisation", async () => {
    expect((await listConventions(h.actor("intrapreneur@drieat.example.fr"))).map((c) => c.reference)).toEqual(["FAST14-FCU"]);
    expect((await listConventions(h.actor("gestionnaire@dnum-mte.example.fr"))).map((c) => c.reference)).toEqual(["FAST14-FCU"]);
    expect((await listConventions(h.actor("intrapreneur@ddt-demo.example.fr"))).map((c) => c.reference)).toEqual(["FAST16-DEMO"]);
  });
  it("derives FAST 14's state from its dates", async () => {
    const [c] = await listConventions(h.actor("intrapreneur@drieat.example.fr"), "2024-06-01");
    expect(c).toMatchObject({ state: "EN_VIGUEUR", aeCents: 12_100_000n, cpCents: 12_100_000n, partner: "DRIEAT", delegataire: "DNUM" });
    const [later] = await listConventions(h.actor("intrapreneur@drieat.example.fr"), "2026-11-28");
    expect(later!.state).toBe("EXPIREE");
  });
});

describe("checkConvention", () => {
  it("answers 401 to nobody, 404 to a tampered id, 403 to another organisation", async () => {
    expect(await checkConvention(null, "convention.read", fast14.id)).toEqual({ ok: false, status: 401 });
    expect(await checkConvention(h.actor("pilote@dinum.example.fr"), "convention.read", "1' OR '1'='1")).toEqual({ ok: false, status: 404 });
    expect(await checkConvention(h.actor("pilote@dinum.example.fr"), "convention.read", "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, status: 404 });
    expect(await checkConvention(h.actor("intrapreneur@ddt-demo.example.fr"), "convention.read", fast14.id)).toEqual({ ok: false, status: 403 });
    expect(await checkConvention(h.actor("intrapreneur@drieat.example.fr"), "convention.read", fictive.id)).toEqual({ ok: false, status: 403 });
  });
  it("lets each party read, and only DINUM release", async () => {
    for (const email of ["pilote@dinum.example.fr", "intrapreneur@drieat.example.fr", "gestionnaire@dnum-mte.example.fr", "admin@suivi-fast.example.fr"]) {
      expect((await checkConvention(h.actor(email), "convention.read", fast14.id)).ok, email).toBe(true);
    }
    expect((await checkConvention(h.actor("pilote@dinum.example.fr"), "tranche.release", fast14.id)).ok).toBe(true);
    expect(await checkConvention(h.actor("gestionnaire@dnum-mte.example.fr"), "tranche.release", fast14.id)).toEqual({ ok: false, status: 403 });
  });
});

describe("checkSessionConvention (a page and its layout: the session's user and the parties in one query)", () => {
  it("answers as checkConvention does for the signed-in user", async () => {
    const emails = ["pilote@dinum.example.fr", "intrapreneur@drieat.example.fr", "gestionnaire@dnum-mte.example.fr", "intrapreneur@ddt-demo.example.fr", "admin@suivi-fast.example.fr"];
    const ids = [fast14.id, fictive.id, "1' OR '1'='1", "00000000-0000-4000-8000-000000000000"];
    for (const email of emails) {
      h.signInAs(email);
      for (const id of ids) {
        for (const action of ["convention.read", "tranche.release", "expenditure.record"] as const) {
          expect(await checkSessionConvention(action, id), `${email} ${action} ${id}`).toEqual(await checkConvention(h.actor(email), action, id));
        }
      }
    }
  });
  it("answers 401 when signed out or when the session's account is gone", async () => {
    h.signInAs(null);
    expect(await checkSessionConvention("convention.read", fast14.id)).toEqual({ ok: false, status: 401 });
    expect(await checkSessionConvention("convention.read", "1' OR '1'='1")).toEqual({ ok: false, status: 401 });
    h.signInAs({ id: "00000000-0000-4000-8000-000000000001" });
    expect(await checkSessionConvention("convention.read", fast14.id)).toEqual({ ok: false, status: 401 });
    h.signInAs({ id: "not-a-uuid" });
    expect(await checkSessionConvention("convention.read", fast14.id)).toEqual({ ok: false, status: 401 });
    const pilot = h.actor("pilote@dinum.example.fr");
    await h.prisma.user.update({ where: { id: pilot.userId }, data: { active: false } });
    try {
      h.signInAs({ id: pilot.userId });
      expect(await checkSessionConvention("convention.read", fast14.id)).toEqual({ ok: false, status: 401 });
    } finally {
      await h.prisma.user.update({ where: { id: pilot.userId }, data: { active: true } });
      h.signInAs(null);
    }
  });
});

describe("visibleConventionsSql (the portfolio's raw read)", () => {
  it("selects, for every account, the conventions visibleConventionsWhere selects", async () => {
    const { visibleConventionsSql, visibleConventionsWhere } = await import("./authz");
    const { Prisma } = await import("@/generated/prisma/client");
    const accounts = await h.prisma.user.findMany({ select: { email: true } });
    expect(accounts.length).toBeGreaterThan(5);
    for (const { email } of accounts) {
      const actor = h.actor(email);
      const byWhere = (await h.prisma.convention.findMany({ where: visibleConventionsWhere(actor), select: { reference: true } })).map((c) => c.reference).sort();
      const bySql = (await h.prisma.$queryRaw<{ reference: string }[]>(Prisma.sql`SELECT c.reference FROM convention c WHERE ${visibleConventionsSql(actor)}`)).map((c) => c.reference).sort();
      expect(bySql, email).toEqual(byWhere);
    }
  });
});
