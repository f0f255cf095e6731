import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { centsToDecimalString, formatEuros, parseEuros, shareOf } from "./money";

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatEuros", () => {
  it("formats FAST 14's allocation exactly, French style", () => {
    expect(nbsp(formatEuros(12_100_000n))).toBe("121 000,00 €");
  });
  it("keeps cents exact on amounts a float would round", () => {
    expect(nbsp(formatEuros(900_719_925_474_099_3n))).toBe("90 071 992 547 409,93 €");
  });
  it("formats negatives", () => {
    expect(nbsp(formatEuros(-1_05n))).toBe("-1,05 €");
  });
});

describe("parseEuros", () => {
  it.each([
    ["1 234,56", 123_456n],
    ["1234.56", 123_456n],
    ["1\u00a0234,56 €", 123_456n],
    ["121000", 12_100_000n],
    ["-12,5", -1_250n],
    ["0,01", 1n],
  ])("reads %s", (input, cents) => {
    expect(parseEuros(input)).toEqual({ ok: true, cents });
  });
  it.each(["", "abc", "1,234,56", "12,345", "1e5", "10000000000000"])("refuses %s with a French message", (input) => {
    const result = parseEuros(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/montant|décimales/i);
  });
  it("round-trips any amount through its decimal string", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (cents) => {
        expect(parseEuros(centsToDecimalString(cents))).toEqual({ ok: true, cents });
      }),
    );
  });
});

describe("shareOf", () => {
  it("halves FAST 14's AE into two 60 500 € tranches", () => {
    expect(shareOf(12_100_000n, 5000)).toBe(6_050_000n);
  });
});
