import "server-only";
// The délégataire's Chorus expenditures, typed in: legal commitments (EJ) and their later movements, service
// fait, payment requests, and the reversing lines that correct a mistake (nothing is deleted). Each use case
// re-reads the convention's money inside its transaction (the caller locks the convention), so concurrent
// writes are serialised and a ceiling is never overspent. The rules are the domain's (src/domain/credits.ts).
import { z } from "zod";
import {
  checkEjMovement,
  checkEngagement,
  checkMovementDate,
  checkNotInFuture,
  checkOperationDate,
  checkPayment,
  checkPaymentReversal,
  checkReduction,
  checkMovementReversal,
  checkPaymentServiceFait,
  checkServiceFait,
  checkServiceFaitDate,
  paymentReversalNumber,
  type Check,
  type ServiceFaitRecord,
} from "@/domain/credits";
import { failure, failureIn } from "@/domain/failures";
import { compareDates, formatDate, toDbDate, yearOf, isoDate } from "@/domain/dates";
import { ejNumberField, isoDateField, lineNumberField, optionalSiretField, optionalTextField, positiveEurosField, textField, uuidField } from "@/domain/fields";
import { formatEuros } from "@/domain/money";
import type { Tx } from "../db/audit";
import { Refusal, type UseCaseContext } from "./context";
import { conventionNow } from "./convention-now";

function refuseUnless(check: Check, field?: string): void {
  if (!check.ok) throw new Refusal(failureIn(check, field));
}

async function moneyNow(ctx: UseCaseContext) {
  const { view } = await conventionNow(ctx);
  // Once DINUM accepted the final report, the record of expenditure is final, whatever the dates typed.
  if (view.situation.state === "CLOTUREE") throw new Refusal(failure("CONVENTION_CLOSED"));
  return view;
}

async function ejOf(tx: Tx, conventionId: string, ejId: string) {
  const ej = await tx.engagementJuridique.findFirst({ where: { id: ejId, conventionId } });
  if (!ej) throw new Refusal(failure("EJ_NOT_IN_CONVENTION"));
  return ej;
}

/** The service faits recorded on an EJ, for the rule "service fait before payment". */
async function serviceFaitsOf(tx: Tx, ejId: string): Promise<ServiceFaitRecord[]> {
  const rows = await tx.serviceFait.findMany({ where: { ejId }, select: { doneOn: true, reference: true, amountCents: true } });
  return rows.map((r) => ({ doneOn: isoDate(r.doneOn), reference: r.reference, amountCents: r.amountCents }));
}

export const ejLabel = (ej: { chorusNumber: string; lineNumber: number }) => `EJ ${ej.chorusNumber} poste ${ej.lineNumber}`;

// ───────────────────────────── Engagements juridiques ─────────────────────────────

export const recordEjInput = z.object({
  conventionId: uuidField,
  chorusNumber: ejNumberField,
  lineNumber: lineNumberField,
  orderedOn: isoDateField,
  supplierName: textField("Fournisseur", 200),
  supplierSiret: optionalSiretField,
  object: textField("Objet", 500),
  amount: positiveEurosField,
  // Imputation: the convention's by default, overridable.
  domaineFonctionnel: optionalTextField("Domaine fonctionnel", 40),
  centreFinancier: optionalTextField("Centre financier", 40),
  activite: optionalTextField("Activité", 40),
  centreDeCout: optionalTextField("Centre de coût", 40),
});
export type RecordEjInput = z.infer<typeof recordEjInput>;

/** A new EJ poste with its initial AE line. Answers the EJ's id. */
export async function recordEj(ctx: UseCaseContext, input: RecordEjInput): Promise<string> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const view = await moneyNow(ctx);
  refuseUnless(checkNotInFuture(input.orderedOn, today), "orderedOn");
  refuseUnless(checkOperationDate(view.facts, input.orderedOn, "engagement"), "orderedOn");
  refuseUnless(checkEngagement(view.credits, { year: yearOf(input.orderedOn), amountCents: input.amount }), "amount");
  const convention = await tx.convention.findUniqueOrThrow({
    where: { id: conventionId },
    select: { marche: true, domaineFonctionnel: true, centreFinancier: true, activite: true, centreDeCout: true },
  });
  const ej = await tx.engagementJuridique.create({
    data: {
      conventionId,
      chorusNumber: input.chorusNumber,
      lineNumber: input.lineNumber,
      orderedOn: toDbDate(input.orderedOn),
      supplierName: input.supplierName,
      supplierSiret: input.supplierSiret,
      object: input.object,
      marche: convention.marche,
      domaineFonctionnel: input.domaineFonctionnel ?? convention.domaineFonctionnel,
      centreFinancier: input.centreFinancier ?? convention.centreFinancier,
      activite: input.activite ?? convention.activite,
      centreDeCout: input.centreDeCout ?? convention.centreDeCout,
      source: "SAISIE",
      createdById: actor.userId,
      movements: { create: { kind: "INITIAL", movedOn: toDbDate(input.orderedOn), amountCents: input.amount, createdById: actor.userId } },
    },
  });
  await audit({
    kind: "expenditure.ej",
    entity: "engagementJuridique",
    entityId: ej.id,
    after: { ej: ejLabel(ej), orderedOn: input.orderedOn, supplierName: input.supplierName, object: input.object, amountCents: input.amount },
  });
  return ej.id;
}

