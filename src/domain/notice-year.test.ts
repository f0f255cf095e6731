import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { messageOf } from "./failures";
import { checkNoticeYear } from "./notices";

describe("a notice is about a year the convention covers", () => {
  it("refuses 2031 on a 2026 convention, under the year field, naming the years it covers", () => {
    const refusal = checkNoticeYear([2026], 2031)!;
    expect(refusal).toMatchObject({ code: "NOTICE_YEAR_NOT_COVERED", field: "year", params: { year: 2031, years: [2026] } });
    expect(messageOf(refusal)).toBe("La convention ne couvre pas l'année 2031 (années prévues : 2026) : un avis porte sur une année de la convention.");
    expect(checkNoticeYear([2026], 2026)).toBeNull();
  });

  it("property: refused exactly when the year is not one of its credits' years", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2020, max: 2035 }), { maxLength: 4 }), fc.integer({ min: 2000, max: 2100 }), (years, year) => {
        const refusal = checkNoticeYear(years, year);
        expect(refusal === null).toBe(years.includes(year));
        if (refusal) expect(refusal.params).toEqual({ year, years: [...years].sort((a, b) => a - b) });
      }),
    );
  });
});
