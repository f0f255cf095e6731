import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deriveConvention, releasesOf } from "./convention-view";
import { complementaryTranches } from "./credits";
import { addDays, compareDates, type IsoDate } from "./dates";
import { FAST14, SATISFYING, withReleases } from "./fast14.fixture";
import { avenantChangesToJson, fastYearTranches, signatureDueOn, termsInForce, type AvenantRecord } from "./terms";

// FAST 14 (signed 2024-02-29, 121 000 € of AE and CP in 2024), both tranches released.
const released = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
  { rank: 1, releasedOn: "2024-03-04" },
  { rank: 2, releasedOn: "2024-05-13" },
]);

describe("a tranche an avenant adds is due at the avenant's signature", () => {
  // Avenant n° 1, signed 2024-10-01, raises 2024 to 131 000 €: the 10 000 € above what was released form T3.
  const credits = [{ year: 2024, aeCents: 13_100_000n, cpCents: 13_100_000n }];
  const original = deriveConvention(released, "2024-09-30");
  const tranches = complementaryTranches(original.terms, releasesOf(released), credits);
  const record = { ...released, avenants: [{ number: 1, signedOn: "2024-10-01", changes: avenantChangesToJson({ credits, tranches }) }] };

  it("names the avenant and its signature, not the convention's", () => {
    const view = deriveConvention(record, "2024-10-02");
    const t3 = view.tranches.find((t) => t.rank === 3 && t.creditType === "AE")!;
    expect(t3).toMatchObject({ fromAvenant: { number: 1, signedOn: "2024-10-01" }, status: "DEBLOQUABLE", amountCents: 1_000_000n });
    expect(t3.reason).toBe("Avenant n° 1 signé le 1er octobre 2024 : la tranche qu'il ajoute est due dès sa signature.");
    // The tranches of the signed text keep no avenant.
    expect(view.tranches.find((t) => t.rank === 1 && t.creditType === "AE")!.fromAvenant).toBeUndefined();
  });

  it("dates it in the convention's timeline on the avenant's signature", () => {
    const event = deriveConvention(record, "2024-10-02").timeline.find((e) => e.kind === "TRANCHE" && e.label.startsWith("Tranche 3"))!;
    expect(event.date).toBe("2024-10-01");
  });
});

describe("property: every tranche due at signature is due at the signature of what introduced it", () => {
  it("over random avenants adding years", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2025, max: 2030 }), { maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 4, maxLength: 4 }), (years, days) => {
        const avenants: AvenantRecord[] = years.map((year, i) => ({
          number: i + 1,
          signedOn: addDays("2024-03-01", days[i]!),
          changes: { credits: [{ year, aeCents: 1_000_000n, cpCents: 1_000_000n }], tranches: fastYearTranches(year) },
        }));
        const terms = termsInForce({ endsOn: FAST14.endsOn, midTermReviewDueOn: null, credits: FAST14.credits.map((c) => ({ ...c })), tranches: FAST14.tranches.map((t) => ({ ...t })) }, avenants, "2026-01-01");
        for (const t of terms.tranches) {
          const by = avenants.find((a) => a.changes.credits![0]!.year === t.year);
          const expected: IsoDate = by ? by.signedOn : "2024-02-29";
          expect(signatureDueOn(t, "2024-02-29")).toBe(expected);
          if (by) expect(compareDates(by.signedOn, "2026-01-01")).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
