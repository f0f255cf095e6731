import "server-only";
// The final report at term: the délégataire submits it (each submission is kept), DINUM accepts the latest,
// which closes the convention. Both are dated `today`; the rules are the domain's (src/domain/final-report.ts).
import { z } from "zod";
import { checkReportAcceptance, checkReportSubmission } from "@/domain/final-report";
import { toDbDate } from "@/domain/dates";
import { textField, uuidField } from "@/domain/fields";
import { Refusal, type UseCaseContext } from "./context";
import { conventionNow } from "./convention-now";

export const submitFinalReportInput = z.object({
  conventionId: uuidField,
  progress: textField("Avancement des travaux", 10_000),
  orderForecast: textField("Prévision de commandes", 10_000),
  budgetForecast: textField("Prévision de consommation des crédits", 10_000),
});
export type SubmitFinalReportInput = z.infer<typeof submitFinalReportInput>;

/** The délégataire's final report, submitted on `today`. Answers its id. */
export async function submitFinalReport(ctx: UseCaseContext, input: SubmitFinalReportInput): Promise<string> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const { view } = await conventionNow(ctx);
  const check = checkReportSubmission({ state: view.situation.state, endsOn: view.dates.endsOn, accepted: view.situation.state === "CLOTUREE" }, today);
  if (!check.ok) throw new Refusal(check);
  const report = await tx.finalReport.create({
    data: { conventionId, submittedOn: toDbDate(today), progress: input.progress, orderForecast: input.orderForecast, budgetForecast: input.budgetForecast, submittedById: actor.userId },
  });
  await audit({ kind: "report.submit", entity: "finalReport", entityId: report.id, after: { submittedOn: today, progress: input.progress, orderForecast: input.orderForecast, budgetForecast: input.budgetForecast } });
  return report.id;
}

export const acceptFinalReportInput = z.object({ conventionId: uuidField, reportId: uuidField });
export type AcceptFinalReportInput = z.infer<typeof acceptFinalReportInput>;

/** DINUM accepts the latest final report on `today`, which closes the convention. */
export async function acceptFinalReport(ctx: UseCaseContext, input: AcceptFinalReportInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const reports = await tx.finalReport.findMany({ where: { conventionId }, orderBy: { submittedAt: "desc" }, select: { id: true, acceptedOn: true } });
  const check = checkReportAcceptance(reports.map((r) => ({ id: r.id, accepted: r.acceptedOn !== null })), input.reportId);
  if (!check.ok) throw new Refusal(check);
  await tx.finalReport.update({ where: { id: input.reportId }, data: { acceptedOn: toDbDate(today), acceptedById: actor.userId } });
  await audit({ kind: "report.accept", entity: "finalReport", entityId: input.reportId, before: { acceptedOn: null }, after: { acceptedOn: today } });
}