export const recordEjMovementInput = z.object({
  conventionId: uuidField,
  ejId: uuidField,
  kind: z.enum(["AUGMENTATION", "REDUCTION"], { error: "Choisissez : augmentation ou réduction." }),
  movedOn: isoDateField,
  amount: positiveEurosField,
  reason: textField("Motif", 500),
});
export type RecordEjMovementInput = z.infer<typeof recordEjMovementInput>;

/** An increase or a reduction of an EJ: a new dated line, never an edit of the EJ. */
export async function recordEjMovement(ctx: UseCaseContext, input: RecordEjMovementInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const view = await moneyNow(ctx);
  const ej = await ejOf(tx, conventionId, input.ejId);
  refuseUnless(checkNotInFuture(input.movedOn, today), "movedOn");
  refuseUnless(checkMovementDate(input.movedOn, isoDate(ej.orderedOn), "movement"), "movedOn");
  refuseUnless(checkOperationDate(view.facts, input.movedOn, "engagement"), "movedOn");
  const year = ej.orderedOn.getUTCFullYear();
  refuseUnless(
    input.kind === "AUGMENTATION" ? checkEngagement(view.credits, { year, amountCents: input.amount }) : checkReduction(view.credits, { ejId: ej.id, amountCents: input.amount }),
    "amount",
  );
  const signed = input.kind === "AUGMENTATION" ? input.amount : -input.amount;
  const movement = await tx.ejMovement.create({
    data: { ejId: ej.id, kind: input.kind, movedOn: toDbDate(input.movedOn), amountCents: signed, reason: input.reason, createdById: actor.userId },
  });
  await audit({
    kind: "expenditure.movement",
    entity: "ejMovement",
    entityId: movement.id,
    after: { ej: ejLabel(ej), kind: input.kind, movedOn: input.movedOn, amountCents: signed, reason: input.reason },
  });
}

export const reverseEjMovementInput = z.object({ conventionId: uuidField, movementId: uuidField, reason: textField("Motif de la contre-passation", 500) });
export type ReverseEjMovementInput = z.infer<typeof reverseEjMovementInput>;

/** Corrects a mistaken AE line by its opposite, dated today; the mistaken line stays, marked as reversed. */
export async function reverseEjMovement(ctx: UseCaseContext, input: ReverseEjMovementInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const view = await moneyNow(ctx);
  const original = await tx.ejMovement.findFirst({ where: { id: input.movementId, ej: { conventionId } }, include: { ej: true, reversedBy: true } });
  if (!original) throw new Refusal(failure("LINE_NOT_IN_CONVENTION"));
  refuseUnless(checkMovementReversal({ kind: original.kind, reversedOn: original.reversedBy ? isoDate(original.reversedBy.movedOn) : null }));
  refuseUnless(checkEjMovement(view.credits, { ejId: original.ejId, year: original.ej.orderedOn.getUTCFullYear(), amountCents: -original.amountCents }));
  const reversal = await tx.ejMovement.create({
    data: { ejId: original.ejId, kind: "CONTRE_PASSATION", movedOn: toDbDate(today), amountCents: -original.amountCents, reversesId: original.id, reason: input.reason, createdById: actor.userId },
  });
  await audit({
    kind: "expenditure.reversal",
    entity: "ejMovement",
    entityId: reversal.id,
    before: { ej: ejLabel(original.ej), kind: original.kind, amountCents: original.amountCents },
    after: { ej: ejLabel(original.ej), kind: "CONTRE_PASSATION", amountCents: -original.amountCents, reason: input.reason },
  });
}

// ───────────────────────────── Service fait ─────────────────────────────

export const recordServiceFaitInput = z.object({
  conventionId: uuidField,
  ejId: uuidField,
  doneOn: isoDateField,
  reference: textField("Référence", 60),
  // The amount certified: a payment on the EJ is covered by the service fait constaté by its date.
  amount: positiveEurosField,
});
export type RecordServiceFaitInput = z.infer<typeof recordServiceFaitInput>;

export async function recordServiceFait(ctx: UseCaseContext, input: RecordServiceFaitInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const view = await moneyNow(ctx);
  const ej = await ejOf(tx, conventionId, input.ejId);
  refuseUnless(checkNotInFuture(input.doneOn, today), "doneOn");
  const serviceDate = checkServiceFaitDate(view.facts, input.doneOn);
  if (serviceDate) throw new Refusal(serviceDate);
  const recorded = await serviceFaitsOf(tx, ej.id);
  const engagedCents = view.credits.ejs.find((e) => e.ejId === ej.id)?.engaged ?? 0n;
  const refusal = checkServiceFait({ ej: ejLabel(ej), orderedOn: isoDate(ej.orderedOn), engagedCents, serviceFaits: recorded, doneOn: input.doneOn, reference: input.reference, amountCents: input.amount });
  if (refusal) throw new Refusal(refusal);
  const row = await tx.serviceFait.create({
    data: { ejId: ej.id, doneOn: toDbDate(input.doneOn), reference: input.reference, amountCents: input.amount, createdById: actor.userId },
  });
  await audit({ kind: "expenditure.serviceFait", entity: "serviceFait", entityId: row.id, after: { ej: ejLabel(ej), doneOn: input.doneOn, reference: input.reference, amountCents: input.amount } });
}

