"use client";
// Sends the scan of the signed convention as the request's body (up to 20 MB, beyond what a server action
// takes), then shows the server's coded answer and refreshes the page's list of copies.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";

export function SignedCopyForm({ endpoint, maxLabel, replacing }: { endpoint: string; maxLabel: string; replacing: boolean }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setResult({ ok: false, message: "Aucun fichier reçu : choisissez le PDF de la convention signée." });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const query = new URLSearchParams({ name: file.name, size: String(file.size) });
      const response = await fetch(`${endpoint}?${query}`, { method: "POST", body: file, headers: { "Content-Type": "application/pdf" } });
      const body = (await response.json().catch(() => ({}))) as { ok?: boolean; message?: string };
      setResult({ ok: response.ok && body.ok === true, message: body.message ?? (response.ok ? "Copie signée déposée." : "Le dépôt a échoué. Réessayez dans un instant.") });
      if (response.ok) {
        if (input.current) input.current.value = "";
        router.refresh();
      }
    } catch {
      setResult({ ok: false, message: "Le dépôt a échoué : la connexion a été interrompue. Réessayez." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} className={fr.cx("fr-mt-2w")}>
      <Upload
        label={replacing ? "Remplacer la copie signée" : "Déposer la copie signée"}
        hint={`Le PDF numérisé de la convention signée par les trois parties, ${maxLabel} au plus. La copie remplacée reste dans l'historique.`}
        nativeInputProps={{ ref: input, name: "fichier", accept: "application/pdf,.pdf", required: true }}
      />
      <Button type="submit" className={fr.cx("fr-mt-2w")} disabled={busy} iconId="fr-icon-upload-line" iconPosition="left">
        {busy ? "Envoi en cours…" : "Déposer"}
      </Button>
      <div aria-live="polite">
        {result && <Alert className={fr.cx("fr-mt-2w")} severity={result.ok ? "success" : "error"} small description={result.message} />}
      </div>
    </form>
  );
}
