// What importing an extract would change, line by line, before anything is written: new EJs and movements,
// new payment requests, lines already known (re-importing the same file changes nothing), and lines refused
// with their reason (a ceiling, a date out of the convention's life, a reduction of an unknown EJ…).
// The same plan is computed for the preview and again inside the apply transaction, on fresh facts.
import { checkEngagement, checkOperationDate, checkPayment, checkReduction, type Check, type CreditSummary, type YearCredits } from "../credits";
import type { ConventionFacts } from "../convention-state";
import { compareDates, type IsoDate } from "../dates";
import { formatEuros, type Cents } from "../money";
import { ejLineKey, type ChorusDpLine, type ChorusEjLine, type LineRejection } from "./records";

export interface ExistingEj {
  id: string;
  ejNumber: string;
  lineNumber: number;
  orderedOn: IsoDate;
  /** Signed AE movements, in recorded order. */
  movements: readonly { movedOn: IsoDate; amountCents: Cents }[];
}

export interface ExistingDp {
  id: string;
  dpNumber: string;
  ejId: string;
  paidOn: IsoDate;
  amountCents: Cents;
  /** Already cancelled by a reversing line. */
  reversed: boolean;
}

export interface PlanInput {
  ejLines: readonly { fileLine: number; line: ChorusEjLine }[];
  dpLines: readonly { fileLine: number; line: ChorusDpLine }[];
  existing: { ejs: readonly ExistingEj[]; dps: readonly ExistingDp[] };
  /** The convention's life, for the dates of the lines. */
  facts: ConventionFacts;
  /** The credits now (deriveConvention(...).credits). */
  credits: CreditSummary;
}

export type PlannedMovement = {
  fileLine: number;
  ejKey: string;
  kind: "INITIAL" | "AUGMENTATION" | "REDUCTION";
  movedOn: IsoDate;
  amountCents: Cents;
};

export type PlannedEj = { fileLine: number; ejKey: string; line: ChorusEjLine };

export type PlannedPayment = {
  fileLine: number;
  ejKey: string;
  dpNumber: string;
  paidOn: IsoDate;
  amountCents: Cents;
  /** For a cancellation (negative line): the DP it cancels, by number. */
  reversesDpNumber: string | null;
};

export interface ImportPlan {
  newEjs: PlannedEj[];
  newMovements: PlannedMovement[];
  newPayments: PlannedPayment[];
  /** Lines already recorded (same EJ line, date and amount; same DP number). */
  known: number;
  rejected: LineRejection[];
  totals: { aeCents: Cents; cpCents: Cents };
}

/** Running credits while the plan accepts lines, so each line is checked against those accepted before it. */
class Ledger {
  private readonly years = new Map<number, YearCredits>();
  private readonly ejs = new Map<string, { engaged: Cents; paid: Cents }>();

  constructor(credits: CreditSummary, ejKeyOfId: Map<string, string>) {
    for (const y of credits.years) this.years.set(y.year, { year: y.year, ae: { ...y.ae }, cp: { ...y.cp } });
    for (const e of credits.ejs) {
      const key = ejKeyOfId.get(e.ejId);
      if (key) this.ejs.set(key, { engaged: e.engaged, paid: e.paid });
    }
  }

  /** A one-year, one-EJ view in the shape the domain's checks read (they look up a year and an EJ). */
  private summary(year: number, ejKey: string): CreditSummary {
    const y = this.years.get(year);
    const ej = this.ejs.get(ejKey) ?? { engaged: 0n, paid: 0n };
    return {
      years: y ? [y] : [],
      total: { ae: y?.ae ?? emptyAe(), cp: y?.cp ?? emptyCp() },
      ejs: [{ ejId: ejKey, engaged: ej.engaged, paid: ej.paid, leftToPay: ej.engaged - ej.paid }],
    };
  }

  checkMovement(ejKey: string, year: number, amountCents: Cents): Check {
    const summary = this.summary(year, ejKey);
    return amountCents > 0n ? checkEngagement(summary, { year, amountCents }) : checkReduction(summary, { ejId: ejKey, amountCents: -amountCents });
  }

  checkPayment(ejKey: string, year: number, amountCents: Cents): Check {
    return checkPayment(this.summary(year, ejKey), { ejId: ejKey, year, amountCents });
  }

  engage(ejKey: string, year: number, amountCents: Cents) {
    const y = this.years.get(year);
    if (y) {
      y.ae.engaged += amountCents;
      y.ae.leftToEngage -= amountCents;
    }
    const ej = this.ejs.get(ejKey) ?? { engaged: 0n, paid: 0n };
    ej.engaged += amountCents;
    this.ejs.set(ejKey, ej);
  }

