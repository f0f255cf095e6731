"use server";
// The partner's steering writes: impact indicators, investment committees and their measures. Only the
// partner's intrapreneur records them (permission "committee.record"); every party reads them. Each action
// validates its whole form and runs one use case of src/server/use-cases/steering.ts through
// runConventionAction (session, permission, zod, locked transaction, audit, revalidation).
import { redirect } from "next/navigation";
import {
  defineIndicator,
  defineIndicatorInput,
  recordAmbition,
  recordAmbitionInput,
  recordCommittee,
  recordCommitteeInput,
  recordConditionsMet,
  recordConditionsMetInput,
  recordMeasures,
  recordMeasuresInput,
  updateIndicator,
  updateIndicatorInput,
} from "../use-cases/steering";
import { formFields, runConventionAction, type ActionResult } from "./run";

const steeringPaths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/comites`, `/conventions/${id}/historique`, "/pilotage"];

export async function defineIndicatorAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: defineIndicatorInput,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "L'indicateur est ajouté : saisissez ses valeurs avec le prochain comité.",
    run: async (ctx) => {
      await defineIndicator(ctx, ctx.input);
    },
  });
}

export async function updateIndicatorAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: updateIndicatorInput,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "L'indicateur est mis à jour.",
    run: (ctx) => updateIndicator(ctx, ctx.input),
  });
}

/** Records a committee, then opens its own page (the form lives on /comites/nouveau). */
export async function recordCommitteeAction(_previous: unknown, formData: FormData): Promise<ActionResult<{ conventionId: string; committeeId: string }>> {
  const result = await runConventionAction({
    action: "committee.record",
    schema: recordCommitteeInput,
    input: formFields(formData),
    revalidate: (id) => [...steeringPaths(id), `/conventions/${id}/tranches`],
    successMessage: "Le comité d'investissement est enregistré.",
    run: async (ctx) => ({ conventionId: ctx.conventionId, committeeId: await recordCommittee(ctx, ctx.input) }),
  });
  if (result.ok) redirect(`/conventions/${result.data.conventionId}/comites/${result.data.committeeId}?enregistre=1`);
  return result;
}

/** The conditions a committee set are met (the tranche status reads it). */
export async function recordConditionsMetAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: recordConditionsMetInput,
    input: formFields(formData),
    revalidate: (id) => [...steeringPaths(id), `/conventions/${id}/tranches`],
    successMessage: "Les conditions sont constatées remplies.",
    run: (ctx) => recordConditionsMet(ctx, ctx.input),
  });
}

/** The launch ambition: lead metric and target (a correction is a new record). */
export async function recordAmbitionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: recordAmbitionInput,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "L'ambition de lancement est enregistrée.",
    run: async (ctx) => {
      await recordAmbition(ctx, ctx.input);
    },
  });
}

/** Enters or corrects the measures of a committee already recorded (an indicator defined afterwards…). */
export async function recordMeasuresAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: recordMeasuresInput,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "Les valeurs des indicateurs sont enregistrées.",
    run: (ctx) => recordMeasures(ctx, ctx.input),
  });
}
