"use server";
// The final report at term: the délégataire submits it (each submission is kept), DINUM accepts the latest,
// which closes the convention.
import { z } from "zod";
import { deriveConvention } from "@/domain/convention-view";
import { checkReportSubmission } from "@/domain/final-report";
import { todayInParis, toDbDate } from "@/domain/dates";
import { textField, uuidField } from "@/domain/fields";
import { loadConventionFacts } from "../repositories/convention-facts";
import { formFields, Refusal, runConventionAction, type ActionResult } from "./run";

const paths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/compte-rendu`, `/conventions/${id}/historique`, "/conventions", "/pilotage"];

const submitSchema = z.object({
  conventionId: uuidField,
  progress: textField("Avancement des travaux", 10_000),
  orderForecast: textField("Prévision de commandes", 10_000),
  budgetForecast: textField("Prévision de consommation des crédits", 10_000),
});

export async function submitFinalReportAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "report.submit",
    schema: submitSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "Le compte rendu final est transmis à la DINUM.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const today = todayInParis();
      const view = deriveConvention(await loadConventionFacts(conventionId, tx), today);
      const check = checkReportSubmission({ state: view.situation.state, endsOn: view.dates.endsOn, accepted: view.situation.state === "CLOTUREE" }, today);
      if (!check.ok) throw new Refusal(check.message);
      const report = await tx.finalReport.create({
        data: { conventionId, submittedOn: toDbDate(today), progress: input.progress, orderForecast: input.orderForecast, budgetForecast: input.budgetForecast, submittedById: actor.userId },
      });
      await audit({ kind: "report.submit", entity: "finalReport", entityId: report.id, after: { submittedOn: today, progress: input.progress, orderForecast: input.orderForecast, budgetForecast: input.budgetForecast } });
      return undefined;
    },
  });
}

const acceptSchema = z.object({ conventionId: uuidField, reportId: uuidField });

export async function acceptFinalReportAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "report.accept",
    schema: acceptSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "Le compte rendu final est accepté : la convention est clôturée.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const today = todayInParis();
      const reports = await tx.finalReport.findMany({ where: { conventionId }, orderBy: { submittedAt: "desc" } });
      if (reports.some((r) => r.acceptedOn)) throw new Refusal("Un compte rendu final a déjà été accepté : la convention est clôturée.");
      const report = reports.find((r) => r.id === input.reportId);
      if (!report) throw new Refusal("Ce compte rendu n'appartient pas à cette convention.");
      if (reports[0]?.id !== report.id) throw new Refusal("Seul le dernier compte rendu transmis peut être accepté.");
      await tx.finalReport.update({ where: { id: report.id }, data: { acceptedOn: toDbDate(today), acceptedById: actor.userId } });
      await audit({ kind: "report.accept", entity: "finalReport", entityId: report.id, before: { acceptedOn: null }, after: { acceptedOn: today } });
      return undefined;
    },
  });
}
