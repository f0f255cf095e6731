import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { LoginForm } from "./LoginForm";
import { ProConnectForm } from "./ProConnectForm";
import { currentActor } from "@/server/authz";
import { env } from "@/server/env";
import { throttledMessage } from "@/server/security/login-throttle";
import { ACCOUNT_DEACTIVATED } from "@/domain/accounts";
import { failure, messageOf } from "@/domain/failures";

export const metadata: Metadata = { title: "Connexion" };

// Codes set by the ProConnect sign-in (src/server/auth.ts, src/server/actions/auth.ts).
const ERRORS: Record<string, string> = {
  "compte-inconnu": messageOf(failure("PROCONNECT_NO_ACCOUNT")),
  "siret-non-rattache": messageOf(failure("PROCONNECT_SIRET_NOT_OF_ORGANISATION")),
  "compte-deja-rattache": messageOf(failure("PROCONNECT_IDENTITY_TAKEN")),
  "identite-differente": messageOf(failure("PROCONNECT_OTHER_IDENTITY")),
  "proconnect-echec": messageOf(failure("PROCONNECT_FAILED")),
  "proconnect-indisponible": messageOf(failure("PROCONNECT_UNAVAILABLE")),
  "acces-demande": messageOf(failure("PROCONNECT_ACCESS_REQUESTED")),
  "acces-refuse": messageOf(failure("PROCONNECT_ACCESS_REFUSED")),
  "invitation-expiree": messageOf(failure("PROCONNECT_INVITATION_EXPIRED")),
  "compte-desactive": ACCOUNT_DEACTIVATED,
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = typeof params.callbackUrl === "string" ? params.callbackUrl : "/conventions";
  const callbackUrl = /^\/(?!\/)/.test(raw) ? raw : "/conventions";
  if (await currentActor()) redirect(callbackUrl);
  const errorCode = typeof params.erreur === "string" ? params.erreur : typeof params.error === "string" ? "echec" : undefined;
  // A sign-in posted to Auth.js's own endpoint comes back here with its code (src/server/auth.ts).
  const throttled = typeof params.code === "string" ? /^trop-de-tentatives-(\d{1,4})$/.exec(params.code) : null;
  const config = env();
  const proConnect = Boolean(config.PROCONNECT_ISSUER);
  // Passwords disabled (AUTH_LOCAL_PASSWORDS=false): ProConnect only.
  const passwords = config.AUTH_LOCAL_PASSWORDS;
  const idle = errorCode === "compte-inactif" || params.code === "compte-inactif";
  // A request recorded is news, not a failure.
  const requested = errorCode === "acces-demande";
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Connexion à Suivi FAST</h1>
        {params.compte === "active" && (
          <Alert severity="success" small className={fr.cx("fr-mb-3w")} description="Votre compte est actif : connectez-vous avec votre adresse électronique et le mot de passe que vous venez de choisir." />
        )}
        {errorCode && (
          <Alert
            severity={requested ? "info" : "error"}
            small
            className={fr.cx("fr-mb-3w")}
            description={
              (throttled && throttledMessage(Number(throttled[1]) * 60_000)) ||
              (params.code === "compte-desactive" && ACCOUNT_DEACTIVATED) ||
              (idle && messageOf(failure("ACCOUNT_IDLE", { days: config.ACCOUNT_IDLE_DAYS }))) ||
              (params.code === "mots-de-passe-fermes" && messageOf(failure("LOCAL_PASSWORDS_DISABLED"))) ||
              (Object.hasOwn(ERRORS, errorCode) && ERRORS[errorCode]) ||
              "La connexion a échoué. Réessayez."
            }
          />
        )}
        {proConnect && (
          <section className={fr.cx("fr-mb-4w")}>
            <h2 className={fr.cx("fr-h5")}>Agents publics</h2>
            <ProConnectForm callbackUrl={callbackUrl} />
          </section>
        )}
        {passwords && (
          <>
            <h2 className={fr.cx("fr-h5")}>Avec une adresse électronique et un mot de passe</h2>
            <LoginForm callbackUrl={callbackUrl} />
          </>
        )}
      </div>
    </div>
  );
}
