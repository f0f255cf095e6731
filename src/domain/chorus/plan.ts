// What importing an extract would change, before anything is written. An extract is a SNAPSHOT: it states each
// EJ poste's amount, and each payment request's, at its extraction date. So the plan compares the file with
// the record:
// - an EJ poste's lines add up (an AIFE file splits a poste's amount over several lines, as Data État Région
//   merges them); a new poste is engaged for that total; a known poste whose total differs gets the
//   difference as an increase or a reduction, dated at the poste's last change; a poste the file lists only
//   with negative lines gets each as a reduction of its known amount (Data État Région applies a negative
//   line to its known poste), once;
// - a DP is identified by its number: its items add up (±0,01 pairs net out); a known DP with the same total
//   is known, whatever the layout that brought it first; a negative DP cancels a payment of that amount on
//   the same EJ poste;
// - identical lines inside one file are reported and counted once.
// The import is all or nothing: the caller writes nothing when `rejected` is not empty.
// The same plan is computed for the preview and again inside the apply transaction, on fresh facts.
import { checkEngagement, checkOperationDate, checkPayment, checkReduction, paymentDpNumber, paymentReversalNumber, type Check, type CreditSummary, type YearCredits } from "../credits";
import { serviceDoneBy, type ServiceFaitRecord } from "../credits";
import type { ConventionFacts } from "../convention-state";
import { failure, failureIn, messageOf, refuse, type Failure, type FailureCode } from "../failures";
import { compareDates, formatDate, type IsoDate } from "../dates";
import { formatEuros, type Cents } from "../money";
import { canonicalDpNumber, ejLineKey, type ChorusAeLine, type ChorusCpLine, type LineRejection } from "./records";

export interface ExistingEj {
  id: string;
  ejNumber: string;
  lineNumber: number;
  orderedOn: IsoDate;
  /** Signed AE movements, in recorded order. */
  movements: readonly { movedOn: IsoDate; amountCents: Cents }[];
  /** Service fait recorded on it (typed in, or implied by a DP imported before). */
  serviceFaits?: readonly ServiceFaitRecord[];
}

export interface ExistingDp {
  id: string;
  /** As stored: "100083815", or "ANNUL-…" for a cancellation. */
  dpNumber: string;
  ejId: string;
  paidOn: IsoDate;
  amountCents: Cents;
  /** Already cancelled by a reversing line. */
  reversed: boolean;
}

export interface PlanInput {
  aeLines: readonly { fileLine: number; line: ChorusAeLine }[];
  cpLines: readonly { fileLine: number; line: ChorusCpLine }[];
  existing: { ejs: readonly ExistingEj[]; dps: readonly ExistingDp[] };
  /** The convention's life, for the dates of the lines. */
  facts: ConventionFacts;
  /** The credits now (deriveConvention(...).credits). */
  credits: CreditSummary;
  /**
   * The exercice the file covers, when it says so (an INF-BUD-53 restitution's title rows): a poste's lines
   * then state its AE of that year, compared with the poste's movements of that year.
   */
  exercice?: number | null;
  /**
   * The streamed import plans one EJ poste at a time (src/server/chorus/import.ts): the ceilings of a year
   * (AE and CP made available) are then checked afterwards over the whole file in date order (YearCeilings),
   * and this plan only answers the movements and payments it accepted, as `yearEvents`.
   */
  deferYearChecks?: boolean;
  /** The changes' sentences are written only when asked (`changeTexts`): a national extract has a million. */
  lazyChanges?: boolean;
}

export type ChangeKey = { credit: "AE" | "CP"; on: IsoDate; fileLine: number };

/** An accepted movement or payment, for the year's ceilings checked afterwards (deferYearChecks). */
export type YearEvent = { credit: "AE" | "CP"; year: number; on: IsoDate; fileLine: number; amountCents: Cents };

export type PlannedEj = { ejKey: string; fileLine: number; orderedOn: IsoDate; line: ChorusAeLine };

export type PlannedMovement = {
  fileLine: number;
  ejKey: string;
  kind: "INITIAL" | "AUGMENTATION" | "REDUCTION";
  movedOn: IsoDate;
  amountCents: Cents;
};

