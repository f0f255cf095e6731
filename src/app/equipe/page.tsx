import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageActor } from "@/server/page-guards";
import { colleaguesOf } from "@/server/repositories/administration";
import { inviteColleagueAction } from "@/server/actions/accounts";
import { INVITATION_VALIDITY_DAYS } from "@/domain/accounts";
import { colleagueInvitationProblem, LEAD_ROLE_OF_PARTY, PARTY_ROLES } from "@/domain/permissions";
import { ActionForm, TextField } from "@/components/ActionForm";
import { AccountStatusBadge } from "@/components/AccountStatusBadge";
import { FormPanel } from "@/components/FormPanel";
import { formatMoment } from "@/components/format";
import { ROLE_LABELS } from "@/components/labels";

export const metadata: Metadata = { title: "Mon équipe" };

const PARTY_LABELS = { DELEGANT: "délégant", PARTENAIRE: "administration partenaire", DELEGATAIRE: "délégataire" } as const;

// The agents of the user's organisation; a party's lead invites a colleague here, with their own role.
export default async function TeamPage() {
  const actor = await requirePageActor("colleagues.invite", "/equipe");
  const { organisation, parties, accounts } = await colleaguesOf(actor.organisationId);
  const mayInvite = colleagueInvitationProblem(actor, actor.role, parties) === null;
  const leadOf = PARTY_ROLES.filter((party) => parties.includes(party) && LEAD_ROLE_OF_PARTY[party] === actor.role);
  return (
    <>
      <h1>Mon équipe{organisation ? ` — ${organisation.acronym}` : ""}</h1>
      <p>Les agents de votre organisation dans Suivi FAST : chacun voit les conventions dont elle est partie.</p>
      {mayInvite ? (
        <FormPanel id="invitation-collegue" title="Inviter un collègue">
          <p className={fr.cx("fr-text--sm")}>
            Responsable de votre organisation en tant que {leadOf.map((p) => PARTY_LABELS[p]).join(" et ")}, vous pouvez inviter un collègue
            de {organisation?.acronym ?? "votre organisation"}, avec votre rôle ({ROLE_LABELS[actor.role]}). Il reçoit un lien personnel,
            valable {INVITATION_VALIDITY_DAYS} jours et utilisable une seule fois ; il peut aussi se connecter directement avec ProConnect
            sous cette adresse. Un autre rôle ou une autre organisation relèvent d&apos;un administrateur de Suivi FAST.
          </p>
          <ActionForm action={inviteColleagueAction} hidden={{ role: actor.role }} submitLabel="Inviter le collègue" pendingLabel="Invitation…">
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-3w")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="fullName" label="Prénom et nom" hint="Tel qu'il apparaîtra dans Suivi FAST" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="email" label="Adresse électronique" hint="Format attendu : prenom.nom@exemple.gouv.fr" required />
              </div>
            </div>
          </ActionForm>
        </FormPanel>
      ) : (
        <p className={fr.cx("fr-text--sm")}>
          Seul le responsable d&apos;une partie à une convention (pilote FAST du délégant, intrapreneur du partenaire, gestionnaire du
          délégataire) invite ses collègues ; sinon, adressez-vous à un administrateur de Suivi FAST.
        </p>
      )}
      <Table
        caption={`${accounts.length} compte${accounts.length > 1 ? "s" : ""}`}
        headers={["Agent", "Rôle", "Dernière connexion", "Statut"]}
        data={accounts.map((a) => [
          <span key="n">
            {a.fullName}
            <br />
            <span className={fr.cx("fr-text--xs")}>{a.email}</span>
          </span>,
          ROLE_LABELS[a.role],
          a.lastLoginAt ? formatMoment(a.lastLoginAt) : "Jamais",
          <AccountStatusBadge key="s" status={a.status} />,
        ])}
      />
    </>
  );
}
