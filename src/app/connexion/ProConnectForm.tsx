"use client";

import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { proConnectAction } from "@/server/actions/auth";

/** The DSFR ProConnect button, submitting a server action that starts the ProConnect sign-in. */
export function ProConnectForm({ callbackUrl }: { callbackUrl: string }) {
  return (
    <form action={proConnectAction}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {/* With onClick the component renders a <button> without a type: inside a form it submits. */}
      <ProConnectButton onClick={() => undefined} />
    </form>
  );
}
