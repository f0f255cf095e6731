// The délégataire's expenditures on FAST 14 (in force in 2024), through the server actions against the real
// database: ceilings, dates, reversals, roles, and 50 concurrent engagements against one ceiling. The demo
// already holds FAST 14's expenditure until the summer (prisma/seed/fast14-expenditures.ts): every figure
// here is read against what the convention holds before the test.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { formData as form } from "../../../tests/support/forms";
import { centsToFrenchDecimal, formatEuros } from "@/domain/money";
import { todayInParis } from "@/domain/dates";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("../auth", () => ({ auth: vi.fn(async () => session.current) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("./expenditures");
const { loadConventionFacts } = await import("../repositories/convention-facts");
const { deriveConvention } = await import("@/domain/convention-view");

let database: TestDatabase;
const users: Record<string, string> = {};
let fast14 = "";
/** AE 2024 engaged and left to engage, CP 2024 paid, before any write of this file. */
let base = { engaged: 0n, left: 0n, paid: 0n };

const GESTIONNAIRE = "gestionnaire@dnum-mte.example.fr";
const PILOTE = "pilote@dinum.example.fr";
const PARTNER = "intrapreneur@drieat.example.fr";
const OTHER_PARTNER = "intrapreneur@ddt-demo.example.fr";
const ADMIN = "admin@suivi-fast.example.fr";

function as(email: string | null) {
  session.current = email ? { user: { id: users[email]! } } : null;
}

async function credits() {
  return deriveConvention(await loadConventionFacts(fast14), todayInParis()).credits;
}

async function footprint() {
  const p = database.prisma;
  return Promise.all([p.engagementJuridique.count(), p.ejMovement.count(), p.serviceFait.count(), p.paymentRequest.count(), p.auditEntry.count()]);
}

async function expectRefused(run: () => Promise<{ ok: boolean; message?: string }>, message: string | RegExp) {
  const before = await footprint();
  const result = await run();
  expect(result.ok, JSON.stringify(result)).toBe(false);
  expect(result.message).toMatch(message);
  expect(await footprint()).toEqual(before);
  return result;
}

const ej = (values: Record<string, string> = {}) =>
  form({
    conventionId: fast14,
    chorusNumber: "1300000001",
    lineNumber: "1",
    orderedOn: "2024-04-15",
    supplierName: "Société Coopérative Produit",
    supplierSiret: "123 456 789 00007",
    object: "Développement de France Chaleur Urbaine",
    amount: "10 000,00",
    ...values,
  });

async function ejId(chorusNumber: string) {
  return (await database.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: fast14, chorusNumber } })).id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const u of await database.prisma.user.findMany()) users[u.email] = u.id;
  fast14 = (await database.prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } })).id;
  const year = (await credits()).years[0]!;
  base = { engaged: year.ae.engaged, left: year.ae.leftToEngage, paid: year.cp.paid };
  // Room for the 10 000 € EJ and its 5 000 € increase below.
  expect(base.left > 1_500_000n).toBe(true);
});
afterAll(() => database.close());

describe("engagements juridiques", () => {
  it("are recorded only by the délégataire's budget staff", async () => {
    for (const email of [PILOTE, PARTNER, OTHER_PARTNER, ADMIN]) {
      as(email);
      await expectRefused(() => actions.recordEjAction(null, ej()), /Accès refusé/);
    }
    as(null);
    await expectRefused(() => actions.recordEjAction(null, ej()), /connectez-vous/);
  });

  it("refuse bad input with a French message per field", async () => {
    as(GESTIONNAIRE);
    const result = await expectRefused(
      () => actions.recordEjAction(null, ej({ chorusNumber: "12345", supplierSiret: "123", amount: "-3", orderedOn: "15/04/2024", supplierName: "" })),
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
    await expectRefused(() => actions.recordEjAction(null, ej({ amount: "0" })), /corriger/);
  });

  it("refuse a date outside the convention's life", async () => {
    as(GESTIONNAIRE);
    await expectRefused(() => actions.recordEjAction(null, ej({ orderedOn: "2024-02-01" })), /avant la signature de la convention \(29 février 2024\)/);
    await expectRefused(() => actions.recordEjAction(null, ej({ orderedOn: "2025-01-15" })), /après la fin de la convention/);
  });

  it("refuse an engagement beyond what DINUM made available, saying what is left", async () => {
    as(GESTIONNAIRE);
    await expectRefused(() => actions.recordEjAction(null, ej({ amount: centsToFrenchDecimal(base.left + 1n) })), `Reste à engager sur la dotation : ${formatEuros(base.left)}`);
  });

  it("record an EJ with its initial AE line and the convention's imputation, audited", async () => {
    as(GESTIONNAIRE);
    expect(await actions.recordEjAction(null, ej())).toMatchObject({ ok: true });
    const row = await database.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: fast14, chorusNumber: "1300000001" }, include: { movements: true } });
    expect(row).toMatchObject({ supplierSiret: "12345678900007", centreFinancier: "0352-CFSE-CFIN", source: "SAISIE" });
    expect(row.movements.map((m) => [m.kind, m.amountCents])).toEqual([["INITIAL", 1_000_000n]]);
    expect((await credits()).years[0]!.ae.engaged).toBe(base.engaged + 1_000_000n);
    expect(await database.prisma.auditEntry.count({ where: { conventionId: fast14, kind: "expenditure.ej", entityId: row.id } })).toBe(1);
    await expectRefused(() => actions.recordEjAction(null, ej({ amount: "1 000" })), /doublon/);
  });
});

