"use server";
// The partner's steering writes: impact indicators, investment committees and their measures. Only the
// partner's intrapreneur records them (permission "committee.record"); every party reads them. Each action
// validates its whole form and runs one use case of src/server/use-cases/steering.ts through
// runConventionAction (session, permission, zod, locked transaction, audit, revalidation).
import {
  defineIndicator,
  defineIndicatorInput,
  recordCommittee,
  recordCommitteeInput,
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

export async function recordCommitteeAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: recordCommitteeInput,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "Le comité d'investissement est enregistré.",
    run: async (ctx) => {
      await recordCommittee(ctx, ctx.input);
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
