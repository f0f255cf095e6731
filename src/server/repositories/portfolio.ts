import "server-only";
// The portfolio of DINUM's /pilotage page: every convention the actor may see, derived at `today`, in a
// fixed number of queries whatever the portfolio's size (no query per convention): facts in one batch,
// money summed per year in SQL, late obligations and unanswered notices counted in SQL.
import { db } from "../db";
import { visibleConventionsWhere } from "../authz";
import { loadConventionsFacts } from "./convention-facts";
import { partyAcronyms } from "./conventions";
import { conventionStanding } from "@/domain/convention-view";
import type { IsoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import type { PortfolioInput } from "@/domain/portfolio";

export async function loadPortfolio(actor: Actor, today: IsoDate = clock.today()): Promise<PortfolioInput[]> {
  const client = db();
  const facts = await loadConventionsFacts(visibleConventionsWhere(actor), client);
  const ids = facts.map((f) => f.id);
  const [acronym, late, notices] = await Promise.all([
    partyAcronyms(ids, ["PARTENAIRE"]),
    lateObligationCounts(ids, today),
    client.partyNotice.groupBy({ by: ["conventionId"], where: { conventionId: { in: ids }, toParty: "DELEGANT", answeredAt: null }, _count: { _all: true } }),
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
  }));
}

/**
 * Late obligations per convention at `today`, counted in SQL with obligationStatus's rule (src/domain/
 * obligations.ts): due before today, and the latest declared status is still "à faire" or "en cours" (or
 * none). The integration test checks it against obligationStatus on every obligation.
 */
export async function lateObligationCounts(conventionIds: readonly string[], today: IsoDate): Promise<Map<string, number>> {
  if (conventionIds.length === 0) return new Map();
  const rows = await db().$queryRaw<{ conventionId: string; late: number }[]>`
    SELECT o.convention_id::text AS "conventionId", count(*)::int AS late
    FROM obligation o
    LEFT JOIN LATERAL (
      SELECT u.status FROM obligation_update u WHERE u.obligation_id = o.id ORDER BY u.created_at DESC, u.id DESC LIMIT 1
    ) latest ON true
    WHERE o.convention_id = ANY(${conventionIds}::uuid[]) AND o.due_on < ${today}::date
      AND (latest.status IS NULL OR latest.status IN ('A_FAIRE', 'EN_COURS'))
    GROUP BY o.convention_id`;
  return new Map(rows.map((r) => [r.conventionId, Number(r.late)]));
}
