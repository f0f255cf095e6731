// Ceilings of the convention's money (article 4), the single source that every screen and every write
// uses: AE engaged ≤ AE made available ≤ AE allocated; CP paid ≤ CP made available; what is paid on an EJ
// ≤ what that EJ engaged. Amounts are bigint cents; every refusal names, in French, what is left.
import { conventionState, isRunning, type ConventionFacts } from "./convention-state";
import { compareDates, formatDate, type IsoDate } from "./dates";
import { failure, refuse, type Failure, type FailureCode, type FailureParams, type Refused } from "./failures";
import { formatEuros, type Cents } from "./money";
import {
  allocationOf,
  applyAvenant,
  CREDIT_TYPES,
  FULL_SHARE_BP,
  sortAvenants,
  termsInForce,
  tranchesOf,
  type AvenantRecord,
  type CreditType,
  type OriginalTerms,
  type Terms,
} from "./terms";

export interface ReleasedAmount {
  year: number;
  creditType: CreditType;
  rank?: number;
  amountCents: Cents;
}

/** A signed amount on one EJ for a year: AE movements (reductions negative) or CP payments (reversals negative). */
export interface EjAmount {
  /** Null for a sum over several EJs (a portfolio loads money per year only): counted in the years, not in `ejs`. */
  ejId: string | null;
  /** AE: year of the EJ's order. CP: year of the payment (CP of year N pay what is paid in year N). */
  year: number;
  amountCents: Cents;
}

export interface MoneyFacts {
  terms: Pick<Terms, "credits">;
  /** Release records (amounts actually made available). */
  releases: readonly ReleasedAmount[];
  /** AE movements, or their sums per EJ: both add up the same. */
  engaged: readonly EjAmount[];
  /** CP payments, or their sums per EJ. */
  paid: readonly EjAmount[];
}

export interface AeLine {
  allocated: Cents;
  madeAvailable: Cents;
  /** Allocated but not yet released by DINUM. */
  toMakeAvailable: Cents;
  engaged: Cents;
  /** Made available − engaged (negative only if recorded data already broke the ceiling). */
  leftToEngage: Cents;
}

export interface CpLine {
  allocated: Cents;
  madeAvailable: Cents;
  toMakeAvailable: Cents;
  paid: Cents;
  /** Made available − paid. */
  leftToPay: Cents;
}

export interface YearCredits {
  year: number;
  ae: AeLine;
  cp: CpLine;
}

export interface EjCredits {
  ejId: string;
  /** AE engaged on the EJ (sum of its movements). */
  engaged: Cents;
  /** CP paid on it (sum of its payments, reversals included). */
  paid: Cents;
  /** What may still be paid on it. */
  leftToPay: Cents;
}

export interface CreditSummary {
  years: YearCredits[];
  total: { ae: AeLine; cp: CpLine };
  ejs: EjCredits[];
}

const total = (values: readonly { amountCents: Cents }[]) => values.reduce((acc, v) => acc + v.amountCents, 0n);

function aeLine(allocated: Cents, madeAvailable: Cents, engaged: Cents): AeLine {
  return { allocated, madeAvailable, toMakeAvailable: allocated - madeAvailable, engaged, leftToEngage: madeAvailable - engaged };
}

function cpLine(allocated: Cents, madeAvailable: Cents, paid: Cents): CpLine {
  return { allocated, madeAvailable, toMakeAvailable: allocated - madeAvailable, paid, leftToPay: madeAvailable - paid };
}

