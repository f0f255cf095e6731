// The life of a convention in force, written through the server actions against the real database, role by
// role: mid-term review, release, avenant, suspension, termination. Each refusal is checked to say why in
// French and to leave the record (and its audit trail) untouched. The actions act on the app's clock, fixed at
// the tests' day (2026-12-03, tests/support/test-clock.ts), and the convention is built dated from it
// (tests/factories): signed eight months before (2026-04-03), ending four months after (2027-04-03), its
// mid-term review two months overdue, its first tranche released four days after signature.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form } from "../../../tests/support/action-harness";
import { createConvention } from "../../../tests/factories/conventions";
import { addDays, addMonths, isoDate, yearOf, type IsoDate } from "@/domain/dates";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const actions = await import("./convention-life");
const { loadConventionFacts } = await import("../repositories/convention-facts");
const { deriveConvention } = await import("@/domain/convention-view");
const { recordReview, releaseTranche } = await import("../use-cases/convention-life");
const { useCaseContext } = await import("../use-cases/context");

const h = actionHarness({ writes: ["midTermReview", "trancheRelease", "avenant", "tranche", "terminationNotice", "suspension"] });
const { signInAs: as, expectRefused } = h;
const today = TEST_TODAY;
/** The convention whose life this file writes, and another one (FAST 14's parties, 2024). */
let inForce = "";
let other = "";
let year = 0;

async function view(conventionId = inForce) {
  return deriveConvention(await loadConventionFacts(conventionId), today);
}

async function tranche(rank: number, creditType: "AE" | "CP", conventionId = inForce) {
  const row = await h.prisma.tranche.findFirstOrThrow({ where: { conventionId, rank, creditType, year } });
  const derived = (await view(conventionId)).tranches.find((t) => t.rank === rank && t.creditType === creditType && t.year === year)!;
  return { id: row.id, ...derived };
}

beforeAll(async () => {
  const signedOn = addMonths(today, -8);
  year = yearOf(signedOn);
  const convention = await createConvention(h.prisma, {
    parties: { DELEGANT: "dinum", PARTENAIRE: "ddt-demo", DELEGATAIRE: "sg-demo" },
    signedOn,
    endsOn: addMonths(today, 4),
    midTermReviewDueOn: addMonths(signedOn, 2),
    credits: [{ year, aeCents: 8_000_000n, cpCents: 8_000_000n }],
    released: [{ rank: 1, releasedOn: addDays(signedOn, 4) }],
  });
  inForce = convention.id;
  other = (await createConvention(h.prisma)).id;
});

// The convention's partner is DDT Démo's: DRIEAT's intrapreneur and the DNUM (MTE)'s gestionnaire are no party.
const { PILOTE, ADMIN, DEMO_PARTNER: PARTNER, FAST14_PARTNER: OTHER_PARTNER, FAST14_GESTIONNAIRE: GESTIONNAIRE } = ACCOUNTS;

describe("the convention in force, as built", () => {
  it("is in force with T1 released and T2 late", async () => {
    const v = await view();
    expect(v.situation.state).toBe("EN_VIGUEUR");
    expect(v.tranches.map((t) => `${t.rank}${t.creditType}:${t.status}`)).toEqual(["1AE:DEBLOQUEE", "2AE:EN_RETARD", "1CP:DEBLOQUEE", "2CP:EN_RETARD"]);
  });
});

describe("releasing a tranche before the mid-term review", () => {
  it("is refused with the reason", async () => {
    as(PILOTE);
    const t2 = await tranche(2, "AE");
    await expectRefused(
      () => actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: t2.id, confirmedAmountCents: "4000000" })),
      `La tranche 2 (AE ${year}) ne peut pas être débloquée : le bilan de mi-parcours n'est pas enregistré.`,
    );
  });
});

