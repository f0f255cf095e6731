import "server-only";
// The portfolio of DINUM's /pilotage page: every convention the actor may see, derived at `today`, in a
// fixed number of queries whatever the portfolio's size (no query per convention): facts in one batch,
// money summed per year in SQL, late obligations derived from one query (as the register derives them),
// unanswered notices counted in SQL. The pages read the stored standings instead (loadPortfolioRows, one
// query; docs/adr/0007-persisted-standing.md); loadPortfolio is the full derivation they are tested against.
import { db } from "../db";
import { visibleConventionsWhere } from "../authz";
import { loadConventionsFacts } from "./convention-facts";
import { partyAcronyms } from "./conventions";
import { lateObligationCounts } from "./obligations";
import { loadCostSeries } from "./steering";
import { costWorsened } from "@/domain/impact-cost";
import { conventionStanding } from "@/domain/convention-view";
import { isoDate, type IsoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import type { PortfolioInput, PortfolioRow } from "@/domain/portfolio";
import { figuresOn, portfolioFigures, rowOf, type Standing, type StandingSegment } from "@/domain/portfolio-standing";
import type { Tx } from "../db/audit";
import { loadPortfolioFacts } from "./standing";

export async function loadPortfolio(actor: Actor, today: IsoDate = clock.today()): Promise<PortfolioInput[]> {
  const client = db();
  const facts = await loadConventionsFacts(visibleConventionsWhere(actor), client);
  const ids = facts.map((f) => f.id);
  const [acronym, late, notices, costs] = await Promise.all([
    partyAcronyms(ids, ["PARTENAIRE"]),
    lateObligationCounts(facts, today, client),
    client.partyNotice.groupBy({ by: ["conventionId"], where: { conventionId: { in: ids }, toParty: "DELEGANT", answeredAt: null }, _count: { _all: true } }),
    loadCostSeries(ids, client),
  ]);
  const noticesOf = new Map(notices.map((n) => [n.conventionId, n._count._all]));
  return facts.map((f) => ({
    id: f.id,
    reference: f.reference,
    startupName: f.startupName,
    partner: acronym(f.id, "PARTENAIRE"),
    view: conventionStanding(f, today),
    lateObligations: late.get(f.id) ?? 0,
    pendingNotices: noticesOf.get(f.id) ?? 0,
    costWorsened: costWorsened(costs.get(f.id) ?? []),
  }));
}

/**
 * DINUM's portfolio at `today`, from the stored standings, in one query: each row's figures are its standing's
 * at the day. A convention without a standing it can read (none yet, older rules, computed after `today`) is
 * derived in full, as its standing would be.
 */
export async function loadPortfolioRows(actor: Actor, today: IsoDate = clock.today(), client: Tx | ReturnType<typeof db> = db()): Promise<PortfolioRow[]> {
  const conventions = await client.convention.findMany({
    where: visibleConventionsWhere(actor),
    orderBy: { reference: "asc" },
    relationLoadStrategy: "join",
    select: {
      id: true,
      reference: true,
      startupName: true,
      parties: { where: { role: "PARTENAIRE" }, select: { organisation: { select: { acronym: true } } } },
      standing: { select: { rulesVersion: true, computedOn: true, segments: true } },
    },
  });
  const rows: (PortfolioRow | null)[] = [];
  const missing: number[] = [];
  for (const c of conventions) {
    const standing: Standing | null = c.standing
      ? { rulesVersion: c.standing.rulesVersion, computedOn: isoDate(c.standing.computedOn), segments: c.standing.segments as unknown as StandingSegment[] }
      : null;
    const figures = standing ? figuresOn(standing, today) : null;
    if (!figures) missing.push(rows.length);
    rows.push(figures ? rowOf({ id: c.id, reference: c.reference, startupName: c.startupName, partner: c.parties[0]?.organisation.acronym ?? "—" }, figures) : null);
  }
  if (missing.length > 0) {
    const ids = missing.map((i) => conventions[i]!.id);
    const facts = new Map((await loadPortfolioFacts({ id: { in: ids } }, client)).map((f) => [f.id, f]));
    for (const i of missing) {
      const c = conventions[i]!;
      rows[i] = rowOf({ id: c.id, reference: c.reference, startupName: c.startupName, partner: c.parties[0]?.organisation.acronym ?? "—" }, portfolioFigures(facts.get(c.id)!, today));
    }
  }
  return rows as PortfolioRow[];
}

export { lateObligationCounts };