/** Allocated / made available / engaged / paid / left, per year, in total, and per EJ. */
export function creditSummary(facts: MoneyFacts): CreditSummary {
  const years = [
    ...new Set([...facts.terms.credits.map((c) => c.year), ...facts.releases.map((r) => r.year), ...facts.engaged.map((e) => e.year), ...facts.paid.map((p) => p.year)]),
  ].sort((a, b) => a - b);
  const released = (year: number, type: CreditType) => total(facts.releases.filter((r) => r.year === year && r.creditType === type));
  const lines = years.map((year) => ({
    year,
    ae: aeLine(allocationOf(facts.terms, year, "AE"), released(year, "AE"), total(facts.engaged.filter((e) => e.year === year))),
    cp: cpLine(allocationOf(facts.terms, year, "CP"), released(year, "CP"), total(facts.paid.filter((p) => p.year === year))),
  }));
  const sumOf = (pick: (y: YearCredits) => Cents) => lines.reduce((acc, y) => acc + pick(y), 0n);
  const ejIds = [...new Set([...facts.engaged, ...facts.paid].flatMap((e) => (e.ejId === null ? [] : [e.ejId])))].sort();
  const ejs = ejIds.map((ejId) => {
    const engaged = total(facts.engaged.filter((e) => e.ejId === ejId));
    const paid = total(facts.paid.filter((p) => p.ejId === ejId));
    return { ejId, engaged, paid, leftToPay: engaged - paid };
  });
  return {
    years: lines,
    total: {
      ae: aeLine(sumOf((y) => y.ae.allocated), sumOf((y) => y.ae.madeAvailable), sumOf((y) => y.ae.engaged)),
      cp: cpLine(sumOf((y) => y.cp.allocated), sumOf((y) => y.cp.madeAvailable), sumOf((y) => y.cp.paid)),
    },
    ejs,
  };
}

/** The line of a year, zeros if the convention has nothing for it. */
export function yearCredits(summary: CreditSummary, year: number): YearCredits {
  return summary.years.find((y) => y.year === year) ?? { year, ae: aeLine(0n, 0n, 0n), cp: cpLine(0n, 0n, 0n) };
}

export function ejCredits(summary: CreditSummary, ejId: string): EjCredits {
  return summary.ejs.find((e) => e.ejId === ejId) ?? { ejId, engaged: 0n, paid: 0n, leftToPay: 0n };
}

// ───────────────────────────── Checks ─────────────────────────────

/** The catalogue's codes (src/domain/failures.ts) an expenditure check refuses with. */
export type CreditRefusalCode =
  | "AMOUNT_INVALID"
  | "AE_ALLOCATION_EXCEEDED"
  | "AE_NOT_AVAILABLE"
  | "CP_NOT_AVAILABLE"
  | "EJ_AE_EXCEEDED"
  | "EJ_BELOW_PAID"
  | "EJ_BELOW_ZERO"
  | "REVERSAL_EXCEEDS_PAID"
  | "OUTSIDE_CONVENTION_LIFE"
  | "FUTURE_DATE"
  | "BEFORE_EJ"
  | "REVERSAL_NOT_REVERSIBLE"
  | "ALREADY_REVERSED"
  | "CANCELLATION_NOT_CANCELLABLE"
  | "ALREADY_CANCELLED";

/** A check's answer: fine, or refused with a coded failure of the catalogue (its words: `messageOf`). */
export type Check<Code extends FailureCode = CreditRefusalCode> = { ok: true } | Refused<Code>;

const max0 = (v: Cents) => (v > 0n ? v : 0n);
const min = (a: Cents, b: Cents) => (a < b ? a : b);

/** A new EJ, or an increase of one: engaged + amount ≤ AE made available, and ≤ AE allocated. */
export function checkEngagement(summary: CreditSummary, engagement: { year: number; amountCents: Cents }): Check {
  const { year, amountCents } = engagement;
  if (amountCents <= 0n) return refuse("AMOUNT_INVALID", { of: "engagement" });
  const ae = yearCredits(summary, year).ae;
  const after = ae.engaged + amountCents;
  if (ae.allocated <= 0n || after > ae.allocated) {
    const leftCents = max0(ae.allocated - ae.engaged);
    return refuse("AE_ALLOCATION_EXCEEDED", { year, allocatedCents: ae.allocated, leftCents, askedCents: amountCents, missingCents: after - ae.allocated });
  }
  if (after > ae.madeAvailable) {
    return refuse("AE_NOT_AVAILABLE", { year, leftCents: max0(ae.leftToEngage), askedCents: amountCents, missingCents: after - ae.madeAvailable, toReleaseCents: ae.toMakeAvailable });
  }
  return { ok: true };
}