export type PlannedPayment = {
  fileLine: number;
  ejKey: string;
  /** Stored number: the DP's, or "ANNUL-<number>" for a negative DP. */
  dpNumber: string;
  paidOn: IsoDate;
  amountCents: Cents;
  /** For a cancellation: the stored number of the DP it cancels. */
  reversesDpNumber: string | null;
};

/**
 * Chorus pays a DP only once the service is done: a DP implies the service fait it pays. An imported DP that
 * the service fait recorded on its poste by its date does not cover gets the missing part as a service fait
 * dated on the DP's date, referenced "DP <number>".
 */
export type PlannedServiceFait = { fileLine: number; ejKey: string; doneOn: IsoDate; reference: string; amountCents: Cents };

export interface ImportPlan {
  newEjs: PlannedEj[];
  /** The service fait that imported DPs imply (see PlannedServiceFait). */
  newServiceFaits: PlannedServiceFait[];
  newMovements: PlannedMovement[];
  newPayments: PlannedPayment[];
  /** One French sentence per change, in the order they were planned ("EJ … poste 1 : 20 000,00 € → 18 750,00 €…"). */
  changes: string[];
  /** For each change, what orders it: AE before CP, then date, then line of the file. */
  changeKeys: ChangeKey[];
  /** With lazyChanges, instead of `changes`: each change's sentence, written when called. */
  changeTexts: (() => string)[];
  /** Lines whose poste or DP is already recorded as the file states it. */
  known: number;
  /** Lines written. */
  applied: number;
  /** Information, not refusals: identical lines, postes at zero, DPs whose items cancel out. */
  notes: LineRejection[];
  /** Any of them refuses the whole import. */
  rejected: LineRejection[];
  totals: { aeCents: Cents; cpCents: Cents };
  /** With deferYearChecks: what the year ceilings must still accept, in the order planned. */
  yearEvents: YearEvent[];
}

/** Running credits while the plan accepts changes, so each is checked against those accepted before it. */
class Ledger {
  private readonly years = new Map<number, YearCredits>();
  private readonly ejs = new Map<string, { engaged: Cents; paid: Cents }>();

  constructor(
    credits: CreditSummary,
    ejKeyOfId: Map<string, string>,
    /** The year's ceilings are checked afterwards (YearCeilings): here a year is unbounded. */
    private readonly deferYear = false,
  ) {
    for (const y of credits.years) this.years.set(y.year, { year: y.year, ae: { ...y.ae }, cp: { ...y.cp } });
    for (const e of credits.ejs) {
      const key = ejKeyOfId.get(e.ejId);
      if (key) this.ejs.set(key, { engaged: e.engaged, paid: e.paid });
    }
  }

