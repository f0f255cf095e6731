import type { Metadata } from "next";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { listPublishedConventions } from "@/server/repositories/public";
import { formatDate, formatEuros } from "@/components/format";

export const metadata: Metadata = { title: "Conventions publiées" };

export default async function PublishedConventionsPage() {
  const conventions = await listPublishedConventions();
  return (
    <>
      <h1>Conventions publiées</h1>
      <p>
        Les conventions de délégation de gestion du FAST sont publiées, conformément à l&apos;article 2 du décret
        n° 2004-1085 du 14 octobre 2004, sur gouvernement.fr et data.gouv.fr.
      </p>
      {conventions.length === 0 ? (
        <p>Aucune convention publiée pour le moment.</p>
      ) : (
        <Table
          caption="Conventions publiées"
          headers={["Appel FAST", "Startup d'État", "Partenaire", "Délégataire", "Montant", "Signature", "Échéance", "Publication"]}
          data={conventions.map((c) => [
            c.fastCall,
            c.startupName,
            c.partner,
            c.delegataire,
            formatEuros(c.fastFundingCents),
            c.signedOn ? formatDate(c.signedOn) : "Non signée",
            formatDate(c.endsOn),
            c.publicationUrl ? (
              <a key="p" href={c.publicationUrl} target="_blank" rel="noopener noreferrer" title={`Publication de la convention ${c.fastCall} — nouvelle fenêtre`}>
                gouvernement.fr
              </a>
            ) : (
              "—"
            ),
          ])}
        />
      )}
    </>
  );
}