/** A reduction of an EJ (`amountCents` > 0 is how much less): its total may not go below what was paid on it. */
export function checkReduction(summary: CreditSummary, reduction: { ejId: string; amountCents: Cents }): Check {
  if (reduction.amountCents <= 0n) return refuse("AMOUNT_INVALID", { of: "reduction" });
  const ej = ejCredits(summary, reduction.ejId);
  const after = ej.engaged - reduction.amountCents;
  const maxReduction = max0(ej.engaged - max0(ej.paid));
  if (after < 0n) return refuse("EJ_BELOW_ZERO", { engagedCents: ej.engaged, maxReductionCents: maxReduction });
  if (after < ej.paid) return refuse("EJ_BELOW_PAID", { afterCents: after, paidCents: ej.paid, maxReductionCents: maxReduction });
  return { ok: true };
}

/**
 * Any AE movement as stored (signed): a positive one (initial, increase, reversal of a reduction) is an
 * engagement; a negative one (reduction, reversal of an increase) is a reduction.
 */
export function checkEjMovement(summary: CreditSummary, movement: { ejId: string; year: number; amountCents: Cents }): Check {
  if (movement.amountCents === 0n) return refuse("AMOUNT_INVALID", { of: "movement" });
  return movement.amountCents > 0n
    ? checkEngagement(summary, movement)
    : checkReduction(summary, { ejId: movement.ejId, amountCents: -movement.amountCents });
}

/**
 * A payment request (`amountCents` > 0): paid + amount ≤ CP made available for the year, and the EJ's paid
 * + amount ≤ the EJ's AE. A reversal (`amountCents` < 0) may not exceed what was paid on the EJ.
 */
export function checkPayment(summary: CreditSummary, payment: { ejId: string; year: number; amountCents: Cents }): Check {
  const { ejId, year, amountCents } = payment;
  if (amountCents === 0n) return refuse("AMOUNT_INVALID", { of: "payment" });
  const ej = ejCredits(summary, ejId);
  if (amountCents < 0n) {
    if (ej.paid + amountCents < 0n) return refuse("REVERSAL_EXCEEDS_PAID", { paidCents: max0(ej.paid) });
    return { ok: true };
  }
  if (ej.paid + amountCents > ej.engaged) {
    return refuse("EJ_AE_EXCEEDED", { leftCents: max0(ej.leftToPay), engagedCents: ej.engaged, paidCents: ej.paid, askedCents: amountCents });
  }
  const cp = yearCredits(summary, year).cp;
  if (cp.paid + amountCents > cp.madeAvailable) {
    return refuse("CP_NOT_AVAILABLE", { year, leftCents: max0(cp.leftToPay), askedCents: amountCents, missingCents: cp.paid + amountCents - cp.madeAvailable, toReleaseCents: cp.toMakeAvailable });
  }
  return { ok: true };
}

/**
 * Expenditure is dated within the convention's life (article 6: it covers the engagement and the payment
 * of the expenditure): from signature to end, not during a suspension, not after a termination.
 */
export function checkOperationDate(facts: ConventionFacts, on: IsoDate, what: "engagement" | "paiement"): Check {
  const state = conventionState(facts, on);
  if (state === "EN_VIGUEUR") return { ok: true };
  return refuse("OUTSIDE_CONVENTION_LIFE", { of: what, on, state, signedOn: facts.signedOn, endsOn: facts.endsOn });
}

/** Dates of expenditure are not in the future: Chorus records what happened. */
export function checkNotInFuture(on: IsoDate, today: IsoDate): Check {
  return compareDates(on, today) > 0 ? refuse("FUTURE_DATE", { on }) : { ok: true };
}

/** Nothing is dated before the EJ it belongs to (a later movement, a service fait, a payment). */
export function checkMovementDate(on: IsoDate, ejOrderedOn: IsoDate, what: "movement" | "serviceFait" | "payment"): Check {
  return compareDates(on, ejOrderedOn) < 0 ? refuse("BEFORE_EJ", { of: what, ejOrderedOn }) : { ok: true };
}

/** A mistaken AE line is corrected once, by its opposite; a correction itself is not corrected. */
export function checkMovementReversal(line: { kind: string; reversedOn: IsoDate | null }): Check {
  if (line.kind === "CONTRE_PASSATION") return refuse("REVERSAL_NOT_REVERSIBLE");
  if (line.reversedOn) return refuse("ALREADY_REVERSED", { on: line.reversedOn });
  return { ok: true };
}

