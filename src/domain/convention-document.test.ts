import { describe, expect, it } from "vitest";
import { avenantDocument, conventionDocument, plainText, type ConventionDocumentInput } from "./convention-document";
import { plain } from "./fast14.fixture";
import { avenantChangesSchema } from "./terms";

const party = (role: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE", acronym: string) => ({
  role,
  name: `Direction ${acronym}`,
  acronym,
  designation: role === "DELEGANT" ? "le délégant" : role === "PARTENAIRE" ? "le partenaire" : "le délégataire",
  address: `1 rue ${acronym}`,
  representativeName: `Représentant ${acronym}`,
  representativeTitle: "Directeur",
});

const INPUT: ConventionDocumentInput = {
  reference: "FAST15-X",
  title: "Convention de délégation de gestion FAST 15 | X",
  fastCall: "FAST 15",
  startupName: "X",
  fastFundingCents: 8_000_000n,
  coFinancingCents: null,
  coFinancingDueMonths: null,
  signedOn: null,
  signedAt: null,
  endsOn: "2026-12-31",
  midTermReviewDueOn: null,
  terminationNoticeMonths: 3,
  legalBasis: ["Décret n° 2004-1085 du 14 octobre 2004"],
  marche: "Marché",
  bop: "352",
  bopLabel: "Innovation",
  domaineFonctionnel: "0352-01",
  centreFinancier: "0352-CFSE-CFIN",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
  comptableAssignataire: "CBCM",
  publicationUrl: null,
  parties: [party("PARTENAIRE", "P"), party("DELEGANT", "D"), party("DELEGATAIRE", "R")],
  credits: [
    { year: 2025, aeCents: 5_000_000n, cpCents: 4_000_000n },
    { year: 2026, aeCents: 3_000_000n, cpCents: 4_000_000n },
  ],
  tranches: [2025, 2026].flatMap((year) =>
    (["AE", "CP"] as const).flatMap((creditType) => [
      { year, creditType, rank: 1, shareBasisPoints: 7000, trigger: "SIGNATURE" as const },
      { year, creditType, rank: 2, shareBasisPoints: 3000, trigger: "MID_TERM_REVIEW" as const },
    ]),
  ),
  obligations: [{ article: "Art. 2 — Engagements du partenaire", owedBy: "PARTENAIRE", title: "Faire", description: "Faire ce qui est dit." }],
  avenants: [],
};

describe("the convention's document model", () => {
  it("puts the délégant first, an unsigned draft leaves place and date blank, totals add up in figures and words", () => {
    const text = plain(plainText(conventionDocument(INPUT))).replace(/\s+/g, " ");
    expect(text.indexOf("Direction D (D)")).toBeLessThan(text.indexOf("Direction P (P)"));
    expect(text).toContain("FAST15-X — projet non signé");
    expect(text).toContain("Fait à ……………………, le ……………………");
    expect(text).toContain("Soit au total 80 000 € (quatre-vingt mille euros) en autorisations d'engagement et 80 000 € (quatre-vingt mille euros) en crédits de paiement");
    expect(text).toContain("de 2025 à 2026");
    expect(text).toContain("En 2025, pour les AE et CP, les crédits seront mis à disposition en 2 temps");
    expect(text).toContain("70 % du montant seront mis à disposition dès la signature");
    expect(text).toContain("30 % restants seront débloqués suite au bilan de mi-parcours avec l'équipe FAST,");
    expect(text).toContain("Faire : Faire ce qui est dit.");
    expect(conventionDocument(INPUT).fileBase).toBe("convention-FAST15-X");
  });

  it("names each party's recorded signatory and date, and the service exécutant when recorded", () => {
    const signed = {
      ...INPUT,
      signedOn: "2025-03-01",
      signedAt: "Paris",
      serviceExecutant: "SE-0001",
      parties: INPUT.parties.map((p) => (p.role === "PARTENAIRE" ? { ...p, signature: { signedOn: "2025-02-20", signatoryName: "Camille Intérim", signatoryTitle: "Directrice par intérim" } } : p)),
    };
    const text = plain(plainText(conventionDocument(signed))).replace(/\s+/g, " ");
    expect(text).toContain("Le partenaire, Camille Intérim, Directrice par intérim, signé le 20 février 2025");
    expect(text).toContain("La DINUM, Représentant D, Directeur");
    expect(text).toContain("Service exécutant SE-0001");
    expect(text).toContain("Fait à Paris, le 1er mars 2025");
    expect(text).not.toContain("projet non signé");
  });

  it("says an avenant's changes one by one", () => {
    const model = avenantDocument({
      convention: { ...INPUT, signedOn: "2025-03-01" },
      avenant: { number: 2, signedOn: "2025-09-01", object: "Prolonger." },
      changes: avenantChangesSchema.parse({ endsOn: "2027-03-31", midTermReviewDueOn: "2025-05-31" }),
    });
    const text = plain(plainText(model)).replace(/\s+/g, " ");
    expect(model.fileBase).toBe("avenant-2-FAST15-X");
    expect(text).toContain("Article 2 : Durée de la convention La convention est conclue jusqu'au 31 mars 2027.");
    expect(text).toContain("Article 3 : Bilan de mi-parcours Le bilan de mi-parcours a lieu au plus tard le 31 mai 2025.");
    expect(text).toContain("Article 4 : Autres stipulations");
    expect(text).toContain("Fait à Paris, le 1er septembre 2025");
  });
});
