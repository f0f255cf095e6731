import { describe, expect, it } from "vitest";
import { checkDraftComment, checkDraftEditable, checkDraftTerms, checkPromotionRename, checkPublish, checkUnpublish, checkSendForSignature, checkSignature, missingFromDraft, nextSignatory, signatureStage, type DraftFacts } from "./convention-drafts";

const COMPLETE: DraftFacts = {
  endsOn: "2024-12-31",
  midTermReviewDueOn: "2024-04-30",
  intrapreneurName: "Alex Bernard",
  coFinancingCents: 12_100_000n,
  purpose: "Objet",
  legalBasis: ["Décret n° 2004-1085"],
  bop: "352",
  bopLabel: "Innovation et transformations numériques",
  centreFinancier: "0352-CFSE-CFIN",
  domaineFonctionnel: "0352-01",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
  comptableAssignataire: "CBCM",
  parties: (["DELEGANT", "PARTENAIRE", "DELEGATAIRE"] as const).map((role) => ({ role, representativeName: "Nom", representativeTitle: "Directeur" })),
  credits: [{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }],
  trancheShares: [5000, 5000],
};

describe("the stages of a convention's drafting", () => {
  it("is a draft, then in signature once sent, then signed on DINUM's date", () => {
    expect(signatureStage({ sentForSignatureOn: null, signedOn: null })).toBe("BROUILLON");
    expect(signatureStage({ sentForSignatureOn: "2024-02-15", signedOn: null })).toBe("EN_SIGNATURE");
    expect(signatureStage({ sentForSignatureOn: "2024-02-15", signedOn: "2024-02-29" })).toBe("SIGNEE");
  });

  it("edits only a draft: frozen in signature, changed by avenant once signed", () => {
    expect(checkDraftEditable("BROUILLON")).toBeNull();
    expect(checkDraftEditable("EN_SIGNATURE")?.code).toBe("CONVENTION_IN_SIGNATURE_FROZEN");
    expect(checkDraftEditable("SIGNEE")?.code).toBe("CONVENTION_SIGNED_CHANGES_BY_AVENANT");
  });
});

describe("an incomplete draft", () => {
  it("says what is missing, and is not sent for signature until it is complete", () => {
    expect(missingFromDraft(COMPLETE)).toEqual([]);
    expect(checkSendForSignature("BROUILLON", COMPLETE)).toBeNull();
    const incomplete = { ...COMPLETE, intrapreneurName: " ", credits: [], centreDeCout: "", parties: COMPLETE.parties.filter((p) => p.role !== "DELEGATAIRE") };
    expect(missingFromDraft(incomplete)).toEqual(["delegataireRepresentative", "intrapreneurName", "credits", "centreDeCout"]);
    const refusal = checkSendForSignature("BROUILLON", incomplete);
    expect(refusal?.code).toBe("DRAFT_INCOMPLETE");
    expect(refusal?.params).toEqual({ missing: ["Représentant du délégataire et sa qualité", "Intrapreneur", "AE et CP par année", "Centre de coûts"] });
    expect(checkSendForSignature("EN_SIGNATURE", COMPLETE)?.code).toBe("CONVENTION_IN_SIGNATURE_FROZEN");
  });

  it("keeps its terms coherent whatever is missing", () => {
    expect(checkDraftTerms(COMPLETE)).toBeNull();
    expect(checkDraftTerms({ ...COMPLETE, trancheShares: [4000, 5000] })).toMatchObject({ code: "TRANCHE_SHARES_NOT_WHOLE", params: { totalBasisPoints: 9000 } });
    expect(checkDraftTerms({ ...COMPLETE, trancheShares: [3000, 7000] })).toBeNull();
    const twice = [...COMPLETE.credits, { year: 2024, aeCents: 1n, cpCents: 0n }];
    expect(checkDraftTerms({ ...COMPLETE, credits: twice })?.code).toBe("CREDIT_YEAR_TWICE");
    expect(checkDraftTerms({ ...COMPLETE, credits: [{ year: 2025, aeCents: 1n, cpCents: 1n }] })?.code).toBe("CREDIT_YEAR_AFTER_END");
    expect(checkDraftTerms({ ...COMPLETE, credits: [{ year: 2024, aeCents: 1n, cpCents: 2n }] })?.code).toBe("CREDIT_CP_ABOVE_AE");
    expect(checkDraftTerms({ ...COMPLETE, midTermReviewDueOn: "2025-01-01" })?.code).toBe("REVIEW_DUE_AFTER_END");
  });
});

