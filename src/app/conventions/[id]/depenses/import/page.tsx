import type { Metadata } from "next";
import { requirePageConvention } from "@/server/page-guards";
import { CHORUS_FORMATS } from "@/server/chorus/import";
import { ImportForm } from "./ImportForm";

export const metadata: Metadata = { title: "Importer un extrait Chorus" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("expenditure.record", id, `/conventions/${id}/depenses/import`);
  return (
    <>
      <h1>Importer un extrait Chorus</h1>
      <p>
        Le fichier est d&apos;abord lu et prévisualisé : ce que l&apos;import écrirait (engagements nouveaux, montants de postes
        qui ont changé, paiements), lignes déjà connues, lignes refusées avec leur raison, lignes d&apos;autres conventions
        ignorées. Un extrait décrit chaque poste d&apos;EJ et chaque demande de paiement à sa date : importer deux fois le même
        fichier, ou les mêmes lignes dans un autre format, ne change rien. Tout ou rien : si une seule ligne de la convention
        est refusée, rien n&apos;est importé.
      </p>
      <ImportForm endpoint={`/conventions/${access.conventionId}/depenses/import/fichier`} formats={{ ...CHORUS_FORMATS }} />
    </>
  );
}
