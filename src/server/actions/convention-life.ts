"use server";
// DINUM's and the parties' writes on a convention's life: each action validates its whole form and runs one
// use case of src/server/use-cases/convention-life.ts through runConventionAction (session, permission, zod,
// locked transaction, audit, revalidation).
import {
  liftSuspension,
  liftSuspensionInput,
  recordAvenant,
  recordAvenantInput,
  recordReview,
  recordReviewInput,
  recordSuspension,
  recordSuspensionInput,
  recordTermination,
  recordTerminationInput,
  releaseTranche,
  releaseTrancheInput,
  withdrawTermination,
  withdrawTerminationInput,
} from "../use-cases/convention-life";
import { formFields, runConventionAction, type ActionResult } from "./run";

const conventionPaths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/tranches`, `/conventions/${id}/vie`, `/conventions/${id}/historique`, "/pilotage"];

/** Records a mid-term review. A correction is a new review: the earlier ones stay in the history. */
export async function recordReviewAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "review.record",
    schema: recordReviewInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "Le bilan de mi-parcours est enregistré.",
    run: (ctx) => recordReview(ctx, ctx.input),
  });
}

export async function releaseTrancheAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "tranche.release",
    schema: releaseTrancheInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "La tranche est débloquée.",
    run: (ctx) => releaseTranche(ctx, ctx.input),
  });
}

export async function recordAvenantAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "avenant.record",
    schema: recordAvenantInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "L'avenant est enregistré ; les conditions en vigueur sont mises à jour.",
    run: (ctx) => recordAvenant(ctx, ctx.input),
  });
}

export async function recordTerminationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.terminate",
    schema: recordTerminationInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "Le préavis de résiliation est enregistré.",
    run: (ctx) => recordTermination(ctx, ctx.input),
  });
}

/** The party that gave a termination notice withdraws it before it takes effect (the use case checks whose it is). */
export async function withdrawTerminationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.terminate",
    schema: withdrawTerminationInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "Le préavis de résiliation est retiré.",
    run: (ctx) => withdrawTermination(ctx, ctx.input),
  });
}

export async function recordSuspensionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "suspension.record",
    schema: recordSuspensionInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "La suspension est enregistrée.",
    run: (ctx) => recordSuspension(ctx, ctx.input),
  });
}

export async function liftSuspensionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "suspension.record",
    schema: liftSuspensionInput,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "La suspension est levée.",
    run: (ctx) => liftSuspension(ctx, ctx.input),
  });
}