/** A mistaken payment line is cancelled once, by its opposite; a cancellation itself is not cancelled. */
export function checkPaymentReversal(payment: { dpNumber: string; isReversal: boolean; alreadyReversed: boolean }): Check {
  if (payment.isReversal) return refuse("CANCELLATION_NOT_CANCELLABLE");
  if (payment.alreadyReversed) return refuse("ALREADY_CANCELLED", { dpNumber: payment.dpNumber });
  return { ok: true };
}

/** The number a cancelling line is recorded under: its DP's, marked ("ANNUL-1000234501"). */
export function paymentReversalNumber(dpNumber: string): string {
  return `ANNUL-${dpNumber}`;
}

/** The DP number a recorded line stands for ("ANNUL-1000234501" cancels within DP 1000234501). */
export function paymentDpNumber(storedNumber: string): string {
  return storedNumber.replace(/^ANNUL-/, "");
}

// ───────────────────────────── Service fait ─────────────────────────────
// Public accounting: nothing is paid before the service is done. On an EJ, what is paid by a date never
// exceeds the service fait constaté by that date, the service fait never exceeds the EJ's AE, and neither
// a service fait nor a payment precedes the EJ. These checks answer coded failures (src/domain/failures.ts).

/** A service fait as recorded: its amount, or null for a record kept from before amounts were required. */
export interface ServiceFaitRecord {
  doneOn: IsoDate;
  reference: string;
  amountCents: Cents | null;
}

/**
 * The service fait constaté on an EJ by `on` (inclusive). A record without an amount (typed in before the
 * amount was required) certifies the whole EJ: it counts as `engagedCents`.
 */
export function serviceDoneBy(serviceFaits: readonly ServiceFaitRecord[], on: IsoDate, engagedCents: Cents): Cents {
  const done = serviceFaits.filter((s) => compareDates(s.doneOn, on) <= 0);
  if (done.some((s) => s.amountCents === null)) return engagedCents;
  return done.reduce((acc, s) => acc + (s.amountCents ?? 0n), 0n);
}

export interface ServiceFaitCandidate {
  /** "EJ 1300456781 poste 1". */
  ej: string;
  orderedOn: IsoDate;
  engagedCents: Cents;
  serviceFaits: readonly ServiceFaitRecord[];
  doneOn: IsoDate;
  reference: string;
  amountCents: Cents;
}

/** A new service fait on an EJ: not before the EJ, not a reference already recorded, not beyond the EJ's AE. */
export function checkServiceFait(c: ServiceFaitCandidate): Failure | null {
  if (compareDates(c.doneOn, c.orderedOn) < 0) return failure("SERVICE_FAIT_BEFORE_EJ", { ej: c.ej, on: c.doneOn, orderedOn: c.orderedOn }, "doneOn");
  const same = c.serviceFaits.find((s) => s.reference.trim().toLowerCase() === c.reference.trim().toLowerCase());
  if (same) {
    const amount = same.amountCents === null ? "" : `, ${formatEuros(same.amountCents)}`;
    return failure("DUPLICATE", { what: `le service fait « ${same.reference} » de l'${c.ej} (constaté le ${formatDate(same.doneOn)}${amount})` }, "reference");
  }
  const done = serviceDoneBy(c.serviceFaits, "9999-12-31", c.engagedCents);
  if (done + c.amountCents > c.engagedCents) {
    return failure("SERVICE_FAIT_BEYOND_EJ", { ej: c.ej, engagedCents: c.engagedCents, doneCents: done, amountCents: c.amountCents }, "amount");
  }
  return null;
}

/** A service fait is dated within the convention's life, like the payment it allows (article 6). */
export function checkServiceFaitDate(facts: ConventionFacts, on: IsoDate): Failure | null {
  const state = conventionState(facts, on);
  if (state === "EN_VIGUEUR") return null;
  return failure("SERVICE_FAIT_OUTSIDE_CONVENTION_LIFE", { on, state, signedOn: facts.signedOn ?? null, endsOn: facts.endsOn }, "doneOn");
}

export interface PaymentCandidate {
  ej: string;
  orderedOn: IsoDate;
  engagedCents: Cents;
  /** What is paid on the EJ so far (reversals included). */
  paidCents: Cents;
  serviceFaits: readonly ServiceFaitRecord[];
  paidOn: IsoDate;
  amountCents: Cents;
}

