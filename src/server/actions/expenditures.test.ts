// The délégataire's expenditures, through the server actions against the real database: ceilings, dates,
// reversals, roles, and 50 concurrent engagements against one ceiling. Each block works on a convention of
// its own (tests/factories), as the délégataire DNUM (MTE) holds it: signed on 29 February 2024, ended on
// 31 December 2024, 100 000 € of AE and of CP for 2024, its first tranche released (50 000 € of each made
// available), nothing spent: every figure here is literal.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form } from "../../../tests/support/action-harness";
import { createConvention, TEST_IMPUTATION } from "../../../tests/factories/conventions";
import { createEj } from "../../../tests/factories/expenditures";
import { centsToFrenchDecimal, formatEuros } from "@/domain/money";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const actions = await import("./expenditures");
const { loadConventionFacts } = await import("../repositories/convention-facts");
const { deriveConvention } = await import("@/domain/convention-view");

const h = actionHarness({ writes: ["engagementJuridique", "ejMovement", "serviceFait", "paymentRequest"] });
const { signInAs: as, expectRefused } = h;

// The convention's parties are FAST 14's organisations: its accounts act on it as they do on FAST 14.
const { PILOTE, ADMIN, FAST14_PARTNER: PARTNER, DEMO_PARTNER: OTHER_PARTNER, FAST14_GESTIONNAIRE: GESTIONNAIRE } = ACCOUNTS;

/** A convention of 2024 with 50 000 € of AE and of CP made available (T1 released on 4 March), nothing spent. */
async function conventionOf2024() {
  const convention = await createConvention(h.prisma, {
    signedOn: "2024-02-29",
    endsOn: "2024-12-31",
    credits: [{ year: 2024, aeCents: 10_000_000n, cpCents: 10_000_000n }],
    released: [{ rank: 1, releasedOn: "2024-03-04" }],
  });
  return convention.id;
}

/** Its credits, read on its last day. */
async function credits(conventionId: string) {
  return deriveConvention(await loadConventionFacts(conventionId), "2024-12-31").credits;
}

const ej = (conventionId: string, values: Record<string, string> = {}) =>
  form({
    conventionId,
    chorusNumber: "1300000001",
    lineNumber: "1",
    orderedOn: "2024-04-15",
    supplierName: "Société Coopérative Produit",
    supplierSiret: "123 456 789 00007",
    object: "Développement du service",
    amount: "10 000,00",
    ...values,
  });