describe("signatures, partner first, DINUM last", () => {
  const open = { stage: "EN_SIGNATURE" as const, sentForSignatureOn: "2024-02-15", signatures: [] };
  const today = "2024-03-01";

  it("takes the partner's, then the délégataire's, then DINUM's", () => {
    expect(nextSignatory([])).toBe("PARTENAIRE");
    expect(checkSignature(open, { party: "PARTENAIRE", signedOn: "2024-02-20" }, today)).toBeNull();
    const one = { ...open, signatures: [{ party: "PARTENAIRE" as const, signedOn: "2024-02-20" }] };
    expect(nextSignatory(one.signatures)).toBe("DELEGATAIRE");
    expect(checkSignature(one, { party: "DELEGATAIRE", signedOn: "2024-02-20" }, today)).toBeNull();
    const two = { ...one, signatures: [...one.signatures, { party: "DELEGATAIRE" as const, signedOn: "2024-02-26" }] };
    expect(checkSignature(two, { party: "DELEGANT", signedOn: "2024-02-29" }, today)).toBeNull();
    expect(nextSignatory([...two.signatures, { party: "DELEGANT", signedOn: "2024-02-29" }])).toBeNull();
  });

  it("refuses a signature out of order, twice, dated in the future, before the sending or the previous one", () => {
    expect(checkSignature(open, { party: "DELEGANT", signedOn: "2024-02-20" }, today)).toMatchObject({ code: "SIGNATURE_OUT_OF_ORDER", params: { party: "DELEGANT", expected: "PARTENAIRE" } });
    expect(checkSignature(open, { party: "DELEGATAIRE", signedOn: "2024-02-20" }, today)?.code).toBe("SIGNATURE_OUT_OF_ORDER");
    const one = { ...open, signatures: [{ party: "PARTENAIRE" as const, signedOn: "2024-02-20" }] };
    expect(checkSignature(one, { party: "PARTENAIRE", signedOn: "2024-02-21" }, today)?.code).toBe("SIGNATURE_ALREADY_RECORDED");
    expect(checkSignature(one, { party: "DELEGATAIRE", signedOn: "2024-03-02" }, today)?.code).toBe("SIGNATURE_DATE_IN_FUTURE");
    expect(checkSignature(one, { party: "DELEGATAIRE", signedOn: "2024-02-19" }, today)?.code).toBe("SIGNATURE_BEFORE_PREVIOUS");
    expect(checkSignature(open, { party: "PARTENAIRE", signedOn: "2024-02-14" }, today)?.code).toBe("SIGNATURE_BEFORE_SENT");
  });

  it("refuses signatures on a draft not sent, and on a signed convention", () => {
    expect(checkSignature({ ...open, stage: "BROUILLON", sentForSignatureOn: null }, { party: "PARTENAIRE", signedOn: "2024-02-20" }, today)?.code).toBe("SIGNATURE_NOT_OPEN");
    expect(checkSignature({ ...open, stage: "SIGNEE" }, { party: "PARTENAIRE", signedOn: "2024-02-20" }, today)?.code).toBe("CONVENTION_SIGNED_CHANGES_BY_AVENANT");
  });
});

describe("publication, comments and a promotion's name", () => {
  it("publishes a signed convention once, its copy sent to the CBCM; withdraws only a published one", () => {
    const signed = { stage: "SIGNEE" as const, signedOn: "2024-02-29", published: false, publishedOn: null };
    const today = "2024-03-15";
    expect(checkPublish({ ...signed, stage: "BROUILLON", signedOn: null }, "2024-03-01", today)?.code).toBe("CONVENTION_NOT_SIGNED_FOR_PUBLICATION");
    expect(checkPublish({ ...signed, stage: "EN_SIGNATURE", signedOn: null }, "2024-03-01", today)?.code).toBe("CONVENTION_NOT_SIGNED_FOR_PUBLICATION");
    expect(checkPublish(signed, "2024-03-01", today)).toBeNull();
    expect(checkPublish(signed, "2024-02-29", today)).toBeNull();
    expect(checkPublish(signed, "2024-02-28", today)).toMatchObject({ code: "CONVENTION_CBCM_COPY_BEFORE_SIGNATURE", field: "cbcmCopySentOn" });
    expect(checkPublish(signed, "2024-03-16", today)).toMatchObject({ code: "FUTURE_DATE", field: "cbcmCopySentOn" });
    expect(checkPublish({ ...signed, published: true, publishedOn: "2024-03-15" }, "2024-03-01", today)).toMatchObject({ code: "CONVENTION_ALREADY_PUBLISHED", params: { on: "2024-03-15" } });
    expect(checkUnpublish({ published: true })).toBeNull();
    expect(checkUnpublish({ published: false })?.code).toBe("CONVENTION_NOT_PUBLISHED");
  });

  it("takes comments while drafted and in signature, closes them once signed", () => {
    expect(checkDraftComment("BROUILLON")).toBeNull();
    expect(checkDraftComment("EN_SIGNATURE")).toBeNull();
    expect(checkDraftComment("SIGNEE")?.code).toBe("DRAFT_COMMENTS_CLOSED");
  });

  it("renames a promotion only while all its conventions are drafts", () => {
    expect(checkPromotionRename([])).toBeNull();
    expect(checkPromotionRename([{ reference: "FAST15-A", stage: "BROUILLON" }])).toBeNull();
    expect(checkPromotionRename([{ reference: "FAST15-A", stage: "BROUILLON" }, { reference: "FAST15-B", stage: "EN_SIGNATURE" }])).toMatchObject({ code: "PROMOTION_NAME_FROZEN", params: { reference: "FAST15-B" } });
  });
});
