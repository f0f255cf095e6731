import { describe, expect, it } from "vitest";
import { CATALOGUE, failure, messageOf, type FailureCode } from "./failures";

describe("the catalogue of failures", () => {
  it("names every code in UPPER_SNAKE English and gives it a message", () => {
    for (const code of Object.keys(CATALOGUE) as FailureCode[]) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(typeof CATALOGUE[code], code).toBe("function");
    }
  });

  it("formats amounts in euros and dates in French within a message", () => {
    const plain = (s: string) => s.replace(/\s/g, " ");
    expect(plain(messageOf(failure("EJ_BELOW_ZERO", { engagedCents: 1_800_000n, maxReductionCents: 50_000n })))).toBe(
      "Réduction refusée : elle dépasse le montant de l'EJ (18 000,00 €). Réduction maximale : 500,00 €.",
    );
    expect(messageOf(failure("FUTURE_DATE", { on: "2024-09-12" }, "paidOn"))).toBe("La date (12 septembre 2024) ne peut pas être dans le futur.");
    expect(messageOf(failure("OUTSIDE_CONVENTION_LIFE", { of: "paiement", on: "2025-01-02", state: "EXPIREE", signedOn: "2024-02-29", endsOn: "2024-12-31" }))).toBe(
      "Un paiement ne peut pas être daté du 2 janvier 2025, après la fin de la convention (31 décembre 2024).",
    );
  });

  it("says several refusals one after another", () => {
    const several = failure("SEVERAL", { failures: [failure("AVENANT_NUMBER_TAKEN", { number: 2 }), failure("AVENANT_SIGNED_IN_FUTURE", { signedOn: "2024-10-03" })] });
    expect(messageOf(several)).toBe("L'avenant n° 2 est déjà enregistré. La date de signature de l'avenant (3 octobre 2024) est dans le futur.");
  });

  it("reads a failure's words from its code and parameters", () => {
    expect(messageOf(failure("FORBIDDEN"))).toMatch(/^Accès refusé/);
    expect(messageOf(failure("DUPLICATE", { what: "l'EJ 2103456789" }))).toContain("l'EJ 2103456789");
    expect(failure("NOT_FOUND", undefined, "ejId")).toEqual({ code: "NOT_FOUND", field: "ejId" });
  });
});
