import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { LoginForm } from "./LoginForm";
import { currentActor } from "@/server/authz";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Connexion" };

const ERRORS: Record<string, string> = {
  "compte-inconnu":
    "Votre compte ProConnect n'est rattaché à aucun compte Suivi FAST. Demandez à un administrateur de vous ouvrir un accès.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const raw = typeof params.callbackUrl === "string" ? params.callbackUrl : "/conventions";
  const callbackUrl = /^\/(?!\/)/.test(raw) ? raw : "/conventions";
  if (await currentActor()) redirect(callbackUrl);
  const errorCode = typeof params.erreur === "string" ? params.erreur : typeof params.error === "string" ? "echec" : undefined;
  const proConnect = Boolean(env().PROCONNECT_ISSUER);
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--center")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
        <h1>Connexion à Suivi FAST</h1>
        {errorCode && (
          <Alert
            severity="error"
            small
            className={fr.cx("fr-mb-3w")}
            description={ERRORS[errorCode] ?? "La connexion a échoué. Réessayez."}
          />
        )}
        {proConnect && (
          <section className={fr.cx("fr-mb-4w")}>
            <h2 className={fr.cx("fr-h5")}>Agents publics</h2>
            <form action={`/api/auth/signin/proconnect`} method="post">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button className="proconnect-button" type="submit">
                <span className="proconnect-sr-only">S&apos;identifier avec ProConnect</span>
              </button>
            </form>
          </section>
        )}
        <h2 className={fr.cx("fr-h5")}>Avec une adresse électronique et un mot de passe</h2>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </div>
  );
}
