// The launch ambition (the lead metric — "métrique phare" — and its target, set at the launch seminar) and the
// cost of impact: at each investment committee, the CP paid to date divided by the lead metric's result and by
// each indicator the intrapreneur marks as a usage measure ("le ratio coût/impact doit s'améliorer à chaque
// comité"). Exact: cents are bigint, indicator values scaled bigints (indicators.ts); a cost is rounded half up
// to the cent once, for display, and trends compare the exact fractions, never the rounded costs. Pure.
import { compareDates, type IsoDate } from "./dates";
import { compareWithObjective, SCALE, type ObjectiveComparison, type Scaled } from "./indicators";
import type { Cents } from "./money";

// ───────────────────────────── Launch ambition ─────────────────────────────

export interface LaunchAmbition {
  /** The lead metric: one of the convention's indicators. */
  indicatorId: string;
  /** Its target, in the indicator's unit. */
  target: Scaled;
  /** The date the target is set for (the end of the acceleration, usually). */
  targetOn: IsoDate;
  /** The ambition as stated at the launch seminar. */
  statement: string;
  recordedOn: IsoDate;
}

export interface AmbitionReading {
  /** The committee whose result is read (the latest that measured the lead metric by the day). */
  heldOn: IsoDate;
  result: Scaled;
  comparison: ObjectiveComparison;
}

/**
 * The lead metric against the ambition at `on`: its latest result recorded at a committee held by then, read
 * as an objective to reach (percentages as indicators.ts computes them). Null when nothing was measured yet.
 */
export function readAmbition(ambition: Pick<LaunchAmbition, "target">, measures: readonly { heldOn: IsoDate; result: Scaled | null }[], on: IsoDate): AmbitionReading | null {
  const last = [...measures]
    .filter((m) => m.result !== null && compareDates(m.heldOn, on) <= 0)
    .sort((a, b) => compareDates(a.heldOn, b.heldOn))
    .at(-1);
  if (!last || last.result === null) return null;
  return { heldOn: last.heldOn, result: last.result, comparison: compareWithObjective({ result: last.result, objective: ambition.target, baseline: null }) };
}

// ───────────────────────────── Cost of impact ─────────────────────────────

/** A committee with the CP paid on or before its date (payments of the expenditure record, reversals netted). */
export interface CommitteeSpending {
  committeeId: string;
  heldOn: IsoDate;
  cpPaidCents: Cents;
}

export interface CostMetric {
  indicatorId: string;
  name: string;
  unit: string;
  /** The lead metric of the launch ambition. */
  lead: boolean;
  /** Results recorded at committees (committees with none are absent or null). */
  results: readonly { committeeId: string; result: Scaled | null }[];
}

export type CostTrend = "AMELIORATION" | "STABLE" | "DEGRADATION";

export const COST_TREND_LABELS: Record<CostTrend, string> = {
  AMELIORATION: "S'améliore",
  STABLE: "Stable",
  DEGRADATION: "Se dégrade",
};

export interface CostPoint {
  committeeId: string;
  heldOn: IsoDate;
  cpPaidCents: Cents;
  result: Scaled | null;
  /** CP paid per unit of the metric, rounded half up to the cent; null without a positive result. */
  costCents: Cents | null;
  /** Against the previous committee whose cost is known (exact fractions compared); null for the first. */
  trend: CostTrend | null;
}

export interface CostSeries {
  indicatorId: string;
  name: string;
  unit: string;
  lead: boolean;
  points: CostPoint[];
  /** The latest known cost is higher than the one before: the ratio worsened at the latest committee that measured it. */
  worsened: boolean;
  /** The trend at the latest committee with a known cost, if it has a previous one. */
  latestTrend: CostTrend | null;
}

/** cents ÷ (value ÷ SCALE), rounded half up to the cent (value > 0). */
export function costPerUnit(cpPaidCents: Cents, value: Scaled): Cents {
  return (cpPaidCents * SCALE * 2n + value) / (2n * value);
}

/** Compares cost a = cpA/resA with cost b = cpB/resB exactly (cross-multiplication): -1, 0, 1. */
function compareCosts(a: { cp: Cents; result: Scaled }, b: { cp: Cents; result: Scaled }): number {
  const left = a.cp * b.result;
  const right = b.cp * a.result;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * One series per metric (the lead metric first, then the usage measures in the order given; a metric given twice
 * is kept once), with the cost at each committee in date order and its trend against the previous known cost.
 */
export function costOfImpact(spending: readonly CommitteeSpending[], metrics: readonly CostMetric[]): CostSeries[] {
  const committees = [...spending].sort((a, b) => compareDates(a.heldOn, b.heldOn));
  const seen = new Set<string>();
  const ordered = [...metrics.filter((m) => m.lead), ...metrics.filter((m) => !m.lead)].filter((m) => !seen.has(m.indicatorId) && seen.add(m.indicatorId));
  return ordered.map((metric) => {
    const results = new Map(metric.results.map((r) => [r.committeeId, r.result]));
    let previous: { cp: Cents; result: Scaled } | null = null;
    const points = committees.map((c): CostPoint => {
      const result = results.get(c.committeeId) ?? null;
      if (result === null || result <= 0n) return { committeeId: c.committeeId, heldOn: c.heldOn, cpPaidCents: c.cpPaidCents, result, costCents: null, trend: null };
      const current = { cp: c.cpPaidCents, result };
      const order = previous ? compareCosts(current, previous) : null;
      const trend: CostTrend | null = order === null ? null : order < 0 ? "AMELIORATION" : order > 0 ? "DEGRADATION" : "STABLE";
      previous = current;
      return { committeeId: c.committeeId, heldOn: c.heldOn, cpPaidCents: c.cpPaidCents, result, costCents: costPerUnit(c.cpPaidCents, result), trend };
    });
    const latestTrend = points.findLast((p) => p.costCents !== null)?.trend ?? null;
    return { indicatorId: metric.indicatorId, name: metric.name, unit: metric.unit, lead: metric.lead, points, worsened: latestTrend === "DEGRADATION", latestTrend };
  });
}

/** Whether any series worsened at its latest committee (the portfolio's flag). */
export function costWorsened(series: readonly CostSeries[]): boolean {
  return series.some((s) => s.worsened);
}
