import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { findInvitation } from "@/server/repositories/administration";
import { clock } from "@/server/clock";
import { INVITATION_REFUSALS } from "@/domain/accounts";
import { messageOf } from "@/domain/failures";
import { PASSWORD_MIN_LENGTH } from "@/domain/password-policy";
import { ROLE_LABELS } from "@/components/labels";
import { InvitationForm } from "./InvitationForm";

export const metadata: Metadata = { title: "Activer votre compte", robots: { index: false, follow: false } };

// The link's token is the only authorisation: what the page shows depends on it alone, checked at each visit.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, account } = await findInvitation(token, clock.now());
  if (state !== "VALIDE" || !account) {
    const refusal = INVITATION_REFUSALS[state === "VALIDE" ? "INCONNUE" : state];
    return (
      <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
          <h1>{refusal.title}</h1>
          <Alert severity="error" small description={messageOf(refusal.failure)} className={fr.cx("fr-mb-3w")} />
          <p>
            <Link href="/connexion">Aller à la page de connexion</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Activer votre compte</h1>
        <p>
          Bienvenue {account.fullName}. Vous êtes invité(e) à rejoindre Suivi FAST pour {account.organisation}, en tant que{" "}
          {ROLE_LABELS[account.role].toLowerCase()}. Choisissez le mot de passe de votre compte <strong>{account.email}</strong> :
          au moins {PASSWORD_MIN_LENGTH} caractères, ni votre adresse, ni un mot trop courant. Une phrase de quelques mots fait
          un bon mot de passe.
        </p>
        <InvitationForm token={token} email={account.email} />
      </div>
    </div>
  );
}
