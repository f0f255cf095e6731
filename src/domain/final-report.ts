// The figures of the final report at term (convention, art. 3): expenditure made by EJ and by month (AE
// engaged vs CP paid), and the credits left unconsumed. Computed from the recorded lines, exact to the cent.
import type { CreditSummary } from "./credits";
import { isRunning, type ConventionState } from "./convention-state";
import { addDays, compareDates, type IsoDate } from "./dates";
import { refuse, type Refused } from "./failures";
import type { Cents } from "./money";

export interface DatedAmount {
  on: IsoDate;
  amountCents: Cents;
}

export interface ReportEj {
  id: string;
  label: string;
  supplierName: string;
  /** AE lines, signed (reductions and reversals negative). */
  movements: readonly DatedAmount[];
  /** CP lines, signed (cancellations negative). */
  payments: readonly DatedAmount[];
}

export interface MonthLine {
  /** "2024-06" */
  month: string;
  aeEngagedCents: Cents;
  cpPaidCents: Cents;
  cumulativeAeCents: Cents;
  cumulativeCpCents: Cents;
}

export interface FinalReportFigures {
  byEj: { id: string; label: string; supplierName: string; engagedCents: Cents; paidCents: Cents; leftToPayCents: Cents }[];
  byMonth: MonthLine[];
  total: { engagedCents: Cents; paidCents: Cents };
  /** Per year: allocated, made available, paid, and what is left unconsumed of each. */
  unconsumed: { year: number; allocatedCpCents: Cents; madeAvailableCpCents: Cents; paidCents: Cents; unconsumedOfAllocationCents: Cents; unconsumedOfMadeAvailableCents: Cents }[];
  /** The same for the AE: allocated, made available, engaged, and what is left unengaged of each. */
  unconsumedAe: { year: number; allocatedAeCents: Cents; madeAvailableAeCents: Cents; engagedCents: Cents; unconsumedOfAllocationCents: Cents; unconsumedOfMadeAvailableCents: Cents }[];
}

const sum = (lines: readonly DatedAmount[]) => lines.reduce((acc, l) => acc + l.amountCents, 0n);

export function finalReportFigures(ejs: readonly ReportEj[], credits: CreditSummary): FinalReportFigures {
  const byEj = ejs.map((ej) => {
    const engagedCents = sum(ej.movements);
    const paidCents = sum(ej.payments);
    return { id: ej.id, label: ej.label, supplierName: ej.supplierName, engagedCents, paidCents, leftToPayCents: engagedCents - paidCents };
  });
  const months = new Map<string, { ae: Cents; cp: Cents }>();
  const add = (on: IsoDate, key: "ae" | "cp", amount: Cents) => {
    const month = on.slice(0, 7);
    const line = months.get(month) ?? { ae: 0n, cp: 0n };
    line[key] += amount;
    months.set(month, line);
  };
  for (const ej of ejs) {
    for (const m of ej.movements) add(m.on, "ae", m.amountCents);
    for (const p of ej.payments) add(p.on, "cp", p.amountCents);
  }
  let cumulativeAe = 0n;
  let cumulativeCp = 0n;
  const byMonth = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, line]) => {
      cumulativeAe += line.ae;
      cumulativeCp += line.cp;
      return { month, aeEngagedCents: line.ae, cpPaidCents: line.cp, cumulativeAeCents: cumulativeAe, cumulativeCpCents: cumulativeCp };
    });
  return {
    byEj,
    byMonth,
    total: { engagedCents: byEj.reduce((a, e) => a + e.engagedCents, 0n), paidCents: byEj.reduce((a, e) => a + e.paidCents, 0n) },
    unconsumed: credits.years.map((y) => ({
      year: y.year,
      allocatedCpCents: y.cp.allocated,
      madeAvailableCpCents: y.cp.madeAvailable,
      paidCents: y.cp.paid,
      unconsumedOfAllocationCents: y.cp.allocated - y.cp.paid,
      unconsumedOfMadeAvailableCents: y.cp.madeAvailable - y.cp.paid,
    })),
    unconsumedAe: credits.years.map((y) => ({
      year: y.year,
      allocatedAeCents: y.ae.allocated,
      madeAvailableAeCents: y.ae.madeAvailable,
      engagedCents: y.ae.engaged,
      unconsumedOfAllocationCents: y.ae.allocated - y.ae.engaged,
      unconsumedOfMadeAvailableCents: y.ae.madeAvailable - y.ae.engaged,
    })),
  };
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "2024-06" → "juin 2024" */
export function formatMonth(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTHS[Number(m) - 1]} ${year}`;
}

/** The final report is written at term: from this many days before the end date, or once the convention ended. */
export const FINAL_REPORT_WINDOW_DAYS = 60;

export type ReportCheck = { ok: true } | Refused;

/** When the délégataire may submit the final report: at term, once, until DINUM accepts one. */
export function checkReportSubmission(input: { state: ConventionState; endsOn: IsoDate; accepted: boolean }, today: IsoDate): ReportCheck {
  if (input.accepted) return refuse("REPORT_ALREADY_ACCEPTED", { when: "submission" });
  if (input.state === "BROUILLON") return refuse("REPORT_NOT_EXPECTED_UNSIGNED");
  const opensOn = addDays(input.endsOn, -FINAL_REPORT_WINDOW_DAYS);
  if (isRunning(input.state) && compareDates(today, opensOn) < 0) {
    return refuse("REPORT_NOT_YET_DUE", { opensOn });
  }
  return { ok: true };
}

/**
 * DINUM accepts the final report once, and only the latest one submitted (an earlier one was superseded):
 * accepting it closes the convention. `reports` are the convention's, latest first.
 */
export function checkReportAcceptance(reports: readonly { id: string; accepted: boolean }[], reportId: string): ReportCheck {
  if (reports.some((r) => r.accepted)) return refuse("REPORT_ALREADY_ACCEPTED", { when: "acceptance" });
  if (!reports.some((r) => r.id === reportId)) return refuse("REPORT_NOT_IN_CONVENTION");
  if (reports[0]?.id !== reportId) return refuse("REPORT_NOT_LATEST");
  return { ok: true };
}
