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
  // Who may see what stays Prisma's where (visibleConventionsWhere), as a flat read; the standings and the
  // partners' acronyms come in one query keyed by those ids, the segments as text parsed here: at a thousand
  // conventions this is several times faster than Prisma's nested select (measured: ~50 vs ~150-350 ms).
  const conventions = await client.convention.findMany({ where: visibleConventionsWhere(actor), orderBy: { reference: "asc" }, select: { id: true, reference: true, startupName: true } });
  if (conventions.length === 0) return [];
  const stored = await client.$queryRaw<{ id: string; partner: string | null; rulesVersion: number | null; computedOn: Date | null; segments: string | null }[]>`
    SELECT c.id::text AS id, o.acronym AS partner, s.rules_version AS "rulesVersion", s.computed_on AS "computedOn", s.segments::text AS segments
    FROM unnest(${conventions.map((c) => c.id)}::uuid[]) AS c(id)
    LEFT JOIN convention_standing s ON s.convention_id = c.id
    LEFT JOIN convention_party p ON p.convention_id = c.id AND p.role = 'PARTENAIRE'
    LEFT JOIN organisation o ON o.id = p.organisation_id`;
  const byId = new Map(stored.map((r) => [r.id, r]));
  const rows: (PortfolioRow | null)[] = [];
  const missing: number[] = [];
  for (const c of conventions) {
    const s = byId.get(c.id);
    const standing: Standing | null =
      s?.segments && s.rulesVersion !== null && s.computedOn ? { rulesVersion: s.rulesVersion, computedOn: isoDate(s.computedOn), segments: JSON.parse(s.segments) as StandingSegment[] } : null;
    const figures = standing ? figuresOn(standing, today) : null;
    if (!figures) missing.push(rows.length);
    rows.push(figures ? rowOf({ id: c.id, reference: c.reference, startupName: c.startupName, partner: s?.partner ?? "—" }, figures) : null);
  }
  if (missing.length > 0) {
    const facts = new Map((await loadPortfolioFacts({ id: { in: missing.map((i) => conventions[i]!.id) } }, client)).map((f) => [f.id, f]));
    for (const i of missing) {
      const c = conventions[i]!;
      rows[i] = rowOf({ id: c.id, reference: c.reference, startupName: c.startupName, partner: byId.get(c.id)?.partner ?? "—" }, portfolioFigures(facts.get(c.id)!, today));
    }
  }
  return rows as PortfolioRow[];
}

export { lateObligationCounts };
