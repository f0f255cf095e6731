import { describe, expect, it } from "vitest";
import type { ChorusDpLine, ChorusEjLine } from "./records";
import { dpLineScope, ejLineScope, sameChorusCode, type ConventionChorusRefs } from "./scope";

/** FAST 14's Chorus references (article 4 of its convention). */
const FAST14: ConventionChorusRefs = {
  domaineFonctionnel: "0352-01",
  centreFinancier: "0352-CFSE-CFIN",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
};

const ej = (overrides: Partial<ChorusEjLine> = {}): ChorusEjLine => ({
  ejNumber: "1300456781",
  lineNumber: 1,
  orderedOn: "2024-03-15",
  supplierName: "Numérique & Produit Associés",
  supplierSiret: "91234567500017",
  amountCents: 4_800_000n,
  domaineFonctionnel: "0352-01",
  centreFinancier: "0352-CFSE-CFIN",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
  ...overrides,
});

const dp = (overrides: Partial<ChorusDpLine> = {}): ChorusDpLine => ({
  dpNumber: "1000234501",
  ejNumber: "1300456781",
  lineNumber: 1,
  paidOn: "2024-04-30",
  amountCents: 2_400_000n,
  ...overrides,
});

describe("sameChorusCode", () => {
  it.each([
    ["0352-CFSE-CFIN", " 0352-cfse-cfin "],
    ["035200010101", "35200010101"],
    ["SGDFNUM092", "sgdfnum 092"],
  ])("%j and %j are the same code", (a, b) => {
    expect(sameChorusCode(a, b)).toBe(true);
  });
  it.each([
    ["0352-CFSE-CFIN", "0352-CDBT-CFIN"],
    ["035200010101", "035200010102"],
    ["0352-01", "352-01"],
  ])("%j and %j differ", (a, b) => {
    expect(sameChorusCode(a, b)).toBe(false);
  });
});

describe("ejLineScope", () => {
  it("keeps a line on the convention's imputation", () => {
    expect(ejLineScope(ej(), 6, FAST14)).toEqual({ scope: "convention", warnings: [] });
  });

  it("keeps a line whose codes went through a spreadsheet (case, spaces, leading zero lost)", () => {
    expect(ejLineScope(ej({ centreFinancier: "0352-cfse-cfin", activite: "35200010101" }), 6, FAST14)).toEqual({ scope: "convention", warnings: [] });
  });

  it("lists a line of another centre financier as another convention's", () => {
    expect(ejLineScope(ej({ ejNumber: "1300459903", centreFinancier: "0352-CDBT-CFIN" }), 10, FAST14)).toEqual({
      scope: "other",
      cause: "imputation",
      reason: "Ligne 10 : EJ 1300459903 poste 1 d'une autre convention (centre financier « 0352-CDBT-CFIN » au lieu de « 0352-CFSE-CFIN »), ignoré.",
    });
  });

  it("lists a line of another activité as another convention's", () => {
    const verdict = ejLineScope(ej({ activite: "035200020101" }), 11, FAST14);
    expect(verdict).toMatchObject({ scope: "other", cause: "imputation" });
    if (verdict.scope === "other") expect(verdict.reason).toContain("activité « 035200020101 » au lieu de « 035200010101 »");
  });

  it("keeps a line of another domaine fonctionnel or centre de coûts, with a warning", () => {
    expect(ejLineScope(ej({ domaineFonctionnel: "0352-02", centreDeCout: "SGDFNUM095" }), 7, FAST14)).toEqual({
      scope: "convention",
      warnings: [
        "Ligne 7 : domaine fonctionnel « 0352-02 » différent de celui de la convention (« 0352-01 »).",
        "Ligne 7 : centre de coûts « SGDFNUM095 » différent de celui de la convention (« SGDFNUM092 »).",
      ],
    });
  });
});

describe("dpLineScope", () => {
  const known = (ejNumber: string, lineNumber: number) => ejNumber === "1300456781" && lineNumber === 1;

  it("keeps a DP of one of the convention's EJ lines", () => {
    expect(dpLineScope(dp(), 2, FAST14, known)).toEqual({ scope: "convention", warnings: [] });
    expect(dpLineScope(dp({ centreFinancier: "0352-CFSE-CFIN", activite: "035200010101" }), 2, FAST14, known)).toEqual({ scope: "convention", warnings: [] });
  });

  it("lists a DP imputed on another centre financier as another convention's", () => {
    expect(dpLineScope(dp({ dpNumber: "1000270112", centreFinancier: "0352-CDBT-CFIN" }), 6, FAST14, known)).toEqual({
      scope: "other",
      cause: "imputation",
      reason: "Ligne 6 : DP 1000270112 d'une autre convention (centre financier « 0352-CDBT-CFIN » au lieu de « 0352-CFSE-CFIN »), ignorée.",
    });
  });

  it("lists a DP on an EJ line that is not the convention's", () => {
    expect(dpLineScope(dp({ lineNumber: 2 }), 4, FAST14, known)).toEqual({
      scope: "other",
      cause: "unknown-ej",
      reason: "Ligne 4 : DP 1000234501 sur l'EJ 1300456781 poste 2, qui n'est pas un engagement de cette convention, ignorée.",
    });
  });
});
