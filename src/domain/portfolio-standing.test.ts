import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { COMMITTEE_DECISIONS, type CommitteeDecisionRecord } from "./committee-decisions";
import { addDays, addMonths, compareDates, type IsoDate } from "./dates";
import { fastObligations } from "./fast-template";
import { FAST14 } from "./fast14.fixture";
import { DECLARED_STATUSES, type DeclaredStatus } from "./obligations";
import { figuresOn, portfolioFigures, standingOf, STANDING_RULES_VERSION, type PortfolioFacts } from "./portfolio-standing";
import { avenantChangesToJson } from "./terms";

const SIGNED = "2024-02-29";
const REGISTER = fastObligations({ startupName: "France Chaleur Urbaine", coFinancingCents: 12_100_000n });
const STORED: Record<string, IsoDate> = { COMPTE_RENDU_TERME: "2024-12-31", COFINANCEMENT: "2024-08-29", HABILITATIONS_CHORUS: "2024-02-29" };

const base = (signed: boolean): PortfolioFacts => ({
  ...FAST14,
  signedOn: signed ? SIGNED : null,
  fastFundingCents: 12_100_000n,
  obligations: REGISTER.map((o) => ({ code: o.code, dueOn: STORED[o.code] ?? null, declared: null })),
  pendingNotices: 0,
  costWorsened: false,
});

/** One write of a convention's life, made on day `day` (days after the signature date), dating its record `ahead` days later. */
type Write =
  | { kind: "sign" }
  | { kind: "release"; rank: 1 | 2; creditType: "AE" | "CP" }
  | { kind: "review"; verdict: "SATISFAISANTE" | "INSUFFISANTE" }
  | { kind: "avenant"; endMonths: number | null; reviewDays: number | null; aeCents: bigint | null }
  | { kind: "notice" }
  | { kind: "withdraw" }
  | { kind: "suspend" }
  | { kind: "lift" }
  | { kind: "committee"; decision: (typeof COMMITTEE_DECISIONS)[number]; dueDays: number; metDays: number | null }
  | { kind: "obligation"; index: number; status: DeclaredStatus }
  | { kind: "finalReport" }
  | { kind: "notices"; pending: number; worsened: boolean }
  | { kind: "expenditure"; engaged: bigint; paid: bigint };

const writeArb: fc.Arbitrary<Write> = fc.oneof(
  fc.constant({ kind: "sign" as const }),
  fc.record({ kind: fc.constant("release" as const), rank: fc.constantFrom(1 as const, 2 as const), creditType: fc.constantFrom("AE" as const, "CP" as const) }),
  fc.record({ kind: fc.constant("review" as const), verdict: fc.constantFrom("SATISFAISANTE" as const, "INSUFFISANTE" as const) }),
  fc.record({
    kind: fc.constant("avenant" as const),
    endMonths: fc.option(fc.integer({ min: 2, max: 20 }), { nil: null }),
    reviewDays: fc.option(fc.integer({ min: 10, max: 300 }), { nil: null }),
    aeCents: fc.option(fc.bigInt({ min: 12_100_000n, max: 20_000_000n }), { nil: null }),
  }),
  fc.constant({ kind: "notice" as const }),
  fc.constant({ kind: "withdraw" as const }),
  fc.constant({ kind: "suspend" as const }),
  fc.constant({ kind: "lift" as const }),
  fc.record({
    kind: fc.constant("committee" as const),
    decision: fc.constantFrom(...COMMITTEE_DECISIONS),
    dueDays: fc.integer({ min: 1, max: 90 }),
    metDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant("obligation" as const), index: fc.nat({ max: REGISTER.length - 1 }), status: fc.constantFrom(...DECLARED_STATUSES) }),
  fc.constant({ kind: "finalReport" as const }),
  fc.record({ kind: fc.constant("notices" as const), pending: fc.nat({ max: 3 }), worsened: fc.boolean() }),
  fc.record({ kind: fc.constant("expenditure" as const), engaged: fc.bigInt({ min: 0n, max: 1_000_000n }), paid: fc.bigInt({ min: 0n, max: 1_000_000n }) }),
);

