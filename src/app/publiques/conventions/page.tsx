import type { Metadata } from "next";
import Link from "next/link";
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
      <p>
        Données ouvertes des conventions publiées (colonnes du schéma SCDL « subventions » et colonnes propres à la
        délégation de gestion) :
      </p>
      <ul className="fr-mb-4w">
        <li>
          <a className="fr-link fr-link--download" download href="/publiques/conventions/export.csv">
            Télécharger les conventions publiées au format CSV<span className="fr-link__detail">CSV – séparateur point-virgule, UTF-8</span>
          </a>
        </li>
        <li>
          <a className="fr-link fr-link--download" download href="/publiques/conventions/export.json">
            Télécharger les conventions publiées au format JSON<span className="fr-link__detail">JSON – UTF-8</span>
          </a>
        </li>
      </ul>
      {conventions.length === 0 ? (
        <p>Aucune convention publiée pour le moment.</p>
      ) : (
        <Table
          caption="Conventions publiées"
          headers={["Appel FAST", "Startup d'État", "Partenaire", "Délégataire", "Montant", "Signature", "Échéance", "Publication"]}
          data={conventions.map((c) => [
            c.fastCall,
            <Link key="s" href={`/publiques/startups/${c.startupSlug}`}>
              {c.startupName}
              <span className="fr-sr-only"> : tableau de bord d&apos;impact</span>
            </Link>,
            c.partner,
            c.delegataire,
            formatEuros(c.fastFundingCents),
            c.signedOn ? formatDate(c.signedOn) : "Non signée",
            formatDate(c.endsOn),
            <PublicationLinks key="p" fastCall={c.fastCall} publicationUrl={c.publicationUrl} dataGouvUrl={c.dataGouvUrl} />,
          ])}
        />
      )}
    </>
  );
}

function PublicationLinks({ fastCall, publicationUrl, dataGouvUrl }: { fastCall: string; publicationUrl: string | null; dataGouvUrl: string | null }) {
  const links = [
    publicationUrl && { href: publicationUrl, label: "gouvernement.fr" },
    dataGouvUrl && { href: dataGouvUrl, label: "data.gouv.fr" },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  if (links.length === 0) return <>—</>;
  return (
    <ul className="fr-raw-list">
      {links.map((l) => (
        <li key={l.label}>
          <a href={l.href} target="_blank" rel="noopener noreferrer" title={`Publication de la convention ${fastCall} sur ${l.label} — nouvelle fenêtre`}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
