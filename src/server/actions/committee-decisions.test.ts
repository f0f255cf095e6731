// Issue 16 against the real database, role by role: committee decisions as data and the tranche status they
// drive with the mid-term review (arrêt, then poursuite with a review held at the committee; conditions and
// their lifting), the launch ambition, and the cost of impact computed from the expenditure record. Each
// refusal is coded and writes nothing.
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { deriveConvention } from "@/domain/convention-view";
import { costPerUnit } from "@/domain/impact-cost";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const steering = await import("./steering");
const life = await import("./convention-life");
const { loadSteering } = await import("../repositories/steering");
const { loadConventionFacts } = await import("../repositories/convention-facts");

const h = actionHarness({ writes: ["investmentCommittee", "indicator", "indicatorMeasure", "midTermReview", "launchAmbition"] });
const { signInAs: as, expectRefused } = h;
const fast14 = h.seeded(SEEDED.FAST14);
const fictive = h.seeded(SEEDED.FAST16_DEMO);
const { PILOTE, ADMIN, FAST14_PARTNER, DEMO_PARTNER: PARTNER, DEMO_GESTIONNAIRE: GESTIONNAIRE } = ACCOUNTS;

const committee = (values: Record<string, string>) =>
  form({
    conventionId: fictive.id,
    chairedBy: "Claude Exemple",
    dinumInvited: "oui",
    dinumAttended: "oui",
    sponsorAttended: "non",
    decision: "Motifs du comité.",
    orientation: "Orientations.",
    ...values,
  });

/** The redirect a successful server action ends with (Next's redirect() throws it). */
async function redirected(act: () => Promise<unknown>): Promise<string> {
  const error = await act().then(
    (r) => {
      throw new Error(`expected a redirect, got ${JSON.stringify(r)}`);
    },
    (e: unknown) => e as { digest?: string },
  );
  return String(error.digest ?? "").split(";")[2] ?? "";
}

async function t2() {
  const view = deriveConvention(await loadConventionFacts(fictive.id), TEST_TODAY);
  return view.tranches.find((t) => t.creditType === "AE" && t.rank === 2)!;
}

