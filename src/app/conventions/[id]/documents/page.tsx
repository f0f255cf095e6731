import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { requirePageConvention } from "@/server/page-guards";
import { listSignedCopies } from "@/server/repositories/signed-copies";
import { db } from "@/server/db";
import { can } from "@/domain/permissions";
import { formatDate, isoDate } from "@/domain/dates";
import { formatFileSize, SIGNED_COPY_MAX_BYTES } from "@/domain/signed-copy";
import { SignedCopyForm } from "./SignedCopyForm";

export const metadata: Metadata = { title: "Documents de la convention" };

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });

function DownloadLink({ href, label, detail }: { href: string; label: string; detail: string }) {
  return (
    <a className={fr.cx("fr-link", "fr-link--download")} download href={href}>
      {label}
      <span className="fr-link__detail">{detail}</span>
    </a>
  );
}

export default async function DocumentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/documents`);
  const base = `/conventions/${access.conventionId}`;
  const [convention, avenants, copies] = await Promise.all([
    db().convention.findUniqueOrThrow({ where: { id: access.conventionId }, select: { reference: true, signedOn: true } }),
    db().avenant.findMany({ where: { conventionId: access.conventionId }, orderBy: [{ signedOn: "asc" }, { number: "asc" }], select: { id: true, number: true, signedOn: true, object: true } }),
    listSignedCopies(access.conventionId),
  ]);
  const mayUpload = can(access.actor, "signed-copy.upload", access.parties);
  const [current, ...previous] = copies;
  return (
    <>
      <h1>Documents</h1>
      <h2 className={fr.cx("fr-h4")}>La convention, générée depuis le registre</h2>
      <p>
        Le texte de la convention selon le modèle FAST, rédigé à partir de ce que le registre enregistre : parties et
        représentants, montants en chiffres et en lettres, tranches, références Chorus, obligations, durée.
        {convention.signedOn ? "" : " Tant qu'elle n'est pas signée, il porte la mention « projet non signé »."}
      </p>
      <ul className={fr.cx("fr-mb-4w")}>
        <li>
          <DownloadLink href={`${base}/document.docx`} label={`Télécharger la convention ${convention.reference} (Word, modifiable)`} detail="DOCX" />
        </li>
        <li>
          <DownloadLink href={`${base}/document.pdf`} label={`Télécharger la convention ${convention.reference} (PDF)`} detail="PDF" />
        </li>
      </ul>

      <h2 className={fr.cx("fr-h4")}>Avenants</h2>
      {avenants.length === 0 ? (
        <p>Aucun avenant enregistré.</p>
      ) : (
        <ul className={fr.cx("fr-mb-4w")}>
          {avenants.map((a) => (
            <li key={a.id}>
              Avenant n° {a.number} du {formatDate(isoDate(a.signedOn))} : {a.object}
              <ul className="fr-raw-list fr-ml-2w">
                <li>
                  <DownloadLink href={`${base}/avenants/${a.id}/document.docx`} label={`Avenant n° ${a.number} (Word)`} detail="DOCX" />
                </li>
                <li>
                  <DownloadLink href={`${base}/avenants/${a.id}/document.pdf`} label={`Avenant n° ${a.number} (PDF)`} detail="PDF" />
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h2 className={fr.cx("fr-h4")}>Copie signée</h2>
      {current ? (
        <>
          <p>
            <Badge as="span" severity="success" small>
              En vigueur
            </Badge>{" "}
            <DownloadLink href={`${base}/copie-signee/${current.id}`} label={`Télécharger la copie signée « ${current.fileName} »`} detail={`PDF – ${formatFileSize(current.sizeBytes)}`} />
          </p>
          <p className={fr.cx("fr-text--sm")}>
            Déposée le {dateTime.format(current.uploadedAt)} par {current.uploadedBy.fullName}. Empreinte SHA-256 :{" "}
            <code className="fr-text--xs" style={{ wordBreak: "break-all" }}>{current.sha256}</code>
          </p>
        </>
      ) : (
        <p>Aucune copie signée déposée pour le moment.</p>
      )}
      {previous.length > 0 && (
        <Table
          caption="Copies remplacées"
          headers={["Fichier", "Taille", "Déposée le", "Par", "Empreinte SHA-256"]}
          data={previous.map((c) => [
            <a key="f" href={`${base}/copie-signee/${c.id}`} download>
              {c.fileName}
            </a>,
            formatFileSize(c.sizeBytes),
            dateTime.format(c.uploadedAt),
            c.uploadedBy.fullName,
            <code key="h" className="fr-text--xs" style={{ wordBreak: "break-all" }}>{c.sha256.slice(0, 16)}…</code>,
          ])}
        />
      )}
      {mayUpload && convention.signedOn && <SignedCopyForm endpoint={`${base}/copie-signee`} maxLabel={formatFileSize(SIGNED_COPY_MAX_BYTES)} replacing={current !== undefined} />}
      {mayUpload && !convention.signedOn && <p>La copie signée se dépose une fois la convention signée par les trois parties.</p>}
    </>
  );
}
