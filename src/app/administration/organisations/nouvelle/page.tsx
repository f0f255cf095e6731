import type { Metadata } from "next";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { createOrganisationAction } from "@/server/actions/organisations";
import { canManageOrganisation, PARTY_ROLES } from "@/domain/permissions";
import { OrganisationForm } from "../OrganisationForm";

export const metadata: Metadata = { title: "Ajouter une organisation" };

export default async function NewOrganisationPage() {
  const actor = await requirePageActor("organisations.manage", "/administration/organisations/nouvelle");
  return (
    <>
      <Breadcrumb currentPageLabel="Ajouter une organisation" segments={[{ label: "Annuaire des organisations", linkProps: { href: "/administration/organisations" } }]} />
      <h1>Ajouter une organisation</h1>
      <OrganisationForm
        action={createOrganisationAction}
        hidden={{}}
        submitLabel="Ajouter l'organisation"
        kinds={PARTY_ROLES.filter((kind) => canManageOrganisation(actor, kind))}
      />
    </>
  );
}
