import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { costOfImpact, costPerUnit, costWorsened, readAmbition } from "./impact-cost";
import { SCALE } from "./indicators";

const v = (n: number | bigint) => BigInt(n) * SCALE;

describe("cost of impact", () => {
  it("divides the CP paid to date by the result, rounded half up to the cent", () => {
    expect(costPerUnit(100_000n, v(3))).toBe(33_333n); // 1 000 € / 3 = 333,333… → 333,33 €
    expect(costPerUnit(200_000n, v(3))).toBe(66_667n); // 666,666… → 666,67 €
    expect(costPerUnit(1n, v(2))).toBe(1n); // 0,005 € → 0,01 € (half up)
    expect(costPerUnit(12_345n, 25_000n)).toBe(4_938n); // 123,45 € / 2,5 = 49,38 €
  });

  it("reads each committee's cost against the previous known one, lead metric first", () => {
    const spending = [
      { committeeId: "b", heldOn: "2024-09-12", cpPaidCents: 9_000_000n },
      { committeeId: "a", heldOn: "2024-03-14", cpPaidCents: 1_850_000n },
      { committeeId: "c", heldOn: "2024-12-10", cpPaidCents: 12_000_000n },
    ];
    const series = costOfImpact(spending, [
      { indicatorId: "usage", name: "Raccordements", unit: "bâtiments", lead: false, results: [{ committeeId: "a", result: v(95) }, { committeeId: "c", result: v(100) }] },
      { indicatorId: "lead", name: "Demandes", unit: "demandes", lead: true, results: [{ committeeId: "a", result: v(1850) }, { committeeId: "b", result: v(3720) }, { committeeId: "c", result: v(6000) }] },
    ]);
    expect(series.map((s) => s.indicatorId)).toEqual(["lead", "usage"]);
    const [lead, usage] = series;
    expect(lead!.points.map((p) => [p.heldOn, p.costCents, p.trend])).toEqual([
      ["2024-03-14", 1_000n, null],
      ["2024-09-12", 2_419n, "DEGRADATION"], // 90 000 / 3 720 = 24,193… €
      ["2024-12-10", 2_000n, "AMELIORATION"],
    ]);
    expect(lead!.worsened).toBe(false);
    // September has no value for the usage measure: December reads against March.
    expect(usage!.points.map((p) => [p.costCents, p.trend])).toEqual([
      [19_474n, null],
      [null, null],
      [120_000n, "DEGRADATION"],
    ]);
    expect(usage!.worsened).toBe(true);
    expect(costWorsened(series)).toBe(true);
  });

  it("property: the trend follows the exact fractions, whatever rounding makes of the costs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cp: fc.bigInt({ min: 0n, max: 10n ** 10n }), result: fc.bigInt({ min: 1n, max: 10n ** 8n }) }), { minLength: 2, maxLength: 6 }),
        (rows) => {
          const spending = rows.map((r, i) => ({ committeeId: String(i), heldOn: `2024-0${i + 1}-01`, cpPaidCents: r.cp }));
          const [series] = costOfImpact(spending, [{ indicatorId: "x", name: "x", unit: "u", lead: true, results: rows.map((r, i) => ({ committeeId: String(i), result: r.result })) }]);
          series!.points.forEach((p, i) => {
            const r = rows[i]!;
            // Half up to the cent: |cost − exact| ≤ ½ cent, i.e. |2·cost·result − 2·cp·SCALE| ≤ result.
            const diff = 2n * p.costCents! * r.result - 2n * r.cp * SCALE;
            expect(diff >= -r.result && diff < r.result).toBe(true);
            if (i > 0) {
              const prev = rows[i - 1]!;
              const order = r.cp * prev.result - prev.cp * r.result;
              expect(p.trend).toBe(order < 0n ? "AMELIORATION" : order > 0n ? "DEGRADATION" : "STABLE");
            }
          });
        },
      ),
    );
  });
});

describe("launch ambition", () => {
  it("reads the lead metric's latest result by the day against the target", () => {
    const measures = [
      { heldOn: "2024-03-14", result: v(1850) },
      { heldOn: "2024-09-12", result: v(3720) },
      { heldOn: "2024-06-20", result: null },
    ];
    expect(readAmbition({ target: v(5000) }, measures, "2024-03-13")).toBeNull();
    const reading = readAmbition({ target: v(5000) }, measures, "2024-10-01")!;
    expect(reading.heldOn).toBe("2024-09-12");
    expect(reading.comparison).toEqual({ status: "PARTIELLEMENT_ATTEINT", direction: "HAUSSE", percentTenths: 744n });
  });
});