describe("a committee's decision", () => {
  it("is recorded by the partner's intrapreneur only", async () => {
    await h.expectForbidden([PILOTE, FAST14_PARTNER, GESTIONNAIRE, ADMIN, null], () => steering.recordCommitteeAction(null, committee({ heldOn: "2026-11-20", decisionKind: "ARRET" })));
  });

  it("refuses, coded, conditions missing for a poursuite sous conditions, or given for another decision", async () => {
    as(PARTNER);
    await expectRefused(() => steering.recordCommitteeAction(null, committee({ heldOn: "2026-11-20", decisionKind: "POURSUITE_SOUS_CONDITIONS" })), {
      code: "COMMITTEE_CONDITIONS_REQUIRED",
      field: "conditions",
    });
    await expectRefused(() => steering.recordCommitteeAction(null, committee({ heldOn: "2026-11-20", decisionKind: "POURSUITE_SOUS_CONDITIONS", conditions: "Recruter", conditionsDueOn: "2026-11-19" })), {
      code: "COMMITTEE_CONDITIONS_DUE_BEFORE_COMMITTEE",
    });
    await expectRefused(() => steering.recordCommitteeAction(null, committee({ heldOn: "2026-11-20", decisionKind: "ARRET", conditions: "Recruter" })), { code: "COMMITTEE_CONDITIONS_UNEXPECTED" });
    const missing = await expectRefused(() => steering.recordCommitteeAction(null, committee({ heldOn: "2026-11-20", decisionKind: "PEUT-ETRE", sponsorAttended: "" })), { code: "INVALID_INPUT" });
    expect(Object.keys((missing as { fieldErrors?: object }).fieldErrors ?? {}).sort()).toEqual(["decisionKind", "sponsorAttended"]);
  });

  it("an arrêt blocks T2 citing the committee; a later poursuite with a review held at it makes T2 releasable", async () => {
    expect((await t2()).status).toBe("EN_RETARD");
    as(PARTNER);
    const href = await redirected(() => steering.recordCommitteeAction(null, committee({ heldOn: "2026-11-20", decisionKind: "ARRET", budgetAskedAe: "0", budgetAskedCp: "" })));
    expect(href).toMatch(new RegExp(`^/conventions/${fictive.id}/comites/[0-9a-f-]{36}\\?enregistre=1$`));
    const arret = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fictive.id, heldOn: new Date("2026-11-20T00:00:00Z") } });
    expect(arret).toMatchObject({ decisionKind: "ARRET", sponsorAttended: false, budgetAskedAeCents: 0n, budgetAskedCpCents: null, conditions: null });
    const audit = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "committee.record", entityId: arret.id } });
    expect(audit.after).toMatchObject({ decisionKind: "ARRET", sponsorAttended: false });
    expect(await t2()).toMatchObject({ status: "BLOQUEE", blocker: "le comité du 20 novembre 2026 a décidé l'arrêt" });

    await redirected(() => steering.recordCommitteeAction(null, committee({ heldOn: "2026-12-01", decisionKind: "POURSUITE" })));
    const poursuite = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fictive.id, heldOn: new Date("2026-12-01T00:00:00Z") } });
    // The arrêt no longer stands, but the review is still missing.
    expect((await t2()).status).toBe("EN_RETARD");

    // DINUM records the review at that committee: it bears its date, and cites it.
    await h.expectForbidden([PARTNER], () => life.recordReviewAction(null, form({ conventionId: fictive.id, reviewedOn: "2026-12-01", verdict: "SATISFAISANTE", comments: "Équipe mobilisée.", committeeId: poursuite.id })));
    as(PILOTE);
    await expectRefused(() => life.recordReviewAction(null, form({ conventionId: fictive.id, reviewedOn: "2026-11-30", verdict: "SATISFAISANTE", comments: "x", committeeId: poursuite.id })), {
      code: "REVIEW_COMMITTEE_DATE_MISMATCH",
      field: "reviewedOn",
    });
    const foreign = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fast14.id } });
    await expectRefused(() => life.recordReviewAction(null, form({ conventionId: fictive.id, reviewedOn: "2026-12-01", verdict: "SATISFAISANTE", comments: "x", committeeId: foreign.id })), {
      code: "COMMITTEE_UNKNOWN",
    });
    expect(await life.recordReviewAction(null, form({ conventionId: fictive.id, reviewedOn: "2026-12-01", verdict: "SATISFAISANTE", comments: "Équipe mobilisée.", committeeId: poursuite.id }))).toMatchObject({ ok: true });
    const tranche = await t2();
    expect(tranche.status).toBe("DEBLOQUABLE");
    expect(tranche.reason).toContain("tenu au comité du 1er décembre 2026");
    expect((await h.prisma.midTermReview.findFirstOrThrow({ where: { conventionId: fictive.id } })).committeeId).toBe(poursuite.id);
  });

  it("conditions not met by their date block T2 until recorded met, once", async () => {
    as(PARTNER);
    await redirected(() =>
      steering.recordCommitteeAction(null, committee({ heldOn: "2026-12-02", decisionKind: "POURSUITE_SOUS_CONDITIONS", conditions: "Recruter un développeur", conditionsDueOn: "2026-12-02" })),
    );
    const conditional = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fictive.id, heldOn: new Date("2026-12-02T00:00:00Z") } });
    expect(await t2()).toMatchObject({ status: "BLOQUEE", blocker: "les conditions posées par le comité du 2 décembre 2026 n'ont pas été remplies au 2 décembre 2026" });
    const met = (values: Record<string, string> = {}) => form({ conventionId: fictive.id, committeeId: conditional.id, metOn: TEST_TODAY, note: "Développeur recruté le 3 décembre.", ...values });
    await h.expectForbidden([PILOTE, GESTIONNAIRE, FAST14_PARTNER, ADMIN, null], () => steering.recordConditionsMetAction(null, met()));
    as(PARTNER);
    await expectRefused(() => steering.recordConditionsMetAction(null, met({ metOn: "2026-12-01" })), { code: "COMMITTEE_CONDITIONS_MET_BEFORE_COMMITTEE", field: "metOn" });
    await expectRefused(() => steering.recordConditionsMetAction(null, met({ metOn: "2026-12-04" })), { code: "COMMITTEE_CONDITIONS_MET_IN_FUTURE" });
    const arret = await h.prisma.investmentCommittee.findFirstOrThrow({ where: { conventionId: fictive.id, decisionKind: "ARRET" } });
    await expectRefused(() => steering.recordConditionsMetAction(null, met({ committeeId: arret.id })), { code: "COMMITTEE_HAS_NO_CONDITIONS" });
    expect(await steering.recordConditionsMetAction(null, met())).toMatchObject({ ok: true });
    expect((await t2()).status).toBe("DEBLOQUABLE");
    expect(await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "committee.conditions", entityId: conditional.id } })).toMatchObject({ after: expect.objectContaining({ conditionsMetOn: TEST_TODAY }) });
    await expectRefused(() => steering.recordConditionsMetAction(null, met()), { code: "COMMITTEE_CONDITIONS_ALREADY_MET" });
  });
});

