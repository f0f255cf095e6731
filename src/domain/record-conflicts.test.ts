import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { conventionState, isRunning, type ConventionFacts } from "./convention-state";
import { addDays, compareDates, type IsoDate } from "./dates";
import { messageOf } from "./failures";
import {
  afterEndPeriod,
  checkNoConflict,
  checkNoticeDating,
  checkTerminationWithdrawal,
  conflictsWith,
  FORBIDDEN_IN,
  isInside,
  RECORD_KINDS,
  suspensionPeriod,
  terminationPeriod,
  type DatedRecord,
  type ForbiddingPeriod,
  type RecordKind,
} from "./record-conflicts";

const records: DatedRecord[] = [
  { kind: "EJ", on: "2026-03-10", label: "1300000001 ligne 1" },
  { kind: "AVENANT", on: "2026-04-02", label: "1" },
  { kind: "DEBLOCAGE", on: "2026-05-13", label: "T2 AE 2026" },
  { kind: "PAIEMENT", on: "2026-05-20", label: "DP-0004" },
];

describe("conflicts of a dated life event with what is recorded", () => {
  it("a termination effective on a day conflicts with everything dated on or after it, named in the message", () => {
    // A notice of 2026-01-15 with three months' notice takes effect on 2026-04-15.
    const period = terminationPeriod("2026-01-15", 3);
    expect(period).toEqual({ kind: "RESILIATION", from: "2026-04-15", until: null });
    expect(conflictsWith(period, records).map((r) => r.kind)).toEqual(["DEBLOCAGE", "PAIEMENT"]);
    const refusal = checkNoConflict(terminationPeriod("2025-12-01", 3), records, "noticeOn")!;
    expect(refusal).toMatchObject({ code: "LIFE_EVENT_CONFLICTS", field: "noticeOn", params: { period: "RESILIATION", from: "2026-03-01" } });
    expect(messageOf(refusal)).toBe(
      "Préavis refusé : ainsi daté, la résiliation prendrait effet le 1er mars 2026, alors que sont déjà enregistrés à cette date ou après : " +
        "l'EJ 1300000001 ligne 1 (commandé le 10 mars 2026) ; l'avenant n° 1 (signé le 2 avril 2026) ; le déblocage de la tranche T2 AE 2026 (le 13 mai 2026) ; " +
        "la demande de paiement DP-0004 (payée le 20 mai 2026). Datez le préavis autrement, ou corrigez d'abord ces enregistrements.",
    );
    expect(checkNoConflict(terminationPeriod("2026-02-21", 3), records, "noticeOn")).toBeNull();
  });

  it("a suspension conflicts with the execution inside it, not with an avenant", () => {
    const refusal = checkNoConflict(suspensionPeriod("2026-03-01", null), records, "startsOn")!;
    expect(refusal.code).toBe("LIFE_EVENT_CONFLICTS");
    expect(conflictsWith(suspensionPeriod("2026-03-01", null), records).map((r) => r.kind)).toEqual(["EJ", "DEBLOCAGE", "PAIEMENT"]);
    // Lifted the day of the release: the release is outside it.
    expect(conflictsWith(suspensionPeriod("2026-04-01", "2026-05-13"), records)).toEqual([]);
    expect(messageOf(refusal)).toContain("l'EJ 1300000001 ligne 1 (commandé le 10 mars 2026)");
  });

  it("an avenant's earlier end conflicts with everything recorded after it", () => {
    const refusal = checkNoConflict(afterEndPeriod("2026-04-30"), records, "endsOn")!;
    expect(refusal).toMatchObject({ code: "LIFE_EVENT_CONFLICTS", field: "endsOn", params: { period: "FIN", from: "2026-05-01" } });
    expect(messageOf(refusal)).toBe(
      "Avenant refusé : la convention prendrait fin la veille du 1er mai 2026, alors que sont déjà enregistrés à cette date ou après : " +
        "le déblocage de la tranche T2 AE 2026 (le 13 mai 2026) ; la demande de paiement DP-0004 (payée le 20 mai 2026). Choisissez une autre date de fin, ou corrigez d'abord ces enregistrements.",
    );
    expect(checkNoConflict(afterEndPeriod("2026-05-20"), records, "endsOn")).toBeNull();
  });

  it("a notice is dated the day it is recorded, earlier only as DINUM's regularisation with its reason", () => {
    const today = "2026-06-01";
    expect(checkNoticeDating({ noticeOn: today, today, regularisationReason: null, actorParty: "PARTENAIRE" })).toBeNull();
    expect(checkNoticeDating({ noticeOn: "2026-02-01", today, regularisationReason: null, actorParty: "DELEGANT" })).toMatchObject({
      code: "TERMINATION_BACKDATED",
      field: "noticeOn",
      params: { noticeOn: "2026-02-01", today },
    });
    expect(checkNoticeDating({ noticeOn: "2026-02-01", today, regularisationReason: "Courrier du 1er février", actorParty: "PARTENAIRE" })?.code).toBe("REGULARISATION_DELEGANT_ONLY");
    expect(checkNoticeDating({ noticeOn: "2026-02-01", today, regularisationReason: "Courrier du 1er février", actorParty: "DELEGANT" })).toBeNull();
  });

  it("a notice is withdrawn by its author's party, once, before it takes effect", () => {
    const notice = { byParty: "PARTENAIRE" as const, noticeOn: "2026-03-01" as IsoDate, withdrawnOn: null };
    const as = (actorParty: "DELEGANT" | "PARTENAIRE" | null, today: IsoDate) => checkTerminationWithdrawal(notice, { actorParty, noticeMonths: 3, today });
    expect(as("PARTENAIRE", "2026-05-31")).toBeNull();
    expect(as("DELEGANT", "2026-04-01")).toMatchObject({ code: "TERMINATION_WITHDRAWAL_NOT_AUTHOR", params: { byParty: "PARTENAIRE" } });
    expect(as("PARTENAIRE", "2026-06-01")).toMatchObject({ code: "TERMINATION_ALREADY_EFFECTIVE", params: { effectiveOn: "2026-06-01" } });
    expect(checkTerminationWithdrawal({ ...notice, withdrawnOn: "2026-04-01" }, { actorParty: "PARTENAIRE", noticeMonths: 3, today: "2026-04-02" })?.code).toBe(
      "TERMINATION_ALREADY_WITHDRAWN",
    );
  });
});