/** The facts after one more write, on `on` (the record it writes may be dated after: a suspension announced ahead). */
function apply(facts: PortfolioFacts, write: Write, on: IsoDate, dated: IsoDate): PortfolioFacts {
  switch (write.kind) {
    case "sign":
      return facts.signedOn ? facts : { ...facts, signedOn: on };
    case "release":
      return {
        ...facts,
        tranches: facts.tranches.map((t) =>
          t.rank === write.rank && t.creditType === write.creditType && !t.release ? { ...t, release: { releasedOn: on, releasedByName: "P", amountCents: 6_050_000n } } : t,
        ),
      };
    case "review":
      return { ...facts, reviews: [...facts.reviews, { reviewedOn: on, verdict: write.verdict, comments: "", recordedByName: "P" }] };
    case "avenant": {
      const changes = {
        ...(write.endMonths !== null ? { endsOn: addMonths(SIGNED, write.endMonths) } : {}),
        ...(write.reviewDays !== null ? { midTermReviewDueOn: addDays(SIGNED, write.reviewDays) } : {}),
        ...(write.aeCents !== null ? { credits: [{ year: 2024, aeCents: write.aeCents }] } : {}),
      };
      if (Object.keys(changes).length === 0) return facts;
      return { ...facts, avenants: [...facts.avenants, { number: facts.avenants.length + 1, signedOn: dated, changes: avenantChangesToJson(changes) }] };
    }
    case "notice":
      return { ...facts, terminations: [...facts.terminations, { noticeOn: dated, withdrawnOn: null }] };
    case "withdraw": {
      const last = facts.terminations.at(-1);
      if (!last || last.withdrawnOn || compareDates(last.noticeOn, on) > 0) return facts;
      return { ...facts, terminations: [...facts.terminations.slice(0, -1), { ...last, withdrawnOn: on }] };
    }
    case "suspend":
      return { ...facts, suspensions: [...facts.suspensions, { startsOn: dated, liftedOn: null }] };
    case "lift": {
      const last = facts.suspensions.at(-1);
      if (!last || last.liftedOn || compareDates(last.startsOn, dated) >= 0) return facts;
      return { ...facts, suspensions: [...facts.suspensions.slice(0, -1), { ...last, liftedOn: dated }] };
    }
    case "committee": {
      const conditional = write.decision === "POURSUITE_SOUS_CONDITIONS";
      const committee: CommitteeDecisionRecord = {
        heldOn: on,
        decisionKind: write.decision,
        conditions: conditional ? "Conditions" : null,
        conditionsDueOn: conditional ? addDays(on, write.dueDays) : null,
        conditionsMetOn: conditional && write.metDays !== null ? addDays(on, write.metDays) : null,
      };
      return { ...facts, committees: [...(facts.committees ?? []), committee] };
    }
    case "obligation":
      return { ...facts, obligations: facts.obligations.map((o, i) => (i === write.index ? { ...o, declared: write.status } : o)) };
    case "finalReport":
      return facts.closedOn ? facts : { ...facts, closedOn: on };
    case "notices":
      return { ...facts, pendingNotices: write.pending, costWorsened: write.worsened };
    case "expenditure":
      return {
        ...facts,
        engaged: [...facts.engaged, { ejId: null, year: 2024, amountCents: write.engaged }],
        paid: [...facts.paid, { ejId: null, year: 2024, amountCents: write.paid }],
      };
  }
}

describe("the stored standing tells what the domain derives, on any later day", () => {
  it("FAST 14 as signed: the standing of the signature day reads every day of its life and after", () => {
    const facts = base(true);
    const standing = standingOf(facts, SIGNED);
    expect(standing).toMatchObject({ rulesVersion: STANDING_RULES_VERSION, computedOn: SIGNED });
    for (let day = 0; day <= 500; day += 7) {
      const on = addDays(SIGNED, day);
      expect(figuresOn(standing, on), on).toEqual(portfolioFigures(facts, on));
    }
    // Before the day it was computed for, or under other rules, it tells nothing: the caller derives in full.
    expect(figuresOn(standing, addDays(SIGNED, -1))).toBeNull();
    expect(figuresOn({ ...standing, rulesVersion: STANDING_RULES_VERSION + 1 }, SIGNED)).toBeNull();
  });

  it("keeps a segment only where the figures change (a few, not one per day)", () => {
    const standing = standingOf(base(true), SIGNED);
    expect(standing.segments.length).toBeLessThan(20);
    expect(Object.keys(standing.segments[0]!.set)).toContain("state");
    for (const segment of standing.segments.slice(1)) expect(Object.keys(segment.set).length).toBeGreaterThan(0);
  });

  it("property: replaying random writes, each write's standing equals the derivation on every day until the next", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.record({ write: writeArb, gap: fc.integer({ min: 0, max: 90 }), ahead: fc.integer({ min: 0, max: 40 }) }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 4 }),
        (signed, writes, readOffsets) => {
          let facts = base(signed);
          let on: IsoDate = addDays(SIGNED, -10);
          const checkUntil = (standing: ReturnType<typeof standingOf>, from: IsoDate, until: IsoDate | null) => {
            for (const offset of readOffsets) {
              const day = addDays(from, offset);
              if (until && compareDates(day, until) >= 0) continue;
              expect(figuresOn(standing, day), day).toEqual(portfolioFigures(facts, day));
            }
            // The days the timeline changes and the day before each: where an off-by-one would show.
            for (const segment of standing.segments) {
              for (const day of [segment.from, addDays(segment.from, -1)]) {
                if (compareDates(day, from) < 0 || (until && compareDates(day, until) >= 0)) continue;
                expect(figuresOn(standing, day), day).toEqual(portfolioFigures(facts, day));
              }
            }
          };
          let standing = standingOf(facts, on);
          for (const { write, gap, ahead } of writes) {
            const next = addDays(on, gap);
            checkUntil(standing, on, next);
            on = next;
            facts = apply(facts, write, on, addDays(on, ahead));
            standing = standingOf(facts, on);
          }
          checkUntil(standing, on, null);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("STANDING_RULES_VERSION", () => {
  // Stored standings are read only under the version they were computed with. If this test fails because the
  // derivation changed what the portfolio shows, raise STANDING_RULES_VERSION (every stored standing is then
  // computed again at the next start) and update the expected figures and version below together.
  it("is raised whenever the figures the domain derives change", () => {
    const facts = apply(apply(base(true), { kind: "release", rank: 1, creditType: "AE" }, "2024-03-04", "2024-03-04"), { kind: "obligation", index: 0, status: "EN_COURS" }, "2024-03-04", "2024-03-04");
    const figures = ["2024-03-04", "2024-05-01", "2024-11-15", "2025-01-10"].map((day) => ({ day, ...portfolioFigures(facts, day) }));
    expect({ version: STANDING_RULES_VERSION, figures: JSON.parse(JSON.stringify(figures, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))) as unknown }).toMatchSnapshot();
  });
});