/**
 * A new payment (amount > 0) on an EJ: not before the EJ, and covered by the service fait constaté by its date
 * (what is paid on the EJ, this payment included, ≤ the service fait by then). A cancellation is not checked here.
 */
export function checkPaymentServiceFait(c: PaymentCandidate): Failure | null {
  if (compareDates(c.paidOn, c.orderedOn) < 0) return failure("PAYMENT_BEFORE_EJ", { ej: c.ej, on: c.paidOn, orderedOn: c.orderedOn }, "paidOn");
  if (c.amountCents <= 0n) return null;
  const done = serviceDoneBy(c.serviceFaits, c.paidOn, c.engagedCents);
  const after = max0(c.paidCents) + c.amountCents;
  if (after > done) {
    return failure("SERVICE_FAIT_MISSING", { ej: c.ej, on: c.paidOn, doneCents: done, paidCents: max0(c.paidCents), amountCents: c.amountCents, missingCents: after - done }, "amount");
  }
  return null;
}

export interface CreditShortfall {
  /** What is missing for the wanted amount (0: nothing is missing). */
  missingCents: Cents;
  /** Part of what is missing that DINUM can still make available by releasing tranches. */
  coverableByReleaseCents: Cents;
  /** Part that only an avenant raising the allocation can cover. */
  needsAvenantCents: Cents;
  /** French, for the notice to the délégant; empty when nothing is missing. */
  message: string;
}

/** How much is missing to engage (AE) or pay (CP) `wantedCents` in `year`, and what could cover it. */
export function creditShortfall(summary: CreditSummary, creditType: CreditType, year: number, wantedCents: Cents): CreditShortfall {
  const y = yearCredits(summary, year);
  const line = creditType === "AE" ? y.ae : y.cp;
  const used = creditType === "AE" ? y.ae.engaged : y.cp.paid;
  const left = max0(min(line.madeAvailable, line.allocated) - used);
  const missingCents = max0(wantedCents - left);
  const headroom = max0(line.allocated - max0(line.madeAvailable));
  const coverableByReleaseCents = min(missingCents, headroom);
  const needsAvenantCents = missingCents - coverableByReleaseCents;
  if (missingCents === 0n) return { missingCents, coverableByReleaseCents, needsAvenantCents, message: "" };
  const what = creditType === "AE" ? `Reste à engager (AE ${year})` : `Reste à payer (CP ${year})`;
  const parts = [`Il manque ${formatEuros(missingCents)} : ${what} : ${formatEuros(left)}, besoin : ${formatEuros(wantedCents)}.`];
  if (coverableByReleaseCents > 0n) parts.push(`${formatEuros(coverableByReleaseCents)} peuvent venir du déblocage des tranches restantes.`);
  if (needsAvenantCents > 0n) parts.push(`${formatEuros(needsAvenantCents)} exigent un avenant augmentant la dotation ; à défaut, le délégataire suspend l'exécution de la délégation.`);
  return { missingCents, coverableByReleaseCents, needsAvenantCents, message: parts.join(" ") };
}

// ───────────────────────────── Avenants ─────────────────────────────

/** The catalogue's codes (src/domain/failures.ts) an avenant is refused with. */
export type AvenantRefusalCode =
  | "AVENANT_NUMBER_TAKEN"
  | "AVENANT_SIGNED_IN_FUTURE"
  | "AVENANT_BEFORE_CONVENTION"
  | "AVENANT_AFTER_CONVENTION"
  | "AVENANT_END_BEFORE_SIGNATURE"
  | "AVENANT_REVIEW_BEFORE_SIGNATURE"
  | "ALLOCATION_BELOW_ENGAGED"
  | "ALLOCATION_BELOW_PAID"
  | "ALLOCATION_BELOW_RELEASED"
  | "TRANCHES_WITHOUT_CREDITS"
  | "CREDITS_WITHOUT_TRANCHES"
  | "TRANCHE_SHARES_NOT_FULL"
  | "TRANCHE_NEEDED"
  | "RELEASED_TRANCHE_REMOVED";

export type AvenantRefusal = Failure<AvenantRefusalCode>;