// ───────────────────────────── Property ─────────────────────────────

const SIGNED_ON: IsoDate = "2026-01-01";
const ENDS_ON: IsoDate = "2026-12-31";
const EXECUTION = new Set<RecordKind>(FORBIDDEN_IN.SUSPENSION);

type Event =
  | { type: "record"; kind: RecordKind; day: number }
  | { type: "termination"; day: number }
  | { type: "suspension"; day: number; length: number | null };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant("record" as const), kind: fc.constantFrom(...RECORD_KINDS), day: fc.integer({ min: 0, max: 364 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("termination" as const), day: fc.integer({ min: 0, max: 364 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("suspension" as const), day: fc.integer({ min: 0, max: 364 }), length: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }) }),
  },
);

/**
 * Replays dated events in the order they are recorded: a record is kept when the convention's state on its
 * date allows it (the rules the expenditure and the avenants already apply), a termination or a suspension
 * when it contradicts no record kept. Answers the facts and the records kept.
 */
function replay(events: readonly Event[], checkConflicts: boolean) {
  const facts: ConventionFacts = { signedOn: SIGNED_ON, endsOn: ENDS_ON, terminationNoticeMonths: 3, terminationNotices: [], suspensions: [], closedOn: null };
  const kept: DatedRecord[] = [];
  const periods: ForbiddingPeriod[] = [];
  for (const [i, e] of events.entries()) {
    const on = addDays(SIGNED_ON, e.day);
    if (e.type === "record") {
      const state = conventionState(facts, on);
      const allowed = EXECUTION.has(e.kind) ? state === "EN_VIGUEUR" : isRunning(state);
      if (allowed) kept.push({ kind: e.kind, on, label: String(i) });
      continue;
    }
    if (!isRunning(conventionState(facts, on))) continue;
    const period = e.type === "termination" ? terminationPeriod(on, 3) : suspensionPeriod(on, e.length === null ? null : addDays(on, e.length));
    if (checkConflicts && checkNoConflict(period, kept, "date")) continue;
    // A running suspension must be lifted before another starts (checkSuspension); the property is about records.
    if (e.type === "suspension" && facts.suspensions.some((s) => s.liftedOn === null || isInside(suspensionPeriod(s.startsOn, s.liftedOn), on))) continue;
    periods.push(period);
    if (e.type === "termination") facts.terminationNotices.push(on);
    else facts.suspensions.push({ startsOn: period.from, liftedOn: period.until });
  }
  return { facts, kept, periods };
}

/** Records dated inside a period that forbids them, whatever the order they were recorded in. */
function contradictions({ kept, periods }: ReturnType<typeof replay>): DatedRecord[] {
  return periods.flatMap((p) => conflictsWith(p, kept));
}

describe("property: random sequences of dated events never leave a record inside a period that forbids it", () => {
  it("holds with the rule", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const result = replay(events, true);
        expect(contradictions(result)).toEqual([]);
        // And the derived state agrees: every execution record kept is dated on a day the convention was in force.
        for (const r of result.kept) {
          const state = conventionState(result.facts, r.on);
          expect(EXECUTION.has(r.kind) ? state === "EN_VIGUEUR" : isRunning(state), `${r.kind} ${r.on} is ${state}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("fails without it (the property can fail)", () => {
    const counterexample = fc.check(fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => contradictions(replay(events, false)).length === 0), { numRuns: 500 });
    expect(counterexample.failed).toBe(true);
  });

  it("a record is inside a period exactly between its bounds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 400 }), (start, length, day) => {
        const from = addDays(SIGNED_ON, start);
        const until = addDays(from, length);
        const on = addDays(SIGNED_ON, day);
        expect(isInside(suspensionPeriod(from, until), on)).toBe(compareDates(from, on) <= 0 && compareDates(on, until) < 0);
      }),
    );
  });
});
