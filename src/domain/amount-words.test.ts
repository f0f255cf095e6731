import { describe, expect, it } from "vitest";
import { eurosInFiguresAndWords, eurosInWords, formatEurosShort } from "./amount-words";
import { plain } from "./fast14.fixture";

describe("amounts in words", () => {
  it.each([
    [12_100_000n, "cent vingt et un mille euros"],
    [6_050_000n, "soixante mille cinq cents euros"],
    [8_000_000n, "quatre-vingt mille euros"],
    [100n, "un euro"],
    [100_000_000n, "un million d'euros"],
    [200_000_000n, "deux millions d'euros"],
    [123_456_789n, "un million deux cent trente-quatre mille cinq cent soixante-sept euros et quatre-vingt-neuf centimes"],
    [50n, "cinquante centimes"],
    [12_100_050n, "cent vingt et un mille euros et cinquante centimes"],
  ])("%s cents read « %s »", (cents, words) => {
    expect(eurosInWords(cents)).toBe(words);
  });

  it("writes figures without cents when the amount is whole, as the convention does", () => {
    expect(plain(formatEurosShort(12_100_000n))).toBe("121 000 €");
    expect(plain(formatEurosShort(12_100_050n))).toBe("121 000,50 €");
    expect(plain(eurosInFiguresAndWords(12_100_000n))).toBe("121 000 € (cent vingt et un mille euros)");
  });

  it("refuses a negative amount", () => {
    expect(() => eurosInWords(-1n)).toThrow();
  });
});
