import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageActor } from "@/server/page-guards";
import { listConventions } from "@/server/repositories/conventions";
import { formatDate, formatEuros } from "@/components/format";
import { StateBadge } from "@/components/StateBadge";

export const metadata: Metadata = { title: "Conventions" };

export default async function ConventionsPage() {
  const actor = await requirePageActor("conventions.list", "/conventions");
  const conventions = await listConventions(actor);
  return (
    <>
      <h1>Conventions</h1>
      <p>
        {conventions.length === 0
          ? "Aucune convention ne concerne votre organisation pour le moment."
          : `${conventions.length} convention${conventions.length > 1 ? "s" : ""} dont votre organisation est partie.`}
      </p>
      {conventions.length > 0 && (
        <Table
          caption="Conventions de délégation de gestion"
          headers={["Appel FAST", "Startup", "Partenaire", "Délégataire", "AE", "CP", "Signature", "Échéance", "État"]}
          data={conventions.map((c) => [
            c.fastCall,
            <Link key="l" href={`/conventions/${c.id}`}>
              {c.startupName}
            </Link>,
            c.partner,
            c.delegataire,
            <span key="ae" className={fr.cx("fr-text--sm")} style={{ whiteSpace: "nowrap" }}>{formatEuros(c.aeCents)}</span>,
            <span key="cp" className={fr.cx("fr-text--sm")} style={{ whiteSpace: "nowrap" }}>{formatEuros(c.cpCents)}</span>,
            c.signedOn ? formatDate(c.signedOn) : "Non signée",
            formatDate(c.endsOn),
            <StateBadge key="s" state={c.state} />,
          ])}
        />
      )}
    </>
  );
}
