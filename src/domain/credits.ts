// Ceilings of the convention's money (article 4), the single source that every screen and every write
// uses: AE engaged ≤ AE made available ≤ AE allocated; CP paid ≤ CP made available; what is paid on an EJ
// ≤ what that EJ engaged. Amounts are bigint cents; every refusal names, in French, what is left.
import { conventionState, isRunning, type ConventionFacts } from "./convention-state";
import { compareDates, formatDate, type IsoDate } from "./dates";
import { formatEuros, type Cents } from "./money";
import {
  allocationOf,
  applyAvenant,
  CREDIT_TYPES,
  FULL_SHARE_BP,
  formatShare,
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

export type CreditRefusalCode =
  /** Zero or negative where a positive amount is expected. */
  | "MONTANT_INVALIDE"
  /** The engagement would exceed the AE allocated for the year (only an avenant can help). */
  | "DOTATION_DEPASSEE"
  /** The engagement would exceed the AE made available (a release, or an avenant, can help). */
  | "AE_INSUFFISANTES"
  /** The payment would exceed the CP made available for the year. */
  | "CP_INSUFFISANTS"
  /** The payment would exceed what its EJ engaged. */
  | "EJ_DEPASSE"
  /** The reduction would bring the EJ below what was already paid on it. */
  | "SOUS_LE_PAYE"
  /** The reduction exceeds the EJ's amount. */
  | "EJ_NEGATIF"
  /** The payment reversal exceeds what was paid on the EJ. */
  | "ANNULATION_EXCESSIVE"
  /** The operation's date is outside the convention's life (unsigned, suspended, ended). */
  | "HORS_PERIODE"
  /** A date of expenditure after today: Chorus records what happened. */
  | "DATE_FUTURE"
  /** A line dated before the EJ it belongs to. */
  | "AVANT_EJ"
  /** A correction that cannot be corrected (a reversal, or a line already reversed). */
  | "DEJA_CORRIGE";

export type Check<Code extends string = CreditRefusalCode> = { ok: true } | { ok: false; code: Code; message: string };

const refuse = <Code extends string>(code: Code, message: string): Check<Code> => ({ ok: false, code, message });
const max0 = (v: Cents) => (v > 0n ? v : 0n);
const min = (a: Cents, b: Cents) => (a < b ? a : b);

/** A new EJ, or an increase of one: engaged + amount ≤ AE made available, and ≤ AE allocated. */
export function checkEngagement(summary: CreditSummary, engagement: { year: number; amountCents: Cents }): Check {
  const { year, amountCents } = engagement;
  if (amountCents <= 0n) return refuse("MONTANT_INVALIDE", "Le montant d'un engagement doit être strictement positif.");
  const ae = yearCredits(summary, year).ae;
  const after = ae.engaged + amountCents;
  if (ae.allocated <= 0n) {
    return refuse("DOTATION_DEPASSEE", `Engagement refusé : aucune AE n'est allouée pour ${year}. Seul un avenant peut en ouvrir.`);
  }
  if (after > ae.allocated) {
    const left = max0(ae.allocated - ae.engaged);
    return refuse(
      "DOTATION_DEPASSEE",
      `Engagement refusé : il dépasserait la dotation AE ${year} (${formatEuros(ae.allocated)}). Reste à engager sur la dotation : ${formatEuros(left)} ` +
        `(demandé : ${formatEuros(amountCents)}, manque : ${formatEuros(after - ae.allocated)}). Informez le délégant sans délai de l'insuffisance des crédits ; seul un avenant peut augmenter la dotation.`,
    );
  }
  if (after > ae.madeAvailable) {
    const hint =
      ae.toMakeAvailable > 0n
        ? ` ${formatEuros(ae.toMakeAvailable)} d'AE ${year} restent à débloquer par la DINUM.`
        : " Informez le délégant sans délai de l'insuffisance des crédits.";
    return refuse(
      "AE_INSUFFISANTES",
      `Engagement refusé : il dépasse les AE mises à disposition pour ${year}. Reste à engager : ${formatEuros(max0(ae.leftToEngage))} ` +
        `(demandé : ${formatEuros(amountCents)}, manque : ${formatEuros(after - ae.madeAvailable)}).${hint}`,
    );
  }
  return { ok: true };
}

/** A reduction of an EJ (`amountCents` > 0 is how much less): its total may not go below what was paid on it. */
export function checkReduction(summary: CreditSummary, reduction: { ejId: string; amountCents: Cents }): Check {
  if (reduction.amountCents <= 0n) return refuse("MONTANT_INVALIDE", "Le montant d'une réduction doit être strictement positif.");
  const ej = ejCredits(summary, reduction.ejId);
  const after = ej.engaged - reduction.amountCents;
  const maxReduction = max0(ej.engaged - max0(ej.paid));
  if (after < 0n) {
    return refuse(
      "EJ_NEGATIF",
      `Réduction refusée : elle dépasse le montant de l'EJ (${formatEuros(ej.engaged)}). Réduction maximale : ${formatEuros(maxReduction)}.`,
    );
  }
  if (after < ej.paid) {
    return refuse(
      "SOUS_LE_PAYE",
      `Réduction refusée : l'EJ descendrait à ${formatEuros(after)}, sous les ${formatEuros(ej.paid)} déjà payés dessus. Réduction maximale : ${formatEuros(maxReduction)}.`,
    );
  }
  return { ok: true };
}

/**
 * Any AE movement as stored (signed): a positive one (initial, increase, reversal of a reduction) is an
 * engagement; a negative one (reduction, reversal of an increase) is a reduction.
 */
export function checkEjMovement(summary: CreditSummary, movement: { ejId: string; year: number; amountCents: Cents }): Check {
  if (movement.amountCents === 0n) return refuse("MONTANT_INVALIDE", "Un mouvement d'EJ a un montant non nul.");
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
  if (amountCents === 0n) return refuse("MONTANT_INVALIDE", "Le montant d'un paiement est non nul.");
  const ej = ejCredits(summary, ejId);
  if (amountCents < 0n) {
    if (ej.paid + amountCents < 0n) {
      return refuse("ANNULATION_EXCESSIVE", `Annulation refusée : elle dépasse ce qui a été payé sur cet EJ (${formatEuros(max0(ej.paid))}).`);
    }
    return { ok: true };
  }
  if (ej.paid + amountCents > ej.engaged) {
    return refuse(
      "EJ_DEPASSE",
      `Paiement refusé : il dépasse les AE de l'EJ. Reste à payer sur cet EJ : ${formatEuros(max0(ej.leftToPay))} ` +
        `(EJ : ${formatEuros(ej.engaged)}, déjà payé : ${formatEuros(ej.paid)}, demandé : ${formatEuros(amountCents)}).`,
    );
  }
  const cp = yearCredits(summary, year).cp;
  if (cp.paid + amountCents > cp.madeAvailable) {
    const hint =
      cp.toMakeAvailable > 0n
        ? ` ${formatEuros(cp.toMakeAvailable)} de CP ${year} restent à débloquer par la DINUM.`
        : " Informez le délégant sans délai de l'insuffisance des crédits.";
    return refuse(
      "CP_INSUFFISANTS",
      `Paiement refusé : il dépasse les CP mis à disposition pour ${year}. Reste à payer : ${formatEuros(max0(cp.leftToPay))} ` +
        `(demandé : ${formatEuros(amountCents)}, manque : ${formatEuros(cp.paid + amountCents - cp.madeAvailable)}).${hint}`,
    );
  }
  return { ok: true };
}

/**
 * Expenditure is dated within the convention's life (article 6: it covers the engagement and the payment
 * of the expenditure): from signature to end, not during a suspension, not after a termination.
 */
export function checkOperationDate(facts: ConventionFacts, on: IsoDate, what: "engagement" | "paiement"): Check {
  const label = what === "engagement" ? "Un engagement" : "Un paiement";
  const state = conventionState(facts, on);
  switch (state) {
    case "EN_VIGUEUR":
      return { ok: true };
    case "BROUILLON":
      return refuse(
        "HORS_PERIODE",
        facts.signedOn
          ? `${label} ne peut pas être daté du ${formatDate(on)}, avant la signature de la convention (${formatDate(facts.signedOn)}).`
          : `${label} ne peut pas être enregistré : la convention n'est pas signée.`,
      );
    case "SUSPENDUE":
      return refuse("HORS_PERIODE", `${label} ne peut pas être daté du ${formatDate(on)} : l'exécution de la convention était alors suspendue.`);
    case "RESILIEE":
      return refuse("HORS_PERIODE", `${label} ne peut pas être daté du ${formatDate(on)} : la convention était alors résiliée.`);
    case "EXPIREE":
      return refuse("HORS_PERIODE", `${label} ne peut pas être daté du ${formatDate(on)}, après la fin de la convention (${formatDate(facts.endsOn)}).`);
    case "CLOTUREE":
      return refuse("HORS_PERIODE", `${label} ne peut pas être daté du ${formatDate(on)} : la convention était alors clôturée.`);
  }
}

/** Dates of expenditure are not in the future: Chorus records what happened. */
export function checkNotInFuture(on: IsoDate, today: IsoDate): Check {
  return compareDates(on, today) > 0 ? refuse("DATE_FUTURE", `La date (${formatDate(on)}) ne peut pas être dans le futur.`) : { ok: true };
}

/** Nothing is dated before the EJ it belongs to (a later movement, a service fait, a payment). */
export function checkMovementDate(on: IsoDate, ejOrderedOn: IsoDate, what: string): Check {
  return compareDates(on, ejOrderedOn) < 0 ? refuse("AVANT_EJ", `${what} ne peut pas précéder l'engagement (${formatDate(ejOrderedOn)}).`) : { ok: true };
}

/** A mistaken AE line is corrected once, by its opposite; a correction itself is not corrected. */
export function checkMovementReversal(line: { kind: string; reversedOn: IsoDate | null }): Check {
  if (line.kind === "CONTRE_PASSATION") return refuse("DEJA_CORRIGE", "Une contre-passation ne se contre-passe pas : enregistrez une nouvelle ligne.");
  if (line.reversedOn) return refuse("DEJA_CORRIGE", `Cette ligne a déjà été contre-passée le ${formatDate(line.reversedOn)}.`);
  return { ok: true };
}

/** A mistaken payment line is cancelled once, by its opposite; a cancellation itself is not cancelled. */
export function checkPaymentReversal(payment: { dpNumber: string; isReversal: boolean; alreadyReversed: boolean }): Check {
  if (payment.isReversal) return refuse("DEJA_CORRIGE", "Une annulation ne s'annule pas : enregistrez une nouvelle demande de paiement.");
  if (payment.alreadyReversed) return refuse("DEJA_CORRIGE", `La demande de paiement ${payment.dpNumber} est déjà annulée.`);
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

export type AvenantRefusalCode =
  /** Another avenant already has this number. */
  | "NUMERO_DEJA_PRIS"
  /** Signed before the convention, after its end or termination, or in the future. */
  | "DATE_SIGNATURE"
  /** The new end date precedes the avenant's (or the convention's) signature. */
  | "DATE_FIN"
  /** The new mid-term review date precedes the convention's signature. */
  | "DATE_BILAN"
  /** The new AE of a year is below what is already engaged. */
  | "DOTATION_SOUS_ENGAGE"
  /** The new CP of a year is below what is already paid. */
  | "DOTATION_SOUS_PAYE"
  /** The new AE or CP of a year is below what DINUM already made available. */
  | "DOTATION_SOUS_MIS_A_DISPOSITION"
  /** A year's tranches of a credit type do not sum to 100 %, or a year has credits but no tranches. */
  | "PARTS_INVALIDES"
  /** Tranches given for a year without credits. */
  | "TRANCHES_SANS_CREDITS"
  /** The avenant removes a tranche that was already released. */
  | "TRANCHE_DEBLOQUEE_RETIREE"
  /** The allocation rises but every tranche of the year is released: the increase could never be made available. */
  | "TRANCHE_MANQUANTE";

export interface AvenantRefusal {
  code: AvenantRefusalCode;
  message: string;
}

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

export type AvenantCheck = { ok: true; terms: Terms } | { ok: false; code: AvenantRefusalCode; message: string; refusals: AvenantRefusal[] };

/**
 * Whether an avenant may be recorded: signed during the convention's life, not in the future, and leaving
 * every ceiling and every year's tranches sound. On success, the terms once every avenant applies.
 */
export function checkAvenant(input: AvenantCheckInput, today: IsoDate): AvenantCheck {
  const { original, avenants, candidate, facts, money } = input;
  const refusals: AvenantRefusal[] = [];
  const no = (code: AvenantRefusalCode, message: string) => refusals.push({ code, message });

  if (avenants.some((a) => a.number === candidate.number)) no("NUMERO_DEJA_PRIS", `L'avenant n° ${candidate.number} est déjà enregistré.`);

  const signedOn = candidate.signedOn;
  const before = termsInForce(original, avenants, signedOn);
  if (compareDates(signedOn, today) > 0) {
    no("DATE_SIGNATURE", `La date de signature de l'avenant (${formatDate(signedOn)}) est dans le futur.`);
  } else {
    const state = conventionState({ ...facts, endsOn: before.endsOn }, signedOn);
    if (state === "BROUILLON") {
      no(
        "DATE_SIGNATURE",
        facts.signedOn
          ? `Un avenant ne peut pas être signé avant la convention (${formatDate(facts.signedOn)}).`
          : "Un avenant ne modifie qu'une convention signée.",
      );
    } else if (!isRunning(state)) {
      no("DATE_SIGNATURE", `Le ${formatDate(signedOn)}, la convention n'était plus en vigueur : un avenant ne peut plus la modifier.`);
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
      no("DATE_FIN", `La nouvelle date de fin (${formatDate(changes.endsOn)}) précède la signature de l'avenant (${formatDate(signedOn)}).`);
    }
  }
  if (changes.midTermReviewDueOn !== undefined && facts.signedOn && compareDates(changes.midTermReviewDueOn, facts.signedOn) < 0) {
    no(
      "DATE_BILAN",
      `La date du bilan de mi-parcours (${formatDate(changes.midTermReviewDueOn)}) précède la signature de la convention (${formatDate(facts.signedOn)}).`,
    );
  }

  const summary = creditSummary({ terms: after, ...money });
  for (const change of changes.credits ?? []) {
    const y = yearCredits(summary, change.year);
    if (change.aeCents !== undefined) {
      if (change.aeCents < y.ae.engaged) {
        no(
          "DOTATION_SOUS_ENGAGE",
          `AE ${change.year} : la nouvelle dotation (${formatEuros(change.aeCents)}) est inférieure aux AE déjà engagées (${formatEuros(y.ae.engaged)}).`,
        );
      }
      if (change.aeCents < y.ae.madeAvailable) {
        no(
          "DOTATION_SOUS_MIS_A_DISPOSITION",
          `AE ${change.year} : la nouvelle dotation (${formatEuros(change.aeCents)}) est inférieure aux AE déjà mises à disposition (${formatEuros(y.ae.madeAvailable)}).`,
        );
      }
    }
    if (change.cpCents !== undefined) {
      if (change.cpCents < y.cp.paid) {
        no(
          "DOTATION_SOUS_PAYE",
          `CP ${change.year} : la nouvelle dotation (${formatEuros(change.cpCents)}) est inférieure aux CP déjà payés (${formatEuros(y.cp.paid)}).`,
        );
      }
      if (change.cpCents < y.cp.madeAvailable) {
        no(
          "DOTATION_SOUS_MIS_A_DISPOSITION",
          `CP ${change.year} : la nouvelle dotation (${formatEuros(change.cpCents)}) est inférieure aux CP déjà mis à disposition (${formatEuros(y.cp.madeAvailable)}).`,
        );
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
      if (group.length > 0) no("TRANCHES_SANS_CREDITS", `Tranches ${type} ${year} : aucun crédit n'est prévu pour ${year}.`);
      continue;
    }
    if (allocationOf(after, year, type) === 0n && group.length === 0) continue;
    const sum = group.reduce((acc, t) => acc + t.shareBasisPoints, 0);
    if (group.length === 0) {
      no("PARTS_INVALIDES", `${type} ${year} : l'avenant prévoit des crédits sans tranches ; indiquez les tranches (parts et déclenchement).`);
    } else if (sum !== FULL_SHARE_BP) {
      no("PARTS_INVALIDES", `Tranches ${type} ${year} : les parts totalisent ${formatShare(sum)} au lieu de 100 %.`);
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
      no(
        "TRANCHE_MANQUANTE",
        `${type} ${year} : toutes les tranches sont débloquées ; les ${formatEuros(allocation - released)} de plus demandent une tranche supplémentaire.`,
      );
    }
  }
  for (const r of money.releases) {
    if (r.rank === undefined) continue;
    const stillThere = after.tranches.some((t) => t.year === r.year && t.creditType === r.creditType && t.rank === r.rank);
    if (!stillThere) no("TRANCHE_DEBLOQUEE_RETIREE", `La tranche ${r.rank} (${r.creditType} ${r.year}) est déjà débloquée : un avenant ne peut pas la retirer.`);
  }

  const first = refusals[0];
  if (first) return { ok: false, code: first.code, message: first.message, refusals };
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
