// The benchmark's SQL floors (scripts/bench/floors.ts) agree with the domain: on the seeded database, the
// portfolio floor's sums are the totals src/domain/portfolio.ts derives over the app's loader, and a figure the
// floor and the domain no longer share is reported. PostgreSQL only (the floors run on a pg client).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionHarness, ACCOUNTS } from "../../tests/support/action-harness";
import { TEST_TODAY } from "../../tests/support/test-clock";
import { conventionStanding } from "@/domain/convention-view";
import { portfolioRows, portfolioTotals } from "@/domain/portfolio";
import { loadConventionsFacts } from "@/server/repositories/convention-facts";
import { formatEuros } from "@/domain/money";
import { publishedConventionsPage } from "@/server/repositories/public";
import { loadSteering } from "@/server/repositories/steering";
import { loadObligations } from "@/server/repositories/obligations";
import { conventionFloor, PORTFOLIO_SQL, portfolioDisagreements, publishedConventionsFloor, type PortfolioFloorRow } from "./floors";

const h = actionHarness();

describe.skipIf(!process.env.DATABASE_URL)("the portfolio floor", () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: h.database.url });
    await client.connect();
  });
  afterAll(async () => client?.end());

  const floor = async (organisationId: string) => (await client.query<PortfolioFloorRow>(PORTFOLIO_SQL, [organisationId, TEST_TODAY])).rows;
  const domain = async (organisationId: string) => {
    const facts = await loadConventionsFacts({ parties: { some: { organisationId } } }, h.prisma);
    return portfolioTotals(portfolioRows(facts.map((f) => ({ id: f.id, reference: f.reference, startupName: f.startupName, partner: "", view: conventionStanding(f, TEST_TODAY), lateObligations: 0, pendingNotices: 0 })), TEST_TODAY));
  };

  it("sums what the domain derives, for DINUM and for a délégataire", async () => {
    for (const email of [ACCOUNTS.PILOTE, ACCOUNTS.DEMO_GESTIONNAIRE]) {
      const organisationId = h.actor(email).organisationId;
      const totals = await domain(organisationId);
      expect(totals.conventions).toBeGreaterThan(0);
      expect(portfolioDisagreements(await floor(organisationId), totals)).toEqual([]);
    }
  });

  it("reports a figure the domain does not share", async () => {
    const organisationId = h.actor(ACCOUNTS.PILOTE).organisationId;
    const totals = await domain(organisationId);
    const rows = await floor(organisationId);
    const changed = rows.map((r, i) => (i === 0 ? { ...r, ae_available: String(BigInt(r.ae_available) + 1n) } : r));
    expect(portfolioDisagreements(changed, totals)).toEqual([`AE mises à disposition : ${totals.ae.madeAvailable + 1n} selon le SQL, ${totals.ae.madeAvailable} selon le domaine`]);
  });

  it("reads for a convention's page the committees, the CP paid at each, the launch ambition and the obligations the app reads", async () => {
    const { id } = await h.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" }, select: { id: true } });
    const row = await conventionFloor(id).run(client);
    const steering = await loadSteering(id, h.prisma);
    const obligations = await loadObligations(id, TEST_TODAY, h.prisma);
    expect(steering.committees.length).toBeGreaterThan(0);
    expect((row.committees ?? []).map((c) => [c.id, BigInt(c.cpPaid), c.reviews?.length ?? 0])).toEqual(steering.committees.map((c) => [c.id, c.cpPaidCents, c.reviews.length]));
    expect(row.ambition?.indicator ?? null).toBe(steering.ambition?.indicatorName ?? null);
    expect((row.obligations ?? []).map((o) => [o.code, o.updates?.length ?? 0])).toEqual(obligations.map((o) => [o.code, o.updates.length]));
  });

  it("reads the published conventions' page the app reads, and the check finds its rows and its count in the page", async () => {
    const floor = publishedConventionsFloor();
    const result = await floor.run(client);
    const app = await publishedConventionsPage({ q: "", page: 1 }, undefined, h.prisma);
    expect(result.total).toBe(app.total);
    expect(result.total).toBeGreaterThan(0);
    expect(result.rows.map((r) => r.id)).toEqual(app.rows.map((r) => r.id));
    const row = app.rows[0]!;
    const html = `<p role="status">${app.total} convention publiée, de la plus récemment signée à la plus ancienne.</p><a href="/publiques/startups/${row.startupSlug}">${row.startupName}</a><td>${row.partner}</td><td>${formatEuros(row.fastFundingCents)}</td>`;
    expect(floor.check(html, result)).toBeNull();
    expect(floor.check(html.replace("1 convention publiée", "2 conventions publiées"), result)).toBe("absent de la page : total « 1 convention publiée »");
    expect(floor.check(html + html, result)).toBe("2 conventions dans la page, 1 selon le SQL");
  });
});
