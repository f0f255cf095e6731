import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { fr } from "@codegouvfr/react-dsfr";
import { requirePageActor } from "@/server/page-guards";
import { listAccounts, listOrganisations } from "@/server/repositories/administration";
import { inviteAgentAction } from "@/server/actions/accounts";
import { INVITATION_VALIDITY_DAYS } from "@/domain/accounts";
import { ROLES } from "@/domain/permissions";
import { ActionForm, SelectField, TextField } from "@/components/ActionForm";
import { AccountStatusBadge } from "@/components/AccountStatusBadge";
import { FormPanel } from "@/components/FormPanel";
import { formatMoment } from "@/components/format";
import { ROLE_LABELS } from "@/components/labels";

export const metadata: Metadata = { title: "Comptes" };

export default async function AccountsPage() {
  await requirePageActor("users.manage", "/administration/comptes");
  const [accounts, organisations] = await Promise.all([listAccounts(), listOrganisations()]);
  return (
    <>
      <h1>Comptes</h1>
      <p>
        Les agents qui se connectent à Suivi FAST. Chacun voit les conventions dont son organisation est partie et agit selon son
        rôle ; un compte désactivé ne peut plus se connecter.
      </p>
      <FormPanel id="invitation-form" title="Inviter un agent">
        <p className={fr.cx("fr-text--sm")}>
          L&apos;agent reçoit un lien personnel, valable {INVITATION_VALIDITY_DAYS} jours et utilisable une seule fois, pour choisir son
          mot de passe ; son compte devient alors actif. Sans serveur de courriel configuré, le lien s&apos;affiche ici pour que vous le
          lui transmettiez. L&apos;organisation manque ? Ajoutez-la d&apos;abord à l&apos;<Link href="/administration/organisations">annuaire</Link>.
        </p>
        <ActionForm action={inviteAgentAction} hidden={{}} submitLabel="Inviter l'agent" pendingLabel="Invitation…">
          <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-3w")}>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <TextField name="fullName" label="Prénom et nom" hint="Tel qu'il apparaîtra dans Suivi FAST" required />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <TextField name="email" label="Adresse électronique" hint="Format attendu : prenom.nom@exemple.gouv.fr" required />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <SelectField name="organisationId" label="Organisation" options={organisations.map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <SelectField name="role" label="Rôle" options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
            </div>
          </div>
        </ActionForm>
      </FormPanel>
      <Table
        caption={`${accounts.length} compte${accounts.length > 1 ? "s" : ""}`}
        headers={["Agent", "Organisation", "Rôle", "Dernière connexion", "Statut"]}
        data={accounts.map((a) => [
          <span key="n">
            <Link href={`/administration/comptes/${a.id}`}>{a.fullName}</Link>
            <br />
            <span className={fr.cx("fr-text--xs")}>{a.email}</span>
          </span>,
          a.organisation,
          ROLE_LABELS[a.role],
          a.lastLoginAt ? formatMoment(a.lastLoginAt) : "Jamais",
          <AccountStatusBadge key="s" status={a.status} />,
        ])}
      />
    </>
  );
}
