// Every expenditure line of a convention as CSV (UTF-8 BOM, ';', decimal commas): each AE movement and each
// payment request, with its EJ, so that it opens cleanly in a spreadsheet or Grist.
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { csvResponse } from "@/server/csv";
import { listExpenditures } from "@/server/repositories/expenditures";
import { csvDate, type CsvRecord } from "@/domain/csv";
import type { IsoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

const KINDS = { INITIAL: "Engagement initial", AUGMENTATION: "Augmentation", REDUCTION: "Réduction", CONTRE_PASSATION: "Contre-passation" } as const;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await checkConvention(await currentActor(), "convention.read", id);
  if (!access.ok) return deniedResponse(access);
  const [ejs, convention] = await Promise.all([
    listExpenditures(access.conventionId),
    db().convention.findUniqueOrThrow({ where: { id: access.conventionId }, select: { reference: true } }),
  ]);
  const records: CsvRecord[] = [
    ["Type", "N° EJ", "Poste", "Date", "Nature", "N° DP", "AE (€)", "CP (€)", "Fournisseur", "SIRET", "Objet", "Centre financier", "Activité", "Origine", "Saisi par"],
  ];
  for (const ej of ejs) {
    const common = (date: IsoDate) => [ej.chorusNumber, ej.lineNumber, csvDate(date)];
    for (const m of ej.movements) {
      records.push(["AE", ...common(m.movedOn), KINDS[m.kind], "", m.amountCents, "", ej.supplierName, ej.supplierSiret ?? "", ej.object, ej.imputation.centreFinancier, ej.imputation.activite, ej.source === "IMPORT" ? "Import Chorus" : "Saisie", m.createdByName]);
    }
    for (const p of ej.payments) {
      records.push(["CP", ...common(p.paidOn), p.reversesId ? "Annulation" : "Demande de paiement", p.dpNumber, "", p.amountCents, ej.supplierName, ej.supplierSiret ?? "", ej.object, ej.imputation.centreFinancier, ej.imputation.activite, p.source === "IMPORT" ? "Import Chorus" : "Saisie", p.createdByName]);
    }
  }
  return csvResponse(records, `depenses-${convention.reference}-${clock.today()}.csv`);
}