export interface AvenantCheckInput {
  original: OriginalTerms;
  /** The avenants already recorded. */
  avenants: readonly AvenantRecord[];
  candidate: AvenantRecord;
  /**
   * The convention's life, for the candidate's signature date (its endsOn is ignored: the end date in force
   * comes from the terms).
   */
  facts: Omit<ConventionFacts, "endsOn">;
  money: Omit<MoneyFacts, "terms">;
}

/** Refused: the first failure's code and parameters, and every failure found (`refusals`). */
export type AvenantCheck = { ok: true; terms: Terms } | (Refused<AvenantRefusalCode> & { refusals: AvenantRefusal[] });

/**
 * Whether an avenant may be recorded: signed during the convention's life, not in the future, and leaving
 * every ceiling and every year's tranches sound. On success, the terms once every avenant applies.
 */
export function checkAvenant(input: AvenantCheckInput, today: IsoDate): AvenantCheck {
  const { original, avenants, candidate, facts, money } = input;
  const refusals: AvenantRefusal[] = [];
  const no = <C extends AvenantRefusalCode>(code: C, params: FailureParams<C>) => refusals.push({ code, params } as AvenantRefusal);

  if (avenants.some((a) => a.number === candidate.number)) no("AVENANT_NUMBER_TAKEN", { number: candidate.number });

  const signedOn = candidate.signedOn;
  const before = termsInForce(original, avenants, signedOn);
  if (compareDates(signedOn, today) > 0) {
    no("AVENANT_SIGNED_IN_FUTURE", { signedOn });
  } else {
    const state = conventionState({ ...facts, endsOn: before.endsOn }, signedOn);
    if (state === "BROUILLON") {
      no("AVENANT_BEFORE_CONVENTION", { conventionSignedOn: facts.signedOn });
    } else if (!isRunning(state)) {
      no("AVENANT_AFTER_CONVENTION", { signedOn });
    }
  }

  const after = sortAvenants([...avenants.filter((a) => a.number !== candidate.number), candidate]).reduce(
    (terms, a) => applyAvenant(terms, a.changes),
    applyAvenant(original, {}),
  );
  const changes = candidate.changes;

  if (changes.endsOn !== undefined) {
    const floor = facts.signedOn && compareDates(facts.signedOn, signedOn) > 0 ? facts.signedOn : signedOn;
    if (compareDates(changes.endsOn, floor) < 0) {
      no("AVENANT_END_BEFORE_SIGNATURE", { endsOn: changes.endsOn, signedOn });
    }
  }
  if (changes.midTermReviewDueOn !== undefined && facts.signedOn && compareDates(changes.midTermReviewDueOn, facts.signedOn) < 0) {
    no("AVENANT_REVIEW_BEFORE_SIGNATURE", { reviewOn: changes.midTermReviewDueOn, conventionSignedOn: facts.signedOn });
  }

  const summary = creditSummary({ terms: after, ...money });
  for (const change of changes.credits ?? []) {
    const y = yearCredits(summary, change.year);
    if (change.aeCents !== undefined) {
      if (change.aeCents < y.ae.engaged) {
        no("ALLOCATION_BELOW_ENGAGED", { year: change.year, newCents: change.aeCents, engagedCents: y.ae.engaged });
      }
      if (change.aeCents < y.ae.madeAvailable) {
        no("ALLOCATION_BELOW_RELEASED", { creditType: "AE", year: change.year, newCents: change.aeCents, releasedCents: y.ae.madeAvailable });
      }
    }
    if (change.cpCents !== undefined) {
      if (change.cpCents < y.cp.paid) {
        no("ALLOCATION_BELOW_PAID", { year: change.year, newCents: change.cpCents, paidCents: y.cp.paid });
      }
      if (change.cpCents < y.cp.madeAvailable) {
        no("ALLOCATION_BELOW_RELEASED", { creditType: "CP", year: change.year, newCents: change.cpCents, releasedCents: y.cp.madeAvailable });
      }
    }
  }

  // Shares are checked where the avenant touches them: untouched years were sound before it.
  const touched = new Set<string>();
  for (const c of changes.credits ?? []) for (const type of CREDIT_TYPES) touched.add(`${c.year}|${type}`);
  for (const t of changes.tranches ?? []) touched.add(`${t.year}|${t.creditType}`);
  for (const key of touched) {
    const [yearText, type] = key.split("|") as [string, CreditType];
    const year = Number(yearText);
    const hasCredits = after.credits.some((c) => c.year === year);
    const group = tranchesOf(after, year, type);
    if (!hasCredits) {
      if (group.length > 0) no("TRANCHES_WITHOUT_CREDITS", { creditType: type, year });
      continue;
    }
    if (allocationOf(after, year, type) === 0n && group.length === 0) continue;
    const sum = group.reduce((acc, t) => acc + t.shareBasisPoints, 0);
    if (group.length === 0) {
      no("CREDITS_WITHOUT_TRANCHES", { creditType: type, year });
    } else if (sum !== FULL_SHARE_BP) {
      no("TRANCHE_SHARES_NOT_FULL", { creditType: type, year, sumBasisPoints: sum });
    }
  }
  for (const key of touched) {
    const [yearText, type] = key.split("|") as [string, CreditType];
    const year = Number(yearText);
    const group = tranchesOf(after, year, type);
    const releasedRanks = new Set(money.releases.filter((r) => r.year === year && r.creditType === type).map((r) => r.rank));
    const released = total(money.releases.filter((r) => r.year === year && r.creditType === type));
    const allocation = allocationOf(after, year, type);
    if (group.length > 0 && group.every((t) => releasedRanks.has(t.rank)) && allocation > released) {
      no("TRANCHE_NEEDED", { creditType: type, year, extraCents: allocation - released });
    }
  }
  for (const r of money.releases) {
    if (r.rank === undefined) continue;
    const stillThere = after.tranches.some((t) => t.year === r.year && t.creditType === r.creditType && t.rank === r.rank);
    if (!stillThere) no("RELEASED_TRANCHE_REMOVED", { rank: r.rank, creditType: r.creditType, year: r.year });
  }

  const first = refusals[0];
  if (first) return { ok: false, ...first, refusals };
  return { ok: true, terms: after };
}

