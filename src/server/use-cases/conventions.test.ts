// FAST promotions and conventions from draft to signature, against the real database, through the server
// actions (session, permission before validation, zod, one transaction, audit): allowed and refused per role,
// every refusal coded and writing nothing, and the signature that puts the convention in force and T1 within
// DINUM's reach.
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form } from "../../../tests/support/action-harness";
import { can, type ConventionParties } from "@/domain/permissions";
import { isoDate, addMonths } from "@/domain/dates";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { createPromotionAction, createConventionDraftAction, updateConventionDraftAction, sendForSignatureAction, recordSignatureAction } = await import("../actions/conventions");
const { loadConventionFacts } = await import("../repositories/convention-facts");
const { deriveConvention } = await import("@/domain/convention-view");

const h = actionHarness({ writes: ["fastPromotion", "convention", "conventionParty", "creditAllocation", "tranche", "obligation", "conventionSignature"] });
// The app's clock in tests is frozen at TEST_TODAY (tests/support/test-clock.ts): "today" must be its day, not
// the machine's (the signature refused a date "in the future" on any day after 3 December 2026).
const today = TEST_TODAY;
const NOT_DINUM = [ACCOUNTS.FAST14_PARTNER, ACCOUNTS.FAST14_GESTIONNAIRE, ACCOUNTS.DEMO_PARTNER, null] as const;

const org = (slug: string) => h.prisma.organisation.findUniqueOrThrow({ where: { slug } });

/** The smallest draft: a promotion, a reference, the startup, the partner and the délégataire, the end date. */
async function minimalDraft(promotionId: string, values: Record<string, string> = {}) {
  return {
    promotionId,
    reference: "FAST15-CHALEUR",
    startupName: "Chaleur Solidaire",
    startupSlug: "chaleur-solidaire",
    partnerId: (await org("drieat")).id,
    delegataireId: (await org("dnum-mte")).id,
    endsOn: `${today.slice(0, 4)}-12-31`,
    ...values,
  };
}

/** What completes it: the intrapreneur, AE/CP, co-financing, the object and basis, the Chorus imputation, the review date. */
const COMPLETION = {
  intrapreneurName: "Dominique Chaleur",
  creditYear0: today.slice(0, 4),
  creditAe0: "100 000",
  creditCp0: "100 000",
  tranche1Share: "40",
  tranche2Share: "60",
  coFinancing: "50 000",
  purpose: "Définir la répartition des rôles.",
  legalBasis: "Décret n° 2004-1085\nDécret n° 2012-1246",
  bop: "352",
  bopLabel: "Innovation et transformations numériques",
  centreFinancier: "0352-CFSE-CFIN",
  domaineFonctionnel: "0352-01",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
  serviceExecutant: "SGDFNUM092",
  comptableAssignataire: "CBCM du ministère de la Transition écologique",
  midTermReviewDueOn: today,
};

let promotionId = "";
let conventionId = "";

describe("a FAST promotion", () => {
  it("is created by DINUM, its name once, and by nobody else", async () => {
    const fields = { name: "FAST 15", envelope: "1 000 000", announcedOn: "2026-11-20", startsOn: "2026-12-01", endsOn: "2027-06-30" };
    await h.expectForbidden(NOT_DINUM, () => createPromotionAction(null, form(fields)));
    h.signInAs(ACCOUNTS.PILOTE);
    const created = await createPromotionAction(null, form(fields));
    expect(created.ok).toBe(true);
    promotionId = (created as { data: string }).data;
    expect(await h.prisma.fastPromotion.findUniqueOrThrow({ where: { id: promotionId } })).toMatchObject({ name: "FAST 15", envelopeCents: 100_000_000n });
    expect(await h.prisma.auditEntry.count({ where: { kind: "promotion.create", entityId: promotionId } })).toBe(1);
    await h.expectRefused(() => createPromotionAction(null, form(fields)), { code: "PROMOTION_NAME_TAKEN", field: "name" });
    await h.expectRefused(() => createPromotionAction(null, form({ ...fields, name: "FAST 16 bis", endsOn: "2026-11-01" })), { code: "INVALID_INPUT", field: "endsOn" });
  });
});

