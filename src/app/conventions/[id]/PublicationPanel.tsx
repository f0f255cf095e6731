// The convention's publication (article 7): its links for every reader; for DINUM, publishing a signed
// convention, or withdrawing a publication with its reason. The rules are the use cases' (publishConvention,
// unpublishConvention): the panel only offers what they would accept.
import { fr } from "@codegouvfr/react-dsfr";
import { ActionForm, TextField } from "@/components/ActionForm";
import { publishConventionAction, unpublishConventionAction } from "@/server/actions/conventions";
import { formatDate, type IsoDate } from "@/domain/dates";

export function PublicationPanel({
  conventionId,
  published,
  publishedOn,
  cbcmCopySentOn,
  signed,
  publicationUrl,
  dataGouvUrl,
  mayPublish,
}: {
  conventionId: string;
  published: boolean;
  publishedOn: IsoDate | null;
  cbcmCopySentOn: IsoDate | null;
  signed: boolean;
  publicationUrl: string | null;
  dataGouvUrl: string | null;
  /** DINUM's pilot of the convention (convention.publish). */
  mayPublish: boolean;
}) {
  return (
    <>
      <h2>Publication</h2>
      {published ? (
        <>
          <p>
            Publiée{publishedOn ? ` le ${formatDate(publishedOn)}` : ""}
            {cbcmCopySentOn ? `, après sa copie au CBCM le ${formatDate(cbcmCopySentOn)}` : ""} : elle figure sur la page publique des conventions et dans ses données ouvertes
            (CSV et JSON).
          </p>
          {(publicationUrl || dataGouvUrl) && (
            <ul>
              {publicationUrl && (
                <li>
                  <a href={publicationUrl} target="_blank" rel="noopener noreferrer" title="gouvernement.fr — nouvelle fenêtre">
                    Délégations de gestion sur gouvernement.fr
                  </a>
                </li>
              )}
              {dataGouvUrl && (
                <li>
                  <a href={dataGouvUrl} target="_blank" rel="noopener noreferrer" title="data.gouv.fr — nouvelle fenêtre">
                    Publication sur data.gouv.fr
                  </a>
                </li>
              )}
            </ul>
          )}
        </>
      ) : (
        <p>{signed ? "Cette convention est signée mais pas encore publiée." : "Cette convention sera publiée une fois signée par les trois parties."}</p>
      )}
      {mayPublish && signed && !published && (
        <ActionForm action={publishConventionAction} hidden={{ conventionId }} submitLabel="Publier la convention" pendingLabel="Publication…">
          <p className={fr.cx("fr-text--sm")}>
            La convention et ses données ouvertes deviennent publiques : les parties, l&apos;objet, les montants, l&apos;imputation, les tranches et les avenants (jamais les
            comptes, les commentaires ni les lignes de dépenses).
          </p>
          <div className={fr.cx("fr-mb-3w")}>
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="cbcmCopySentOn" label="Copie de la convention signée transmise au CBCM le" type="date" defaultValue={cbcmCopySentOn ?? ""} required />
              </div>
              <div className={fr.cx("fr-hidden", "fr-unhidden-md", "fr-col-md-6")} aria-hidden="true" />
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="publicationUrl" label="Page sur gouvernement.fr (facultatif)" hint="Délégations de gestion, par exemple https://www.gouvernement.fr/…" defaultValue={publicationUrl ?? ""} />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="dataGouvUrl" label="Jeu de données sur data.gouv.fr (facultatif)" hint="Par exemple https://www.data.gouv.fr/…" defaultValue={dataGouvUrl ?? ""} />
              </div>
            </div>
          </div>
        </ActionForm>
      )}
      {mayPublish && published && (
        <>
          <h3 className={fr.cx("fr-h6", "fr-mt-3w")}>Retirer la publication</h3>
          <ActionForm action={unpublishConventionAction} hidden={{ conventionId }} submitLabel="Retirer la publication" submitPriority="secondary" pendingLabel="Retrait…">
            <TextField name="reason" label="Motif du retrait" hint="Gardé dans l'historique de la convention, par exemple : publiée par erreur avant la copie au CBCM." textArea required />
          </ActionForm>
        </>
      )}
    </>
  );
}
