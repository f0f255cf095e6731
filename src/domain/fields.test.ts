import { describe, expect, it } from "vitest";
import { eurosField, isoDateField, optionalIsoDateField, textField } from "./fields";

describe("form fields", () => {
  it("reads dates, and says how to write them", () => {
    expect(isoDateField.parse(" 2024-02-29 ")).toBe("2024-02-29");
    expect(isoDateField.safeParse("2023-02-29").error?.issues[0]?.message).toContain("AAAA-MM-JJ");
    expect(isoDateField.safeParse("").error?.issues[0]?.message).toBe("Date obligatoire.");
    expect(optionalIsoDateField.parse("")).toBeUndefined();
    expect(optionalIsoDateField.safeParse("29/02/2024").success).toBe(false);
  });
  it("reads euros the French way into exact cents, never negative", () => {
    expect(eurosField.parse("121 000,00")).toBe(12_100_000n);
    expect(eurosField.parse("0,01")).toBe(1n);
    expect(eurosField.safeParse("-5").error?.issues[0]?.message).toBe("Le montant ne peut pas être négatif.");
    expect(eurosField.safeParse("12,345").error?.issues[0]?.message).toContain("deux décimales");
  });
  it("trims text and bounds it", () => {
    expect(textField("Motif").parse("  Fin  ")).toBe("Fin");
    expect(textField("Motif").safeParse("   ").error?.issues[0]?.message).toBe("Motif : champ obligatoire.");
    expect(textField("Motif", 3).safeParse("abcd").error?.issues[0]?.message).toBe("Motif : 3 caractères au plus.");
  });
});
