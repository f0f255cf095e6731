// Impact indicators of the startup, as its investment committees present them (article 2): at each committee
// the result of the phase that ends and the objective at six months; the next committee reads its result
// against that objective. Values are exact decimals held as bigint in ten-thousandths (the database stores
// DECIMAL(20, 4)): parsing, comparison and percentages never go through a float.

import { failure, messageOf, type FailureCode } from "./failures";

/** Ten-thousandths: 1 = 10 000n. */
export type Scaled = bigint;
export const SCALE = 10_000n;
const DECIMALS = 4;

/**
 * Largest value accepted: below 10^11, so a value has at most 15 significant digits and survives the trip to
 * a JSON number (charts, /api/stats) exactly.
 */
export const MAX_VALUE: Scaled = 10n ** 11n * SCALE - 1n;

export const IMPACT_LEVELS = ["UTILISABLE", "UTILISE", "UTILE", "IMPACT", "EFFICIENT"] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/** The beta.gouv impact matrix, in French. */
export const IMPACT_LEVEL_LABELS: Record<ImpactLevel, string> = {
  UTILISABLE: "Utilisable",
  UTILISE: "Utilisé",
  UTILE: "Utile",
  IMPACT: "Impact",
  EFFICIENT: "Efficient",
};

export const IMPACT_LEVEL_HINTS: Record<ImpactLevel, string> = {
  UTILISABLE: "Le service fonctionne et ses usagers peuvent s'en servir.",
  UTILISE: "Le service est effectivement utilisé par son public.",
  UTILE: "Le service résout le problème de ses usagers.",
  IMPACT: "Le service change la politique publique qu'il sert.",
  EFFICIENT: "Le service produit cet impact à un coût maîtrisé.",
};

/** Refused: the catalogue's code and its words (src/domain/failures.ts). */
export type ValueParse = { ok: true; value: Scaled } | { ok: false; code: FailureCode; message: string };

const unread = (code: "INDICATOR_VALUE_REQUIRED" | "INDICATOR_VALUE_NEGATIVE" | "INDICATOR_VALUE_UNREADABLE" | "INDICATOR_VALUE_TOO_MANY_DECIMALS" | "INDICATOR_VALUE_TOO_LARGE"): ValueParse => ({
  ok: false,
  code,
  message: messageOf(failure(code)),
});

/**
 * Reads a value typed the French or the plain way: "1 234,5", "1234.5", "12". Not negative (counts, tonnes,
 * days, rates), at most four decimals.
 */
export function parseIndicatorValue(input: string): ValueParse {
  const text = input.replace(/[\s\u00a0\u202f]/g, "");
  if (text === "") return unread("INDICATOR_VALUE_REQUIRED");
  if (/^-\d/.test(text)) return unread("INDICATOR_VALUE_NEGATIVE");
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) return unread("INDICATOR_VALUE_UNREADABLE");
  // "3.700": a French reader writes thousands with a point as often as an English one writes decimals with it.
  const ambiguous = /^(\d{1,3})\.(\d{3})$/.exec(text);
  if (ambiguous) {
    const [, head = "0", tail = "000"] = ambiguous;
    const asThousands = formatIndicatorValue(BigInt(head + tail) * SCALE);
    const asDecimal = formatIndicatorValue(BigInt(head) * SCALE + BigInt(tail.padEnd(DECIMALS, "0")));
    return { ok: false, code: "INDICATOR_VALUE_AMBIGUOUS", message: messageOf(failure("INDICATOR_VALUE_AMBIGUOUS", { text: input.trim(), asThousands, asDecimal })) };
  }
  const [, units = "0", decimals = ""] = match;
  if (decimals.length > DECIMALS) return unread("INDICATOR_VALUE_TOO_MANY_DECIMALS");
  const value = BigInt(units) * SCALE + BigInt(decimals.padEnd(DECIMALS, "0"));
  if (value > MAX_VALUE) return unread("INDICATOR_VALUE_TOO_LARGE");
  return { ok: true, value };
}

