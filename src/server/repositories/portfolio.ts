import "server-only";
// The portfolio of DINUM's /pilotage page: every convention the actor may see, derived at `today`.
// Simple on purpose: one loadConventionFacts per convention (a few queries each). Fine for the tens of
// conventions FAST signs; with hundreds, load the facts of all conventions in one batch of queries instead.
import { db } from "../db";
import { visibleConventionsWhere } from "../authz";
import { loadConventionFacts } from "./convention-facts";
import { deriveConvention } from "@/domain/convention-view";
import { todayInParis, type IsoDate } from "@/domain/dates";
import type { Actor } from "@/domain/permissions";
import type { PortfolioInput } from "@/domain/portfolio";

export async function loadPortfolio(actor: Actor, today: IsoDate = todayInParis()): Promise<PortfolioInput[]> {
  const conventions = await db().convention.findMany({
    where: visibleConventionsWhere(actor),
    orderBy: { reference: "asc" },
    select: {
      id: true,
      reference: true,
      startupName: true,
      parties: { where: { role: "PARTENAIRE" }, select: { organisation: { select: { acronym: true } } } },
    },
  });
  const inputs: PortfolioInput[] = [];
  // One convention at a time: keeps at most a few queries in flight, whatever the size of the portfolio.
  for (const c of conventions) {
    const facts = await loadConventionFacts(c.id);
    inputs.push({
      id: c.id,
      reference: c.reference,
      startupName: c.startupName,
      partner: c.parties[0]?.organisation.acronym ?? "—",
      view: deriveConvention(facts, today),
    });
  }
  return inputs;
}
