import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { organisationKindOf } from "@/server/repositories/administration";
import { createOrganisationAction } from "@/server/actions/organisations";
import { canManageOrganisation, PARTY_ROLES } from "@/domain/permissions";
import { OrganisationForm } from "../OrganisationForm";

export const metadata: Metadata = { title: "Ajouter une organisation" };

export default async function NewOrganisationPage() {
  const actor = await requirePageActor("organisations.manage", "/administration/organisations/nouvelle");
  const ownKind = await organisationKindOf(actor.organisationId);
  const kinds = PARTY_ROLES.filter((kind) => canManageOrganisation(actor, kind, ownKind));
  // A pilot of an organisation that is not a délégant may add none.
  if (kinds.length === 0) forbidden();
  return (
    <>
      <Breadcrumb currentPageLabel="Ajouter une organisation" segments={[{ label: "Annuaire des organisations", linkProps: { href: "/administration/organisations" } }]} />
      <h1>Ajouter une organisation</h1>
      <OrganisationForm
        action={createOrganisationAction}
        hidden={{}}
        submitLabel="Ajouter l'organisation"
        kinds={kinds}
      />
    </>
  );
}
