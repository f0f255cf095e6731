"use client";
// The invited agent's password form: a DSFR password field and its confirmation; the server's refusal of the
// password (src/domain/password-policy.ts) is shown under the field, a refusal of the link above the form.
import { useActionState, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { acceptInvitationAction } from "@/server/actions/accounts";
import type { FormResult } from "@/components/ActionForm";

export function InvitationForm({ token, email }: { token: string; email: string }) {
  const [result, action, pending] = useActionState<FormResult, FormData>(acceptInvitationAction, null);
  const alertRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.push("/connexion?compte=active");
    else if (result) alertRef.current?.focus();
  }, [result, router]);
  const errors = (result && !result.ok && result.fieldErrors) || {};
  const messages = (name: string) => (errors[name] ? [{ severity: "error" as const, message: errors[name] }] : []);
  return (
    <form action={action} noValidate>
      <div ref={alertRef} tabIndex={-1} className={fr.cx("fr-mb-2w")}>
        {result && !result.ok && <Alert severity="error" small description={result.message} />}
        {result?.ok && <Alert severity="success" small description={result.message ?? ""} />}
      </div>
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" value={email} autoComplete="username" />
      <PasswordInput
        label="Mot de passe"
        messagesHint=""
        messages={messages("password")}
        nativeInputProps={{ name: "password", autoComplete: "new-password", required: true }}
      />
      <PasswordInput
        label="Confirmation du mot de passe"
        messagesHint=""
        messages={messages("confirmation")}
        nativeInputProps={{ name: "confirmation", autoComplete: "new-password", required: true }}
      />
      <Button type="submit" disabled={pending} className={fr.cx("fr-mt-2w")}>
        {pending ? "Enregistrement…" : "Activer mon compte"}
      </Button>
    </form>
  );
}
