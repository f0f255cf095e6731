// Service fait before payment (public accounting): on an EJ, what is paid by a date never exceeds the service
// fait constaté by that date; a service fait never exceeds the EJ's AE; neither precedes the EJ. The refusals
// are coded and name the missing amount and date.
import { describe, expect, it } from "vitest";
import { checkPaymentServiceFait, checkServiceFait, checkServiceFaitDate, serviceDoneBy, type ServiceFaitRecord } from "./credits";
import { messageOf } from "./failures";
import type { ConventionFacts } from "./convention-state";

const FAST14: ConventionFacts = { signedOn: "2024-02-29", endsOn: "2024-12-31", terminationNoticeMonths: 3, terminationNotices: [], suspensions: [], closedOn: null };

const EJ = "EJ 1300456781 poste 1";
const done: ServiceFaitRecord[] = [{ doneOn: "2024-04-26", reference: "SF-1", amountCents: 1_100_000n }];
const plain = (s: string) => s.replace(/\u202f|\u00a0/g, " ");

describe("a payment is covered by the service fait constaté by its date", () => {
  const payment = { ej: EJ, orderedOn: "2024-03-15", engagedCents: 4_800_000n, paidCents: 0n, serviceFaits: done, paidOn: "2024-04-30", amountCents: 1_600_000n };

  it("refuses 16 000 € paid for 11 000 € of service fait, naming the 5 000 € and the date missing", () => {
    const refusal = checkPaymentServiceFait(payment)!;
    expect(refusal).toMatchObject({ code: "SERVICE_FAIT_MISSING", field: "amount", params: { missingCents: 500_000n, on: "2024-04-30" } });
    expect(plain(messageOf(refusal))).toBe(
      "Paiement refusé : il manque 5 000,00 € de service fait constaté sur l'EJ 1300456781 poste 1 au 30 avril 2024 (service fait constaté à cette date : 11 000,00 €, déjà payé : 0,00 €, demandé : 16 000,00 €). Constatez d'abord le service fait, daté du 30 avril 2024 au plus tard.",
    );
  });

  it("accepts what the service fait covers, counting what is already paid and only the service fait dated by then", () => {
    expect(checkPaymentServiceFait({ ...payment, amountCents: 1_100_000n })).toBeNull();
    expect(checkPaymentServiceFait({ ...payment, amountCents: 1_000_000n, paidCents: 200_000n })).toMatchObject({ code: "SERVICE_FAIT_MISSING", params: { missingCents: 100_000n } });
    expect(checkPaymentServiceFait({ ...payment, paidOn: "2024-04-25", amountCents: 1n })).toMatchObject({ code: "SERVICE_FAIT_MISSING", params: { doneCents: 0n } });
  });

  it("refuses a payment dated before its EJ, in words about a payment", () => {
    const refusal = checkPaymentServiceFait({ ...payment, paidOn: "2024-03-01" })!;
    expect(refusal).toMatchObject({ code: "PAYMENT_BEFORE_EJ", field: "paidOn" });
    expect(plain(messageOf(refusal))).toBe("Un paiement ne peut pas être daté du 1er mars 2024, avant l'engagement de l'EJ 1300456781 poste 1 (15 mars 2024).");
  });

  it("counts a service fait recorded without an amount (before amounts were required) as the whole EJ", () => {
    expect(serviceDoneBy([{ doneOn: "2024-04-01", reference: "old", amountCents: null }], "2024-04-30", 4_800_000n)).toBe(4_800_000n);
    expect(serviceDoneBy([{ doneOn: "2024-05-01", reference: "old", amountCents: null }], "2024-04-30", 4_800_000n)).toBe(0n);
  });
});

describe("a service fait", () => {
  const sf = { ej: EJ, orderedOn: "2024-03-15", engagedCents: 4_800_000n, serviceFaits: done, doneOn: "2024-06-21", reference: "SF-2", amountCents: 2_400_000n };

  it("is accepted within the EJ's AE", () => {
    expect(checkServiceFait(sf)).toBeNull();
  });

  it("dated before its EJ is refused in words about a service fait, not a payment", () => {
    const refusal = checkServiceFait({ ...sf, doneOn: "2024-03-01" })!;
    expect(refusal).toMatchObject({ code: "SERVICE_FAIT_BEFORE_EJ", field: "doneOn" });
    expect(messageOf(refusal)).toMatch(/^Un service fait ne peut pas être daté du 1er mars 2024, avant l'engagement/);
    expect(messageOf(refusal)).not.toMatch(/paiement/);
  });

  it("dated outside the convention's life is refused in words about a service fait", () => {
    const refusal = checkServiceFaitDate(FAST14, "2024-02-01")!;
    expect(refusal).toMatchObject({ code: "SERVICE_FAIT_OUTSIDE_CONVENTION_LIFE", field: "doneOn" });
    expect(messageOf(refusal)).toBe("Un service fait ne peut pas être daté du 1er février 2024, avant la signature de la convention (29 février 2024).");
    expect(messageOf(checkServiceFaitDate(FAST14, "2025-01-02")!)).toMatch(/^Un service fait .* après la fin de la convention \(31 décembre 2024\)/);
    expect(checkServiceFaitDate(FAST14, "2024-06-21")).toBeNull();
  });

  it("beyond the EJ's AE is refused with what is left", () => {
    const refusal = checkServiceFait({ ...sf, amountCents: 3_700_001n })!;
    expect(refusal).toMatchObject({ code: "SERVICE_FAIT_BEYOND_EJ", field: "amount" });
    expect(plain(messageOf(refusal))).toContain("de 0,01 € (déjà constaté : 11 000,00 €, demandé : 37 000,01 €)");
  });

  it("a reference already recorded is a duplicate that names the record it duplicates", () => {
    const refusal = checkServiceFait({ ...sf, reference: "sf-1 " })!;
    expect(refusal).toMatchObject({ code: "DUPLICATE", field: "reference" });
    expect(plain(messageOf(refusal))).toBe(
      "Cet enregistrement existe déjà : le service fait « SF-1 » de l'EJ 1300456781 poste 1 (constaté le 26 avril 2024, 11 000,00 €) (doublon refusé).",
    );
  });
});
