import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageActor } from "@/server/page-guards";
import { listOrganisations, organisationKindOf } from "@/server/repositories/administration";
import { canManageOrganisation, PARTY_ROLES } from "@/domain/permissions";
import { formatSiret } from "@/domain/organisations";
import { ORGANISATION_KIND_LABELS } from "@/components/labels";

export const metadata: Metadata = { title: "Annuaire des organisations" };

export default async function OrganisationsPage() {
  const actor = await requirePageActor("organisations.list", "/administration/organisations");
  const [organisations, ownKind] = await Promise.all([listOrganisations(), organisationKindOf(actor.organisationId)]);
  const mayAdd = PARTY_ROLES.some((kind) => canManageOrganisation(actor, kind, ownKind));
  return (
    <>
      <h1>Annuaire des organisations</h1>
      <p>
        Les administrations qui peuvent être parties à une convention FAST : délégant, administrations partenaires et délégataires.
        Un agent qui se connecte avec ProConnect est rattaché à son organisation par le SIRET de son établissement.
        {actor.role === "PILOTE_FAST" && ownKind === "DELEGANT" && " En tant que pilote FAST, vous ajoutez et modifiez les administrations partenaires et les délégataires ; le délégant relève d'un administrateur."}
      </p>
      {mayAdd && (
        <Button linkProps={{ href: "/administration/organisations/nouvelle" }} iconId="fr-icon-add-line" className={fr.cx("fr-mb-3w")}>
          Ajouter une organisation
        </Button>
      )}
      <Table
        caption={`${organisations.length} organisation${organisations.length > 1 ? "s" : ""}`}
        headers={["Sigle", "Nom", "Nature", "SIRET", "SIRET admis par ProConnect", "Comptes", "Conventions"]}
        data={organisations.map((o) => [
          canManageOrganisation(actor, o.kind, ownKind) ? (
            <Link key="l" href={`/administration/organisations/${o.id}`} title={`Modifier ${o.acronym}`}>
              {o.acronym}
            </Link>
          ) : (
            o.acronym
          ),
          o.name,
          ORGANISATION_KIND_LABELS[o.kind],
          o.siret ? <span key="s" style={{ whiteSpace: "nowrap" }}>{formatSiret(o.siret)}</span> : "Non renseigné",
          o.proConnectSirets.length ? o.proConnectSirets.map(formatSiret).join(", ") : "Aucun (rattachement par adresse électronique)",
          String(o.accounts),
          String(o.conventions),
        ])}
      />
    </>
  );
}
