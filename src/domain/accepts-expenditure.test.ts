import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { acceptsExpenditure, conventionState, type ConventionFacts } from "./convention-state";
import { addDays, compareDates } from "./dates";

describe("expenditure is offered on a signed convention until it is closed", () => {
  it("not on a closed or unsigned one; still on an ended one (lines dated within its life)", () => {
    expect(acceptsExpenditure("CLOTUREE")).toBe(false);
    expect(acceptsExpenditure("BROUILLON")).toBe(false);
    expect(acceptsExpenditure("EXPIREE")).toBe(true);
    expect(acceptsExpenditure("RESILIEE")).toBe(true);
    expect(acceptsExpenditure("EN_VIGUEUR")).toBe(true);
  });

  it("property: refused exactly when the final report was accepted by then, or the convention is not signed yet", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.option(fc.integer({ min: 300, max: 700 }), { nil: null }), fc.boolean(), (day, closedDay, signed) => {
        const facts: ConventionFacts = {
          signedOn: signed ? "2026-01-05" : null,
          endsOn: "2026-12-31",
          terminationNoticeMonths: 3,
          terminationNotices: [],
          suspensions: [],
          closedOn: closedDay === null ? null : addDays("2026-01-05", closedDay),
        };
        const on = addDays("2026-01-05", day);
        const closed = facts.closedOn !== null && compareDates(facts.closedOn, on) <= 0;
        expect(acceptsExpenditure(conventionState(facts, on))).toBe(!closed && signed);
      }),
    );
  });
});
