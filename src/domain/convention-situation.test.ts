import { describe, expect, it } from "vitest";
import { conventionSituation, hasEnded, isRunning } from "./convention-state";
import { FAST14_FACTS } from "./fast14.fixture";

const fast14 = FAST14_FACTS;

describe("conventionSituation (FAST 14)", () => {
  it("tells a convention in force, with no end nor suspension", () => {
    expect(conventionSituation(fast14, "2024-06-01")).toEqual({ state: "EN_VIGUEUR", signedOn: "2024-02-29", endedOn: null, suspension: null });
  });
  it("dates the end: the term, the termination's effect, the closing", () => {
    expect(conventionSituation(fast14, "2025-01-01")).toMatchObject({ state: "EXPIREE", endedOn: "2024-12-31" });
    expect(conventionSituation({ ...fast14, terminationNotices: ["2024-06-10"] }, "2024-09-10")).toMatchObject({ state: "RESILIEE", endedOn: "2024-09-10" });
    expect(conventionSituation({ ...fast14, closedOn: "2025-02-01" }, "2025-03-01")).toMatchObject({ state: "CLOTUREE", endedOn: "2025-02-01" });
  });
  it("names the suspension in progress and its reason", () => {
    const facts = {
      ...fast14,
      suspensions: [
        { startsOn: "2024-05-01", liftedOn: "2024-05-10", reason: "ancienne" },
        { startsOn: "2024-06-01", liftedOn: null, reason: "crédits insuffisants" },
      ],
    };
    expect(conventionSituation(facts, "2024-06-15").suspension).toEqual({ startsOn: "2024-06-01", reason: "crédits insuffisants" });
    expect(conventionSituation(facts, "2024-05-20").suspension).toBeNull();
  });
  it("knows which states are ends", () => {
    expect((["BROUILLON", "EN_VIGUEUR", "SUSPENDUE", "RESILIEE", "EXPIREE", "CLOTUREE"] as const).filter(hasEnded)).toEqual(["RESILIEE", "EXPIREE", "CLOTUREE"]);
  });
  it("knows which states run (in force or suspended)", () => {
    expect((["BROUILLON", "EN_VIGUEUR", "SUSPENDUE", "RESILIEE", "EXPIREE", "CLOTUREE"] as const).filter(isRunning)).toEqual(["EN_VIGUEUR", "SUSPENDUE"]);
  });
});