describe("recording the mid-term review", () => {
  const review = (values: Partial<Record<string, string>> = {}) =>
    form({ conventionId: inForce, reviewedOn: today, verdict: "INSUFFISANTE", comments: "Équipe incomplète.", ...values } as Record<string, string>);

  it("is refused to every role but DINUM, and to nobody", async () => {
    await h.expectForbidden([PARTNER, GESTIONNAIRE, ADMIN, OTHER_PARTNER, null], () => actions.recordReviewAction(null, review()));
  });

  it("refuses bad input with a French message per field", async () => {
    as(PILOTE);
    const bad = await expectRefused(() => actions.recordReviewAction(null, review({ reviewedOn: "31/12/2026", verdict: "BOF", comments: "  " })), /corriger/);
    expect(bad).toMatchObject({ fieldErrors: { reviewedOn: expect.stringContaining("AAAA-MM-JJ"), verdict: expect.stringContaining("satisfaisante"), comments: expect.stringContaining("obligatoire") } });
    await expectRefused(() => actions.recordReviewAction(null, review({ reviewedOn: addDays(today, 1) })), { code: "EVENT_IN_FUTURE", field: "reviewedOn" });
    await expectRefused(() => actions.recordReviewAction(null, review({ reviewedOn: "2020-01-01" })), { code: "EVENT_BEFORE_SIGNATURE", field: "reviewedOn" });
    await expectRefused(() => actions.recordReviewAction(null, review({ conventionId: "pas-un-uuid" })), /introuvable/);
  });

  it("an unsatisfactory review blocks T2; a later satisfactory one makes it releasable, and both stay in the history", async () => {
    as(PILOTE);
    expect(await actions.recordReviewAction(null, review())).toMatchObject({ ok: true });
    expect((await tranche(2, "AE")).status).toBe("BLOQUEE");
    expect((await tranche(2, "CP")).reason).toContain("mobilisation insuffisante");

    expect(await actions.recordReviewAction(null, review({ verdict: "SATISFAISANTE", comments: "Équipe complète depuis." }))).toMatchObject({ ok: true });
    expect((await tranche(2, "AE")).status).toBe("DEBLOQUABLE");
    const reviews = await h.prisma.midTermReview.findMany({ where: { conventionId: inForce }, orderBy: { recordedAt: "asc" } });
    expect(reviews.map((r) => r.verdict)).toEqual(["INSUFFISANTE", "SATISFAISANTE"]);
    const audit = await h.prisma.auditEntry.findMany({ where: { conventionId: inForce, kind: "review.record" }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[1]!.before).toMatchObject({ verdict: "INSUFFISANTE" });
    expect(audit[1]!.after).toMatchObject({ verdict: "SATISFAISANTE" });
  });
});

describe("releasing a tranche", () => {
  it("is refused to anyone but DINUM", async () => {
    const t2 = await tranche(2, "AE");
    await h.expectForbidden([PARTNER, GESTIONNAIRE, ADMIN], () => actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: t2.id, confirmedAmountCents: "4000000" })));
  });

  it("refuses an amount other than the one confirmed, and a tranche of another convention", async () => {
    as(PILOTE);
    const t2 = await tranche(2, "AE");
    await expectRefused(
      () => actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: t2.id, confirmedAmountCents: "3999999" })),
      { code: "TRANCHE_AMOUNT_CHANGED" },
    );
    const foreign = await h.prisma.tranche.findFirstOrThrow({ where: { conventionId: other } });
    await expectRefused(() => actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: foreign.id, confirmedAmountCents: "4000000" })), { code: "TRANCHE_NOT_IN_CONVENTION" });
  });

  it("releases it once, with its amount, date and author, in the audit trail", async () => {
    as(PILOTE);
    const t2 = await tranche(2, "AE");
    expect(t2.amountCents).toBe(4_000_000n);
    expect(await actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: t2.id, confirmedAmountCents: "4000000" }))).toMatchObject({ ok: true });
    const released = await tranche(2, "AE");
    expect(released.status).toBe("DEBLOQUEE");
    expect(released.release).toEqual({ releasedOn: today, releasedByName: "Camille Martin (démo)" });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { conventionId: inForce, kind: "tranche.release" }, orderBy: { id: "desc" } });
    expect(entry.after).toMatchObject({ tranche: `Tranche 2 AE ${year}`, amountCents: "4000000", releasedOn: today });
    expect((await view()).credits.years[0]!.ae.madeAvailable).toBe(8_000_000n);

    await expectRefused(
      () => actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: t2.id, confirmedAmountCents: "4000000" })),
      { code: "TRANCHE_NOT_RELEASABLE" },
    );
  });

  it("two DINUM users clicking at once release it once", async () => {
    as(PILOTE);
    const t2 = await tranche(2, "CP");
    const payload = () => form({ conventionId: inForce, trancheId: t2.id, confirmedAmountCents: "4000000" });
    const results = await Promise.all([actions.releaseTrancheAction(null, payload()), actions.releaseTrancheAction(null, payload()), actions.releaseTrancheAction(null, payload())]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await h.prisma.trancheRelease.count({ where: { trancheId: t2.id } })).toBe(1);
    expect(await h.prisma.auditEntry.count({ where: { conventionId: inForce, kind: "tranche.release", entityId: { not: null }, after: { path: ["tranche"], equals: `Tranche 2 CP ${year}` } } })).toBe(1);
  });
});

