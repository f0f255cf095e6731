"use server";
// The délégataire's Chorus expenditures, typed in: each action validates its form and runs one use case of
// src/server/use-cases/expenditures.ts through runConventionAction (session, permission, whole-input zod,
// locked transaction, audit, revalidation).
import {
  recordEj,
  recordEjInput,
  recordEjMovement,
  recordEjMovementInput,
  recordPayment,
  recordPaymentInput,
  recordServiceFait,
  recordServiceFaitInput,
  reverseEjMovement,
  reverseEjMovementInput,
  reversePayment,
  reversePaymentInput,
} from "../use-cases/expenditures";
import { formFields, runConventionAction, type ActionResult } from "./run";

const paths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/depenses`, `/conventions/${id}/tranches`, `/conventions/${id}/historique`, "/pilotage"];

export async function recordEjAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: recordEjInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "L'engagement juridique est enregistré.",
    run: async (ctx) => {
      await recordEj(ctx, ctx.input);
    },
  });
}

/** An increase or a reduction of an EJ: a new dated line, never an edit of the EJ. */
export async function recordEjMovementAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: recordEjMovementInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La modification de l'engagement est enregistrée.",
    run: (ctx) => recordEjMovement(ctx, ctx.input),
  });
}

/** Corrects a mistaken AE line by its opposite, dated today; the mistaken line stays, marked as reversed. */
export async function reverseEjMovementAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: reverseEjMovementInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La ligne est contre-passée.",
    run: (ctx) => reverseEjMovement(ctx, ctx.input),
  });
}

export async function recordServiceFaitAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: recordServiceFaitInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "Le service fait est enregistré.",
    run: (ctx) => recordServiceFait(ctx, ctx.input),
  });
}

export async function recordPaymentAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: recordPaymentInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La demande de paiement est enregistrée.",
    run: (ctx) => recordPayment(ctx, ctx.input),
  });
}

/** Cancels a mistaken payment line by its opposite, dated on the same day as the original. */
export async function reversePaymentAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "expenditure.record",
    schema: reversePaymentInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La demande de paiement est annulée par une ligne de contre-passation.",
    run: (ctx) => reversePayment(ctx, ctx.input),
  });
}