  /** A one-year, one-EJ view in the shape the domain's checks read (they look up a year and an EJ). */
  private summary(year: number, ejKey: string): CreditSummary {
    const y = this.deferYear ? unboundedYear(year) : this.years.get(year);
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

  /** What the poste has engaged and paid so far. */
  ejOf(ejKey: string): { engaged: Cents; paid: Cents } {
    return this.ejs.get(ejKey) ?? { engaged: 0n, paid: 0n };
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

/** Far beyond any allocation (10^17 €): the year checks always pass. */
const UNBOUNDED: Cents = 10n ** 19n;
const unboundedYear = (year: number): YearCredits => ({
  year,
  ae: { allocated: UNBOUNDED, madeAvailable: UNBOUNDED, toMakeAvailable: 0n, engaged: 0n, leftToEngage: UNBOUNDED },
  cp: { allocated: UNBOUNDED, madeAvailable: UNBOUNDED, toMakeAvailable: 0n, paid: 0n, leftToPay: UNBOUNDED },
});

/**
 * A year's ceilings over the whole file, in date order (then file order), for a plan made one EJ poste at a
 * time: AE engaged ≤ AE made available (and allocated), CP paid ≤ CP made available — the domain's checks
 * (checkEngagement, checkPayment), run on the year alone. A refused event is not counted, as planChorusImport
 * does. Feed the AE events in date order, then the CP events in date order.
 */
export class YearCeilings {
  private readonly years = new Map<number, YearCredits>();
  constructor(credits: CreditSummary) {
    for (const y of credits.years) this.years.set(y.year, { year: y.year, ae: { ...y.ae }, cp: { ...y.cp } });
  }

  /** Null when accepted (and counted), else the line's refusal. */
  check(event: YearEvent): LineRejection | null {
    const y = this.years.get(event.year);
    const summary: CreditSummary = {
      years: y ? [y] : [],
      total: { ae: y?.ae ?? emptyAe(), cp: y?.cp ?? emptyCp() },
      // The EJ's own checks were made with its plan: here an EJ that covers anything.
      ejs: [{ ejId: "*", engaged: UNBOUNDED, paid: 0n, leftToPay: UNBOUNDED }],
    };
    if (event.amountCents > 0n) {
      const check = event.credit === "AE" ? checkEngagement(summary, event) : checkPayment(summary, { ejId: "*", year: event.year, amountCents: event.amountCents });
      if (!check.ok) {
        const refusal = failureIn(check);
        return { lineNumber: event.fileLine, code: refusal.code, reason: `Ligne ${event.fileLine} : ${messageOf(refusal)}` };
      }
    }
    if (y && event.credit === "AE") {
      y.ae.engaged += event.amountCents;
      y.ae.leftToEngage -= event.amountCents;
    } else if (y) {
      y.cp.paid += event.amountCents;
      y.cp.leftToPay -= event.amountCents;
    }
    return null;
  }
}

const emptyAe = () => ({ allocated: 0n, madeAvailable: 0n, toMakeAvailable: 0n, engaged: 0n, leftToEngage: 0n });
const emptyCp = () => ({ allocated: 0n, madeAvailable: 0n, toMakeAvailable: 0n, paid: 0n, leftToPay: 0n });
const yearOf = (iso: IsoDate) => Number(iso.slice(0, 4));
const sum = (values: readonly Cents[]) => values.reduce((a, b) => a + b, 0n);
const maxDate = (dates: readonly (IsoDate | null)[]) => dates.filter((d): d is IsoDate => d !== null).sort(compareDates).at(-1) ?? null;
const minDate = (dates: readonly (IsoDate | null)[]) => dates.filter((d): d is IsoDate => d !== null).sort(compareDates)[0] ?? null;
const poste = (ejKey: string) => {
  const [ej, line] = ejKey.split("/");
  return `EJ ${ej} poste ${line}`;
};

/** Identical lines (every field read the same) are one line: the others are noted, never booked twice. */
function withoutDuplicates<T>(lines: readonly { fileLine: number; line: T }[], notes: LineRejection[]) {
  // One line (a poste planned alone, the import's usual case) has no duplicate: no key to build.
  if (lines.length < 2) return [...lines];
  const first = new Map<string, number>();
  const kept: { fileLine: number; line: T }[] = [];
  for (const entry of lines) {
    const key = JSON.stringify(entry.line, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, entry.fileLine);
      kept.push(entry);
    } else {
      notes.push({ lineNumber: entry.fileLine, reason: `Ligne ${entry.fileLine} : identique à la ligne ${seen}, comptée une seule fois.` });
    }
  }
  return kept;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A change the plan would make, checked in date order against the credits. */
type Candidate = {
  on: IsoDate;
  fileLine: number;
  fileLines: number[];
  apply: () => void;
  check: () => Check<FailureCode>;
  /** What a refusal implies beyond itself (a poste refused at creation refuses its DPs). */
  refused?: () => void;
};

export function planChorusImport(input: PlanInput): ImportPlan {
  const plan: ImportPlan = { newEjs: [], newServiceFaits: [], newMovements: [], newPayments: [], changes: [], known: 0, applied: 0, notes: [], rejected: [], totals: { aeCents: 0n, cpCents: 0n }, yearEvents: [], changeKeys: [], changeTexts: [] };
  const deferred = input.deferYearChecks === true;
  const say = (text: () => string) => (input.lazyChanges ? plan.changeTexts.push(text) : plan.changes.push(text()));
  const reject = (fileLine: number, refusal: Failure) => plan.rejected.push({ lineNumber: fileLine, code: refusal.code, reason: `Ligne ${fileLine} : ${messageOf(refusal)}` });
  const note = (fileLine: number, reason: string) => plan.notes.push({ lineNumber: fileLine, reason: `Ligne ${fileLine} : ${reason}` });
  const ejKeyOfId = new Map(input.existing.ejs.map((ej) => [ej.id, ejLineKey(ej.ejNumber, ej.lineNumber)]));
  const recordedEjs = new Map(input.existing.ejs.map((ej) => [ejLineKey(ej.ejNumber, ej.lineNumber), ej]));
  const ledger = new Ledger(input.credits, ejKeyOfId, deferred);
  /** The order year and date of every EJ poste the convention will have (recorded, or engaged by this file). */
  const ejOrder = new Map<string, IsoDate>([...recordedEjs].map(([key, ej]) => [key, ej.orderedOn]));
  const refusedEjs = new Set<string>();
  /** Service fait per poste: recorded, then implied by the DPs accepted from this file. */
  const serviceFaits = new Map<string, ServiceFaitRecord[]>([...recordedEjs].map(([key, ej]) => [key, [...(ej.serviceFaits ?? [])]]));

  // A restitution of one exercice states a poste's AE of that year (otherwise its whole amount); an
  // exercice outside the convention's years says nothing of it and is not used.
  const exercice = input.exercice != null && input.facts.signedOn && Number(input.facts.signedOn.slice(0, 4)) <= input.exercice && input.exercice <= yearOf(input.facts.endsOn) ? input.exercice : null;

  // ── AE: each poste's lines add up; the total is compared with the record.
  const aeCandidates: Candidate[] = [];
  const aeGroups = groupBy(withoutDuplicates(input.aeLines, plan.notes), ({ line }) => ejLineKey(line.ejNumber, line.lineNumber));
  for (const [ejKey, lines] of aeGroups) {
    const fileLine = lines[0]!.fileLine;
    const fileLines = lines.map((l) => l.fileLine);
    const total = sum(lines.map((l) => l.line.amountCents));
    const recorded = recordedEjs.get(ejKey);
    if (!recorded) {
      if (total === 0n) {
        plan.known += lines.length;
        note(fileLine, `${poste(ejKey)} à 0,00 € : rien à engager.`);
        continue;
      }
      if (total < 0n) {
        refusedEjs.add(ejKey);
        reject(fileLine, failure("IMPORT_REDUCTION_OF_UNKNOWN_EJ", { amountCents: -total, ej: poste(ejKey) }));
        continue;
      }
      const orderedOn = minDate(lines.map((l) => l.line.createdOn ?? l.line.modifiedOn))!;
      const year = yearOf(orderedOn);
      aeCandidates.push({
        on: orderedOn,
        fileLine,
        fileLines,
        check: () => firstFailure(operationDate(input.facts, orderedOn, "engagement"), ledger.checkMovement(ejKey, year, total)),
        refused: () => refusedEjs.add(ejKey),
        apply: () => {
          ledger.engage(ejKey, year, total);
          if (deferred) plan.yearEvents.push({ credit: "AE", year, on: orderedOn, fileLine, amountCents: total });
          ejOrder.set(ejKey, orderedOn);
          plan.newEjs.push({ ejKey, fileLine, orderedOn, line: lines[0]!.line });
          plan.newMovements.push({ fileLine, ejKey, kind: "INITIAL", movedOn: orderedOn, amountCents: total });
          plan.totals.aeCents += total;
          say(() => `${poste(ejKey)} : nouvel engagement de ${formatEuros(total)} le ${formatDate(orderedOn)}.`);
        },
      });
      continue;
    }
    const recordedTotal = sum(recorded.movements.filter((m) => exercice === null || yearOf(m.movedOn) === exercice).map((m) => m.amountCents));
    const year = yearOf(recorded.orderedOn);
    const movement = (movedOn: IsoDate, amountCents: Cents, lineOfIt: number, lineSet: number[], before: Cents) =>
      aeCandidates.push({
        on: movedOn,
        fileLine: lineOfIt,
        fileLines: lineSet,
        check: () =>
          firstFailure(
            compareDates(movedOn, recorded.orderedOn) < 0
              ? refuse("IMPORT_MOVEMENT_BEFORE_EJ", { on: movedOn, ej: poste(ejKey), orderedOn: recorded.orderedOn })
              : { ok: true },
            operationDate(input.facts, movedOn, "engagement"),
            ledger.checkMovement(ejKey, year, amountCents),
          ),
        apply: () => {
          ledger.engage(ejKey, year, amountCents);
          if (deferred) plan.yearEvents.push({ credit: "AE", year, on: movedOn, fileLine: lineOfIt, amountCents });
          plan.newMovements.push({ fileLine: lineOfIt, ejKey, kind: amountCents > 0n ? "AUGMENTATION" : "REDUCTION", movedOn, amountCents });
          plan.totals.aeCents += amountCents;
          const word = amountCents > 0n ? "augmentation" : "réduction";
          const of = exercice === null ? "" : ` (AE ${exercice})`;
          say(() => `${poste(ejKey)}${of} : ${formatEuros(before)} → ${formatEuros(before + amountCents)}, ${word} de ${formatEuros(amountCents > 0n ? amountCents : -amountCents)} le ${formatDate(movedOn)}.`);
        },
      });
    if (lines.every((l) => l.line.amountCents < 0n)) {
      // Reductions alone: each applies to the known poste, once (a movement of that date and amount is it).
      const unmatched = [...recorded.movements];
      let before = recordedTotal;
      for (const { fileLine: at, line } of lines) {
        const on = line.modifiedOn ?? line.createdOn!;
        const match = unmatched.findIndex((m) => m.movedOn === on && m.amountCents === line.amountCents);
        if (match >= 0) {
          unmatched.splice(match, 1);
          plan.known += 1;
          continue;
        }
        movement(on, line.amountCents, at, [at], before);
        before += line.amountCents;
      }
      continue;
    }
    const difference = total - recordedTotal;
    if (difference === 0n) {
      plan.known += lines.length;
      continue;
    }
    const changedOn = maxDate(lines.map((l) => l.line.modifiedOn ?? l.line.createdOn))!;
    movement(changedOn, difference, fileLine, fileLines, recordedTotal);
  }
  runInDateOrder(aeCandidates, plan, reject, "AE");

  // ── CP: a DP's items add up, per EJ poste; a DP is known by its number.
  const recordedDps = new Map<string, ExistingDp[]>();
  for (const dp of input.existing.dps) {
    const number = canonicalDpNumber(paymentDpNumber(dp.dpNumber));
    recordedDps.set(number, [...(recordedDps.get(number) ?? []), dp]);
  }
  /** Payments that a negative DP may cancel, per EJ poste (recorded, then accepted from this file). */
  const cancellable = new Map<string, { dpNumber: string; amountCents: Cents; reversed: boolean }[]>();
  for (const dp of input.existing.dps) {
    const key = ejKeyOfId.get(dp.ejId);
    if (key && dp.amountCents > 0n) cancellable.set(key, [...(cancellable.get(key) ?? []), { dpNumber: dp.dpNumber, amountCents: dp.amountCents, reversed: dp.reversed }]);
  }
  const cpCandidates: Candidate[] = [];
  const cpLines = withoutDuplicates(input.cpLines, plan.notes);
  const cpGroups = groupBy(cpLines, ({ line }) => `${line.dpNumber}|${line.ejNumber === null ? "" : ejLineKey(line.ejNumber, line.lineNumber!)}`);
  for (const lines of cpGroups.values()) {
    const { dpNumber, ejNumber, lineNumber } = lines[0]!.line;
    const fileLine = lines[0]!.fileLine;
    const fileLines = lines.map((l) => l.fileLine);
    const total = sum(lines.map((l) => l.line.amountCents));
    const items = groupBy(
      lines.filter((l) => l.line.dpItem !== null),
      (l) => String(l.line.dpItem),
    );
    const twice = [...items.values()].find((same) => same.length > 1);
    if (twice) {
      reject(twice[1]!.fileLine, failure("IMPORT_DP_READ_TWICE", { dpNumber, item: twice[0]!.line.dpItem, firstLine: twice[0]!.fileLine }));
      continue;
    }
    const recorded = recordedDps.get(dpNumber);
    if (ejNumber === null) {
      if (total === 0n) {
        plan.known += lines.length;
        continue;
      }
      reject(fileLine, failure("IMPORT_DP_WITHOUT_EJ", { dpNumber, amountCents: total }));
      continue;
    }
    const ejKey = ejLineKey(ejNumber, lineNumber!);
    if (recorded) {
      const recordedTotal = sum(recorded.map((dp) => dp.amountCents));
      const recordedEj = ejKeyOfId.get(recorded[0]!.ejId);
      if (recordedEj !== ejKey) {
        reject(fileLine, failure("IMPORT_DP_ON_OTHER_EJ", { dpNumber, recordedEj: poste(recordedEj ?? "?/?"), ej: poste(ejKey) }));
      } else if (recordedTotal === total) {
        plan.known += lines.length;
      } else {
        reject(fileLine, failure("IMPORT_DP_AMOUNT_CHANGED", { dpNumber, amountCents: total, recordedCents: recordedTotal }));
      }
      continue;
    }
    if (total === 0n) {
      plan.known += lines.length;
      note(fileLine, `DP ${dpNumber} : ses postes s'annulent (0,00 €), rien à enregistrer.`);
      continue;
    }
    const paidOn = maxDate(lines.map((l) => l.line.paidOn));
    if (!paidOn) {
      reject(fileLine, failure("IMPORT_DP_WITHOUT_DATE", { dpNumber }));
      continue;
    }
    if (refusedEjs.has(ejKey) || !ejOrder.has(ejKey)) {
      reject(fileLine, failure("IMPORT_DP_ON_UNKNOWN_EJ", { dpNumber, ej: poste(ejKey) }));
      continue;
    }
    const orderedOn = ejOrder.get(ejKey)!;
    const year = yearOf(paidOn);
    const stored = total < 0n ? paymentReversalNumber(dpNumber) : dpNumber;
    let target: { dpNumber: string; amountCents: Cents; reversed: boolean } | undefined;
    cpCandidates.push({
      on: paidOn,
      fileLine,
      fileLines,
      check: () => {
        if (compareDates(paidOn, orderedOn) < 0) {
          return refuse("IMPORT_PAYMENT_BEFORE_EJ", { dpNumber, on: paidOn, ej: poste(ejKey), orderedOn });
        }
        if (total < 0n) {
          target = (cancellable.get(ejKey) ?? []).find((dp) => !dp.reversed && dp.amountCents === -total);
          if (!target) return refuse("IMPORT_CANCELLATION_WITHOUT_PAYMENT", { dpNumber, amountCents: -total, ej: poste(ejKey) });
          return ledger.checkPayment(ejKey, year, total);
        }
        return firstFailure(operationDate(input.facts, paidOn, "paiement"), ledger.checkPayment(ejKey, year, total));
      },
      apply: () => {
        if (total > 0n) {
          // The DP implies its service fait: what the poste's service fait by the DP's date leaves uncovered.
          const { engaged, paid } = ledger.ejOf(ejKey);
          const done = serviceDoneBy(serviceFaits.get(ejKey) ?? [], paidOn, engaged);
          const implied = paid + total - done;
          if (implied > 0n) {
            const reference = `DP ${dpNumber}`;
            serviceFaits.set(ejKey, [...(serviceFaits.get(ejKey) ?? []), { doneOn: paidOn, reference, amountCents: implied }]);
            plan.newServiceFaits.push({ fileLine, ejKey, doneOn: paidOn, reference, amountCents: implied });
          }
        }
        ledger.pay(ejKey, year, total);
        if (deferred) plan.yearEvents.push({ credit: "CP", year, on: paidOn, fileLine, amountCents: total });
        if (target) target.reversed = true;
        else cancellable.set(ejKey, [...(cancellable.get(ejKey) ?? []), { dpNumber: stored, amountCents: total, reversed: false }]);
        plan.newPayments.push({ fileLine, ejKey, dpNumber: stored, paidOn, amountCents: total, reversesDpNumber: target?.dpNumber ?? null });
        plan.totals.cpCents += total;
        const cancelled = target?.dpNumber;
        say(() =>
          total > 0n
            ? `DP ${dpNumber} (${poste(ejKey)}) : paiement de ${formatEuros(total)} le ${formatDate(paidOn)}.`
            : `DP ${dpNumber} (${poste(ejKey)}) : annulation de la DP ${cancelled} (${formatEuros(-total)}) le ${formatDate(paidOn)}.`,
        );
        const implied = plan.newServiceFaits.at(-1);
        if (total > 0n && implied?.reference === `DP ${dpNumber}` && implied.ejKey === ejKey) {
          const impliedCents = implied.amountCents;
          say(() => `DP ${dpNumber} (${poste(ejKey)}) : service fait de ${formatEuros(impliedCents)} constaté le ${formatDate(paidOn)}, impliqué par la DP.`);
        }
      },
    });
  }
  runInDateOrder(cpCandidates, plan, reject, "CP");
  plan.rejected.sort((a, b) => a.lineNumber - b.lineNumber);
  plan.notes.sort((a, b) => a.lineNumber - b.lineNumber);
  return plan;
}

/** checkOperationDate of the convention's life, once per date (a file's lines share a few hundred dates). */
const operationDates = new WeakMap<ConventionFacts, Map<string, Check>>();
function operationDate(facts: ConventionFacts, on: IsoDate, what: "engagement" | "paiement"): Check {
  let known = operationDates.get(facts);
  if (!known) operationDates.set(facts, (known = new Map()));
  const key = `${what}${on}`;
  let check = known.get(key);
  if (!check) known.set(key, (check = checkOperationDate(facts, on, what)));
  return check;
}

function firstFailure(...checks: Check<FailureCode>[]): Check<FailureCode> {
  return checks.find((c) => !c.ok) ?? { ok: true };
}

/** Checks and applies the candidates by date (then file order), so each ceiling counts what came before it. */
function runInDateOrder(candidates: Candidate[], plan: ImportPlan, reject: (fileLine: number, refusal: Failure) => void, credit: "AE" | "CP") {
  candidates.sort((a, b) => compareDates(a.on, b.on) || a.fileLine - b.fileLine);
  for (const candidate of candidates) {
    const check = candidate.check();
    if (!check.ok) {
      reject(candidate.fileLine, failureIn(check));
      candidate.refused?.();
      continue;
    }
    candidate.apply();
    while (plan.changeKeys.length < plan.changes.length + plan.changeTexts.length) plan.changeKeys.push({ credit, on: candidate.on, fileLine: candidate.fileLine });
    plan.applied += candidate.fileLines.length;
  }
}

/** What a plan counts: its lists, or their lengths (the streamed import keeps counts, not every line). */
type Counted = readonly unknown[] | number;
const count = (c: Counted) => (typeof c === "number" ? c : c.length);

/** One French sentence for the preview. */
export function describePlan(plan: { newEjs: Counted; newMovements: Counted; newPayments: Counted; known: number; rejected: Counted; totals: ImportPlan["totals"] }): string {
  const s = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  const parts = [
    s(count(plan.newEjs), "EJ nouveau", "EJ nouveaux"),
    `${s(count(plan.newMovements), "mouvement", "mouvements")} d'AE (${formatEuros(plan.totals.aeCents)})`,
    `${s(count(plan.newPayments), "demande", "demandes")} de paiement (${formatEuros(plan.totals.cpCents)})`,
    s(plan.known, "ligne déjà connue", "lignes déjà connues"),
    s(count(plan.rejected), "refusée", "refusées"),
  ];
  return `${parts.join(", ")}.`;
}