describe("engagements juridiques", () => {
  let convention = "";
  beforeAll(async () => {
    convention = await conventionOf2024();
  });

  it("are recorded only by the délégataire's budget staff", async () => {
    await h.expectForbidden([PILOTE, PARTNER, OTHER_PARTNER, ADMIN, null], () => actions.recordEjAction(null, ej(convention)));
  });

  it("refuse bad input with a French message per field", async () => {
    as(GESTIONNAIRE);
    const result = await expectRefused(
      () => actions.recordEjAction(null, ej(convention, { chorusNumber: "12345", supplierSiret: "123", amount: "-3", orderedOn: "15/04/2024", supplierName: "" })),
      /corriger/,
    );
    expect(result).toMatchObject({
      fieldErrors: {
        chorusNumber: expect.stringContaining("10 chiffres"),
        supplierSiret: expect.stringContaining("14 chiffres"),
        amount: expect.stringContaining("négatif"),
        orderedOn: expect.stringContaining("AAAA-MM-JJ"),
        supplierName: expect.stringContaining("obligatoire"),
      },
    });
    await expectRefused(() => actions.recordEjAction(null, ej(convention, { amount: "0" })), /corriger/);
  });

  it("refuse a date outside the convention's life", async () => {
    as(GESTIONNAIRE);
    await expectRefused(() => actions.recordEjAction(null, ej(convention, { orderedOn: "2024-02-01" })), { code: "OUTSIDE_CONVENTION_LIFE", field: "orderedOn" });
    await expectRefused(() => actions.recordEjAction(null, ej(convention, { orderedOn: "2025-01-15" })), { code: "OUTSIDE_CONVENTION_LIFE", field: "orderedOn" });
  });

  it("refuse an engagement beyond what DINUM made available, saying what is left and what is still to release", async () => {
    as(GESTIONNAIRE);
    const refused = await expectRefused(() => actions.recordEjAction(null, ej(convention, { amount: "50 000,01" })), { code: "AE_NOT_AVAILABLE", field: "amount" });
    expect(refused.message).toContain(`Reste à engager : ${formatEuros(5_000_000n)}`);
    expect(refused.message).toContain(`${formatEuros(5_000_000n)} d'AE 2024 restent à débloquer par la DINUM.`);
    // Once both tranches are released, what is left is the whole allocation's.
    const released = await createConvention(h.prisma, {
      signedOn: "2024-02-29",
      endsOn: "2024-12-31",
      credits: [{ year: 2024, aeCents: 10_000_000n, cpCents: 10_000_000n }],
      review: { reviewedOn: "2024-04-25", verdict: "SATISFAISANTE" },
      released: [
        { rank: 1, releasedOn: "2024-03-04" },
        { rank: 2, releasedOn: "2024-05-13" },
      ],
    });
    await expectRefused(() => actions.recordEjAction(null, ej(released.id, { amount: "100 000,01" })), { code: "AE_ALLOCATION_EXCEEDED", field: "amount" });
  });

  it("record an EJ with its initial AE line and the convention's imputation, audited", async () => {
    as(GESTIONNAIRE);
    expect(await actions.recordEjAction(null, ej(convention))).toMatchObject({ ok: true });
    const row = await h.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: convention, chorusNumber: "1300000001" }, include: { movements: true } });
    expect(row).toMatchObject({ supplierSiret: "12345678900007", centreFinancier: TEST_IMPUTATION.centreFinancier, activite: TEST_IMPUTATION.activite, source: "SAISIE" });
    expect(row.movements.map((m) => [m.kind, m.amountCents])).toEqual([["INITIAL", 1_000_000n]]);
    expect((await credits(convention)).years[0]!.ae).toMatchObject({ engaged: 1_000_000n, leftToEngage: 4_000_000n });
    expect(await h.prisma.auditEntry.count({ where: { conventionId: convention, kind: "expenditure.ej", entityId: row.id } })).toBe(1);
    await expectRefused(() => actions.recordEjAction(null, ej(convention, { amount: "1 000" })), { code: "DUPLICATE" });
  });
});

describe("movements and reversals", () => {
  let convention = "";
  let id = "";
  beforeAll(async () => {
    convention = await conventionOf2024();
    id = (await createEj(h.prisma, { conventionId: convention, orderedOn: "2024-04-15", amountCents: 1_000_000n })).id;
  });

  it("increase and reduce an EJ by dated lines, within the ceilings", async () => {
    as(GESTIONNAIRE);
    const move = (values: Record<string, string>) => form({ conventionId: convention, ejId: id, movedOn: "2024-05-02", reason: "Avenant au bon de commande", ...values });
    // 50 000 € made available, 10 000 € engaged.
    await expectRefused(() => actions.recordEjMovementAction(null, move({ kind: "AUGMENTATION", amount: "40 000,01" })), { code: "AE_NOT_AVAILABLE", field: "amount" });
    expect(await actions.recordEjMovementAction(null, move({ kind: "AUGMENTATION", amount: "5 000" }))).toMatchObject({ ok: true });
    expect(await actions.recordEjMovementAction(null, move({ kind: "REDUCTION", amount: "2 500" }))).toMatchObject({ ok: true });
    await expectRefused(() => actions.recordEjMovementAction(null, move({ kind: "REDUCTION", amount: "2 500", movedOn: "2024-04-01" })), { code: "BEFORE_EJ", field: "movedOn" });
    expect((await credits(convention)).ejs.find((e) => e.ejId === id)!.engaged).toBe(1_250_000n);
  });

  it("reverse a mistaken line once, keeping it", async () => {
    as(GESTIONNAIRE);
    const increase = await h.prisma.ejMovement.findFirstOrThrow({ where: { ejId: id, kind: "AUGMENTATION" } });
    expect(await actions.reverseEjMovementAction(null, form({ conventionId: convention, movementId: increase.id, reason: "Saisie en double" }))).toMatchObject({ ok: true });
    await expectRefused(() => actions.reverseEjMovementAction(null, form({ conventionId: convention, movementId: increase.id, reason: "Encore" })), { code: "ALREADY_REVERSED" });
    expect(await h.prisma.ejMovement.count({ where: { ejId: id } })).toBe(4);
    expect((await credits(convention)).ejs.find((e) => e.ejId === id)!.engaged).toBe(750_000n);
  });
});