/** "1234.5" from 12 345 000n: the plain decimal text (no exponent), for the database and JSON. */
export function scaledToDecimalString(value: Scaled): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const units = abs / SCALE;
  const rest = (abs % SCALE).toString().padStart(DECIMALS, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${units}${rest ? `.${rest}` : ""}`;
}

/** Back from a plain decimal text ("1234.5000", "12", "0.25"), as the database returns it. */
export function scaledFromDecimalString(text: string): Scaled {
  const match = /^(-)?(\d+)(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!match) throw new Error(`Not a decimal with at most four decimals: ${text}`);
  const [, sign, units = "0", decimals = ""] = match;
  const value = BigInt(units) * SCALE + BigInt(decimals.padEnd(DECIMALS, "0"));
  return sign ? -value : value;
}

/** Only for drawing (charts) and JSON numbers: exact below MAX_VALUE, never used to compare. */
export function scaledToNumber(value: Scaled): number {
  return Number(scaledToDecimalString(value));
}

const valueFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: DECIMALS });

/** "1 234,5" — Intl formats a decimal string exactly. */
export function formatIndicatorValue(value: Scaled): string {
  return valueFormat.format(scaledToDecimalString(value) as unknown as number);
}

/** "1 234,5 raccordements" */
export function formatWithUnit(value: Scaled | null, unit: string): string {
  return value === null ? "—" : `${formatIndicatorValue(value)} ${unit}`;
}

// ───────────────────────────── Result against objective ─────────────────────────────

export type ObjectiveStatus = "ATTEINT" | "PARTIELLEMENT_ATTEINT" | "NON_ATTEINT";

export const OBJECTIVE_STATUS_LABELS: Record<ObjectiveStatus, string> = {
  ATTEINT: "Atteint",
  PARTIELLEMENT_ATTEINT: "Partiellement atteint",
  NON_ATTEINT: "Non atteint",
};

export interface ObjectiveComparison {
  status: ObjectiveStatus;
  /** HAUSSE: the team aims higher than where it stood; BAISSE: lower (a delay, a cost). */
  direction: "HAUSSE" | "BAISSE";
  /** Share of the objective achieved, in tenths of a percent (867n = 86,7 %); null when it has no meaning (division by zero). */
  percentTenths: bigint | null;
}

/** a / b in tenths of a percent, rounded half up (a, b ≥ 0, b > 0). */
function ratioTenths(a: Scaled, b: Scaled): bigint {
  return (a * 2000n + b) / (2n * b);
}

/**
 * The result of a phase against the objective the previous committee set for it. `baseline` is the result
 * that previous committee recorded alongside the objective: an objective below it is a reduction to reach
 * (reached when the result is at or under it), otherwise a level to reach (reached at or above it). The
 * percentage is result ÷ objective for a level, objective ÷ result for a reduction; from 50 % an objective is
 * partly reached.
 */
export function compareWithObjective(input: { result: Scaled; objective: Scaled; baseline: Scaled | null }): ObjectiveComparison {
  const { result, objective, baseline } = input;
  const direction = baseline !== null && objective < baseline ? "BAISSE" : "HAUSSE";
  const reached = direction === "HAUSSE" ? result >= objective : result <= objective;
  let percentTenths: bigint | null;
  if (direction === "HAUSSE") percentTenths = objective === 0n ? null : ratioTenths(result, objective);
  else percentTenths = result === 0n ? null : ratioTenths(objective, result);
  // Decided on the exact values, not on the rounded percentage: half of the objective, at least.
  const half = direction === "HAUSSE" ? result * 2n >= objective : objective * 2n >= result;
  const status: ObjectiveStatus = reached ? "ATTEINT" : half ? "PARTIELLEMENT_ATTEINT" : "NON_ATTEINT";
  return { status, direction, percentTenths };
}

/** "86,7 %" */
export function formatPercentTenths(tenths: bigint): string {
  const units = tenths / 10n;
  const rest = tenths % 10n;
  return `${new Intl.NumberFormat("fr-FR").format(units)}${rest === 0n ? "" : `,${rest}`}\u00a0%`;
}

/** "Atteint à 106,3 %", "Non atteint (45,6 %)" */
export function describeComparison(c: ObjectiveComparison): string {
  const pct = c.percentTenths === null ? "" : formatPercentTenths(c.percentTenths);
  if (!pct) return OBJECTIVE_STATUS_LABELS[c.status];
  return c.status === "NON_ATTEINT" ? `Non atteint (${pct})` : `${OBJECTIVE_STATUS_LABELS[c.status]} à ${pct}`;
}

// ───────────────────────────── Series over the committees ─────────────────────────────

export interface MeasureRecord {
  committeeId: string;
  heldOn: string;
  result: Scaled | null;
  objective: Scaled | null;
}

export interface SeriesRow {
  committeeId: string;
  heldOn: string;
  /** Result of the phase that ends at this committee. */
  result: Scaled | null;
  /** Objective at six months set at this committee. */
  objective: Scaled | null;
  /** The objective the previous committee set for this date, if it set one. */
  previousObjective: Scaled | null;
  comparison: ObjectiveComparison | null;
}

const measured = (m: MeasureRecord) => m.result !== null || m.objective !== null;

/**
 * One indicator over the committees, in date order: each committee's result is read against the objective of
 * the last committee before it that measured this indicator (a committee that recorded nothing for it is
 * skipped; one that recorded a result without an objective leaves nothing to compare with).
 */
export function indicatorSeries(measures: readonly MeasureRecord[]): SeriesRow[] {
  const sorted = [...measures].sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  return sorted.map((m, i) => {
    const previous = sorted.slice(0, i).findLast(measured);
    const previousObjective = previous?.objective ?? null;
    const comparison =
      m.result !== null && previousObjective !== null
        ? compareWithObjective({ result: m.result, objective: previousObjective, baseline: previous?.result ?? null })
        : null;
    return { committeeId: m.committeeId, heldOn: m.heldOn, result: m.result, objective: m.objective, previousObjective, comparison };
  });
}

// ───────────────────────────── A committee's measures, typed ─────────────────────────────

/** One indicator's values at one committee: the result of the phase that ends, the objective at six months. */
export interface Measure {
  indicatorId: string;
  result: Scaled | null;
  objective: Scaled | null;
}

export interface MeasureChange {
  indicatorId: string;
  /** What the committee recorded for the indicator; null when it recorded nothing. */
  before: { result: Scaled | null; objective: Scaled | null } | null;
  /** What it records now; both null: the measure is removed. */
  after: { result: Scaled | null; objective: Scaled | null };
}

/**
 * What typing `typed` changes in a committee's `recorded` measures: every typed measure that differs from the
 * recorded one (an indicator with nothing recorded reads as two empty values, so typing nothing for it changes
 * nothing). An indicator not typed is left as it is.
 */
export function measureChanges(recorded: readonly Measure[], typed: readonly Measure[]): MeasureChange[] {
  const byIndicator = new Map(recorded.map((m) => [m.indicatorId, m]));
  const changes: MeasureChange[] = [];
  for (const m of typed) {
    const row = byIndicator.get(m.indicatorId);
    if ((row?.result ?? null) === m.result && (row?.objective ?? null) === m.objective) continue;
    changes.push({ indicatorId: m.indicatorId, before: row ? { result: row.result, objective: row.objective } : null, after: { result: m.result, objective: m.objective } });
  }
  return changes;
}

/** An indicator's name is unique within its convention, whatever the case: the one that already bears `name`, if any. */
export function sameIndicatorName<I extends { id: string; name: string }>(indicators: readonly I[], name: string, exceptId?: string): I | undefined {
  const key = name.toLocaleLowerCase("fr");
  return indicators.find((i) => i.id !== exceptId && i.name.toLocaleLowerCase("fr") === key);
}
