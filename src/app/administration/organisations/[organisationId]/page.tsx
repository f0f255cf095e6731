import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { organisationById, organisationKindOf } from "@/server/repositories/administration";
import { updateOrganisationAction } from "@/server/actions/organisations";
import { canManageOrganisation, PARTY_ROLES } from "@/domain/permissions";
import { OrganisationForm } from "../OrganisationForm";

export const metadata: Metadata = { title: "Modifier une organisation" };

export default async function EditOrganisationPage({ params }: { params: Promise<{ organisationId: string }> }) {
  const { organisationId } = await params;
  const actor = await requirePageActor("organisations.manage", `/administration/organisations/${organisationId}`);
  const id = z.uuid().safeParse(organisationId);
  const organisation = id.success ? await organisationById(id.data) : null;
  if (!organisation) notFound();
  const ownKind = await organisationKindOf(actor.organisationId);
  if (!canManageOrganisation(actor, organisation.kind, ownKind)) forbidden();
  return (
    <>
      <Breadcrumb currentPageLabel={organisation.acronym} segments={[{ label: "Annuaire des organisations", linkProps: { href: "/administration/organisations" } }]} />
      <h1>Modifier {organisation.acronym}</h1>
      <OrganisationForm
        action={updateOrganisationAction}
        hidden={{ organisationId: organisation.id }}
        submitLabel="Enregistrer les modifications"
        kinds={PARTY_ROLES.filter((kind) => canManageOrganisation(actor, kind, ownKind))}
        values={{ ...organisation, proConnectSirets: organisation.sirets }}
      />
    </>
  );
}