describe("recording an avenant", () => {
  const avenant = (values: Record<string, string> = {}) =>
    form({ conventionId: inForce, number: "1", signedOn: today, object: "Prolongation et abondement", creditYears: String(year), ...values });

  it("is refused to anyone but DINUM", async () => {
    await h.expectForbidden([PARTNER, GESTIONNAIRE, ADMIN], () => actions.recordAvenantAction(null, avenant({ endsOn: addMonths(today, 6) })));
  });

  it("refuses an avenant that breaks a ceiling, changes nothing, or is dated in the future", async () => {
    as(PILOTE);
    await expectRefused(() => actions.recordAvenantAction(null, avenant({ [`ae-${year}`]: "50 000" })), { code: "ALLOCATION_BELOW_RELEASED" });
    await expectRefused(() => actions.recordAvenantAction(null, avenant()), /au moins une condition/);
    await expectRefused(() => actions.recordAvenantAction(null, avenant({ endsOn: addMonths(today, 6), signedOn: addDays(today, 1) })), { code: "AVENANT_SIGNED_IN_FUTURE" });
    const bad = await expectRefused(() => actions.recordAvenantAction(null, avenant({ [`cp-${year}`]: "-5", newYear: "1999" })), /corriger/);
    expect(bad).toMatchObject({ fieldErrors: { [`cp-${year}`]: expect.stringContaining("négatif"), newYear: expect.stringContaining("Année invalide") } });
  });

  it("applies the changed terms and opens the tranches of an added year", async () => {
    as(PILOTE);
    const endsOn = addMonths(today, 6);
    const result = await actions.recordAvenantAction(
      null,
      avenant({ endsOn, [`ae-${year}`]: "90 000", [`cp-${year}`]: "90 000,00", newYear: String(year + 1), "ae-new": "20 000", "cp-new": "10 000", cbcmCopySentOn: today }),
    );
    expect(result).toMatchObject({ ok: true });
    const v = await view();
    expect(v.terms.endsOn).toBe(endsOn);
    expect(v.terms.credits).toEqual([
      { year, aeCents: 9_000_000n, cpCents: 9_000_000n },
      { year: year + 1, aeCents: 2_000_000n, cpCents: 1_000_000n },
    ]);
    // Both tranches of the year were released: the 10 000 € more get a third tranche, due at the avenant's
    // signature, not made available yet (an avenant does not release anything by itself).
    expect(v.credits.years[0]!.ae.madeAvailable).toBe(8_000_000n);
    const third = v.tranches.filter((t) => t.year === year && t.rank === 3);
    expect(third.map((t) => `${t.rank}${t.creditType}:${t.status}:${t.amountCents}`)).toEqual(["3AE:DEBLOQUABLE:1000000", "3CP:DEBLOQUABLE:1000000"]);
    expect(await h.prisma.tranche.count({ where: { conventionId: inForce, year, rank: 3, fromAvenantId: { not: null } } })).toBe(2);
    const added = v.tranches.filter((t) => t.year === year + 1);
    // The satisfactory review in force also opens the added year's second tranches.
    expect(added.map((t) => `${t.rank}${t.creditType}:${t.status}:${t.amountCents}`)).toEqual(["1AE:DEBLOQUABLE:1000000", "2AE:DEBLOQUABLE:1000000", "1CP:DEBLOQUABLE:500000", "2CP:DEBLOQUABLE:500000"]);
    const slots = await h.prisma.tranche.findMany({ where: { conventionId: inForce, year: year + 1 } });
    expect(slots).toHaveLength(4);
    expect(slots.every((s) => s.fromAvenantId !== null)).toBe(true);
    // An added tranche can be released like any other.
    const slot = slots.find((s) => s.rank === 1 && s.creditType === "AE")!;
    expect(await actions.releaseTrancheAction(null, form({ conventionId: inForce, trancheId: slot.id, confirmedAmountCents: "1000000" }))).toMatchObject({ ok: true });

    // Number 1 again: refused for the number taken, and for what replacing avenant 1 would undo (several refusals).
    await expectRefused(() => actions.recordAvenantAction(null, avenant({ endsOn: addMonths(today, 7) })), { code: "SEVERAL" });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { conventionId: inForce, kind: "avenant.record" } });
    expect(entry.after).toMatchObject({ number: 1, object: "Prolongation et abondement", changes: { endsOn } });
  });
});

