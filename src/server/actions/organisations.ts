"use server";
// The directory of organisations: each action validates its form and runs one use case of
// src/server/use-cases/organisations.ts through runGlobalAction (session, organisations.manage, zod,
// transaction, audit, revalidation); which kinds the actor may touch is the use case's check.
import { createOrganisation, organisationInput, updateOrganisation, updateOrganisationInput } from "../use-cases/organisations";
import { formFields, runGlobalAction, type ActionResult } from "./run";

const PATHS = (input: object) => ["/administration/organisations", "/administration/comptes", ...("organisationId" in input ? [`/administration/organisations/${String(input.organisationId)}`] : [])];

export async function createOrganisationAction(_previous: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runGlobalAction({
    action: "organisations.manage",
    schema: organisationInput,
    input: formFields(formData),
    revalidate: PATHS,
    successMessage: "L'organisation est ajoutée à l'annuaire.",
    run: (ctx) => createOrganisation(ctx, ctx.input),
  });
}

export async function updateOrganisationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runGlobalAction({
    action: "organisations.manage",
    schema: updateOrganisationInput,
    input: formFields(formData),
    revalidate: PATHS,
    successMessage: "Les modifications de l'organisation sont enregistrées.",
    run: (ctx) => updateOrganisation(ctx, ctx.input),
  });
}