  pay(ejKey: string, year: number, amountCents: Cents) {
    const y = this.years.get(year);
    if (y) {
      y.cp.paid += amountCents;
      y.cp.leftToPay -= amountCents;
    }
    const ej = this.ejs.get(ejKey) ?? { engaged: 0n, paid: 0n };
    ej.paid += amountCents;
    this.ejs.set(ejKey, ej);
  }
}

const emptyAe = () => ({ allocated: 0n, madeAvailable: 0n, toMakeAvailable: 0n, engaged: 0n, leftToEngage: 0n });
const emptyCp = () => ({ allocated: 0n, madeAvailable: 0n, toMakeAvailable: 0n, paid: 0n, leftToPay: 0n });
const yearOf = (iso: IsoDate) => Number(iso.slice(0, 4));

/** Occurrences of identical (date, amount) movements tell a repeated line from a new one. */
function movementKey(movedOn: IsoDate, amountCents: Cents, occurrence: number) {
  return `${movedOn}|${amountCents}|${occurrence}`;
}

export function planChorusImport(input: PlanInput): ImportPlan {
  const plan: ImportPlan = { newEjs: [], newMovements: [], newPayments: [], known: 0, rejected: [], totals: { aeCents: 0n, cpCents: 0n } };
  const reject = (fileLine: number, reason: string) => plan.rejected.push({ lineNumber: fileLine, reason: `Ligne ${fileLine} : ${reason}` });
  const ejKeyOfId = new Map(input.existing.ejs.map((ej) => [ej.id, ejLineKey(ej.ejNumber, ej.lineNumber)]));
  const ledger = new Ledger(input.credits, ejKeyOfId);

  // EJ lines: the order year of each EJ line, and the movements already recorded (keys with occurrences).
  const orderYear = new Map<string, number>();
  const recorded = new Map<string, Set<string>>();
  for (const ej of input.existing.ejs) {
    const key = ejLineKey(ej.ejNumber, ej.lineNumber);
    orderYear.set(key, yearOf(ej.orderedOn));
    const seen = new Map<string, number>();
    const keys = new Set<string>();
    for (const m of ej.movements) {
      const base = `${m.movedOn}|${m.amountCents}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      keys.add(movementKey(m.movedOn, m.amountCents, n));
    }
    recorded.set(key, keys);
  }
  const seenInFile = new Map<string, number>();
  const refusedEjs = new Set<string>();

  const ordered = [...input.ejLines].sort((a, b) => compareDates(a.line.orderedOn, b.line.orderedOn) || a.fileLine - b.fileLine);
  for (const { fileLine, line } of ordered) {
    const key = ejLineKey(line.ejNumber, line.lineNumber);
    const base = `${line.orderedOn}|${line.amountCents}|${key}`;
    const occurrence = (seenInFile.get(base) ?? 0) + 1;
    seenInFile.set(base, occurrence);
    if (recorded.get(key)?.has(movementKey(line.orderedOn, line.amountCents, occurrence))) {
      plan.known += 1;
      continue;
    }
    if (refusedEjs.has(key)) {
      reject(fileLine, `EJ ${line.ejNumber} poste ${line.lineNumber} refusé plus haut : ses mouvements suivants ne peuvent pas être importés.`);
      continue;
    }
    if (line.amountCents === 0n) {
      reject(fileLine, "montant nul.");
      continue;
    }
    const isNew = !orderYear.has(key);
    if (isNew && line.amountCents < 0n) {
      reject(fileLine, `réduction de l'EJ ${line.ejNumber} poste ${line.lineNumber}, qui n'est pas encore engagé dans cette convention.`);
      refusedEjs.add(key);
      continue;
    }
    const dateCheck = checkOperationDate(input.facts, line.orderedOn, "engagement");
    if (!dateCheck.ok) {
      reject(fileLine, dateCheck.message);
      if (isNew) refusedEjs.add(key);
      continue;
    }
    const year = orderYear.get(key) ?? yearOf(line.orderedOn);
    const check = ledger.checkMovement(key, year, line.amountCents);
    if (!check.ok) {
      reject(fileLine, check.message);
      if (isNew) refusedEjs.add(key);
      continue;
    }
    ledger.engage(key, year, line.amountCents);
    plan.totals.aeCents += line.amountCents;
    if (isNew) {
      orderYear.set(key, year);
      plan.newEjs.push({ fileLine, ejKey: key, line });
    }
    plan.newMovements.push({
      fileLine,
      ejKey: key,
      kind: isNew ? "INITIAL" : line.amountCents > 0n ? "AUGMENTATION" : "REDUCTION",
      movedOn: line.orderedOn,
      amountCents: line.amountCents,
    });
  }

  // Payment requests, by date: a DP number already recorded is known; a negative line cancels a DP of the
  // same EJ line and the same amount.
  const knownDps = new Map(input.existing.dps.map((dp) => [dp.dpNumber, dp]));
  const dpsOfEj = new Map<string, { dpNumber: string; amountCents: Cents; reversed: boolean }[]>();
  for (const dp of input.existing.dps) {
    const key = ejKeyOfId.get(dp.ejId);
    if (key) dpsOfEj.set(key, [...(dpsOfEj.get(key) ?? []), { dpNumber: dp.dpNumber, amountCents: dp.amountCents, reversed: dp.reversed || dp.amountCents < 0n }]);
  }
  const dpsInFile = new Set<string>();
  const orderedDps = [...input.dpLines].sort((a, b) => compareDates(a.line.paidOn, b.line.paidOn) || a.fileLine - b.fileLine);
  for (const { fileLine, line } of orderedDps) {
    const key = ejLineKey(line.ejNumber, line.lineNumber);
    const dpNumber = line.amountCents < 0n ? `ANNUL-${line.dpNumber}` : line.dpNumber;
    if (knownDps.has(dpNumber) || (line.amountCents > 0n && knownDps.has(line.dpNumber))) {
      plan.known += 1;
      continue;
    }
    if (dpsInFile.has(dpNumber)) {
      reject(fileLine, `DP ${line.dpNumber} en double dans le fichier.`);
      continue;
    }
    if (refusedEjs.has(key) || !orderYear.has(key)) {
      reject(fileLine, `DP ${line.dpNumber} sur l'EJ ${line.ejNumber} poste ${line.lineNumber}, qui n'est pas engagé dans cette convention.`);
      continue;
    }
    if (line.amountCents === 0n) {
      reject(fileLine, "montant nul.");
      continue;
    }
    const dateCheck = checkOperationDate(input.facts, line.paidOn, "paiement");
    if (line.amountCents > 0n && !dateCheck.ok) {
      reject(fileLine, dateCheck.message);
      continue;
    }
    let reversesDpNumber: string | null = null;
    if (line.amountCents < 0n) {
      const target = (dpsOfEj.get(key) ?? []).find((dp) => !dp.reversed && dp.amountCents === -line.amountCents);
      if (!target) {
        reject(fileLine, `annulation de ${formatEuros(-line.amountCents)} sans demande de paiement de ce montant sur l'EJ ${line.ejNumber} poste ${line.lineNumber}.`);
        continue;
      }
      target.reversed = true;
      reversesDpNumber = target.dpNumber;
    }
    const year = yearOf(line.paidOn);
    const check = ledger.checkPayment(key, year, line.amountCents);
    if (!check.ok) {
      reject(fileLine, check.message);
      continue;
    }
    ledger.pay(key, year, line.amountCents);
    plan.totals.cpCents += line.amountCents;
    dpsInFile.add(dpNumber);
    if (line.amountCents > 0n) dpsOfEj.set(key, [...(dpsOfEj.get(key) ?? []), { dpNumber, amountCents: line.amountCents, reversed: false }]);
    plan.newPayments.push({ fileLine, ejKey: key, dpNumber, paidOn: line.paidOn, amountCents: line.amountCents, reversesDpNumber });
  }
  plan.rejected.sort((a, b) => a.lineNumber - b.lineNumber);
  return plan;
}

/** One French sentence for the preview. */
export function describePlan(plan: ImportPlan): string {
  const parts = [
    `${plan.newEjs.length} EJ nouveau${plan.newEjs.length > 1 ? "x" : ""}`,
    `${plan.newMovements.length} mouvement${plan.newMovements.length > 1 ? "s" : ""} d'AE (${formatEuros(plan.totals.aeCents)})`,
    `${plan.newPayments.length} demande${plan.newPayments.length > 1 ? "s" : ""} de paiement (${formatEuros(plan.totals.cpCents)})`,
    `${plan.known} ligne${plan.known > 1 ? "s" : ""} déjà connue${plan.known > 1 ? "s" : ""}`,
    `${plan.rejected.length} refusée${plan.rejected.length > 1 ? "s" : ""}`,
  ];
  return `${parts.join(", ")}.`;
}

