// The state of a convention at a date, derived from its records; never stored.
import { addMonths, compareDates, type IsoDate } from "./dates";

export type ConventionState = "BROUILLON" | "EN_VIGUEUR" | "SUSPENDUE" | "RESILIEE" | "EXPIREE" | "CLOTUREE";

export interface ConventionFacts {
  signedOn: IsoDate | null;
  endsOn: IsoDate;
  terminationNoticeMonths: number;
  /** Dates of the termination notices given by any party. */
  terminationNotices: IsoDate[];
  suspensions: { startsOn: IsoDate; liftedOn: IsoDate | null; reason?: string | null }[];
  /** Date the final report was accepted, if it was. */
  closedOn: IsoDate | null;
}

export const STATE_LABELS: Record<ConventionState, string> = {
  BROUILLON: "Brouillon (non signée)",
  EN_VIGUEUR: "En vigueur",
  SUSPENDUE: "Suspendue",
  RESILIEE: "Résiliée",
  EXPIREE: "Échue",
  CLOTUREE: "Clôturée",
};

/** A notice given on D takes effect on D + the notice period (three months in the FAST text). */
export function terminationEffectiveOn(noticeOn: IsoDate, noticeMonths: number): IsoDate {
  return addMonths(noticeOn, noticeMonths);
}

/** The earliest effective date among the notices given, if any. */
export function earliestTerminationOn(facts: Pick<ConventionFacts, "terminationNotices" | "terminationNoticeMonths">): IsoDate | null {
  const dates = facts.terminationNotices.map((d) => terminationEffectiveOn(d, facts.terminationNoticeMonths)).sort(compareDates);
  return dates[0] ?? null;
}

export function conventionState(facts: ConventionFacts, on: IsoDate): ConventionState {
  if (facts.closedOn && compareDates(facts.closedOn, on) <= 0) return "CLOTUREE";
  if (!facts.signedOn || compareDates(on, facts.signedOn) < 0) return "BROUILLON";
  const terminatedOn = earliestTerminationOn(facts);
  if (terminatedOn && compareDates(terminatedOn, on) <= 0) return "RESILIEE";
  if (compareDates(on, facts.endsOn) > 0) return "EXPIREE";
  const suspended = facts.suspensions.some(
    (s) => compareDates(s.startsOn, on) <= 0 && (s.liftedOn === null || compareDates(on, s.liftedOn) < 0),
  );
  return suspended ? "SUSPENDUE" : "EN_VIGUEUR";
}

/** What the other rules need to know of the convention's life at a date, beyond its state. */
export interface ConventionSituation {
  state: ConventionState;
  signedOn: IsoDate | null;
  /**
   * For an ended convention, the date its end is told by: the end date (EXPIREE, last day in force), the
   * termination's effective date (RESILIEE, first day no longer in force), the final report's acceptance
   * (CLOTUREE). Null otherwise.
   */
  endedOn: IsoDate | null;
  /** The suspension in progress, for a suspended convention. */
  suspension: { startsOn: IsoDate; reason: string | null } | null;
}

export function conventionSituation(facts: ConventionFacts, on: IsoDate): ConventionSituation {
  const state = conventionState(facts, on);
  let endedOn: IsoDate | null = null;
  if (state === "CLOTUREE") endedOn = facts.closedOn;
  else if (state === "RESILIEE") endedOn = earliestTerminationOn(facts);
  else if (state === "EXPIREE") endedOn = facts.endsOn;
  let suspension: ConventionSituation["suspension"] = null;
  if (state === "SUSPENDUE") {
    // The latest suspension in progress: the one a reader would expect to be named.
    const current = facts.suspensions
      .filter((s) => compareDates(s.startsOn, on) <= 0 && (s.liftedOn === null || compareDates(on, s.liftedOn) < 0))
      .sort((a, b) => compareDates(a.startsOn, b.startsOn))
      .at(-1);
    if (current) suspension = { startsOn: current.startsOn, reason: current.reason ?? null };
  }
  return { state, signedOn: facts.signedOn, endedOn, suspension };
}

/** The convention runs: in force, or suspended for a while (it applies again once the suspension is lifted). */
export function isRunning(state: ConventionState): boolean {
  return state === "EN_VIGUEUR" || state === "SUSPENDUE";
}

/** The convention no longer applies: nothing can be released, engaged or paid under it any more. */
export function hasEnded(state: ConventionState): boolean {
  return state === "RESILIEE" || state === "EXPIREE" || state === "CLOTUREE";
}

/**
 * Whether expenditure may still be recorded on the convention in this state: signed and not closed (an ended
 * convention still takes lines dated within its life; once the final report is accepted, nothing more).
 */
export function acceptsExpenditure(state: ConventionState): boolean {
  return state !== "BROUILLON" && state !== "CLOTUREE";
}
