import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { listEjHeadings } from "@/server/repositories/expenditures";
import { recordEjAction } from "@/server/actions/expenditures";
import { can } from "@/domain/permissions";
import { acceptsExpenditure } from "@/domain/convention-state";
import { formatDate, formatEuros } from "@/components/format";
import { ActionForm, TextField } from "@/components/ActionForm";
import { EjTable } from "./EjTable";

export const metadata: Metadata = { title: "Dépenses" };

export default async function ExpendituresPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/depenses`);
  const [{ view }, ejs] = await Promise.all([conventionForRender(access.conventionId), listEjHeadings(access.conventionId)]);
  // A closed (or unsigned) convention takes no expenditure: its forms are not offered (the use cases refuse them too).
  const open = acceptsExpenditure(view.situation.state);
  const mayRecord = open && can(access.actor, "expenditure.record", access.parties);
  const byEj = new Map(view.credits.ejs.map((e) => [e.ejId, e]));
  const base = `/conventions/${access.conventionId}/depenses`;

  return (
    <>
      <h1>Dépenses</h1>
      <p>
        Engagements juridiques (EJ), services faits et demandes de paiement enregistrés dans Chorus par le délégataire. Une
        erreur se corrige par une ligne de contre-passation : rien n&apos;est jamais effacé.
      </p>

      <Table
        caption="Consommation des crédits par année"
        headers={["Année", "AE mis à disposition", "AE engagés", "Reste à engager", "CP mis à disposition", "CP payés", "Reste à payer"]}
        data={view.credits.years.map((y) => [
          String(y.year),
          formatEuros(y.ae.madeAvailable),
          formatEuros(y.ae.engaged),
          formatEuros(y.ae.leftToEngage),
          formatEuros(y.cp.madeAvailable),
          formatEuros(y.cp.paid),
          formatEuros(y.cp.leftToPay),
        ])}
      />

      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--left", "fr-btns-group--icon-left")}>
        {mayRecord && (
          <li>
            <Button iconId="fr-icon-upload-line" linkProps={{ href: `${base}/import` }}>
              Importer un extrait Chorus
            </Button>
          </li>
        )}
        <li>
          {/* A file download: a plain link, not a client-side navigation. */}
          <a className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--icon-left", "fr-icon-download-line")} href={`${base}/export`} download>
            Exporter toutes les lignes (CSV)
          </a>
        </li>
      </ul>

      <h2>Engagements juridiques</h2>
      {!open && view.situation.state === "CLOTUREE" && <p>La convention est clôturée : plus aucune dépense ne peut y être enregistrée ni corrigée.</p>}
      {ejs.length === 0 ? (
        <p>Aucun engagement juridique enregistré.</p>
      ) : (
        <EjTable
          rows={ejs.map((ej) => {
            const money = byEj.get(ej.id);
            return {
              href: `${base}/${ej.id}`,
              label: `${ej.chorusNumber} (${ej.lineNumber})`,
              cells: [
                formatDate(ej.orderedOn),
                ej.supplierName,
                ej.object,
                formatEuros(money?.engaged ?? 0n),
                formatEuros(money?.paid ?? 0n),
                formatEuros(money?.leftToPay ?? 0n),
              ],
            };
          })}
        />
      )}

      {mayRecord && (
        <section className={fr.cx("fr-p-3w", "fr-mb-4w")} style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby="ej-form-title">
          <h3 id="ej-form-title">Enregistrer un engagement juridique</h3>
          <p className={fr.cx("fr-text--sm")}>
            L&apos;imputation Chorus reprend celle de la convention si vous laissez vides les champs d&apos;imputation. Le montant
            ne peut pas dépasser le reste à engager de l&apos;année de l&apos;engagement.
          </p>
          <ActionForm action={recordEjAction} hidden={{ conventionId: access.conventionId }} submitLabel="Enregistrer l'engagement">
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <TextField name="chorusNumber" label="Numéro d'EJ" hint="10 chiffres" inputMode="numeric" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <TextField name="lineNumber" label="Poste" defaultValue="1" inputMode="numeric" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <TextField name="orderedOn" label="Date de l'engagement" type="date" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="supplierName" label="Fournisseur" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="supplierSiret" label="SIRET du fournisseur (facultatif)" hint="14 chiffres" inputMode="numeric" />
              </div>
            </div>
            <TextField name="object" label="Objet" required />
            <TextField name="amount" label="Montant en AE (en euros)" hint="Par exemple 12 345,67" inputMode="decimal" required />
            <details className={fr.cx("fr-mb-3w")}>
              <summary>Imputation différente de celle de la convention (facultatif)</summary>
              <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mt-1w")}>
                <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
                  <TextField name="domaineFonctionnel" label="Domaine fonctionnel" />
                </div>
                <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
                  <TextField name="centreFinancier" label="Centre financier" />
                </div>
                <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
                  <TextField name="activite" label="Activité" />
                </div>
                <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
                  <TextField name="centreDeCout" label="Centre de coût" />
                </div>
              </div>
            </details>
          </ActionForm>
        </section>
      )}
    </>
  );
}
