import { describe, expect, it } from "vitest";
import { deriveConvention, parseAvenants } from "./convention-view";
import { FAST14, SATISFYING, withReleases } from "./fast14.fixture";

describe("deriveConvention (FAST 14 as the demo tells it)", () => {
  const record = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
    { rank: 1, releasedOn: "2024-03-04" },
    { rank: 2, releasedOn: "2024-05-13" },
  ]);

  it("derives state, tranches, credits and dates at a date", () => {
    const view = deriveConvention({ ...record, engaged: [{ ejId: "ej", year: 2024, amountCents: 10_000_000n }] }, "2024-06-01");
    expect(view.situation.state).toBe("EN_VIGUEUR");
    expect(view.tranches.map((t) => `${t.creditType}${t.rank} ${t.status}`)).toEqual(["AE1 DEBLOQUEE", "AE2 DEBLOQUEE", "CP1 DEBLOQUEE", "CP2 DEBLOQUEE"]);
    expect(view.credits.total.ae).toMatchObject({ allocated: 12_100_000n, madeAvailable: 12_100_000n, engaged: 10_000_000n, leftToEngage: 2_100_000n });
    expect(view.dates).toEqual({
      signedOn: "2024-02-29",
      midTermReviewDueOn: "2024-04-30",
      coFinancingDueOn: "2024-08-29",
      committeesDueOn: ["2024-08-29"],
      terminationEffectiveOn: null,
      endsOn: "2024-12-31",
      endsBy: "TERME",
    });
  });

  it("counts only what was released by the date", () => {
    expect(deriveConvention(record, "2024-04-01").credits.total.ae.madeAvailable).toBe(6_050_000n);
  });

  it("refuses to derive from stored avenant changes that are invalid", () => {
    expect(() => parseAvenants([{ number: 1, signedOn: "2024-10-01", changes: { endsOn: "demain" } }])).toThrow(/Avenant 1/);
  });
});