describe("movements and reversals", () => {
  it("increase and reduce an EJ by dated lines, within the ceilings", async () => {
    as(GESTIONNAIRE);
    const id = await ejId("1300000001");
    const move = (values: Record<string, string>) => form({ conventionId: fast14, ejId: id, movedOn: "2024-05-02", reason: "Avenant au bon de commande", ...values });
    await expectRefused(() => actions.recordEjMovementAction(null, move({ kind: "AUGMENTATION", amount: centsToFrenchDecimal(base.left - 1_000_000n + 1n) })), /Reste à engager/);
    expect(await actions.recordEjMovementAction(null, move({ kind: "AUGMENTATION", amount: "5 000" }))).toMatchObject({ ok: true });
    expect(await actions.recordEjMovementAction(null, move({ kind: "REDUCTION", amount: "2 500" }))).toMatchObject({ ok: true });
    await expectRefused(() => actions.recordEjMovementAction(null, move({ kind: "REDUCTION", amount: "2 500", movedOn: "2024-04-01" })), /précéder l'engagement/);
    expect((await credits()).ejs.find((e) => e.ejId === id)!.engaged).toBe(1_250_000n);
  });

  it("reverse a mistaken line once, keeping it", async () => {
    as(GESTIONNAIRE);
    const id = await ejId("1300000001");
    const increase = await database.prisma.ejMovement.findFirstOrThrow({ where: { ejId: id, kind: "AUGMENTATION" } });
    expect(await actions.reverseEjMovementAction(null, form({ conventionId: fast14, movementId: increase.id, reason: "Saisie en double" }))).toMatchObject({ ok: true });
    await expectRefused(() => actions.reverseEjMovementAction(null, form({ conventionId: fast14, movementId: increase.id, reason: "Encore" })), /déjà été contre-passée/);
    expect(await database.prisma.ejMovement.count({ where: { ejId: id } })).toBe(4);
    expect((await credits()).ejs.find((e) => e.ejId === id)!.engaged).toBe(750_000n);
  });
});

describe("service fait and payments", () => {
  it("pay against an EJ within its AE and the CP made available; cancel by a reversing line", async () => {
    as(GESTIONNAIRE);
    const id = await ejId("1300000001");
    expect(await actions.recordServiceFaitAction(null, form({ conventionId: fast14, ejId: id, doneOn: "2024-06-28", reference: "SF-2024-06", amount: "5 000" }))).toMatchObject({ ok: true });
    const pay = (values: Record<string, string>) => form({ conventionId: fast14, ejId: id, dpNumber: "100000001", paidOn: "2024-07-10", amount: "5 000", ...values });
    // The EJ holds 7 500 € of AE.
    await expectRefused(() => actions.recordPaymentAction(null, pay({ amount: "7 500,01" })), /AE de l'engagement|dépasse/);
    expect(await actions.recordPaymentAction(null, pay({}))).toMatchObject({ ok: true });
    await expectRefused(() => actions.recordPaymentAction(null, pay({ amount: "1" })), /doublon/);
    await expectRefused(() => actions.recordPaymentAction(null, pay({ dpNumber: "100000002", paidOn: "2025-01-10" })), /après la fin de la convention/);
    expect((await credits()).years[0]!.cp.paid).toBe(base.paid + 500_000n);
    // A reduction below what is paid on the EJ is refused.
    await expectRefused(
      () => actions.recordEjMovementAction(null, form({ conventionId: fast14, ejId: id, kind: "REDUCTION", movedOn: "2024-07-11", amount: "2 500,01", reason: "Trop" })),
      /payé|paiement/i,
    );

    const payment = await database.prisma.paymentRequest.findFirstOrThrow({ where: { conventionId: fast14, dpNumber: "100000001" } });
    expect(await actions.reversePaymentAction(null, form({ conventionId: fast14, paymentId: payment.id }))).toMatchObject({ ok: true });
    await expectRefused(() => actions.reversePaymentAction(null, form({ conventionId: fast14, paymentId: payment.id })), /déjà annulée/);
    expect((await credits()).years[0]!.cp.paid).toBe(base.paid);
    const reversal = await database.prisma.paymentRequest.findFirstOrThrow({ where: { reversesId: payment.id } });
    expect(reversal).toMatchObject({ dpNumber: "ANNUL-100000001", amountCents: -500_000n });
  });
});

describe("concurrency", () => {
  it("50 concurrent engagements against one ceiling never overspend and never lose a valid write", async () => {
    as(GESTIONNAIRE);
    const before = await credits();
    const left = before.years[0]!.ae.leftToEngage;
    // Each asks for a 25th of what is left: about half of the 50 fit.
    const amount = left / 25n;
    const expected = Number(left / amount);
    expect(expected).toBeGreaterThanOrEqual(25);
    expect(expected).toBeLessThan(50);
    const attempts = Array.from({ length: 50 }, (_, i) =>
      actions.recordEjAction(null, ej({ chorusNumber: String(1400000000 + i), amount: centsToFrenchDecimal(amount) })),
    );
    const results = await Promise.all(attempts);
    const accepted = results.filter((r) => r.ok).length;
    expect(accepted).toBe(expected);
    for (const refused of results.filter((r) => !r.ok)) expect(refused.message).toMatch(/Reste à engager/);
    const after = await credits();
    expect(after.years[0]!.ae.engaged).toBe(before.years[0]!.ae.engaged + BigInt(expected) * amount);
    expect(after.years[0]!.ae.engaged <= after.years[0]!.ae.madeAvailable).toBe(true);
    expect(await database.prisma.engagementJuridique.count({ where: { conventionId: fast14, chorusNumber: { startsWith: "14" } } })).toBe(expected);
  });
});
