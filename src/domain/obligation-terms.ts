// Obligations follow the terms in force: every obligation's due date, wording and status derive, in one place,
// from the convention's terms in force (avenants, a termination's effective date) and from the records that
// fulfil it. "Rendre compte au délégant au terme de la convention" is due at the end in force (an avenant's new
// term, or the day a termination takes effect) and is met once DINUM accepted the final report; the
// co-financing envelope follows the FAST funding an avenant sets. The stored due date is only the fallback of an
// obligation the FAST text gives no rule for. The register, the late counts, the convention page and the
// calendar feeds all read this derivation.
import { compareDates, formatDate, type IsoDate } from "./dates";
import { fastObligations, obligationDueOn, wholeEuros, type ObligationDueRule } from "./fast-template";
import type { Cents } from "./money";
import { obligationStatus, type DeclaredStatus, type ObligationStatusResult } from "./obligations";
import type { Terms } from "./terms";

/** What the terms in force say of a convention, as the obligations need it. */
export interface ObligationTerms {
  signedOn: IsoDate | null;
  /** The end in force: the terms' end date, or the day a termination takes effect if earlier. */
  endsOn: IsoDate;
  /** The partner's co-financing deadline (months after signature). */
  coFinancingDueOn: IsoDate | null;
  /** The FAST funding as signed, and as the avenants set it. */
  fastFundingSignedCents: Cents;
  fastFundingInForceCents: Cents;
  /** The day DINUM accepted the final report, if it did. */
  finalReportAcceptedOn: IsoDate | null;
}

const sumAe = (terms: Pick<Terms, "credits">) => terms.credits.reduce((total, c) => total + c.aeCents, 0n);

/**
 * The FAST funding in force: the signed amount moved by what the avenants changed in the AE allocated (the
 * funding is the AE the délégant makes available over the convention's years).
 */
export function fastFundingInForce(signedCents: Cents, original: Pick<Terms, "credits">, inForce: Pick<Terms, "credits">): Cents {
  return signedCents + sumAe(inForce) - sumAe(original);
}

/** The FAST text's due rule of each obligation, by code. */
const DUE_RULES: ReadonlyMap<string, ObligationDueRule | undefined> = new Map(fastObligations({ startupName: "", coFinancingCents: null }).map((o) => [o.code, o.due]));

/** Its due date under the terms in force; an obligation the FAST text gives no rule for keeps its stored date. */
export function obligationDueInForce(o: { code: string; dueOn: IsoDate | null }, terms: ObligationTerms): IsoDate | null {
  if (!DUE_RULES.has(o.code)) return o.dueOn;
  if (o.code === "COFINANCEMENT" && terms.coFinancingDueOn) return terms.coFinancingDueOn;
  return obligationDueOn(DUE_RULES.get(o.code), { signedOn: terms.signedOn, endsOn: terms.endsOn });
}

/** The record that fulfils an obligation by itself, if there is one by `today`: the accepted final report. */
function fulfilledBy(code: string, terms: ObligationTerms, today: IsoDate): string | null {
  if (code === "COMPTE_RENDU_TERME" && terms.finalReportAcceptedOn && compareDates(terms.finalReportAcceptedOn, today) <= 0) {
    return `Compte rendu final accepté par la DINUM le ${formatDate(terms.finalReportAcceptedOn)}.`;
  }
  return null;
}

/** The wording that states an amount states the amount in force (the co-financing envelope). */
function inForceWording(text: string, terms: ObligationTerms): string {
  if (terms.fastFundingInForceCents === terms.fastFundingSignedCents) return text;
  return text.split(wholeEuros(terms.fastFundingSignedCents)).join(wholeEuros(terms.fastFundingInForceCents));
}

export interface DerivedObligation extends ObligationStatusResult {
  dueOn: IsoDate | null;
  title: string;
  description: string;
}

/** One obligation of the register at `today`: due date, wording and status, from the terms in force and the record. */
export function deriveObligation(
  o: { code: string; title: string; description: string; dueOn: IsoDate | null; declared: DeclaredStatus | null },
  terms: ObligationTerms,
  today: IsoDate,
): DerivedObligation {
  const dueOn = obligationDueInForce(o, terms);
  const fulfilled = fulfilledBy(o.code, terms, today);
  const status: ObligationStatusResult = fulfilled ? { status: "RESPECTEE", reason: fulfilled } : obligationStatus({ declared: o.declared, dueOn }, today);
  const wording = o.code === "COFINANCEMENT" ? { title: inForceWording(o.title, terms), description: inForceWording(o.description, terms) } : { title: o.title, description: o.description };
  return { dueOn, ...wording, ...status };
}

/** The obligations' terms of a convention derived at a date (src/domain/convention-view.ts). */
export function obligationTermsOf(
  view: { original: Pick<Terms, "credits">; terms: Pick<Terms, "credits">; dates: { signedOn: IsoDate | null; endsOn: IsoDate; coFinancingDueOn: IsoDate | null } },
  record: { fastFundingCents: Cents; closedOn: IsoDate | null },
): ObligationTerms {
  return {
    signedOn: view.dates.signedOn,
    endsOn: view.dates.endsOn,
    coFinancingDueOn: view.dates.coFinancingDueOn,
    fastFundingSignedCents: record.fastFundingCents,
    fastFundingInForceCents: fastFundingInForce(record.fastFundingCents, view.original, view.terms),
    finalReportAcceptedOn: record.closedOn,
  };
}