describe("the launch ambition and the cost of impact", () => {
  it("is the partner's intrapreneur's, on one of the convention's indicators", async () => {
    const demandes = await h.prisma.indicator.findFirstOrThrow({ where: { conventionId: fast14.id, name: "Demandes de raccordement" } });
    const ambition = (values: Record<string, string> = {}) => form({ conventionId: fast14.id, indicatorId: demandes.id, target: "6 000", targetOn: "2024-12-31", statement: "Ambition corrigée.", ...values });
    await h.expectForbidden([PILOTE, PARTNER, ADMIN, null], () => steering.recordAmbitionAction(null, ambition()));
    as(FAST14_PARTNER);
    await expectRefused(() => steering.recordAmbitionAction(null, ambition({ target: "beaucoup" })), { code: "INVALID_INPUT" });
    const foreign = await h.prisma.indicator.create({ data: { conventionId: fictive.id, name: "Signalements", unit: "signalements", definition: "x", impactLevel: "UTILISE" } });
    await expectRefused(() => steering.recordAmbitionAction(null, ambition({ indicatorId: foreign.id })), { code: "AMBITION_INDICATOR_UNKNOWN", field: "indicatorId" });
    expect(await steering.recordAmbitionAction(null, ambition())).toMatchObject({ ok: true });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "ambition.record" }, orderBy: { id: "desc" } });
    expect(entry.before).toMatchObject({ target: "5000.0000" });
    expect(entry.after).toMatchObject({ indicator: "Demandes de raccordement", target: "6000", targetOn: "2024-12-31" });
    expect((await loadSteering(fast14.id)).ambition).toMatchObject({ target: 60_000_000n, statement: "Ambition corrigée." });
  });

  it("divides the CP paid by each committee's date, as the expenditure record sums them, by the lead metric and the usage measures", async () => {
    const s = await loadSteering(fast14.id);
    expect(s.costs.map((c) => [c.name, c.lead])).toEqual([["Demandes de raccordement", true]]);
    for (const c of s.committees) {
      const paid = await h.prisma.paymentRequest.aggregate({ where: { conventionId: fast14.id, paidOn: { lte: new Date(`${c.heldOn}T00:00:00Z`) } }, _sum: { amountCents: true } });
      expect(c.cpPaidCents).toBe(paid._sum.amountCents ?? 0n);
      const point = s.costs[0]!.points.find((p) => p.committeeId === c.id)!;
      expect(point.costCents).toBe(point.result ? costPerUnit(c.cpPaidCents, point.result) : null);
    }
    expect(s.committees.at(-1)!.cpPaidCents).toBeGreaterThan(0n);
  });
});
