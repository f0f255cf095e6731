import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { accountById } from "@/server/repositories/administration";
import { changeAccountStatusAction, changeRoleAction, renewInvitationAction } from "@/server/actions/accounts";
import { ROLES } from "@/domain/permissions";
import { ActionForm, SelectField } from "@/components/ActionForm";
import { AccountStatusBadge } from "@/components/AccountStatusBadge";
import { FormPanel } from "@/components/FormPanel";
import { formatMoment } from "@/components/format";
import { ROLE_LABELS } from "@/components/labels";
import { clock } from "@/server/clock";

export const metadata: Metadata = { title: "Compte" };

export default async function AccountPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  await requirePageActor("users.manage", `/administration/comptes/${userId}`);
  const id = z.uuid().safeParse(userId);
  const account = id.success ? await accountById(id.data) : null;
  if (!account) notFound();
  const hidden = { userId: account.id };
  const invitation = account.lastInvitation;
  return (
    <>
      <Breadcrumb currentPageLabel={account.fullName} segments={[{ label: "Comptes", linkProps: { href: "/administration/comptes" } }]} />
      <h1>{account.fullName}</h1>
      <p>
        <AccountStatusBadge status={account.status} />
      </p>
      <dl className={fr.cx("fr-mb-4w")}>
        <dt className={fr.cx("fr-text--bold")}>Adresse électronique</dt>
        <dd>{account.email}</dd>
        <dt className={fr.cx("fr-text--bold")}>Organisation</dt>
        <dd>{account.organisation}</dd>
        <dt className={fr.cx("fr-text--bold")}>Rôle</dt>
        <dd>{ROLE_LABELS[account.role]}</dd>
        <dt className={fr.cx("fr-text--bold")}>Dernière connexion</dt>
        <dd>{account.lastLoginAt ? formatMoment(account.lastLoginAt) : "Jamais"}</dd>
        <dt className={fr.cx("fr-text--bold")}>Connexion avec ProConnect</dt>
        <dd>{account.proConnect ? "Identité ProConnect associée" : "Aucune identité ProConnect associée"}</dd>
        {account.status === "INVITE" && invitation && (
          <>
            <dt className={fr.cx("fr-text--bold")}>Dernière invitation</dt>
            <dd>
              Envoyée le {formatMoment(invitation.createdAt)},{" "}
              {invitation.expiresAt.getTime() > clock.now().getTime() ? `valable jusqu'au ${formatMoment(invitation.expiresAt)}` : `expirée le ${formatMoment(invitation.expiresAt)}`}
            </dd>
          </>
        )}
        {account.status === "DESACTIVE" && account.deactivatedAt && (
          <>
            <dt className={fr.cx("fr-text--bold")}>Désactivé le</dt>
            <dd>{formatMoment(account.deactivatedAt)}</dd>
          </>
        )}
      </dl>

      {account.status === "INVITE" && (
        <FormPanel id="renew-form" title="Envoyer un nouveau lien d'invitation">
          <p className={fr.cx("fr-text--sm")}>Le lien précédent cesse de fonctionner ; le nouveau est valable 7 jours.</p>
          <ActionForm action={renewInvitationAction} hidden={hidden} submitLabel="Envoyer un nouveau lien" pendingLabel="Envoi…">
            {null}
          </ActionForm>
        </FormPanel>
      )}

      <FormPanel id="role-form" title="Changer de rôle">
        <ActionForm action={changeRoleAction} hidden={hidden} submitLabel="Changer de rôle">
          <SelectField name="role" label="Nouveau rôle" defaultValue={account.role} options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        </ActionForm>
      </FormPanel>

      <FormPanel id="status-form" title="Statut du compte">
        <p className={fr.cx("fr-text--sm")}>
          {account.status === "DESACTIVE"
            ? "Réactivé, le compte permet de nouveau de se connecter (un compte jamais activé attend un nouveau lien d'invitation)."
            : "Désactivé, le compte ne permet plus de se connecter, et les sessions ouvertes cessent à la page suivante. Rien de ce que l'agent a enregistré n'est effacé ; le compte peut être réactivé."}
        </p>
        <ActionForm
          action={changeAccountStatusAction}
          hidden={{ ...hidden, status: account.status === "DESACTIVE" ? "ACTIF" : "DESACTIVE" }}
          submitLabel={account.status === "DESACTIVE" ? "Réactiver le compte" : "Désactiver le compte"}
        >
          {null}
        </ActionForm>
      </FormPanel>
    </>
  );
}
