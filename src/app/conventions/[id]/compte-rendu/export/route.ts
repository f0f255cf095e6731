// CSV of the final report's figures: every EJ, then every month, then the unconsumed credits.
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { csvResponse } from "@/server/csv";
import { loadFinalReport } from "@/server/repositories/final-report";
import type { CsvRecord } from "@/domain/csv";
import { formatMonth } from "@/domain/final-report";
import { clock } from "@/server/clock";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await checkConvention(await currentActor(), "convention.read", id);
  if (!access.ok) return deniedResponse(access);
  const today = clock.today();
  const { reference, figures } = await loadFinalReport(access.conventionId, today);
  const records: CsvRecord[] = [
    ["Section", "Référence", "Libellé", "AE engagés (€)", "CP payés (€)", "Reste (€)"],
    ...figures.byEj.map((e) => ["Engagement juridique", e.label, e.supplierName, e.engagedCents, e.paidCents, e.leftToPayCents]),
    ["Total", "", "", figures.total.engagedCents, figures.total.paidCents, figures.total.engagedCents - figures.total.paidCents],
    ...figures.byMonth.map((m) => ["Mois", m.month, formatMonth(m.month), m.aeEngagedCents, m.cpPaidCents, ""]),
    ...figures.unconsumedAe.map((u) => ["Crédits non consommés", u.year, "AE dotation − AE engagées", u.engagedCents, "", u.unconsumedOfAllocationCents]),
    ...figures.unconsumed.map((u) => ["Crédits non consommés", u.year, "CP dotation − CP payés", "", u.paidCents, u.unconsumedOfAllocationCents]),
  ];
  return csvResponse(records, `compte-rendu-final-${reference}-${today}.csv`);
}
