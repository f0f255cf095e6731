// The parties' comments on a convention's draft: who (name and party), when, what. Every party of the
// convention reads them (the page is the convention's); its agents write them until the convention is signed,
// then they stay as the record of its drafting (src/domain/convention-drafts.ts, checkDraftComment).
import { fr } from "@codegouvfr/react-dsfr";
import { ActionForm, TextField } from "@/components/ActionForm";
import { formatMoment } from "@/components/format";
import { PARTY_LABELS } from "@/components/labels";
import { commentDraftAction } from "@/server/actions/conventions";
import type { SignatureStage } from "@/domain/convention-drafts";
import type { PartyRole } from "@/domain/permissions";

export function DraftComments({
  conventionId,
  stage,
  comments,
  mayComment,
}: {
  conventionId: string;
  stage: SignatureStage;
  comments: readonly { id: string; party: PartyRole; author: string; at: Date; body: string }[];
  mayComment: boolean;
}) {
  return (
    <section aria-labelledby="commentaires" className={fr.cx("fr-mt-4w")}>
      <h2 id="commentaires" className={fr.cx("fr-h4")}>
        Commentaires des parties
      </h2>
      {comments.length === 0 ? (
        <p>Aucun commentaire pour l&apos;instant.</p>
      ) : (
        <ol className={fr.cx("fr-raw-list")}>
          {comments.map((m) => (
            <li key={m.id} className={fr.cx("fr-mb-2w")}>
              <p className={fr.cx("fr-text--sm", "fr-mb-1v")}>
                <strong>{m.author}</strong> ({PARTY_LABELS[m.party].toLowerCase()}), le {formatMoment(m.at)}
              </p>
              <p className={fr.cx("fr-mb-0")} style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {m.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      {stage === "SIGNEE" ? (
        <p className={fr.cx("fr-text--sm")}>La convention est signée : les commentaires de sa rédaction sont clos et gardés tels quels.</p>
      ) : (
        mayComment && (
          <ActionForm action={commentDraftAction} hidden={{ conventionId }} submitLabel="Publier le commentaire" pendingLabel="Publication…">
            <TextField name="body" label="Votre commentaire" hint="Lu par les trois parties de la convention, et par elles seules." textArea required />
          </ActionForm>
        )
      )}
    </section>
  );
}