describe("service fait and payments", () => {
  it("pay against an EJ within its AE and the CP made available; cancel by a reversing line", async () => {
    const convention = await conventionOf2024();
    // The EJ holds 7 500 € of AE.
    const id = (await createEj(h.prisma, { conventionId: convention, orderedOn: "2024-04-15", amountCents: 750_000n })).id;
    as(GESTIONNAIRE);
    expect(await actions.recordServiceFaitAction(null, form({ conventionId: convention, ejId: id, doneOn: "2024-06-28", reference: "SF-2024-06", amount: "5 000" }))).toMatchObject({ ok: true });
    const pay = (values: Record<string, string>) => form({ conventionId: convention, ejId: id, dpNumber: "100000001", paidOn: "2024-07-10", amount: "5 000", ...values });
    await expectRefused(() => actions.recordPaymentAction(null, pay({ amount: "7 500,01" })), /AE de l'engagement|dépasse/);
    expect(await actions.recordPaymentAction(null, pay({}))).toMatchObject({ ok: true });
    await expectRefused(() => actions.recordPaymentAction(null, pay({ amount: "1" })), { code: "DUPLICATE" });
    await expectRefused(() => actions.recordPaymentAction(null, pay({ dpNumber: "100000002", paidOn: "2025-01-10" })), { code: "OUTSIDE_CONVENTION_LIFE", field: "paidOn" });
    expect((await credits(convention)).years[0]!.cp).toMatchObject({ paid: 500_000n, leftToPay: 4_500_000n });
    // A reduction below what is paid on the EJ is refused.
    await expectRefused(
      () => actions.recordEjMovementAction(null, form({ conventionId: convention, ejId: id, kind: "REDUCTION", movedOn: "2024-07-11", amount: "2 500,01", reason: "Trop" })),
      { code: "EJ_BELOW_PAID", field: "amount" },
    );

    const payment = await h.prisma.paymentRequest.findFirstOrThrow({ where: { conventionId: convention, dpNumber: "100000001" } });
    expect(await actions.reversePaymentAction(null, form({ conventionId: convention, paymentId: payment.id }))).toMatchObject({ ok: true });
    await expectRefused(() => actions.reversePaymentAction(null, form({ conventionId: convention, paymentId: payment.id })), { code: "ALREADY_CANCELLED" });
    expect((await credits(convention)).years[0]!.cp.paid).toBe(0n);
    const reversal = await h.prisma.paymentRequest.findFirstOrThrow({ where: { reversesId: payment.id } });
    expect(reversal).toMatchObject({ dpNumber: "ANNUL-100000001", amountCents: -500_000n });
  });
});

describe("concurrency", () => {
  it("50 concurrent engagements against one ceiling never overspend and never lose a valid write", async () => {
    const convention = await conventionOf2024();
    as(GESTIONNAIRE);
    // Each asks for a 25th of the 50 000 € made available: half of the 50 fit.
    const amount = 200_000n;
    const attempts = Array.from({ length: 50 }, (_, i) =>
      actions.recordEjAction(null, ej(convention, { chorusNumber: String(1400000000 + i), amount: centsToFrenchDecimal(amount) })),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    for (const refused of results.filter((r) => !r.ok)) expect(refused).toMatchObject({ code: "AE_NOT_AVAILABLE" });
    const after = (await credits(convention)).years[0]!.ae;
    expect(after).toMatchObject({ engaged: 5_000_000n, madeAvailable: 5_000_000n, leftToEngage: 0n });
    expect(await h.prisma.engagementJuridique.count({ where: { conventionId: convention } })).toBe(25);
  });
});
