import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { draftOrganisations, findDraft } from "@/server/repositories/promotions";
import { recordSignatureAction, sendForSignatureAction, updateConventionDraftAction } from "@/server/actions/conventions";
import { DraftComments } from "./DraftComments";
import { can } from "@/domain/permissions";
import { formatDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import { nextSignatory, SIGNATURE_ORDER } from "@/domain/convention-drafts";
import { PARTY_LABELS } from "@/components/labels";
import { ActionForm, TextField } from "@/components/ActionForm";
import { SignatureStageBadge } from "@/components/SignatureStageBadge";
import { ConventionDraftForm } from "../../../promotions/ConventionDraftForm";
import { draftValues } from "../../../promotions/draft-values";

export const metadata: Metadata = { title: "Rédaction et signatures" };

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/projet`);
  const draft = await findDraft(access.conventionId);
  if (!draft) notFound();
  const c = draft.convention;
  const mayEdit = can(access.actor, "convention.draft.edit", access.parties);
  const maySign = can(access.actor, "convention.signature.record", access.parties);
  const next = nextSignatory(draft.signatures);
  const party = (role: string) => c.parties.find((p) => p.role === role);
  const { partners, delegataires } = mayEdit && draft.stage === "BROUILLON" ? await draftOrganisations() : { partners: [], delegataires: [] };
  const option = (o: { id: string; acronym: string; name: string }) => ({ value: o.id, label: `${o.acronym} — ${o.name}` });
  return (
    <>
      <h1>Rédaction et signatures</h1>
      <p>
        <SignatureStageBadge stage={draft.stage} /> {c.title}
        {c.promotion && <> · promotion {c.promotion.name}</>}
      </p>
      {draft.stage === "BROUILLON" &&
        (draft.missing.length ? (
          <Alert
            severity="warning"
            small
            className={fr.cx("fr-mb-3w")}
            description={`Brouillon incomplet : à renseigner avant l'envoi en signature — ${draft.missing.join(" ; ")}.`}
          />
        ) : (
          <Alert severity="info" small className={fr.cx("fr-mb-3w")} description="Brouillon complet : il peut être envoyé en signature aux parties." />
        ))}
      {draft.stage === "EN_SIGNATURE" && (
        <Alert
          severity="info"
          small
          className={fr.cx("fr-mb-3w")}
          description={`Envoyée en signature le ${formatDate(draft.convention.sentForSignatureOn!.toISOString().slice(0, 10))} : le texte est figé. Les parties signent dans l'ordre : le partenaire, le délégataire, puis la DINUM.`}
        />
      )}
      {draft.stage === "SIGNEE" && (
        <Alert
          severity="success"
          small
          className={fr.cx("fr-mb-3w")}
          description={`Signée par la DINUM le ${formatDate(c.signedOn!.toISOString().slice(0, 10))} : la convention est en vigueur depuis cette date et la tranche 1 peut être débloquée. Elle ne change plus que par avenant.`}
        />
      )}

      <h2 className={fr.cx("fr-h4")}>Signatures</h2>
      <Table
        caption="Signatures des parties, dans l'ordre"
        headers={["Partie", "Organisation", "Signée le", "Signataire", "Enregistrée par"]}
        data={SIGNATURE_ORDER.map((role) => {
          const s = draft.signatures.find((x) => x.party === role);
          return [
            PARTY_LABELS[role],
            party(role)?.organisation.acronym ?? "—",
            s ? formatDate(s.signedOn) : "Non signée",
            s ? `${s.signatoryName}, ${s.signatoryTitle}` : `${party(role)?.representativeName || "—"} (représentant prévu)`,
            s?.recordedBy ?? "—",
          ];
        })}
      />

      <DraftComments conventionId={c.id} stage={draft.stage} comments={draft.comments} mayComment={can(access.actor, "convention.comment", access.parties)} />

      {maySign && draft.stage === "EN_SIGNATURE" && next && (
        <>
          <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Enregistrer la signature : {PARTY_LABELS[next].toLowerCase()}</h2>
          <ActionForm action={recordSignatureAction} hidden={{ conventionId: c.id, party: next }} submitLabel={`Enregistrer la signature (${PARTY_LABELS[next].toLowerCase()})`}>
            <TextField name="signedOn" label="Date de signature" type="date" defaultValue={clock.today()} required />
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="signatoryName" label="Signataire" hint={`Vide : ${party(next)?.representativeName || "le représentant prévu"}`} />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="signatoryTitle" label="Qualité du signataire" hint={`Vide : ${party(next)?.representativeTitle || "celle du représentant prévu"}`} />
              </div>
            </div>
          </ActionForm>
        </>
      )}

      {mayEdit && draft.stage === "BROUILLON" && (
        <>
          <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Envoyer en signature</h2>
          <p>L&apos;envoi fige le texte : il ne change plus ensuite, sauf par avenant une fois signé.</p>
          <ActionForm action={sendForSignatureAction} hidden={{ conventionId: c.id }} submitLabel="Envoyer en signature">
            <></>
          </ActionForm>
          <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Modifier le brouillon</h2>
          <ConventionDraftForm
            action={updateConventionDraftAction}
            hidden={{ conventionId: c.id }}
            submitLabel="Enregistrer le brouillon"
            cancelHref={`/conventions/${c.id}`}
            values={draftValues(draft)}
            partners={partners.map(option)}
            delegataires={delegataires.map(option)}
            withReference={false}
          />
        </>
      )}
    </>
  );
}