describe("a new convention's draft", () => {
  it("is refused to the parties' agents and to nobody, writing nothing", async () => {
    await h.expectForbidden(NOT_DINUM, async () => createConventionDraftAction(null, form(await minimalDraft(promotionId))));
  });

  it("refuses a partner of the wrong kind, a reference taken, shares that do not make 100 %, writing nothing", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const delegataire = (await org("dnum-mte")).id;
    await h.expectRefused(async () => createConventionDraftAction(null, form(await minimalDraft(promotionId, { partnerId: delegataire }))), { code: "ORGANISATION_NOT_OF_KIND", field: "partnerId" });
    await h.expectRefused(async () => createConventionDraftAction(null, form(await minimalDraft(promotionId, { reference: "FAST14-FCU" }))), { code: "CONVENTION_REFERENCE_TAKEN", field: "reference" });
    await h.expectRefused(async () => createConventionDraftAction(null, form(await minimalDraft(promotionId, { tranche1Share: "40", tranche2Share: "50" }))), { code: "TRANCHE_SHARES_NOT_WHOLE" });
    await h.expectRefused(async () => createConventionDraftAction(null, form(await minimalDraft(promotionId, { startupSlug: "Chaleur Solidaire" }))), { code: "INVALID_INPUT", field: "startupSlug" });
  });

  it("may be incomplete: the parties with the directory's representatives, 50/50 tranches, the register without dates counted from the signature", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const created = await createConventionDraftAction(null, form(await minimalDraft(promotionId)));
    expect(created.ok, JSON.stringify(created)).toBe(true);
    conventionId = (created as { data: string }).data;
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { id: conventionId }, include: { parties: { include: { organisation: true } }, obligations: true, promotion: true } });
    expect(c).toMatchObject({ fastCall: "FAST 15", title: "Convention de délégation de gestion FAST 15 | Chaleur Solidaire", signedOn: null, sentForSignatureOn: null, published: false });
    expect(c.promotion!.name).toBe("FAST 15");
    const party = (role: string) => c.parties.find((p) => p.role === role)!;
    expect([party("DELEGANT").organisation.acronym, party("DELEGANT").representativeName]).toEqual(["DINUM", "Stéphanie Schaer"]);
    expect([party("PARTENAIRE").organisation.acronym, party("PARTENAIRE").representativeName, party("PARTENAIRE").representativeTitle]).toEqual(["DRIEAT", "Emmanuelle Gay", "Directrice"]);
    expect(c.obligations).toHaveLength(31);
    expect(c.obligations.find((o) => o.code === "COFINANCEMENT")!.dueOn).toBeNull();
    expect(isoDate(c.obligations.find((o) => o.code === "COMPTE_RENDU_TERME")!.dueOn!)).toBe(`${today.slice(0, 4)}-12-31`);
    const audit = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "convention.draft.create", conventionId } });
    expect(audit).toMatchObject({ userId: h.actor(ACCOUNTS.PILOTE).userId, role: "PILOTE_FAST" });
    // Its parties read it; another partner does not.
    const parties = Object.fromEntries(c.parties.map((p) => [p.role, p.organisationId])) as ConventionParties;
    expect(can(h.actor(ACCOUNTS.FAST14_PARTNER), "convention.read", parties)).toBe(true);
    expect(can(h.actor(ACCOUNTS.FAST14_GESTIONNAIRE), "convention.read", parties)).toBe(true);
    expect(can(h.actor(ACCOUNTS.DEMO_PARTNER), "convention.read", parties)).toBe(false);
  });

  it("is not sent for signature while incomplete, the refusal naming what is missing", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const refused = await h.expectRefused(() => sendForSignatureAction(null, form({ conventionId })), { code: "DRAFT_INCOMPLETE" });
    expect(refused.message).toContain("Intrapreneur");
    expect(refused.message).toContain("Centre de coûts");
  });

  it("is completed and edited by DINUM only; its shares and credits become its tranches", async () => {
    const fields = { conventionId, ...(await minimalDraft(promotionId)), ...COMPLETION };
    await h.expectForbidden(NOT_DINUM, () => updateConventionDraftAction(null, form(fields)));
    h.signInAs(ACCOUNTS.PILOTE);
    const updated = await updateConventionDraftAction(null, form(fields));
    expect(updated.ok, JSON.stringify(updated)).toBe(true);
    const tranches = await h.prisma.tranche.findMany({ where: { conventionId }, orderBy: [{ creditType: "asc" }, { rank: "asc" }] });
    expect(tranches.map((t) => `${t.creditType}${t.rank}:${t.shareBasisPoints}:${t.trigger}`)).toEqual(["AE1:4000:SIGNATURE", "AE2:6000:MID_TERM_REVIEW", "CP1:4000:SIGNATURE", "CP2:6000:MID_TERM_REVIEW"]);
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { id: conventionId }, include: { obligations: { where: { code: "COFINANCEMENT" } } } });
    expect(c).toMatchObject({ fastFundingCents: 10_000_000n, coFinancingCents: 5_000_000n, serviceExecutant: "SGDFNUM092", legalBasis: ["Décret n° 2004-1085", "Décret n° 2012-1246"] });
    expect(c.obligations[0]!.title).toBe("Engager une enveloppe de cofinancement de 50 000 €");
    expect(await h.prisma.auditEntry.count({ where: { kind: "convention.draft.update", conventionId } })).toBe(1);
  });
});

