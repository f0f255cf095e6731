import { describe, expect, it } from "vitest";
import { conventionState, terminationEffectiveOn } from "./convention-state";
import { FAST14_FACTS } from "./fast14.fixture";
import { addMonths } from "./dates";

const fast14 = FAST14_FACTS;

describe("conventionState (FAST 14)", () => {
  it("is a draft before its signature, in force from it until its end date, then expired", () => {
    expect(conventionState(fast14, "2024-02-28")).toBe("BROUILLON");
    expect(conventionState(fast14, "2024-02-29")).toBe("EN_VIGUEUR");
    expect(conventionState(fast14, "2024-12-31")).toBe("EN_VIGUEUR");
    expect(conventionState(fast14, "2025-01-01")).toBe("EXPIREE");
  });
  it("is a draft while unsigned", () => {
    expect(conventionState({ ...fast14, signedOn: null }, "2024-06-01")).toBe("BROUILLON");
  });
  it("ends three months after a termination notice", () => {
    const facts = { ...fast14, terminationNotices: ["2024-05-15"] };
    expect(conventionState(facts, "2024-08-14")).toBe("EN_VIGUEUR");
    expect(conventionState(facts, "2024-08-15")).toBe("RESILIEE");
  });
  it("is suspended between a suspension and its lifting", () => {
    const facts = { ...fast14, suspensions: [{ startsOn: "2024-06-01", liftedOn: "2024-07-01" }] };
    expect(conventionState(facts, "2024-06-15")).toBe("SUSPENDUE");
    expect(conventionState(facts, "2024-07-01")).toBe("EN_VIGUEUR");
  });
  it("is closed once the final report is accepted", () => {
    expect(conventionState({ ...fast14, closedOn: "2025-02-01" }, "2025-02-01")).toBe("CLOTUREE");
  });
});

describe("dates of the FAST 14 text", () => {
  it("computes the co-financing deadline: signature + 6 months = 29 August 2024", () => {
    expect(addMonths("2024-02-29", 6)).toBe("2024-08-29");
  });
  it("clamps a notice given on 30 November to the end of February", () => {
    expect(terminationEffectiveOn("2024-11-30", 3)).toBe("2025-02-28");
  });
});
