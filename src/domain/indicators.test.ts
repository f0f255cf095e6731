import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MAX_VALUE,
  compareWithObjective,
  describeComparison,
  formatIndicatorValue,
  formatPercentTenths,
  indicatorSeries,
  measureChanges,
  parseIndicatorValue,
  sameIndicatorName,
  scaledFromDecimalString,
  scaledToDecimalString,
  scaledToNumber,
} from "./indicators";
import { plain } from "./fast14.fixture";

const v = (text: string) => {
  const parsed = parseIndicatorValue(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe("parseIndicatorValue", () => {
  it("reads French and plain numbers exactly, in ten-thousandths", () => {
    expect(v("1 234,5")).toBe(12_345_000n);
    expect(v("1234.5")).toBe(12_345_000n);
    expect(v("0,0001")).toBe(1n);
    expect(v("3\u202f720")).toBe(37_200_000n);
    expect(v("0")).toBe(0n);
  });

  it("refuses what is not a non-negative number with at most four decimals, in French", () => {
    expect(parseIndicatorValue("beaucoup")).toEqual({ ok: false, code: "INDICATOR_VALUE_UNREADABLE", message: "Valeur illisible : écrivez un nombre, par exemple 1 234,5." });
    expect(parseIndicatorValue("12 %")).toMatchObject({ ok: false, code: "INDICATOR_VALUE_UNREADABLE" });
    expect(parseIndicatorValue("1e3")).toMatchObject({ ok: false });
    expect(parseIndicatorValue("-3")).toMatchObject({ ok: false, code: "INDICATOR_VALUE_NEGATIVE" });
    expect(parseIndicatorValue("1,23456")).toMatchObject({ ok: false, code: "INDICATOR_VALUE_TOO_MANY_DECIMALS" });
    expect(parseIndicatorValue("   ")).toMatchObject({ ok: false, code: "INDICATOR_VALUE_REQUIRED" });
    expect(parseIndicatorValue("100000000000")).toMatchObject({ ok: false, code: "INDICATOR_VALUE_TOO_LARGE" });
    expect(parseIndicatorValue("99999999999,9999")).toEqual({ ok: true, value: MAX_VALUE });
  });

  it("round-trips through the database's decimal text and JSON numbers without loss (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_VALUE }), (value) => {
        const text = scaledToDecimalString(value);
        expect(scaledFromDecimalString(text)).toBe(value);
        // Typed back with a decimal comma (a point followed by three digits is ambiguous, hence refused).
        expect(v(text.replace(".", ","))).toBe(value);
        // A JSON number printed from it reads back the same decimal.
        expect(scaledFromDecimalString(String(scaledToNumber(value)))).toBe(value);
      }),
    );
  });

  it("formats the French way", () => {
    expect(plain(formatIndicatorValue(v("3720")))).toBe("3 720");
    expect(plain(formatIndicatorValue(v("2050,25")))).toBe("2 050,25");
    expect(scaledToDecimalString(v("12"))).toBe("12");
    expect(scaledFromDecimalString("1234.5000")).toBe(12_345_000n);
  });
});

