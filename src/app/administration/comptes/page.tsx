import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { fr } from "@codegouvfr/react-dsfr";
import { requirePageActor } from "@/server/page-guards";
import { listAccounts, listOrganisations, pendingAccessRequests } from "@/server/repositories/administration";
import { acceptAccessRequestAction, inviteAgentAction, refuseAccessRequestAction } from "@/server/actions/accounts";
import { env } from "@/server/env";
import { INVITATION_VALIDITY_DAYS } from "@/domain/accounts";
import { ROLES } from "@/domain/permissions";
import { formatSiret } from "@/domain/organisations";
import { ActionForm, SelectField, TextField } from "@/components/ActionForm";
import { AccountStatusBadge } from "@/components/AccountStatusBadge";
import { FormPanel } from "@/components/FormPanel";
import { formatMoment } from "@/components/format";
import { ROLE_LABELS } from "@/components/labels";
import { clock } from "@/server/clock";

export const metadata: Metadata = { title: "Comptes" };

export default async function AccountsPage() {
  await requirePageActor("users.manage", "/administration/comptes");
  const idleDays = env().ACCOUNT_IDLE_DAYS;
  const [accounts, organisations, requests] = await Promise.all([listAccounts({ now: clock.now(), idleDays }), listOrganisations(), pendingAccessRequests()]);
  const organisationOptions = organisations.map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }));
  return (
    <>
      <h1>Comptes</h1>
      <p>
        Les agents qui se connectent à Suivi FAST. Chacun voit les conventions dont son organisation est partie et agit selon son
        rôle ; un compte désactivé ne peut plus se connecter. Un compte resté {idleDays} jours sans connexion est désactivé à sa
        connexion suivante ; réactivez-le depuis sa page.
      </p>
      {requests.length > 0 && (
        <section aria-labelledby="demandes-acces" className={fr.cx("fr-mb-4w")}>
          <h2 id="demandes-acces">
            Demandes d&apos;accès en attente <Badge as="span" severity="new" small>{String(requests.length)}</Badge>
          </h2>
          <p>
            Ces agents se sont connectés avec ProConnect sans avoir de compte. Acceptez une demande en choisissant l&apos;organisation et le
            rôle : le compte est ouvert et associé à leur identité ProConnect ; ils n&apos;ont plus qu&apos;à se reconnecter.
          </p>
          {requests.map((r) => {
            const name = `${r.givenName} ${r.usualName}`.trim() || r.email;
            return (
              <FormPanel key={r.id} id={`demande-${r.id}`} title={`Demande de ${name}`}>
                <ul className={fr.cx("fr-text--sm")}>
                  <li>Adresse électronique : {r.email}</li>
                  <li>SIRET transmis par ProConnect : {r.siret ? formatSiret(r.siret) : "aucun"}</li>
                  <li>
                    Organisation reconnue par ce SIRET : {r.organisation ? `${r.organisation.acronym} — ${r.organisation.name}` : "aucune dans l'annuaire"}
                  </li>
                  <li>
                    Demandée le {formatMoment(r.createdAt)}
                    {r.lastSeenAt.getTime() !== r.createdAt.getTime() && `, dernière connexion le ${formatMoment(r.lastSeenAt)}`}
                  </li>
                </ul>
                <ActionForm action={acceptAccessRequestAction} hidden={{ requestId: r.id }} submitLabel="Accepter la demande" pendingLabel="Ouverture du compte…">
                  <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-3w")}>
                    <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                      <SelectField name="organisationId" label="Organisation" defaultValue={r.organisation?.id ?? ""} options={organisationOptions} />
                    </div>
                    <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                      <SelectField name="role" label="Rôle" options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
                    </div>
                  </div>
                </ActionForm>
                <ActionForm action={refuseAccessRequestAction} hidden={{ requestId: r.id }} submitLabel="Refuser la demande" pendingLabel="Refus…">
                  {null}
                </ActionForm>
              </FormPanel>
            );
          })}
        </section>
      )}
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
              <SelectField name="organisationId" label="Organisation" options={organisationOptions} />
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
          <span key="s">
            <AccountStatusBadge status={a.status} />
            {a.idle && (
              <>
                {" "}
                <Badge as="span" severity="warning" small>
                  {`Inactif depuis plus de ${idleDays} jours`}
                </Badge>
              </>
            )}
          </span>,
        ])}
      />
    </>
  );
}
