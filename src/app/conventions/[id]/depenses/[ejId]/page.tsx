import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { listExpenditures } from "@/server/repositories/expenditures";
import { recordEjMovementAction, recordPaymentAction, recordServiceFaitAction, reverseEjMovementAction, reversePaymentAction } from "@/server/actions/expenditures";
import { can } from "@/domain/permissions";
import { clock } from "@/server/clock";
import { formatDate, formatEuros } from "@/components/format";
import { ActionForm, RadioField, TextField } from "@/components/ActionForm";
import { FormPanel } from "@/components/FormPanel";

export const metadata: Metadata = { title: "Engagement juridique" };

const MOVEMENT_LABELS = { INITIAL: "Engagement initial", AUGMENTATION: "Augmentation", REDUCTION: "Réduction", CONTRE_PASSATION: "Contre-passation" } as const;

export default async function EjPage({ params }: { params: Promise<{ id: string; ejId: string }> }) {
  const { id, ejId } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/depenses/${ejId}`);
  const [{ view }, ejs] = await Promise.all([conventionForRender(access.conventionId), listExpenditures(access.conventionId)]);
  const ej = ejs.find((e) => e.id === ejId);
  if (!ej) notFound();
  const today = clock.today();
  const money = view.credits.ejs.find((e) => e.ejId === ej.id);
  const mayRecord = can(access.actor, "expenditure.record", access.parties);
  // Suggest today's date only while the convention is in force; otherwise the user types the date.
  const suggestedDate = view.situation.state === "EN_VIGUEUR" ? today : undefined;
  const hidden = { conventionId: access.conventionId, ejId: ej.id };

  return (
    <>
      <h1>
        EJ {ej.chorusNumber}, poste {ej.lineNumber}
      </h1>
      <dl className="suivi-dl">
        <dt>Date</dt>
        <dd>{formatDate(ej.orderedOn)}</dd>
        <dt>Fournisseur</dt>
        <dd>
          {ej.supplierName}
          {ej.supplierSiret ? ` (SIRET ${ej.supplierSiret})` : ""}
        </dd>
        <dt>Objet</dt>
        <dd>{ej.object}</dd>
        <dt>Marché</dt>
        <dd>{ej.marche}</dd>
        <dt>Imputation</dt>
        <dd>
          Domaine fonctionnel {ej.imputation.domaineFonctionnel} · centre financier {ej.imputation.centreFinancier} · activité{" "}
          {ej.imputation.activite} · centre de coût {ej.imputation.centreDeCout}
        </dd>
        <dt>AE engagés</dt>
        <dd>{formatEuros(money?.engaged ?? 0n)}</dd>
        <dt>CP payés</dt>
        <dd>{formatEuros(money?.paid ?? 0n)}</dd>
        <dt>Reste à payer sur l&apos;EJ</dt>
        <dd>{formatEuros(money?.leftToPay ?? 0n)}</dd>
      </dl>

      <h2>Lignes d&apos;AE</h2>
      <Table
        caption="Engagement initial et modifications"
        headers={["Date", "Nature", "Montant", "Motif", "Saisi par", ...(mayRecord ? ["Correction"] : [])]}
        data={ej.movements.map((m) => [
          formatDate(m.movedOn),
          MOVEMENT_LABELS[m.kind] + (m.reversed ? " (contre-passée)" : ""),
          formatEuros(m.amountCents),
          m.reason ?? "—",
          m.createdByName,
          ...(mayRecord
            ? [
                m.kind === "CONTRE_PASSATION" || m.reversed ? (
                  "—"
                ) : (
                  <details key="r">
                    <summary>Contre-passer…</summary>
                    <ActionForm action={reverseEjMovementAction} hidden={{ conventionId: access.conventionId, movementId: m.id }} submitLabel="Contre-passer la ligne">
                      <TextField name="reason" label="Motif de la contre-passation" required />
                    </ActionForm>
                  </details>
                ),
              ]
            : []),
        ])}
      />

      <h2>Services faits</h2>
      {ej.serviceFaits.length === 0 ? (
        <p>Aucun service fait constaté.</p>
      ) : (
        <Table
          caption="Services faits constatés"
          headers={["Date", "Référence", "Montant", "Saisi par"]}
          data={ej.serviceFaits.map((s) => [formatDate(s.doneOn), s.reference, s.amountCents === null ? "—" : formatEuros(s.amountCents), s.createdByName])}
        />
      )}

      <h2>Demandes de paiement</h2>
      {ej.payments.length === 0 ? (
        <p>Aucune demande de paiement.</p>
      ) : (
        <Table
          caption="Demandes de paiement (CP)"
          headers={["Date", "N° de DP", "Montant", "Origine", "Saisi par", ...(mayRecord ? ["Correction"] : [])]}
          data={ej.payments.map((p) => [
            formatDate(p.paidOn),
            p.dpNumber + (p.reversed ? " (annulée)" : ""),
            formatEuros(p.amountCents),
            p.source === "IMPORT" ? "Import Chorus" : "Saisie",
            p.createdByName,
            ...(mayRecord
              ? [
                  p.reversesId || p.reversed ? (
                    "—"
                  ) : (
                    <details key="r">
                      <summary>Annuler…</summary>
                      <p className={fr.cx("fr-text--sm")}>Une ligne de {formatEuros(-p.amountCents)} annulera cette demande ; elle reste visible.</p>
                      <ActionForm action={reversePaymentAction} hidden={{ conventionId: access.conventionId, paymentId: p.id }} submitLabel={`Annuler la DP ${p.dpNumber}`}>
                        {null}
                      </ActionForm>
                    </details>
                  ),
                ]
              : []),
          ])}
        />
      )}

      {mayRecord && (
        <>
          <FormPanel id="movement-form" title="Modifier l'engagement (nouvelle ligne)">
            <ActionForm action={recordEjMovementAction} hidden={hidden} submitLabel="Enregistrer la modification">
              <RadioField
                name="kind"
                legend="Nature"
                options={[
                  { value: "AUGMENTATION", label: "Augmentation", hint: "Dans la limite du reste à engager." },
                  { value: "REDUCTION", label: "Réduction", hint: "Sans descendre sous ce qui est déjà payé." },
                ]}
              />
              <TextField name="movedOn" label="Date" type="date" defaultValue={suggestedDate} required />
              <TextField name="amount" label="Montant (en euros)" inputMode="decimal" required />
              <TextField name="reason" label="Motif" required />
            </ActionForm>
          </FormPanel>
          <FormPanel id="service-fait-form" title="Constater le service fait">
            <ActionForm action={recordServiceFaitAction} hidden={hidden} submitLabel="Enregistrer le service fait">
              <TextField name="doneOn" label="Date" type="date" defaultValue={suggestedDate} required />
              <TextField name="reference" label="Référence" required />
              <TextField name="amount" label="Montant du service fait (en euros)" hint="Un paiement ne peut dépasser le service fait constaté à sa date." inputMode="decimal" required />
            </ActionForm>
          </FormPanel>
          <FormPanel id="payment-form" title="Enregistrer une demande de paiement">
            <ActionForm action={recordPaymentAction} hidden={hidden} submitLabel="Enregistrer la demande de paiement">
              <TextField name="dpNumber" label="Numéro de la demande de paiement" inputMode="numeric" required />
              <TextField name="paidOn" label="Date" type="date" defaultValue={suggestedDate} required />
              <TextField name="amount" label="Montant en CP (en euros)" inputMode="decimal" required />
            </ActionForm>
          </FormPanel>
        </>
      )}
    </>
  );
}
