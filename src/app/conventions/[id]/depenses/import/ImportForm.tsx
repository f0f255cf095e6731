"use client";
// Chooses an extract, sends it as a stream and shows the server's progress, then its preview; importing
// sends the same file again with the preview's fingerprint (the server plans again on fresh facts).
import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Upload } from "@codegouvfr/react-dsfr/Upload";

type Line = { lineNumber: number; reason: string };
type Result = {
  type: "result";
  applied: boolean;
  /** False when the file changed nothing: no import is recorded then. */
  recorded: boolean;
  /** Why the file cannot be imported (any refused line of the convention refuses it whole), or null. */
  refusal: string | null;
  formatLabel: string;
  fileKind: "csv" | "xlsx";
  encoding: string;
  sha256: string;
  bytes: number;
  summary: string;
  linesRead: number;
  toWrite: number;
  changes: string[];
  changesCount: number;
  notes: Line[];
  decidedBy: string[];
  rejected: Line[];
  rejectedCount: number;
  otherCount: number;
  other: string[];
  warnings: string[];
};

const ENCODINGS: Record<string, string> = { ascii: "ASCII", "utf-8": "UTF-8", "windows-1252": "Windows-1252 (Latin-1)", mixed: "mixte (UTF-8 et Latin-1)" };

export function ImportForm({ endpoint, formats }: { endpoint: string; formats: Record<string, string> }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Result | null>(null);
  const [applied, setApplied] = useState<Result | null>(null);

  async function send(mode: "preview" | "apply") {
    if (!file) {
      setError("Choisissez un fichier d'extraction Chorus.");
      return;
    }
    setBusy(true);
    setError(null);
    // A new preview starts over: what was imported before is in the convention's pages and history.
    if (mode === "preview") setApplied(null);
    setProgress({ done: 0, total: file.size });
    // The size lets the server refuse a body that did not arrive whole.
    const query = new URLSearchParams({ mode, name: file.name, size: String(file.size), ...(format ? { format } : {}), ...(mode === "apply" && preview ? { sha256: preview.sha256 } : {}) });
    try {
      const response = await fetch(`${endpoint}?${query}`, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => null);
        setError(body?.erreur ?? "L'envoi du fichier a échoué.");
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line);
          if (event.type === "progress") setProgress({ done: event.bytesRead, total: event.totalBytes ?? file.size });
          if (event.type === "error") setError(event.message);
          if (event.type === "result") {
            setProgress({ done: file.size, total: file.size });
            if (event.applied) setApplied(event);
            else setPreview(event);
          }
        }
      }
    } catch {
      setError("La connexion a été interrompue : rien n'a été importé. Réessayez.");
    } finally {
      setBusy(false);
    }
  }

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const shown = applied ?? preview;
  return (
    <div>
      <Upload
        label="Fichier d'extraction Chorus"
        hint="Tel que Chorus le donne : restitution INF-BUD-53 (AE, ou CP avec N° DP), fichiers nationaux AIFE des AE et des CP, fichiers nationaux quotidiens des EJ et des DP. CSV (« , », « ; » ou « | », UTF-8 ou Latin-1) ou Excel (.xlsx), de toute taille."
        nativeInputProps={{
          accept: ".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          onChange: (event) => {
            setFile(event.target.files?.[0] ?? null);
            setPreview(null);
            setApplied(null);
            setError(null);
            setProgress(null);
          },
        }}
      />
      <Select className={fr.cx("fr-mt-3w")} label="Format" hint="Reconnu automatiquement d'après l'en-tête du fichier." nativeSelectProps={{ value: format, onChange: (e) => setFormat(e.target.value) }}>
        <option value="">Détection automatique</option>
        {Object.entries(formats).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <div className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--left")}>
        <Button type="button" onClick={() => send("preview")} disabled={busy || !file}>
          Prévisualiser
        </Button>
        {preview && !applied && (
          <Button type="button" priority="secondary" onClick={() => send("apply")} disabled={busy || preview.refusal !== null || preview.toWrite === 0}>
            Importer {preview.toWrite} ligne{preview.toWrite > 1 ? "s" : ""}
          </Button>
        )}
      </div>
      {progress && (
        <p className={fr.cx("fr-mb-3w")}>
          <label htmlFor="import-progress">{busy ? "Lecture du fichier" : "Fichier lu"} : {percent} %</label>
          <br />
          <progress id="import-progress" max={100} value={percent} style={{ width: "100%" }} />
        </p>
      )}
      <div role="status" aria-live="polite">
        {error && <Alert severity="error" small description={error} className={fr.cx("fr-mb-3w")} />}
        {applied && (
          <Alert
            severity="success"
            title={applied.recorded ? "Import terminé" : "Rien à importer"}
            description={applied.recorded ? applied.summary : "Toutes les lignes de la convention sont déjà enregistrées : aucun import n'est inscrit."}
            className={fr.cx("fr-mb-3w")}
          />
        )}
        {preview && !applied && <Alert severity="info" title="Prévisualisation : rien n'est encore importé" description={preview.summary} className={fr.cx("fr-mb-3w")} />}
        {preview && !applied && preview.refusal && <Alert severity="error" title="Ce fichier ne peut pas être importé" description={preview.refusal} className={fr.cx("fr-mb-3w")} />}
      </div>
      {shown && (
        <>
          <p className={fr.cx("fr-text--sm")}>
            {shown.formatLabel} ({shown.fileKind === "xlsx" ? "classeur Excel" : `CSV, encodage ${ENCODINGS[shown.encoding] ?? shown.encoding}`}), {shown.linesRead.toLocaleString("fr-FR")} ligne
            {shown.linesRead > 1 ? "s" : ""} de données lue{shown.linesRead > 1 ? "s" : ""}, {shown.otherCount.toLocaleString("fr-FR")} ligne{shown.otherCount > 1 ? "s" : ""} d&apos;autres conventions ignorée
            {shown.otherCount > 1 ? "s" : ""}.
            {shown.decidedBy.length > 0 && <> Lignes de la convention reconnues par : {shown.decidedBy.join(", ")}.</>}
            <br />
            Empreinte SHA-256 du fichier reçu ({shown.bytes.toLocaleString("fr-FR")} octets) : <code>{shown.sha256}</code>
          </p>
          {shown.changes.length > 0 && (
            <>
              <h2 className={fr.cx("fr-h6")}>{shown.applied ? "Écrit" : "Ce que l'import écrirait"} ({shown.changesCount})</h2>
              <ul className={fr.cx("fr-mb-3w")}>
                {shown.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </>
          )}
          {shown.rejected.length > 0 && (
            <Table
              caption={`Lignes refusées (${shown.rejectedCount})`}
              headers={["Ligne", "Raison"]}
              data={shown.rejected.map((r) => [String(r.lineNumber), r.reason])}
            />
          )}
          {shown.other.length > 0 && (
            <details className={fr.cx("fr-mb-3w")}>
              <summary>Lignes d&apos;autres conventions, ignorées ({shown.otherCount})</summary>
              <ul>
                {shown.other.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </details>
          )}
          {shown.notes.length > 0 && (
            <details className={fr.cx("fr-mb-3w")}>
              <summary>Lignes sans effet ({shown.notes.length})</summary>
              <ul>
                {shown.notes.map((n) => (
                  <li key={n.reason}>{n.reason}</li>
                ))}
              </ul>
            </details>
          )}
          {shown.warnings.length > 0 && (
            <details className={fr.cx("fr-mb-3w")}>
              <summary>Avertissements ({shown.warnings.length})</summary>
              <ul>
                {shown.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
