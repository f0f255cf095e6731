import "server-only";
// The portfolio of DINUM's /pilotage page: every convention the actor may see, derived at `today`, in a
// fixed number of queries whatever the portfolio's size (no query per convention): facts in one batch,
// money summed per year in SQL, late obligations derived from one query (as the register derives them),
// unanswered notices counted in SQL. The pages read the stored standings instead (loadPortfolioRows, one
// query; docs/adr/0007-persisted-standing.md); loadPortfolio is the full derivation they are tested against.
import { db } from "../db";
import { visibleConventionsSql, visibleConventionsWhere } from "../authz";
import { loadConventionsFacts } from "./convention-facts";
import { partyAcronyms } from "./conventions";
import { lateObligationCounts } from "./obligations";
import { loadCostSeries } from "./steering";
import { costWorsened } from "@/domain/impact-cost";
import { conventionStanding } from "@/domain/convention-view";
import type { IsoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import type { PortfolioInput, PortfolioRow } from "@/domain/portfolio";
import { figuresAt, parseStanding, portfolioFigures, rowOf, type ParsedStanding, type PortfolioFigures, type StandingSegment } from "@/domain/portfolio-standing";
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
 * Each standing parsed (JSON, amounts as cents), by convention, with the version of the stored row it was
 * parsed from (raised by every rewrite): a request sends the versions it knows and receives the text only of
 * the standings rewritten since this process last parsed them. Not a cache of results: the figures are still
 * each standing's at the request's day, and a standing rewritten by any instance has a new version. Bounded by
 * the number of conventions.
 */
const parsedStandings = new Map<string, { version: number; parsed: ParsedStanding }>();

/**
 * DINUM's portfolio at `today`, from the stored standings, in one query: each row's figures are its standing's
 * at the day. A convention without a standing it can read (none yet, older rules, computed after `today`) is
 * derived in full, as its standing would be.
 */
export async function loadPortfolioRows(actor: Actor, today: IsoDate = clock.today(), client: Tx | ReturnType<typeof db> = db()): Promise<PortfolioRow[]> {
  // One raw read: who may see what (visibleConventionsSql, beside its Prisma form in authz.ts), each
  // convention's standing and partner. Mapping a thousand rows through Prisma's findMany cost more than the
  // rest of the read (measured, issue 18). The segments come as text, and only those this process has not
  // parsed yet (parsedStandings). Only committed rows are kept: inside a transaction, a version it wrote may be
  // rolled back and the same number reused by another write, so a transaction's read keeps nothing.
  const memo = client === db() ? parsedStandings : new Map<string, { version: number; parsed: ParsedStanding }>();
  const known = [...memo];
  const stored = await client.$queryRaw<{ id: string; reference: string; startupName: string; partner: string | null; rulesVersion: number | null; computedOn: IsoDate | null; version: number | null; segments: string | null }[]>`
    SELECT c.id::text AS id, c.reference, c.startup_name AS "startupName", o.acronym AS partner, s.rules_version AS "rulesVersion", s.computed_on::text AS "computedOn", s.version,
      CASE WHEN s.version IS DISTINCT FROM k.known THEN s.segments::text END AS segments
    FROM convention c
    LEFT JOIN unnest(${known.map(([id]) => id)}::uuid[], ${known.map(([, { version }]) => version)}::int[]) AS k(id, known) ON k.id = c.id
    LEFT JOIN convention_standing s ON s.convention_id = c.id
    LEFT JOIN convention_party p ON p.convention_id = c.id AND p.role = 'PARTENAIRE'
    LEFT JOIN organisation o ON o.id = p.organisation_id
    WHERE ${visibleConventionsSql(actor)}
    ORDER BY c.reference`;
  const rows: (PortfolioRow | null)[] = [];
  const missing: number[] = [];
  for (const s of stored) {
    const identity = { id: s.id, reference: s.reference, startupName: s.startupName, partner: s.partner ?? "—" };
    let figures: PortfolioFigures | null = null;
    if (s.version !== null && s.rulesVersion !== null && s.computedOn) {
      let entry = memo.get(s.id);
      if (s.segments !== null) {
        entry = { version: s.version, parsed: parseStanding({ rulesVersion: s.rulesVersion, computedOn: s.computedOn, segments: JSON.parse(s.segments) as StandingSegment[] }) };
        memo.set(s.id, entry);
      }
      // The rules' version and the day are read with each request (the version names the segments only).
      if (entry) figures = figuresAt({ ...entry.parsed, rulesVersion: s.rulesVersion, computedOn: s.computedOn }, today);
    }
    if (!figures) missing.push(rows.length);
    rows.push(figures ? rowOf(identity, figures) : null);
  }
  if (missing.length > 0) {
    const facts = new Map((await loadPortfolioFacts({ id: { in: missing.map((i) => stored[i]!.id) } }, client)).map((f) => [f.id, f]));
    for (const i of missing) {
      const s = stored[i]!;
      rows[i] = rowOf({ id: s.id, reference: s.reference, startupName: s.startupName, partner: s.partner ?? "—" }, portfolioFigures(facts.get(s.id)!, today));
    }
  }
  return rows as PortfolioRow[];
}

export { lateObligationCounts };
