// Service fait before payment, typed in through the server actions against the real database: a payment
// beyond the service fait constaté on its EJ by its date is refused (16 000 € paid for 11 000 € done), so is a
// service fait or a payment dated before its EJ; a duplicate names the record it duplicates; nothing is written.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form } from "../../../tests/support/action-harness";
import { createConvention } from "../../../tests/factories/conventions";
import { createEj } from "../../../tests/factories/expenditures";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const actions = await import("./expenditures");

const h = actionHarness({ writes: ["serviceFait", "paymentRequest"] });
const plain = (s: string) => s.replace(/\u202f|\u00a0/g, " ");

let conventionId = "";
let ejId = "";
beforeAll(async () => {
  // 2024: 100 000 € of AE and CP, T1 released (50 000 €); an EJ of 48 000 € ordered on 15 March.
  conventionId = (
    await createConvention(h.prisma, { signedOn: "2024-02-29", endsOn: "2024-12-31", credits: [{ year: 2024, aeCents: 10_000_000n, cpCents: 10_000_000n }], released: [{ rank: 1, releasedOn: "2024-03-04" }] })
  ).id;
  ejId = (await createEj(h.prisma, { conventionId, chorusNumber: "1300456781", orderedOn: "2024-03-15", amountCents: 4_800_000n })).id;
  h.signInAs(ACCOUNTS.FAST14_GESTIONNAIRE);
});

const serviceFait = (values: Record<string, string>) => form({ conventionId, ejId, doneOn: "2024-04-26", reference: "SF-1", amount: "11 000", ...values });
const payment = (values: Record<string, string>) => form({ conventionId, ejId, dpNumber: "1000234501", paidOn: "2024-04-30", amount: "16 000", ...values });

describe("service fait before payment", () => {
  it("refuses a service fait dated before its EJ or before the convention, in words about a service fait", async () => {
    const early = await actions.recordServiceFaitAction(null, serviceFait({ doneOn: "2024-03-10" }));
    expect(early).toMatchObject({ ok: false, code: "SERVICE_FAIT_BEFORE_EJ" });
    expect(plain(early.ok ? "" : early.message)).toBe("Un service fait ne peut pas être daté du 10 mars 2024, avant l'engagement de l'EJ 1300456781 poste 1 (15 mars 2024).");
    const beforeSignature = await actions.recordServiceFaitAction(null, serviceFait({ doneOn: "2024-02-01" }));
    expect(beforeSignature).toMatchObject({ ok: false, code: "SERVICE_FAIT_OUTSIDE_CONVENTION_LIFE" });
    expect(beforeSignature.ok ? "" : beforeSignature.message).not.toMatch(/paiement/);
    expect(await h.prisma.serviceFait.count({ where: { ejId } })).toBe(0);
  });

  it("refuses 16 000 € paid for 11 000 € of service fait, naming the 5 000 € and the date missing", async () => {
    expect(await actions.recordServiceFaitAction(null, serviceFait({}))).toMatchObject({ ok: true });
    const refused = await actions.recordPaymentAction(null, payment({}));
    expect(refused).toMatchObject({ ok: false, code: "SERVICE_FAIT_MISSING" });
    expect(plain(refused.ok ? "" : refused.message)).toContain("il manque 5 000,00 € de service fait constaté sur l'EJ 1300456781 poste 1 au 30 avril 2024");
    expect(await h.prisma.paymentRequest.count({ where: { ejId } })).toBe(0);
    expect(await actions.recordPaymentAction(null, payment({ amount: "11 000" }))).toMatchObject({ ok: true });
  });

  it("refuses a payment dated before its EJ", async () => {
    expect(await actions.recordPaymentAction(null, payment({ dpNumber: "1000234599", paidOn: "2024-03-01", amount: "1" }))).toMatchObject({ ok: false, code: "PAYMENT_BEFORE_EJ" });
  });

  it("refuses a service fait beyond the EJ's AE, and requires its amount", async () => {
    expect(await actions.recordServiceFaitAction(null, serviceFait({ reference: "SF-2", amount: "37 000,01" }))).toMatchObject({ ok: false, code: "SERVICE_FAIT_BEYOND_EJ" });
    expect(await actions.recordServiceFaitAction(null, serviceFait({ reference: "SF-2", amount: "" }))).toMatchObject({ ok: false, fieldErrors: { amount: expect.any(String) } });
  });

  it("a duplicate says which record it duplicates", async () => {
    const sf = await actions.recordServiceFaitAction(null, serviceFait({ doneOn: "2024-05-02", amount: "1 000" }));
    expect(sf).toMatchObject({ ok: false, code: "DUPLICATE" });
    expect(plain(sf.ok ? "" : sf.message)).toContain("le service fait « SF-1 » de l'EJ 1300456781 poste 1 (constaté le 26 avril 2024, 11 000,00 €)");
    expect(await actions.recordServiceFaitAction(null, serviceFait({ reference: "SF-2", doneOn: "2024-05-02", amount: "1 000" }))).toMatchObject({ ok: true });
    const dp = await actions.recordPaymentAction(null, payment({ paidOn: "2024-05-03", amount: "1 000" }));
    expect(dp).toMatchObject({ ok: false, code: "DUPLICATE" });
    expect(plain(dp.ok ? "" : dp.message)).toContain("la demande de paiement n° 1000234501 sur l'EJ 1300456781 poste 1 (11 000,00 € le 30 avril 2024)");
  });
});
