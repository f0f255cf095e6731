// The record never contradicts itself: a dated life event (a termination notice, a suspension, an avenant's new
// end date) may not be dated so that what is already recorded falls inside a period it forbids. A termination
// (or an earlier end) forbids everything dated on or after it; a suspension forbids the execution (engagements,
// payments, services faits, releases) while it runs. A notice is dated the day it is recorded, unless DINUM records it as a
// regularisation, with its reason; a termination notice may be withdrawn by its author's party before it
// takes effect. Pure rules; the use cases read the records and call them in the write's transaction.
import { terminationEffectiveOn } from "./convention-state";
import { addDays, compareDates, type IsoDate } from "./dates";
import { failure, type Failure } from "./failures";
import type { PartyRole } from "./permissions";

export const RECORD_KINDS = ["EJ", "MOUVEMENT", "SERVICE_FAIT", "PAIEMENT", "DEBLOCAGE", "AVENANT", "BILAN"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A record already in the convention's file, dated, named the way a reader finds it (EJ number, DP number…). */
export interface DatedRecord {
  kind: RecordKind;
  on: IsoDate;
  /** "1300000001 ligne 1", "DP-2026-004", "1", "T2 AE 2026"… (the message says what it is). */
  label: string;
}

export type PeriodKind = "RESILIATION" | "SUSPENSION" | "FIN";

/** A period of the convention's life that forbids some records: from `from`, until the day before `until` (null: open). */
export interface ForbiddingPeriod {
  kind: PeriodKind;
  from: IsoDate;
  until: IsoDate | null;
}

/** What each period forbids: nothing more may happen after a termination; a suspension stops the execution only. */
export const FORBIDDEN_IN: Record<PeriodKind, readonly RecordKind[]> = {
  RESILIATION: RECORD_KINDS,
  FIN: RECORD_KINDS,
  SUSPENSION: ["EJ", "MOUVEMENT", "SERVICE_FAIT", "PAIEMENT", "DEBLOCAGE"],
};

export function terminationPeriod(noticeOn: IsoDate, noticeMonths: number): ForbiddingPeriod {
  return { kind: "RESILIATION", from: terminationEffectiveOn(noticeOn, noticeMonths), until: null };
}

/** After the end date an avenant sets, nothing more happens under the convention. */
export function afterEndPeriod(endsOn: IsoDate): ForbiddingPeriod {
  return { kind: "FIN", from: addDays(endsOn, 1), until: null };
}

export function suspensionPeriod(startsOn: IsoDate, liftedOn: IsoDate | null): ForbiddingPeriod {
  return { kind: "SUSPENSION", from: startsOn, until: liftedOn };
}

export function isInside(period: ForbiddingPeriod, on: IsoDate): boolean {
  return compareDates(period.from, on) <= 0 && (period.until === null || compareDates(on, period.until) < 0);
}

/** The records the period would contradict, by date. */
export function conflictsWith(period: ForbiddingPeriod, records: readonly DatedRecord[]): DatedRecord[] {
  const forbidden = new Set<RecordKind>(FORBIDDEN_IN[period.kind]);
  return records
    .filter((r) => forbidden.has(r.kind) && isInside(period, r.on))
    .sort((a, b) => compareDates(a.on, b.on) || RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind) || a.label.localeCompare(b.label));
}

/** The refusal naming the records in conflict, or null when there are none. */
export function checkNoConflict(period: ForbiddingPeriod, records: readonly DatedRecord[], field: string): Failure | null {
  const conflicts = conflictsWith(period, records);
  if (conflicts.length === 0) return null;
  return failure("LIFE_EVENT_CONFLICTS", { period: period.kind, from: period.from, until: period.until, records: conflicts }, field);
}

/**
 * A termination notice is dated the day it is recorded. An earlier date is a regularisation (the notice was
 * given by letter, and recorded late): only DINUM records it, and says why.
 */
export function checkNoticeDating(input: { noticeOn: IsoDate; today: IsoDate; regularisationReason: string | null; actorParty: PartyRole | null }): Failure | null {
  if (compareDates(input.noticeOn, input.today) >= 0) return null;
  if (input.regularisationReason === null) return failure("TERMINATION_BACKDATED", { noticeOn: input.noticeOn, today: input.today }, "noticeOn");
  if (input.actorParty !== "DELEGANT") return failure("REGULARISATION_DELEGANT_ONLY", undefined, "regularisationReason");
  return null;
}

/** The notice's author's party withdraws it, once, before it takes effect. */
export function checkTerminationWithdrawal(
  notice: { byParty: PartyRole; noticeOn: IsoDate; withdrawnOn: IsoDate | null },
  input: { actorParty: PartyRole | null; noticeMonths: number; today: IsoDate },
): Failure | null {
  if (notice.withdrawnOn) return failure("TERMINATION_ALREADY_WITHDRAWN", { withdrawnOn: notice.withdrawnOn });
  if (input.actorParty !== notice.byParty) return failure("TERMINATION_WITHDRAWAL_NOT_AUTHOR", { byParty: notice.byParty });
  const effectiveOn = terminationEffectiveOn(notice.noticeOn, input.noticeMonths);
  if (compareDates(input.today, effectiveOn) >= 0) return failure("TERMINATION_ALREADY_EFFECTIVE", { effectiveOn });
  return null;
}
