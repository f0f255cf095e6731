"use client";

import { useActionState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { loginAction, type LoginState } from "@/server/actions/auth";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  return (
    <form action={action} noValidate>
      {state.error && <Alert severity="error" small className={fr.cx("fr-mb-3w")} description={state.error} />}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Input
        label="Adresse électronique"
        hintText="Format attendu : prenom.nom@exemple.gouv.fr"
        state={state.fieldErrors?.email ? "error" : "default"}
        stateRelatedMessage={state.fieldErrors?.email}
        nativeInputProps={{ name: "email", type: "email", autoComplete: "email", required: true, defaultValue: state.email }}
      />
      <Input
        label="Mot de passe"
        state={state.fieldErrors?.password ? "error" : "default"}
        stateRelatedMessage={state.fieldErrors?.password}
        nativeInputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Connexion…" : "Se connecter"}
      </Button>
    </form>
  );
}
