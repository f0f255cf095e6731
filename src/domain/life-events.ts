// When a dated event of a convention's life may be recorded: the mid-term review, a termination notice,
// a suspension and its lifting. Pure rules; the server calls them in the write's transaction.
import { conventionState, isRunning, type ConventionFacts } from "./convention-state";
import { compareDates, formatDate, type IsoDate } from "./dates";

export type EventCheck = { ok: true } | { ok: false; field: string; message: string };

const ok: EventCheck = { ok: true };
const refuse = (field: string, message: string): EventCheck => ({ ok: false, field, message });

/**
 * A dated event must not be in the future and must fall within the convention's life: signed, and neither
 * terminated, expired nor closed on that day.
 */
export function checkEventDate(facts: ConventionFacts, on: IsoDate, today: IsoDate, what: string, field: string): EventCheck {
  if (compareDates(on, today) > 0) return refuse(field, `${what} ne peut pas être daté dans le futur (${formatDate(on)}).`);
  if (!facts.signedOn) return refuse(field, `${what} suppose une convention signée.`);
  if (compareDates(on, facts.signedOn) < 0) {
    return refuse(field, `${what} ne peut pas précéder la signature de la convention (${formatDate(facts.signedOn)}).`);
  }
  const state = conventionState(facts, on);
  if (!isRunning(state)) {
    return refuse(field, `Le ${formatDate(on)}, la convention n'était plus en vigueur : ${what.charAt(0).toLowerCase()}${what.slice(1)} ne peut plus y être rattaché.`);
  }
  return ok;
}

/** The copy of an avenant goes to the CBCM once the avenant is signed, not before. */
export function checkAvenantCbcmCopy(signedOn: IsoDate, cbcmCopySentOn: IsoDate | null): EventCheck {
  if (cbcmCopySentOn && compareDates(cbcmCopySentOn, signedOn) < 0) {
    return refuse("cbcmCopySentOn", `L'envoi au CBCM (${formatDate(cbcmCopySentOn)}) ne peut pas précéder la signature de l'avenant (${formatDate(signedOn)}).`);
  }
  return ok;
}

export function checkReview(facts: ConventionFacts, reviewedOn: IsoDate, today: IsoDate): EventCheck {
  return checkEventDate(facts, reviewedOn, today, "Le bilan de mi-parcours", "reviewedOn");
}

export function checkTerminationNotice(facts: ConventionFacts, noticeOn: IsoDate, today: IsoDate): EventCheck {
  return checkEventDate(facts, noticeOn, today, "Le préavis de résiliation", "noticeOn");
}

/** A suspension starts during the convention's life, and not while another one is running. */
export function checkSuspension(facts: ConventionFacts, startsOn: IsoDate, today: IsoDate): EventCheck {
  const date = checkEventDate(facts, startsOn, today, "La suspension", "startsOn");
  if (!date.ok) return date;
  for (const s of facts.suspensions) {
    if (s.liftedOn === null) {
      return refuse("startsOn", `Une suspension court déjà depuis le ${formatDate(s.startsOn)} : levez-la avant d'en enregistrer une autre.`);
    }
    if (compareDates(startsOn, s.startsOn) >= 0 && compareDates(startsOn, s.liftedOn) < 0) {
      return refuse("startsOn", `Le ${formatDate(startsOn)} tombe dans la suspension du ${formatDate(s.startsOn)} au ${formatDate(s.liftedOn)}.`);
    }
  }
  return ok;
}

/** A suspension is lifted once, on or after it started, and not in the future. */
export function checkSuspensionLift(suspension: { startsOn: IsoDate; liftedOn: IsoDate | null }, liftedOn: IsoDate, today: IsoDate): EventCheck {
  if (suspension.liftedOn) return refuse("liftedOn", `Cette suspension a déjà été levée le ${formatDate(suspension.liftedOn)}.`);
  if (compareDates(liftedOn, today) > 0) return refuse("liftedOn", `La levée ne peut pas être datée dans le futur (${formatDate(liftedOn)}).`);
  if (compareDates(liftedOn, suspension.startsOn) < 0) {
    return refuse("liftedOn", `La levée ne peut pas précéder le début de la suspension (${formatDate(suspension.startsOn)}).`);
  }
  return ok;
}
