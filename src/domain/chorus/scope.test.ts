import { describe, expect, it } from "vitest";
import { lineScope, sameChorusCode, type ConventionChorusRefs } from "./scope";

/** FAST 14's Chorus references (article 4 of its convention). */
const FAST14: ConventionChorusRefs = {
  domaineFonctionnel: "0352-01",
  centreFinancier: "0352-CFSE-CFIN",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
};

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

describe("lineScope: whose line it is, on the columns the layout carries", () => {
  it("decides on activité and centre financier when the line has a centre financier (AIFE AE, national files)", () => {
    expect(lineScope({ activite: "035200010101", centreFinancier: "0352-CFSE-CFIN", centreDeCout: "SGDFNUM092", domaineFonctionnel: "0352-01" }, FAST14)).toEqual({
      ours: true,
      decidedBy: ["activite", "centreFinancier"],
      warnings: [],
    });
    expect(lineScope({ activite: "035200010101", centreFinancier: "0352-CDBT-CFIN" }, FAST14)).toEqual({
      ours: false,
      differences: ["centre financier « 0352-CDBT-CFIN » au lieu de « 0352-CFSE-CFIN »"],
    });
  });

  it("decides on activité and centre de coûts without a centre financier (INF-BUD-53, AIFE CP)", () => {
    expect(lineScope({ activite: "035200010101", centreDeCout: "SGDFNUM092", domaineFonctionnel: "0352-01" }, FAST14)).toMatchObject({ ours: true, decidedBy: ["activite", "centreDeCout"] });
    expect(lineScope({ activite: "035200020101", centreDeCout: "SGDFNUM095" }, FAST14)).toEqual({
      ours: false,
      differences: ["activité (référentiel de programmation) « 035200020101 » au lieu de « 035200010101 »", "centre de coûts « SGDFNUM095 » au lieu de « SGDFNUM092 »"],
    });
  });

  it("keeps a line that differs on a secondary column, with a warning", () => {
    const scope = lineScope({ activite: "035200010101", centreFinancier: "0352-CFSE-CFIN", centreDeCout: "SGDFNUM099", domaineFonctionnel: "0352-02" }, FAST14);
    expect(scope).toEqual({
      ours: true,
      decidedBy: ["activite", "centreFinancier"],
      warnings: ["domaine fonctionnel « 0352-02 » différent de celui de la convention (« 0352-01 »)", "centre de coûts « SGDFNUM099 » différent de celui de la convention (« SGDFNUM092 »)"],
    });
  });

  it("counts a line whose deciding cells could not be read as the convention's, so that its refusal is seen", () => {
    expect(lineScope({}, FAST14)).toEqual({ ours: true, decidedBy: [], warnings: [] });
  });
});
