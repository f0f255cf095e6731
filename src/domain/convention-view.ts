// Everything derived about one convention at a date, from its recorded facts, in one call: the terms in
// force, its state, each tranche's status, the credits and ceilings, the schedule and the timeline. The
// server maps its rows to ConventionRecord (dates as IsoDate, money as bigint cents) and reads the rest here.
import { committeeConstraints, type CommitteeConstraints, type CommitteeDecisionRecord } from "./committee-decisions";
import { conventionSituation, earliestTerminationOn, type ConventionFacts, type ConventionSituation } from "./convention-state";
import { creditSummary, type CreditSummary, type EjAmount } from "./credits";
import { compareDates, type IsoDate } from "./dates";
import type { Cents } from "./money";
import type { PartyRole } from "./permissions";
import { coFinancingDeadline, committeeDueDates, effectiveEnd, midTermReviewDue, timeline, type TimelineEvent, type YearEndOptions } from "./schedule";
import { avenantChangesSchema, termsInForce, type AvenantRecord, type CreditType, type OriginalTerms, type Terms, type TrancheTrigger } from "./terms";
import { reviewInForce, trancheViews, type MidTermReview, type TrancheRelease, type TrancheView } from "./tranches";

export interface ConventionRecord {
  signedOn: IsoDate | null;
  /** Original terms (the convention's row); avenants amend them. */
  endsOn: IsoDate;
  midTermReviewDueOn: IsoDate | null;
  coFinancingDueMonths: number | null;
  terminationNoticeMonths: number;
  /** Acceptance of the final report, if any. */
  closedOn: IsoDate | null;
  credits: readonly { year: number; aeCents: Cents; cpCents: Cents }[];
  tranches: readonly {
    year: number;
    creditType: CreditType;
    rank: number;
    shareBasisPoints: number;
    trigger: TrancheTrigger;
    /** False for a tranche an avenant introduced: its terms are in the avenant, the row only holds its release. */
    original?: boolean;
    release: { releasedOn: IsoDate; releasedByName: string; amountCents: Cents } | null;
  }[];
  /** In recorded order: the latest recorded is in force. */
  reviews: readonly MidTermReview[];
  /** `changes` as stored (Json); parsed here with avenantChangesSchema. */
  avenants: readonly { number: number; signedOn: IsoDate; object?: string; changes: unknown }[];
  /** Every notice given; a notice withdrawn (before it took effect) never takes effect once withdrawn. */
  terminations: readonly { noticeOn: IsoDate; byParty?: PartyRole; reason?: string; authorName?: string; withdrawnOn?: IsoDate | null }[];
  suspensions: readonly { startsOn: IsoDate; liftedOn: IsoDate | null; reason?: string | null }[];
  committeeDates: readonly IsoDate[];
  /** The investment committees' decisions, which the tranche status reads (none given: nothing stands against a release). */
  committees?: readonly CommitteeDecisionRecord[];
  /** AE per EJ (sums of movements), with the EJ's order year. */
  engaged: readonly EjAmount[];
  /** CP per EJ (sums of payments), with the payment year. */
  paid: readonly EjAmount[];
}

export interface ConventionView {
  original: OriginalTerms;
  avenants: AvenantRecord[];
  terms: Terms;
  situation: ConventionSituation;
  facts: ConventionFacts;
  review: MidTermReview | null;
  tranches: TrancheView[];
  /** The committees' decisions that stand at the day (an arrêt of the latest committee, conditions pending or overdue). */
  decisions: CommitteeConstraints;
  credits: CreditSummary;
  dates: {
    signedOn: IsoDate | null;
    midTermReviewDueOn: IsoDate | null;
    coFinancingDueOn: IsoDate | null;
    committeesDueOn: IsoDate[];
    terminationEffectiveOn: IsoDate | null;
    /** Its end date, or its termination's effective date if earlier. */
    endsOn: IsoDate;
    endsBy: "TERME" | "RESILIATION";
  };
  timeline: TimelineEvent[];
}

export function originalTerms(record: Pick<ConventionRecord, "endsOn" | "midTermReviewDueOn" | "credits" | "tranches">): OriginalTerms {
  return {
    endsOn: record.endsOn,
    midTermReviewDueOn: record.midTermReviewDueOn,
    credits: record.credits.map(({ year, aeCents, cpCents }) => ({ year, aeCents, cpCents })),
    tranches: record.tranches
      .filter((t) => t.original !== false)
      .map(({ year, creditType, rank, shareBasisPoints, trigger }) => ({ year, creditType, rank, shareBasisPoints, trigger })),
  };
}