// ───────────────────────────── Payment requests ─────────────────────────────

export const recordPaymentInput = z.object({
  conventionId: uuidField,
  ejId: uuidField,
  dpNumber: z
    .string({ error: "Numéro de demande de paiement attendu." })
    .trim()
    .regex(/^\d{6,12}$/, { error: "Numéro de demande de paiement invalide : de 6 à 12 chiffres." }),
  paidOn: isoDateField,
  amount: positiveEurosField,
});
export type RecordPaymentInput = z.infer<typeof recordPaymentInput>;

export async function recordPayment(ctx: UseCaseContext, input: RecordPaymentInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const view = await moneyNow(ctx);
  const ej = await ejOf(tx, conventionId, input.ejId);
  const same = await tx.paymentRequest.findFirst({ where: { conventionId, dpNumber: input.dpNumber }, include: { ej: true } });
  if (same) {
    const what = `la demande de paiement n° ${same.dpNumber} sur l'${ejLabel(same.ej)} (${formatEuros(same.amountCents)} le ${formatDate(isoDate(same.paidOn))})`;
    throw new Refusal(failure("DUPLICATE", { what }, "dpNumber"));
  }
  refuseUnless(checkNotInFuture(input.paidOn, today), "paidOn");
  refuseUnless(checkOperationDate(view.facts, input.paidOn, "paiement"), "paidOn");
  if (compareDates(input.paidOn, isoDate(ej.orderedOn)) < 0) {
    throw new Refusal(failure("PAYMENT_BEFORE_EJ", { ej: ejLabel(ej), on: input.paidOn, orderedOn: isoDate(ej.orderedOn) }, "paidOn"));
  }
  refuseUnless(checkPayment(view.credits, { ejId: ej.id, year: yearOf(input.paidOn), amountCents: input.amount }), "amount");
  const credits = view.credits.ejs.find((e) => e.ejId === ej.id);
  const uncovered = checkPaymentServiceFait({
    ej: ejLabel(ej),
    orderedOn: isoDate(ej.orderedOn),
    engagedCents: credits?.engaged ?? 0n,
    paidCents: credits?.paid ?? 0n,
    serviceFaits: await serviceFaitsOf(tx, ej.id),
    paidOn: input.paidOn,
    amountCents: input.amount,
  });
  if (uncovered) throw new Refusal(uncovered);
  const payment = await tx.paymentRequest.create({
    data: { conventionId, ejId: ej.id, dpNumber: input.dpNumber, paidOn: toDbDate(input.paidOn), amountCents: input.amount, source: "SAISIE", createdById: actor.userId },
  });
  await audit({ kind: "expenditure.payment", entity: "paymentRequest", entityId: payment.id, after: { ej: ejLabel(ej), dpNumber: input.dpNumber, paidOn: input.paidOn, amountCents: input.amount } });
}

export const reversePaymentInput = z.object({ conventionId: uuidField, paymentId: uuidField });
export type ReversePaymentInput = z.infer<typeof reversePaymentInput>;

/** Cancels a mistaken payment line by its opposite, dated on the same day as the original. */
export async function reversePayment(ctx: UseCaseContext, input: ReversePaymentInput): Promise<void> {
  const { tx, actor, conventionId, audit } = ctx;
  const view = await moneyNow(ctx);
  const original = await tx.paymentRequest.findFirst({ where: { id: input.paymentId, conventionId }, include: { reversedBy: true, ej: true } });
  if (!original) throw new Refusal(failure("PAYMENT_NOT_IN_CONVENTION"));
  refuseUnless(checkPaymentReversal({ dpNumber: original.dpNumber, isReversal: original.reversesId !== null, alreadyReversed: original.reversedBy !== null }));
  // Dated like the original so that the CP of its year are given back.
  refuseUnless(checkPayment(view.credits, { ejId: original.ejId, year: original.paidOn.getUTCFullYear(), amountCents: -original.amountCents }));
  const reversal = await tx.paymentRequest.create({
    data: {
      conventionId,
      ejId: original.ejId,
      dpNumber: paymentReversalNumber(original.dpNumber),
      paidOn: original.paidOn,
      amountCents: -original.amountCents,
      reversesId: original.id,
      source: "SAISIE",
      createdById: actor.userId,
    },
  });
  await audit({
    kind: "expenditure.paymentReversal",
    entity: "paymentRequest",
    entityId: reversal.id,
    before: { ej: ejLabel(original.ej), dpNumber: original.dpNumber, amountCents: original.amountCents },
    after: { dpNumber: reversal.dpNumber, amountCents: -original.amountCents },
  });
}
