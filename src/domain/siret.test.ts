import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { optionalSiretField } from "./fields";
import { readSiret } from "./chorus/cells";
import { messageOf } from "./failures";
import { siretProblem } from "./siret";

/** The Luhn check digit that completes 13 digits (computed here independently of the library). */
function withCheckDigit(thirteen: string): string {
  const sum = [...thirteen].reverse().reduce((acc, d, i) => {
    const n = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return `${thirteen}${(10 - (sum % 10)) % 10}`;
}

describe("SIRET", () => {
  it.each([
    ["13002526500013", null], // DINUM
    ["35600000000048", null], // La Poste, head office (Luhn)
    ["35600000049837", null], // La Poste establishment: digits add up to 45
    ["13002526500014", "la clé de contrôle ne correspond pas, vérifiez les chiffres"],
    ["35600000049838", "la clé de contrôle ne correspond pas, vérifiez les chiffres"],
    ["1300252650001", "14 chiffres attendus"],
    ["1300252650001A", "14 chiffres attendus"],
  ])("%s → %s", (siret, problem) => {
    expect(siretProblem(siret)).toBe(problem);
  });

  it("accepts every number with its check digit, and refuses it with any one digit changed", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{12}$/), fc.nat({ max: 13 }), fc.integer({ min: 1, max: 9 }), (thirteen, position, shift) => {
        const siret = withCheckDigit(thirteen);
        if (siretProblem(siret) !== null) return false;
        const changed = siret.slice(0, position) + String((Number(siret[position]) + shift) % 10) + siret.slice(position + 1);
        // Luhn catches every single-digit error; a La Poste number may still add up to a multiple of 5.
        return changed.startsWith("356000000") || siretProblem(changed) !== null;
      }),
    );
  });

  it("is checked in forms and in Chorus imports, with a French message", () => {
    expect(optionalSiretField.safeParse("130 025 265 00013").data).toBe("13002526500013");
    expect(optionalSiretField.safeParse("").data).toBeNull();
    const bad = optionalSiretField.safeParse("130 025 265 00014");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("SIRET invalide : la clé de contrôle ne correspond pas, vérifiez les chiffres.");
    const refused = readSiret("130 025 265 00014");
    expect(refused).toEqual({ ok: false, failure: { code: "CHORUS_CELL_SIRET_INVALID", params: { value: "130 025 265 00014", problem: "KEY" } } });
    expect(!refused.ok && messageOf(refused.failure)).toBe("SIRET invalide « 130 025 265 00014 » (la clé de contrôle ne correspond pas, vérifiez les chiffres)");
  });
});
