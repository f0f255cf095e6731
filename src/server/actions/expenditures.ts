"use server";
// The délégataire's Chorus expenditures, typed in: legal commitments (EJ) and their later movements,
// service fait, payment requests, and the reversing lines that correct a mistake (nothing is deleted).
// Every write re-reads the convention's money inside its transaction, with the convention locked (see
// runConventionAction): concurrent writes are serialised, so a ceiling is never overspent.
import { z } from "zod";
import { deriveConvention } from "@/domain/convention-view";
import { checkEjMovement, checkEngagement, checkOperationDate, checkPayment, checkReduction, type Check } from "@/domain/credits";
import { todayInParis, toDbDate, yearOf, compareDates, formatDate, isoDate, type IsoDate } from "@/domain/dates";
import { ejNumberField, isoDateField, lineNumberField, optionalSiretField, optionalTextField, positiveEurosField, textField, uuidField } from "@/domain/fields";
import { formatEuros } from "@/domain/money";
import type { Tx } from "../db/audit";
import { loadConventionFacts } from "../repositories/convention-facts";
import { formFields, Refusal, runConventionAction, type ActionResult } from "./run";

const paths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/depenses`, `/conventions/${id}/tranches`, `/conventions/${id}/historique`, "/pilotage"];

function refuseUnless(check: Check, field?: string): void {
  if (!check.ok) throw new Refusal(check.message, field ? { [field]: check.message } : undefined);
}

/** Dates of expenditure are not in the future (Chorus records what happened). */
function notInFuture(on: IsoDate, today: IsoDate, field: string): void {
  if (compareDates(on, today) > 0) {
    const message = `La date (${formatDate(on)}) ne peut pas être dans le futur.`;
    throw new Refusal(message, { [field]: message });
  }
}

async function moneyNow(tx: Tx, conventionId: string) {
  const today = todayInParis();
  const facts = await loadConventionFacts(conventionId, tx);
  const view = deriveConvention(facts, today);
  // Once DINUM accepted the final report, the record of expenditure is final, whatever the dates typed.
  if (view.situation.state === "CLOTUREE") throw new Refusal("La convention est clôturée : plus aucune dépense ne peut y être enregistrée ni corrigée.");
  return { today, facts, view };
}

async function ejOf(tx: Tx, conventionId: string, ejId: string) {
  const ej = await tx.engagementJuridique.findFirst({ where: { id: ejId, conventionId } });
  if (!ej) throw new Refusal("Cet engagement juridique n'appartient pas à cette convention.");
  return ej;
}

const ejLabel = (ej: { chorusNumber: string; lineNumber: number }) => `EJ ${ej.chorusNumber} poste ${ej.lineNumber}`;

// ───────────────────────────── Engagements juridiques ─────────────────────────────

const ejSchema = z.object({
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

export async function recordEjAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: ejSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "L'engagement juridique est enregistré.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const { today, view } = await moneyNow(tx, conventionId);
      notInFuture(input.orderedOn, today, "orderedOn");
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
      return undefined;
    },
  });
}

const movementSchema = z.object({
  conventionId: uuidField,
  ejId: uuidField,
  kind: z.enum(["AUGMENTATION", "REDUCTION"], { error: "Choisissez : augmentation ou réduction." }),
  movedOn: isoDateField,
  amount: positiveEurosField,
  reason: textField("Motif", 500),
});

/** An increase or a reduction of an EJ: a new dated line, never an edit of the EJ. */
export async function recordEjMovementAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: movementSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La modification de l'engagement est enregistrée.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const { today, view } = await moneyNow(tx, conventionId);
      const ej = await ejOf(tx, conventionId, input.ejId);
      notInFuture(input.movedOn, today, "movedOn");
      if (compareDates(input.movedOn, isoDate(ej.orderedOn)) < 0) {
        throw new Refusal(`La modification ne peut pas précéder l'engagement (${formatDate(isoDate(ej.orderedOn))}).`, { movedOn: "Date antérieure à l'engagement." });
      }
      refuseUnless(checkOperationDate(view.facts, input.movedOn, "engagement"), "movedOn");
      const year = ej.orderedOn.getUTCFullYear();
      refuseUnless(
        input.kind === "AUGMENTATION"
          ? checkEngagement(view.credits, { year, amountCents: input.amount })
          : checkReduction(view.credits, { ejId: ej.id, amountCents: input.amount }),
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
      return undefined;
    },
  });
}

const reverseMovementSchema = z.object({ conventionId: uuidField, movementId: uuidField, reason: textField("Motif de la contre-passation", 500) });