describe("compareWithObjective", () => {
  it("reads a level to reach: reached, partly from half, missed under half, with the percentage", () => {
    expect(compareWithObjective({ result: v("3720"), objective: v("3500"), baseline: v("1850") })).toEqual({ status: "ATTEINT", direction: "HAUSSE", percentTenths: 1063n });
    expect(compareWithObjective({ result: v("160"), objective: v("220"), baseline: v("95") })).toEqual({ status: "PARTIELLEMENT_ATTEINT", direction: "HAUSSE", percentTenths: 727n });
    expect(compareWithObjective({ result: v("2050"), objective: v("4500"), baseline: v("2100") })).toEqual({ status: "NON_ATTEINT", direction: "HAUSSE", percentTenths: 456n });
    expect(compareWithObjective({ result: v("100"), objective: v("100"), baseline: null })).toMatchObject({ status: "ATTEINT", percentTenths: 1000n });
  });

  it("reads an objective below the baseline as a reduction to reach", () => {
    expect(compareWithObjective({ result: v("12"), objective: v("10"), baseline: v("21") })).toEqual({ status: "PARTIELLEMENT_ATTEINT", direction: "BAISSE", percentTenths: 833n });
    expect(compareWithObjective({ result: v("9"), objective: v("10"), baseline: v("21") })).toMatchObject({ status: "ATTEINT", direction: "BAISSE" });
    expect(compareWithObjective({ result: v("0"), objective: v("0"), baseline: v("3") })).toEqual({ status: "ATTEINT", direction: "BAISSE", percentTenths: null });
  });

  it("decides at the exact boundary, where a float would hesitate", () => {
    // 0,1 + 0,2 style values: 0,3 against 0,3 is reached, 0,2999 is not.
    expect(compareWithObjective({ result: v("0,3"), objective: v("0,3"), baseline: null }).status).toBe("ATTEINT");
    expect(compareWithObjective({ result: v("0,2999"), objective: v("0,3"), baseline: null }).status).toBe("PARTIELLEMENT_ATTEINT");
    expect(compareWithObjective({ result: v("1,5"), objective: v("3"), baseline: null })).toMatchObject({ status: "PARTIELLEMENT_ATTEINT", percentTenths: 500n });
    expect(compareWithObjective({ result: v("1,4998"), objective: v("3"), baseline: null })).toMatchObject({ status: "NON_ATTEINT", percentTenths: 500n });
    // Half up: 2/3 = 66,666… % → 66,7 %.
    expect(compareWithObjective({ result: v("2"), objective: v("3"), baseline: null }).percentTenths).toBe(667n);
  });

  it("treats a zero objective as reached, without a percentage", () => {
    expect(compareWithObjective({ result: v("0"), objective: v("0"), baseline: null })).toEqual({ status: "ATTEINT", direction: "HAUSSE", percentTenths: null });
  });

  it("says it in French", () => {
    expect(plain(formatPercentTenths(1063n))).toBe("106,3 %");
    expect(plain(formatPercentTenths(12_500n))).toBe("1 250 %");
    expect(plain(describeComparison({ status: "ATTEINT", direction: "HAUSSE", percentTenths: 1063n }))).toBe("Atteint à 106,3 %");
    expect(plain(describeComparison({ status: "PARTIELLEMENT_ATTEINT", direction: "HAUSSE", percentTenths: 727n }))).toBe("Partiellement atteint à 72,7 %");
    expect(plain(describeComparison({ status: "NON_ATTEINT", direction: "HAUSSE", percentTenths: 456n }))).toBe("Non atteint (45,6 %)");
    expect(describeComparison({ status: "ATTEINT", direction: "HAUSSE", percentTenths: null })).toBe("Atteint");
  });
});

describe("indicatorSeries", () => {
  it("reads each result against the objective of the committee before, without re-typing it", () => {
    const rows = indicatorSeries([
      { committeeId: "c2", heldOn: "2024-09-12", result: v("160"), objective: v("300") },
      { committeeId: "c1", heldOn: "2024-03-14", result: v("95"), objective: v("220") },
    ]);
    expect(rows.map((r) => r.committeeId)).toEqual(["c1", "c2"]);
    expect(rows[0]).toMatchObject({ previousObjective: null, comparison: null });
    expect(rows[1]).toMatchObject({ previousObjective: v("220"), comparison: { status: "PARTIELLEMENT_ATTEINT", percentTenths: 727n } });
  });

  it("has nothing to compare when the previous committee set no objective or the result is missing", () => {
    const rows = indicatorSeries([
      { committeeId: "c1", heldOn: "2024-03-14", result: v("95"), objective: null },
      { committeeId: "c2", heldOn: "2024-09-12", result: v("160"), objective: v("300") },
      { committeeId: "c3", heldOn: "2025-03-12", result: null, objective: v("400") },
    ]);
    expect(rows.map((r) => r.comparison)).toEqual([null, null, null]);
    expect(rows[2]!.previousObjective).toBe(v("300"));
  });

  it("skips a committee that measured nothing of this indicator", () => {
    const rows = indicatorSeries([
      { committeeId: "c1", heldOn: "2024-03-14", result: v("2100"), objective: v("4500") },
      { committeeId: "c2", heldOn: "2024-06-20", result: null, objective: null },
      { committeeId: "c3", heldOn: "2024-09-12", result: v("2050,5"), objective: v("5000") },
    ]);
    expect(rows[1]).toMatchObject({ previousObjective: v("4500"), comparison: null });
    expect(rows[2]).toMatchObject({ previousObjective: v("4500"), comparison: { status: "NON_ATTEINT", percentTenths: 456n } });
  });
});

