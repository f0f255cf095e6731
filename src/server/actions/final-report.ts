"use server";
// The final report at term: each action validates its form and runs one use case of
// src/server/use-cases/final-report.ts (the délégataire submits, DINUM accepts the latest, which closes the
// convention) through runConventionAction (session, permission, zod, locked transaction, audit, revalidation).
import { acceptFinalReport, acceptFinalReportInput, submitFinalReport, submitFinalReportInput } from "../use-cases/final-report";
import { formFields, runConventionAction, type ActionResult } from "./run";

const paths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/compte-rendu`, `/conventions/${id}/historique`, "/conventions", "/pilotage"];

export async function submitFinalReportAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "report.submit",
    schema: submitFinalReportInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "Le compte rendu final est transmis à la DINUM.",
    run: async (ctx) => {
      await submitFinalReport(ctx, ctx.input);
    },
  });
}

export async function acceptFinalReportAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "report.accept",
    schema: acceptFinalReportInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "Le compte rendu final est accepté : la convention est clôturée.",
    run: (ctx) => acceptFinalReport(ctx, ctx.input),
  });
}