/** Stored avenants, parsed. Stored changes were validated on write: a bad one is a bug, so this throws. */
export function parseAvenants(avenants: ConventionRecord["avenants"]): AvenantRecord[] {
  return avenants.map((a) => {
    const parsed = avenantChangesSchema.safeParse(a.changes);
    if (!parsed.success) throw new Error(`Avenant ${a.number}: stored changes are invalid: ${parsed.error.message}`);
    return { number: a.number, signedOn: a.signedOn, changes: parsed.data };
  });
}

/** Every release recorded, keyed by its tranche. */
export function releasesOf(record: Pick<ConventionRecord, "tranches">): TrancheRelease[] {
  return record.tranches.flatMap((t) => (t.release ? [{ year: t.year, creditType: t.creditType, rank: t.rank, ...t.release }] : []));
}

/** Everything derived about a convention but its timeline: what a portfolio of many conventions needs. */
export type ConventionStanding = Omit<ConventionView, "timeline">;

export function conventionStanding(record: Omit<ConventionRecord, "committeeDates">, today: IsoDate): ConventionStanding {
  const original = originalTerms(record);
  const avenants = parseAvenants(record.avenants);
  const terms = termsInForce(original, avenants, today);
  const facts: ConventionFacts = {
    signedOn: record.signedOn,
    endsOn: terms.endsOn,
    terminationNoticeMonths: record.terminationNoticeMonths,
    terminationNotices: noticesGiven(record, today).map((n) => n.noticeOn),
    suspensions: record.suspensions.map((s) => ({ startsOn: s.startsOn, liftedOn: s.liftedOn, reason: s.reason ?? null })),
    closedOn: record.closedOn,
  };
  const situation = conventionSituation(facts, today);
  const review = reviewInForce(record.reviews, today);
  const releases = releasesOf(record).filter((r) => compareDates(r.releasedOn, today) <= 0);
  const tranches = trancheViews({ terms, situation, review, releases, committees: record.committees ?? [] }, today);
  const credits = creditSummary({ terms, releases, engaged: record.engaged, paid: record.paid });
  const terminationEffectiveOn = earliestTerminationOn(facts);
  const end = effectiveEnd(terms.endsOn, terminationEffectiveOn);
  const signedOn = record.signedOn;
  return {
    original,
    avenants,
    terms,
    situation,
    facts,
    review,
    tranches,
    decisions: committeeConstraints(record.committees ?? [], null, today),
    credits,
    dates: {
      signedOn,
      midTermReviewDueOn: signedOn ? midTermReviewDue(signedOn, terms.midTermReviewDueOn) : terms.midTermReviewDueOn,
      coFinancingDueOn: signedOn ? coFinancingDeadline(signedOn, record.coFinancingDueMonths) : null,
      committeesDueOn: signedOn ? committeeDueDates(signedOn, end.on) : [],
      terminationEffectiveOn,
      endsOn: end.on,
      endsBy: end.by,
    },
  };
}

/** Termination notices given by `today` and not withdrawn by then. */
function noticesGiven(record: Pick<ConventionRecord, "terminations">, today: IsoDate) {
  return record.terminations.filter((n) => compareDates(n.noticeOn, today) <= 0 && !(n.withdrawnOn && compareDates(n.withdrawnOn, today) <= 0));
}

export function deriveConvention(record: ConventionRecord, today: IsoDate, options: { yearEnd?: YearEndOptions } = {}): ConventionView {
  const standing = conventionStanding(record, today);
  const { terms, situation, review, tranches } = standing;
  return {
    ...standing,
    timeline: timeline(
      {
        signedOn: record.signedOn,
        terms,
        state: situation.state,
        terminationNoticeMonths: record.terminationNoticeMonths,
        terminations: noticesGiven(record, today),
        suspensions: record.suspensions,
        closedOn: record.closedOn,
        review,
        tranches,
        committeesHeldOn: record.committeeDates,
        avenants: record.avenants.map((a) => ({ number: a.number, signedOn: a.signedOn, ...(a.object ? { object: a.object } : {}) })),
        ...(options.yearEnd ? { yearEnd: options.yearEnd } : {}),
      },
      today,
    ),
  };
}
