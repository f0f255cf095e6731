// When a dated event of a convention's life may be recorded: the mid-term review, a termination notice,
// a suspension and its lifting. Pure rules; the server calls them in the write's transaction.
import { conventionState, isRunning, type ConventionFacts } from "./convention-state";
import { compareDates, type IsoDate } from "./dates";
import { refuse, type Refused } from "./failures";

/** Fine, or refused with a coded failure naming the field it concerns (its words: `messageOf`). */
export type EventCheck = { ok: true } | Refused;

/** The dated events of a convention's life (the catalogue names them: "Le bilan de mi-parcours"…). */
export type LifeEvent = "review" | "termination" | "suspension" | "committee";

const ok: EventCheck = { ok: true };

/**
 * A dated event must not be in the future and must fall within the convention's life: signed, and neither
 * terminated, expired nor closed on that day.
 */
export function checkEventDate(facts: ConventionFacts, on: IsoDate, today: IsoDate, event: LifeEvent, field: string): EventCheck {
  if (compareDates(on, today) > 0) return refuse("EVENT_IN_FUTURE", { event, on }, field);
  if (!facts.signedOn) return refuse("EVENT_CONVENTION_UNSIGNED", { event }, field);
  if (compareDates(on, facts.signedOn) < 0) return refuse("EVENT_BEFORE_SIGNATURE", { event, signedOn: facts.signedOn }, field);
  const state = conventionState(facts, on);
  if (!isRunning(state)) return refuse("EVENT_CONVENTION_NOT_RUNNING", { event, on }, field);
  return ok;
}

/** The copy of an avenant goes to the CBCM once the avenant is signed, not before. */
export function checkAvenantCbcmCopy(signedOn: IsoDate, cbcmCopySentOn: IsoDate | null): EventCheck {
  if (cbcmCopySentOn && compareDates(cbcmCopySentOn, signedOn) < 0) {
    return refuse("CBCM_COPY_BEFORE_SIGNATURE", { sentOn: cbcmCopySentOn, signedOn }, "cbcmCopySentOn");
  }
  return ok;
}

export function checkReview(facts: ConventionFacts, reviewedOn: IsoDate, today: IsoDate): EventCheck {
  return checkEventDate(facts, reviewedOn, today, "review", "reviewedOn");
}

export function checkTerminationNotice(facts: ConventionFacts, noticeOn: IsoDate, today: IsoDate): EventCheck {
  return checkEventDate(facts, noticeOn, today, "termination", "noticeOn");
}

/** A suspension starts during the convention's life, and not while another one is running. */
export function checkSuspension(facts: ConventionFacts, startsOn: IsoDate, today: IsoDate): EventCheck {
  const date = checkEventDate(facts, startsOn, today, "suspension", "startsOn");
  if (!date.ok) return date;
  for (const s of facts.suspensions) {
    if (s.liftedOn === null) {
      return refuse("SUSPENSION_RUNNING", { since: s.startsOn }, "startsOn");
    }
    if (compareDates(startsOn, s.startsOn) >= 0 && compareDates(startsOn, s.liftedOn) < 0) {
      return refuse("SUSPENSION_OVERLAP", { on: startsOn, from: s.startsOn, until: s.liftedOn }, "startsOn");
    }
  }
  return ok;
}

/** A suspension is lifted once, on or after it started, and not in the future. */
export function checkSuspensionLift(suspension: { startsOn: IsoDate; liftedOn: IsoDate | null }, liftedOn: IsoDate, today: IsoDate): EventCheck {
  if (suspension.liftedOn) return refuse("SUSPENSION_ALREADY_LIFTED", { on: suspension.liftedOn }, "liftedOn");
  if (compareDates(liftedOn, today) > 0) return refuse("LIFT_IN_FUTURE", { on: liftedOn }, "liftedOn");
  if (compareDates(liftedOn, suspension.startsOn) < 0) return refuse("LIFT_BEFORE_START", { startsOn: suspension.startsOn }, "liftedOn");
  return ok;
}
