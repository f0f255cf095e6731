import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { compareDates, daysBetween, isValidIsoDate, minDate, yearOf } from "./dates";

describe("calendar helpers", () => {
  it("accepts real ISO dates only", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2023-02-29")).toBe(false);
    expect(isValidIsoDate("2024-13-01")).toBe(false);
    expect(isValidIsoDate("2024-2-1")).toBe(false);
    expect(isValidIsoDate("2024-02-29T00:00")).toBe(false);
  });
  it("accepts exactly the YYYY-MM-DD strings Temporal reads as a real date", () => {
    const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"));
    fc.assert(
      fc.property(digits(4, 9999), digits(2, 99), digits(2, 99), (y, m, d) => {
        const value = `${y}-${m}-${d}`;
        let real = true;
        try {
          Temporal.PlainDate.from(value, { overflow: "reject" });
        } catch {
          real = false;
        }
        expect(isValidIsoDate(value)).toBe(real);
      }),
      { numRuns: 20_000 },
    );
    for (const leap of ["2000-02-29", "1600-02-29", "0000-02-29", "2024-02-29"]) expect(isValidIsoDate(leap)).toBe(true);
    for (const notLeap of ["1900-02-29", "2100-02-29", "2023-02-29", "2024-04-31", "2024-00-10", "2024-01-00", "2024-01-32"]) expect(isValidIsoDate(notLeap)).toBe(false);
  });
  it("counts days and picks the earliest date", () => {
    expect(daysBetween("2024-11-15", "2024-11-30")).toBe(15);
    expect(daysBetween("2024-12-01", "2024-11-30")).toBe(-1);
    expect(daysBetween("2024-02-29", "2025-02-28")).toBe(365);
    expect(minDate(null, "2024-12-31", undefined, "2024-09-10")).toBe("2024-09-10");
    expect(minDate()).toBeNull();
    expect(yearOf("2024-02-29")).toBe(2024);
  });
});

describe("compareDates", () => {
  it("orders ISO dates as Temporal does", () => {
    const day = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, (a, b) => compareDates(a, b) === Temporal.PlainDate.compare(a, b)));
  });
});