describe("the signature", () => {
  it("freezes the draft once sent", async () => {
    await h.expectForbidden(NOT_DINUM, () => sendForSignatureAction(null, form({ conventionId })));
    h.signInAs(ACCOUNTS.PILOTE);
    expect((await sendForSignatureAction(null, form({ conventionId }))).ok).toBe(true);
    const fields = { conventionId, ...(await minimalDraft(promotionId)), ...COMPLETION, startupName: "Autre nom" };
    await h.expectRefused(() => updateConventionDraftAction(null, form(fields)), { code: "CONVENTION_IN_SIGNATURE_FROZEN" });
  });

  it("is recorded partner first, DINUM last, by DINUM only; DINUM's date puts it in force and T1 within reach", async () => {
    const sign = (party: string, values: Record<string, string> = {}) => recordSignatureAction(null, form({ conventionId, party, signedOn: today, ...values }));
    await h.expectForbidden(NOT_DINUM, () => sign("PARTENAIRE"));
    h.signInAs(ACCOUNTS.PILOTE);
    await h.expectRefused(() => sign("DELEGANT"), { code: "SIGNATURE_OUT_OF_ORDER", field: "party" });
    await h.expectRefused(() => sign("PARTENAIRE", { signedOn: addMonths(today, 1) }), { code: "SIGNATURE_DATE_IN_FUTURE" });
    expect((await sign("PARTENAIRE", { signatoryName: "Jeanne Intérim", signatoryTitle: "Directrice par intérim" })).ok).toBe(true);
    await h.expectRefused(() => sign("PARTENAIRE"), { code: "SIGNATURE_ALREADY_RECORDED" });
    await h.expectRefused(() => sign("DELEGANT"), { code: "SIGNATURE_OUT_OF_ORDER" });
    expect((await sign("DELEGATAIRE")).ok).toBe(true);
    let facts = deriveConvention(await loadConventionFacts(conventionId), today);
    expect(facts.situation.state).toBe("BROUILLON");
    expect(facts.tranches.find((t) => t.rank === 1)!.status).toBe("A_VENIR");
    expect((await sign("DELEGANT")).ok).toBe(true);

    const signatures = await h.prisma.conventionSignature.findMany({ where: { conventionId }, orderBy: { recordedAt: "asc" } });
    expect(signatures.map((s) => [s.party, s.signatoryName])).toEqual([["PARTENAIRE", "Jeanne Intérim"], ["DELEGATAIRE", "Arnaud Beaufort"], ["DELEGANT", "Stéphanie Schaer"]]);
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { id: conventionId }, include: { obligations: true } });
    expect(isoDate(c.signedOn!)).toBe(today);
    expect(isoDate(c.obligations.find((o) => o.code === "COFINANCEMENT")!.dueOn!)).toBe(addMonths(today, 6));
    expect(isoDate(c.obligations.find((o) => o.code === "HABILITATIONS_CHORUS")!.dueOn!)).toBe(today);
    facts = deriveConvention(await loadConventionFacts(conventionId), today);
    expect(facts.situation.state).toBe("EN_VIGUEUR");
    expect(facts.tranches.filter((t) => t.rank === 1).map((t) => [t.creditType, t.status, t.amountCents])).toEqual([["AE", "DEBLOQUABLE", 4_000_000n], ["CP", "DEBLOQUABLE", 4_000_000n]]);
    const kinds = (await h.prisma.auditEntry.findMany({ where: { conventionId, kind: { startsWith: "convention." } }, orderBy: { id: "asc" } })).map((a) => a.kind);
    expect(kinds).toEqual(["convention.draft.create", "convention.draft.update", "convention.signature.open", "convention.signature", "convention.signature", "convention.signature", "convention.sign"]);
  });

  it("leaves a signed convention to avenants", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    const fields = { conventionId, ...(await minimalDraft(promotionId)), ...COMPLETION };
    await h.expectRefused(() => updateConventionDraftAction(null, form(fields)), { code: "CONVENTION_SIGNED_CHANGES_BY_AVENANT" });
    await h.expectRefused(() => sendForSignatureAction(null, form({ conventionId })), { code: "CONVENTION_SIGNED_CHANGES_BY_AVENANT" });
    await h.expectRefused(() => recordSignatureAction(null, form({ conventionId, party: "DELEGANT", signedOn: today })), { code: "SIGNATURE_ALREADY_RECORDED" });
  });
});

describe("the demo seed", () => {
  it("drafted, signed and published FAST 14 through these use cases: partner, délégataire, then DINUM on 29 February 2024, published on 15 March", async () => {
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" }, include: { signatures: { orderBy: { recordedAt: "asc" } }, promotion: true } });
    expect(c.promotion!.name).toBe("FAST 14");
    expect(isoDate(c.sentForSignatureOn!)).toBe("2024-02-15");
    expect(c.signatures.map((s) => [s.party, isoDate(s.signedOn), s.signatoryName])).toEqual([
      ["PARTENAIRE", "2024-02-29", "Emmanuelle Gay"],
      ["DELEGATAIRE", "2024-02-29", "Arnaud Beaufort"],
      ["DELEGANT", "2024-02-29", "Stéphanie Schaer"],
    ]);
    const audit = await h.prisma.auditEntry.findMany({ where: { conventionId: c.id, kind: { startsWith: "convention." } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.kind, isoDate(a.at)])).toEqual([
      ["convention.draft.create", "2024-02-01"],
      ["convention.signature.open", "2024-02-15"],
      ["convention.signature", "2024-02-29"],
      ["convention.signature", "2024-02-29"],
      ["convention.signature", "2024-02-29"],
      ["convention.sign", "2024-02-29"],
      ["convention.publish", "2024-03-15"],
    ]);
  });
});
