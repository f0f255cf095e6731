import "server-only";
// The conventions' standings (src/domain/portfolio-standing.ts, docs/adr/0007-persisted-standing.md): computed
// from the facts by the domain and stored, in the transaction of every write on a convention (the use-case
// runner: src/server/use-cases/run.ts), and read by the portfolio in one query. ensureStandings computes those
// missing or of older rules: the start path (scripts/db/setup-database.ts) and the bench generator call it.
// The portfolio reads them in src/server/repositories/portfolio.ts (loadPortfolioRows).
import { db, readAll } from "../db";
import type { Tx } from "../db/audit";
import { loadConventionsFacts } from "./convention-facts";
import { loadCostSeries } from "./steering";
import type { Prisma } from "@/generated/prisma/client";
import { isoDate, toDbDate, type IsoDate } from "@/domain/dates";
import { costWorsened } from "@/domain/impact-cost";
import type { DeclaredStatus } from "@/domain/obligations";
import { standingOf, STANDING_RULES_VERSION, type PortfolioFacts } from "@/domain/portfolio-standing";
import { clock } from "@/server/clock";

type Client = Tx | ReturnType<typeof db>;

/** Everything the portfolio figures of these conventions depend on, in a fixed number of queries. */
export async function loadPortfolioFacts(where: Prisma.ConventionWhereInput, client: Client = db()): Promise<(PortfolioFacts & { id: string })[]> {
  const facts = await loadConventionsFacts(where, client);
  if (facts.length === 0) return [];
  const ids = facts.map((f) => f.id);
  const [obligations, notices, costs] = await readAll(client, [
    () =>
      client.$queryRaw<{ conventionId: string; code: string; dueOn: Date | null; status: DeclaredStatus | null }[]>`
      SELECT o.convention_id::text AS "conventionId", o.code, o.due_on AS "dueOn", latest.status
      FROM obligation o
      LEFT JOIN LATERAL (
        SELECT u.status FROM obligation_update u WHERE u.obligation_id = o.id ORDER BY u.created_at DESC, u.id DESC LIMIT 1
      ) latest ON true
      WHERE o.convention_id = ANY(${ids}::uuid[])
      ORDER BY o.position`,
    () => client.partyNotice.groupBy({ by: ["conventionId"], where: { conventionId: { in: ids }, toParty: "DELEGANT", answeredAt: null }, _count: { _all: true } }),
    () => loadCostSeries(ids, client),
  ]);
  const obligationsOf = new Map<string, PortfolioFacts["obligations"][number][]>(ids.map((id) => [id, []]));
  for (const o of obligations) obligationsOf.get(o.conventionId)?.push({ code: o.code, dueOn: o.dueOn ? isoDate(o.dueOn) : null, declared: o.status });
  const noticesOf = new Map(notices.map((n) => [n.conventionId, n._count._all]));
  return facts.map((f) => ({
    ...f,
    obligations: obligationsOf.get(f.id) ?? [],
    pendingNotices: noticesOf.get(f.id) ?? 0,
    costWorsened: costWorsened(costs.get(f.id) ?? []),
  }));
}

/** Computes and stores the standing of these conventions from `today` on (the write's day). */
export async function refreshStandings(client: Client, conventionIds: readonly string[], today: IsoDate): Promise<void> {
  if (conventionIds.length === 0) return;
  const facts = await loadPortfolioFacts({ id: { in: [...conventionIds] } }, client);
  for (const f of facts) {
    const standing = standingOf(f, today);
    const data = { rulesVersion: standing.rulesVersion, computedOn: toDbDate(standing.computedOn), segments: standing.segments as unknown as Prisma.InputJsonValue };
    // version: each rewrite names its segments anew (the portfolio's reader keeps them parsed by it).
    await client.conventionStanding.upsert({ where: { conventionId: f.id }, create: { conventionId: f.id, ...data }, update: { ...data, version: { increment: 1 } } });
  }
}

/** The one convention a write changed, in its transaction (the use-case runner calls it). */
export async function refreshStanding(tx: Tx, conventionId: string, today: IsoDate): Promise<void> {
  await refreshStandings(tx, [conventionId], today);
}

/**
 * Computes the standings that are missing, of older rules, or dated after `today`; answers how many. Run at
 * start (after the migrations and the demo) and by the bench generator, whose rows bypass the use cases.
 */
export async function ensureStandings(client: Client = db(), today: IsoDate = clock.today(), batch = 200): Promise<number> {
  const stale = await client.convention.findMany({
    where: { OR: [{ standing: null }, { standing: { rulesVersion: { not: STANDING_RULES_VERSION } } }, { standing: { computedOn: { gt: toDbDate(today) } } }] },
    select: { id: true },
    orderBy: { reference: "asc" },
  });
  for (let i = 0; i < stale.length; i += batch) {
    await refreshStandings(
      client,
      stale.slice(i, i + batch).map((c) => c.id),
      today,
    );
  }
  return stale.length;
}