describe("suspending and lifting", () => {
  it("is DINUM's; a second running suspension is refused; a lift is dated after the start and done once", async () => {
    as(PARTNER);
    await expectRefused(() => actions.recordSuspensionAction(null, form({ conventionId: inForce, startsOn: today, reason: "Crédits insuffisants" })), { code: "FORBIDDEN" });
    as(PILOTE);
    // A tranche was released today (the avenant's, above): a suspension from today would cover it, and says so.
    await expectRefused(() => actions.recordSuspensionAction(null, form({ conventionId: inForce, startsOn: today, reason: "Crédits insuffisants" })), /Suspension refusée.*le déblocage de la tranche T1 AE/);
    // On a convention with nothing recorded today, it is recorded.
    const fresh = (await createConvention(h.prisma, { parties: { DELEGANT: "dinum", PARTENAIRE: "ddt-demo", DELEGATAIRE: "sg-demo" }, signedOn: addMonths(today, -8), endsOn: addMonths(today, 4) })).id;
    expect(await actions.recordSuspensionAction(null, form({ conventionId: fresh, startsOn: today, reason: "Crédits insuffisants" }))).toMatchObject({ ok: true });
    expect((await view(fresh)).situation.state).toBe("SUSPENDUE");
    await expectRefused(() => actions.recordSuspensionAction(null, form({ conventionId: fresh, startsOn: today, reason: "Encore" })), { code: "SUSPENSION_RUNNING", field: "startsOn" });
    const suspension = await h.prisma.suspension.findFirstOrThrow({ where: { conventionId: fresh } });
    await expectRefused(() => actions.liftSuspensionAction(null, form({ conventionId: fresh, suspensionId: suspension.id, liftedOn: addDays(today, -1) })), { code: "LIFT_BEFORE_START", field: "liftedOn" });
    expect(await actions.liftSuspensionAction(null, form({ conventionId: fresh, suspensionId: suspension.id, liftedOn: today }))).toMatchObject({ ok: true });
    expect((await view(fresh)).situation.state).toBe("EN_VIGUEUR");
    await expectRefused(() => actions.liftSuspensionAction(null, form({ conventionId: fresh, suspensionId: suspension.id, liftedOn: today })), { code: "SUSPENSION_ALREADY_LIFTED" });
  });
});

describe("giving notice of termination", () => {
  it("is refused to the administrator and to another organisation", async () => {
    await h.expectForbidden([ADMIN, OTHER_PARTNER], () => actions.recordTerminationAction(null, form({ conventionId: inForce, noticeOn: today, reason: "Fin du projet" })));
  });

  it("lets the partner give notice; the convention ends three months later", async () => {
    as(PARTNER);
    await expectRefused(() => actions.recordTerminationAction(null, form({ conventionId: inForce, noticeOn: "2020-01-01", reason: "Fin" })), { code: "EVENT_BEFORE_SIGNATURE", field: "noticeOn" });
    await expectRefused(() => actions.recordTerminationAction(null, form({ conventionId: inForce, noticeOn: today, reason: "" })), /corriger/);
    expect(await actions.recordTerminationAction(null, form({ conventionId: inForce, noticeOn: today, reason: "Fin du projet" }))).toMatchObject({ ok: true });
    const notice = await h.prisma.terminationNotice.findFirstOrThrow({ where: { conventionId: inForce } });
    expect(notice.byParty).toBe("PARTENAIRE");
    const v = await view();
    expect(v.dates.terminationEffectiveOn).toBe(addMonths(today, 3));
    expect(v.dates.endsBy).toBe("RESILIATION");
    expect(isoDate(notice.noticeOn)).toBe(today);
  });
});

describe("the use cases, on the day they are given", () => {
  // No clock here: a convention of 2024, and the day each write acts on, chosen by the test.
  it("date a review and a release on that day, and refuse a review dated after it", async () => {
    const c = await createConvention(h.prisma, { signedOn: "2024-02-29", endsOn: "2024-12-31", released: [{ rank: 1, releasedOn: "2024-03-04" }] });
    const on = (day: IsoDate, write: (ctx: ReturnType<typeof useCaseContext>) => Promise<void>) =>
      h.prisma.$transaction((tx) => write(useCaseContext({ tx, actor: h.actor(PILOTE), conventionId: c.id, parties: c.parties, today: day })));
    const review = { conventionId: c.id, reviewedOn: "2024-04-25", verdict: "SATISFAISANTE", comments: "Équipe mobilisée." } as const;
    await expect(on("2024-04-24", (ctx) => recordReview(ctx, review))).rejects.toThrow(/dans le futur/);
    await on("2024-04-25", (ctx) => recordReview(ctx, review));
    const t2 = c.tranches.find((t) => t.rank === 2 && t.creditType === "AE")!;
    await on("2024-05-13", (ctx) => releaseTranche(ctx, { conventionId: c.id, trancheId: t2.id, confirmedAmountCents: 5_000_000n }));
    const v = deriveConvention(await loadConventionFacts(c.id), "2024-05-13");
    expect(v.tranches.find((t) => t.rank === 2 && t.creditType === "AE")).toMatchObject({ status: "DEBLOQUEE", release: { releasedOn: "2024-05-13", releasedByName: "Camille Martin (démo)" } });
    expect(v.credits.years[0]!.ae.madeAvailable).toBe(10_000_000n);
  });
});
