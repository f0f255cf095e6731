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
        Le fichier est d&apos;abord lu et prévisualisé : lignes nouvelles, déjà connues, refusées (avec leur raison) et lignes
        d&apos;autres conventions, ignorées. L&apos;import applique ensuite toutes les lignes nouvelles en une seule fois, ou aucune.
        Importer deux fois le même fichier ne change rien.
      </p>
      <ImportForm endpoint={`/conventions/${access.conventionId}/depenses/import/fichier`} formats={{ ...CHORUS_FORMATS }} />
    </>
  );
}
