"use server";
// Follow-up of the obligations register: the action validates its form and runs the use case of
// src/server/use-cases/obligations.ts (only the party that owes an obligation updates it) through
// runConventionAction (session, permission, zod, locked transaction, audit, revalidation).
import { updateObligation, updateObligationInput } from "../use-cases/obligations";
import { formFields, runConventionAction, type ActionResult } from "./run";

export async function updateObligationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "obligation.update",
    schema: updateObligationInput,
    input: formFields(formData),
    revalidate: (id) => [`/conventions/${id}`, `/conventions/${id}/obligations`, `/conventions/${id}/historique`, "/pilotage"],
    successMessage: "Le suivi de l'obligation est enregistré.",
    run: async (ctx) => {
      await updateObligation(ctx, ctx.input);
    },
  });
}
