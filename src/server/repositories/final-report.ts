import "server-only";
// What the final report shows: the figures (from the recorded lines, through the domain), the progress of
// the work told by the investment committees, and the submitted reports.
import { db } from "../db";
import { deriveConvention } from "@/domain/convention-view";
import { isoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import { finalReportFigures } from "@/domain/final-report";
import { loadConventionFacts } from "./convention-facts";
import { listExpenditures } from "./expenditures";

export async function loadFinalReport(conventionId: string, today = clock.today()) {
  const [facts, ejs, reports, committees, convention] = await Promise.all([
    loadConventionFacts(conventionId),
    listExpenditures(conventionId),
    db().finalReport.findMany({
      where: { conventionId },
      orderBy: { submittedAt: "desc" },
      include: { submittedBy: { select: { fullName: true } }, acceptedBy: { select: { fullName: true } } },
    }),
    db().investmentCommittee.findMany({ where: { conventionId }, orderBy: { heldOn: "asc" }, select: { heldOn: true, decision: true, orientation: true } }),
    db().convention.findUniqueOrThrow({ where: { id: conventionId }, select: { reference: true } }),
  ]);
  const view = deriveConvention(facts, today);
  const figures = finalReportFigures(
    ejs.map((ej) => ({
      id: ej.id,
      label: `${ej.chorusNumber} (${ej.lineNumber})`,
      supplierName: ej.supplierName,
      movements: ej.movements.map((m) => ({ on: m.movedOn, amountCents: m.amountCents })),
      payments: ej.payments.map((p) => ({ on: p.paidOn, amountCents: p.amountCents })),
    })),
    view.credits,
  );
  return {
    reference: convention.reference,
    view,
    figures,
    committees: committees.map((c) => ({ heldOn: isoDate(c.heldOn), decision: c.decision, orientation: c.orientation })),
    reports: reports.map((r) => ({
      id: r.id,
      submittedOn: isoDate(r.submittedOn),
      submittedByName: r.submittedBy.fullName,
      progress: r.progress,
      orderForecast: r.orderForecast,
      budgetForecast: r.budgetForecast,
      acceptedOn: r.acceptedOn ? isoDate(r.acceptedOn) : null,
      acceptedByName: r.acceptedBy?.fullName ?? null,
    })),
  };
}