/** Corrects a mistaken AE line by its opposite, dated today; the mistaken line stays, marked as reversed. */
export async function reverseEjMovementAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: reverseMovementSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La ligne est contre-passée.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const { today, view } = await moneyNow(tx, conventionId);
      const original = await tx.ejMovement.findFirst({ where: { id: input.movementId, ej: { conventionId } }, include: { ej: true, reversedBy: true } });
      if (!original) throw new Refusal("Cette ligne n'appartient pas à cette convention.");
      if (original.kind === "CONTRE_PASSATION") throw new Refusal("Une contre-passation ne se contre-passe pas : enregistrez une nouvelle ligne.");
      if (original.reversedBy) throw new Refusal(`Cette ligne a déjà été contre-passée le ${formatDate(isoDate(original.reversedBy.movedOn))}.`);
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
      return undefined;
    },
  });
}

// ───────────────────────────── Service fait ─────────────────────────────

const serviceFaitSchema = z.object({
  conventionId: uuidField,
  ejId: uuidField,
  doneOn: isoDateField,
  reference: textField("Référence", 60),
  amount: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(positiveEurosField.optional()),
});

export async function recordServiceFaitAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: serviceFaitSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "Le service fait est enregistré.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const { today, view } = await moneyNow(tx, conventionId);
      const ej = await ejOf(tx, conventionId, input.ejId);
      notInFuture(input.doneOn, today, "doneOn");
      refuseUnless(checkOperationDate(view.facts, input.doneOn, "paiement"), "doneOn");
      const engaged = view.credits.ejs.find((e) => e.ejId === ej.id)?.engaged ?? 0n;
      if (input.amount !== undefined && input.amount > engaged) {
        throw new Refusal(`Le service fait (${formatEuros(input.amount)}) dépasse les AE de l'engagement (${formatEuros(engaged)}).`, { amount: "Montant supérieur à l'engagement." });
      }
      const row = await tx.serviceFait.create({
        data: { ejId: ej.id, doneOn: toDbDate(input.doneOn), reference: input.reference, amountCents: input.amount ?? null, createdById: actor.userId },
      });
      await audit({ kind: "expenditure.serviceFait", entity: "serviceFait", entityId: row.id, after: { ej: ejLabel(ej), doneOn: input.doneOn, reference: input.reference, amountCents: input.amount ?? null } });
      return undefined;
    },
  });
}

// ───────────────────────────── Payment requests ─────────────────────────────

const paymentSchema = z.object({
  conventionId: uuidField,
  ejId: uuidField,
  dpNumber: z
    .string({ error: "Numéro de demande de paiement attendu." })
    .trim()
    .regex(/^\d{6,12}$/, { error: "Numéro de demande de paiement invalide : de 6 à 12 chiffres." }),
  paidOn: isoDateField,
  amount: positiveEurosField,
});

export async function recordPaymentAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: paymentSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La demande de paiement est enregistrée.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const { today, view } = await moneyNow(tx, conventionId);
      const ej = await ejOf(tx, conventionId, input.ejId);
      notInFuture(input.paidOn, today, "paidOn");
      refuseUnless(checkOperationDate(view.facts, input.paidOn, "paiement"), "paidOn");
      refuseUnless(checkPayment(view.credits, { ejId: ej.id, year: yearOf(input.paidOn), amountCents: input.amount }), "amount");
      const payment = await tx.paymentRequest.create({
        data: { conventionId, ejId: ej.id, dpNumber: input.dpNumber, paidOn: toDbDate(input.paidOn), amountCents: input.amount, source: "SAISIE", createdById: actor.userId },
      });
      await audit({ kind: "expenditure.payment", entity: "paymentRequest", entityId: payment.id, after: { ej: ejLabel(ej), dpNumber: input.dpNumber, paidOn: input.paidOn, amountCents: input.amount } });
      return undefined;
    },
  });
}

const reversePaymentSchema = z.object({ conventionId: uuidField, paymentId: uuidField });

/** Cancels a mistaken payment line by its opposite ("ANNUL-<DP>"), dated on the same day as the original. */
export async function reversePaymentAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: reversePaymentSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La demande de paiement est annulée par une ligne de contre-passation.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const { view } = await moneyNow(tx, conventionId);
      const original = await tx.paymentRequest.findFirst({ where: { id: input.paymentId, conventionId }, include: { reversedBy: true, ej: true } });
      if (!original) throw new Refusal("Cette demande de paiement n'appartient pas à cette convention.");
      if (original.reversesId) throw new Refusal("Une annulation ne s'annule pas : enregistrez une nouvelle demande de paiement.");
      if (original.reversedBy) throw new Refusal(`La demande de paiement ${original.dpNumber} est déjà annulée.`);
      // Dated like the original so that the CP of its year are given back.
      refuseUnless(checkPayment(view.credits, { ejId: original.ejId, year: original.paidOn.getUTCFullYear(), amountCents: -original.amountCents }));
      const reversal = await tx.paymentRequest.create({
        data: {
          conventionId,
          ejId: original.ejId,
          dpNumber: `ANNUL-${original.dpNumber}`,
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
      return undefined;
    },
  });
}
