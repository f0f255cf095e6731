import "server-only";
// The portfolio of DINUM's /pilotage page: every convention the actor may see, derived at `today`, in a
// fixed number of queries whatever the portfolio's size (no query per convention): facts in one batch,
// money summed per year in SQL, late obligations derived from one query (as the register derives them),
// unanswered notices counted in SQL.
import { db } from "../db";
import { visibleConventionsWhere } from "../authz";
import { loadConventionsFacts } from "./convention-facts";
import { partyAcronyms } from "./conventions";
import { lateObligationCounts } from "./obligations";
import { loadCostSeries } from "./steering";
import { costWorsened } from "@/domain/impact-cost";
import { conventionStanding } from "@/domain/convention-view";
import type { IsoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import type { PortfolioInput } from "@/domain/portfolio";

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

export { lateObligationCounts };
