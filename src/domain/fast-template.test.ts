import { describe, expect, it } from "vitest";
import { fastObligations, obligationDueOn, percentOf, wholeEuros } from "./fast-template";

describe("the FAST template's obligations (articles 2 to 4)", () => {
  const obligations = fastObligations({ startupName: "France Chaleur Urbaine", coFinancingCents: 12_100_000n });
  const rule = (code: string) => obligations.find((o) => o.code === code)!.due;

  it("attributes each obligation to the party that owes it: 19 to the partner, 6 to DINUM, 6 to the délégataire", () => {
    const by = (role: string) => obligations.filter((o) => o.owedBy === role).length;
    expect([by("PARTENAIRE"), by("DELEGANT"), by("DELEGATAIRE")]).toEqual([19, 6, 6]);
    expect(new Set(obligations.map((o) => o.code)).size).toBe(obligations.length);
  });

  it("dates the co-financing six months after DINUM's signature, the Chorus habilitations at it, the report at the term", () => {
    const signed = { signedOn: "2024-02-29", endsOn: "2024-12-31" };
    expect(obligationDueOn(rule("COFINANCEMENT"), signed)).toBe("2024-08-29");
    expect(obligationDueOn(rule("HABILITATIONS_CHORUS"), signed)).toBe("2024-02-29");
    expect(obligationDueOn(rule("COMPTE_RENDU_TERME"), signed)).toBe("2024-12-31");
    expect(obligationDueOn(rule("MANIFESTE"), signed)).toBeNull();
    // Month arithmetic clamps to the month's end: signed on 31 August, due on 28 February.
    expect(obligationDueOn(rule("COFINANCEMENT"), { signedOn: "2024-08-31", endsOn: "2025-12-31" })).toBe("2025-02-28");
  });

  it("leaves the dates counted from the signature empty while the convention is unsigned", () => {
    const draft = { signedOn: null, endsOn: "2025-12-31" };
    expect(obligationDueOn(rule("COFINANCEMENT"), draft)).toBeNull();
    expect(obligationDueOn(rule("HABILITATIONS_CHORUS"), draft)).toBeNull();
    expect(obligationDueOn(rule("COMPTE_RENDU_TERME"), draft)).toBe("2025-12-31");
  });

  it("writes the amounts and shares as the text does", () => {
    expect(obligations.find((o) => o.code === "COFINANCEMENT")!.title).toBe("Engager une enveloppe de cofinancement de 121 000 €");
    expect(obligations.find((o) => o.code === "MISE_A_DISPOSITION")!.description).toContain("50 % dès la signature, les 50 % restants");
    const other = fastObligations({ startupName: "X", coFinancingCents: null, trancheShares: [3000, 7000] });
    expect(other.find((o) => o.code === "COFINANCEMENT")!.title).toContain("(montant à préciser)");
    expect(other.find((o) => o.code === "MISE_A_DISPOSITION")!.description).toContain("30 % dès la signature, les 70 % restants");
    expect([wholeEuros(12_100_000n), wholeEuros(123_456_78n), percentOf(3333)]).toEqual(["121 000 €", "123 456,78 €", "33,33 %"]);
  });
});