/**
 * When an avenant raises the allocation of a year and credit type whose tranches were all released, the
 * increase needs a tranche of its own: one more, due at the avenant's signature, worth the increase (the last
 * unreleased tranche takes what is left of the allocation). The year's shares are rewritten from the amounts
 * against the new allocation (released tranches keep their amounts), so that they still add up to 100 %.
 */
export function complementaryTranches(
  terms: Pick<Terms, "credits" | "tranches">,
  releases: readonly ReleasedAmount[],
  credits: readonly { year: number; aeCents?: Cents; cpCents?: Cents }[],
): { year: number; creditType: CreditType; shares: { rank: number; shareBasisPoints: number; trigger: "SIGNATURE" | "MID_TERM_REVIEW" }[] }[] {
  const changes = [];
  for (const change of credits) {
    for (const creditType of CREDIT_TYPES) {
      const allocation = creditType === "AE" ? change.aeCents : change.cpCents;
      if (allocation === undefined) continue;
      const group = tranchesOf(terms, change.year, creditType);
      const ofGroup = releases.filter((r) => r.year === change.year && r.creditType === creditType);
      const releasedOf = (rank: number) => ofGroup.find((r) => r.rank === rank);
      const released = total(ofGroup);
      if (group.length === 0 || !group.every((t) => releasedOf(t.rank)) || allocation <= released) continue;
      const shares = group.map((t) => ({
        rank: t.rank,
        shareBasisPoints: Number((releasedOf(t.rank)!.amountCents * BigInt(FULL_SHARE_BP)) / allocation),
        trigger: t.trigger,
      }));
      // A share rounds down, so the new tranche gets at least one basis point; a released share of 0 cannot be stored.
      if (shares.some((s) => s.shareBasisPoints < 1)) continue;
      const rank = Math.max(...group.map((t) => t.rank)) + 1;
      const rest = FULL_SHARE_BP - shares.reduce((acc, s) => acc + s.shareBasisPoints, 0);
      changes.push({ year: change.year, creditType, shares: [...shares, { rank, shareBasisPoints: rest, trigger: "SIGNATURE" as const }] });
    }
  }
  return changes;
}