describe("measureChanges", () => {
  const recorded = [
    { indicatorId: "a", result: 10_000n, objective: 20_000n },
    { indicatorId: "b", result: null, objective: 5_000n },
  ];

  it("keeps only what differs: a corrected value, a new measure, an emptied one (removed)", () => {
    expect(
      measureChanges(recorded, [
        { indicatorId: "a", result: 15_000n, objective: 20_000n },
        { indicatorId: "b", result: null, objective: null },
        { indicatorId: "c", result: 1n, objective: null },
      ]),
    ).toEqual([
      { indicatorId: "a", before: { result: 10_000n, objective: 20_000n }, after: { result: 15_000n, objective: 20_000n } },
      { indicatorId: "b", before: { result: null, objective: 5_000n }, after: { result: null, objective: null } },
      { indicatorId: "c", before: null, after: { result: 1n, objective: null } },
    ]);
  });

  it("changes nothing when the values typed are those recorded, or nothing is typed for an indicator without measure", () => {
    expect(measureChanges(recorded, [{ indicatorId: "a", result: 10_000n, objective: 20_000n }, { indicatorId: "c", result: null, objective: null }])).toEqual([]);
    expect(measureChanges(recorded, [])).toEqual([]);
  });
});

describe("sameIndicatorName", () => {
  const indicators = [
    { id: "1", name: "Raccordements réalisés" },
    { id: "2", name: "Tonnes de CO₂ évitées" },
  ];

  it("finds a name already taken whatever its case, except by the indicator itself", () => {
    expect(sameIndicatorName(indicators, "raccordements RÉALISÉS")).toEqual(indicators[0]);
    expect(sameIndicatorName(indicators, "Raccordements réalisés", "1")).toBeUndefined();
    expect(sameIndicatorName(indicators, "Raccordements réalisés", "2")).toEqual(indicators[0]);
    expect(sameIndicatorName(indicators, "Raccordements prévus")).toBeUndefined();
  });
});

describe("an indicator value whose reading is ambiguous in French", () => {
  it("is refused with both readings: a point followed by three digits may be thousands or decimals", () => {
    const ambiguous = parseIndicatorValue("3.700");
    expect(ambiguous).toMatchObject({ ok: false, code: "INDICATOR_VALUE_AMBIGUOUS" });
    expect((ambiguous as { message: string }).message.replace(/\u202f|\u00a0/g, " ")).toBe(
      "« 3.700 » peut se lire 3 700 (point séparateur de milliers) ou 3,7 (point décimal) : écrivez 3 700 ou 3,7.",
    );
    expect(parseIndicatorValue("12.345")).toMatchObject({ ok: false, code: "INDICATOR_VALUE_AMBIGUOUS" });
  });

  it("is read when it is not ambiguous", () => {
    expect(v("3,700")).toBe(37_000n);
    expect(v("3.7")).toBe(37_000n);
    expect(v("3.75")).toBe(37_500n);
    expect(v("3 700")).toBe(37_000_000n);
    expect(v("1234.567")).toBe(12_345_670n);
  });
});
