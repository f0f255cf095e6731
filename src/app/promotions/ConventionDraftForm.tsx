// A convention's draft, for creating and editing it: the FAST template's defaults pre-filled, every field
// optional but the startup, the parties and the end date (an incomplete draft is saved and says what it lacks).
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ActionForm, SelectField, TextField, type FormResult } from "@/components/ActionForm";

export interface DraftValues {
  startupName: string;
  startupSlug: string;
  startupBetaUrl: string;
  partnerId: string;
  delegataireId: string;
  partnerRepresentativeName: string;
  partnerRepresentativeTitle: string;
  delegataireRepresentativeName: string;
  delegataireRepresentativeTitle: string;
  delegantRepresentativeName: string;
  delegantRepresentativeTitle: string;
  delegataireDesignation: string;
  intrapreneurName: string;
  sponsorName: string;
  credits: { year: string; ae: string; cp: string }[];
  tranche1Share: string;
  tranche2Share: string;
  coFinancing: string;
  midTermReviewDueOn: string;
  endsOn: string;
  purpose: string;
  legalBasis: string;
  bop: string;
  bopLabel: string;
  centreFinancier: string;
  domaineFonctionnel: string;
  activite: string;
  centreDeCout: string;
  serviceExecutant: string;
  comptableAssignataire: string;
  signedAt: string;
}

type Option = { value: string; label: string };

const half = (className: string) => fr.cx("fr-col-12", className as "fr-col-md-6");

export function ConventionDraftForm({
  action,
  hidden,
  submitLabel,
  successHref,
  cancelHref,
  values,
  partners,
  delegataires,
  withReference,
}: {
  action: (previous: FormResult, formData: FormData) => Promise<FormResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  successHref?: string;
  cancelHref: string;
  values: DraftValues;
  partners: Option[];
  delegataires: Option[];
  withReference: boolean;
}) {
  const credits = [...values.credits, { year: "", ae: "", cp: "" }, { year: "", ae: "", cp: "" }].slice(0, Math.max(3, values.credits.length));
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel={submitLabel}
      successHref={successHref}
      secondary={
        <Button priority="secondary" linkProps={{ href: cancelHref }}>
          Annuler
        </Button>
      }
    >
      <h2 className={fr.cx("fr-h4")}>La startup et les parties</h2>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        {withReference && (
          <div className={half("fr-col-md-4")}>
            <TextField name="reference" label="Référence de la convention" hint="Par exemple : FAST15-MONSERVICE" required />
          </div>
        )}
        <div className={half("fr-col-md-4")}>
          <TextField name="startupName" label="Nom de la startup" defaultValue={values.startupName} required />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="startupSlug" label="Identifiant de la startup" hint="Celui de sa fiche beta.gouv.fr, par exemple france-chaleur-urbaine" defaultValue={values.startupSlug} required />
        </div>
      </div>
      <TextField name="startupBetaUrl" label="Page beta.gouv.fr de la startup (facultatif)" hint="Par exemple : https://beta.gouv.fr/startups/france-chaleur-urbaine.html" defaultValue={values.startupBetaUrl} />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={half("fr-col-md-6")}>
          <SelectField name="partnerId" label="Administration partenaire" hint="Choisie dans l'annuaire des organisations" options={partners} defaultValue={values.partnerId} />
        </div>
        <div className={half("fr-col-md-6")}>
          <SelectField name="delegataireId" label="Délégataire" hint="Choisi dans l'annuaire des organisations" options={delegataires} defaultValue={values.delegataireId} />
        </div>
      </div>
      <p className={fr.cx("fr-text--sm")}>Représentants : laissés vides, ceux que l&apos;annuaire connaît pour chaque organisation.</p>
      {(
        [
          ["partner", "du partenaire"],
          ["delegataire", "du délégataire"],
          ["delegant", "de la DINUM"],
        ] as const
      ).map(([key, of]) => (
        <div key={key} className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={half("fr-col-md-6")}>
            <TextField name={`${key}RepresentativeName`} label={`Représentant ${of}`} defaultValue={values[`${key}RepresentativeName`]} />
          </div>
          <div className={half("fr-col-md-6")}>
            <TextField name={`${key}RepresentativeTitle`} label={`Qualité du représentant ${of}`} defaultValue={values[`${key}RepresentativeTitle`]} />
          </div>
        </div>
      ))}
      <TextField name="delegataireDesignation" label="Désignation du délégataire dans le texte (facultatif)" hint="Par défaut : « le délégataire »" defaultValue={values.delegataireDesignation} />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={half("fr-col-md-6")}>
          <TextField name="intrapreneurName" label="Intrapreneur" defaultValue={values.intrapreneurName} />
        </div>
        <div className={half("fr-col-md-6")}>
          <TextField name="sponsorName" label="Sponsor (facultatif)" defaultValue={values.sponsorName} />
        </div>
      </div>

      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Crédits et tranches</h2>
      <p className={fr.cx("fr-text--sm")}>Montants maximums mis à disposition, en euros, une ligne par année (AE et CP).</p>
      {credits.map((row, i) => (
        <div key={i} className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={half("fr-col-md-4")}>
            <TextField name={`creditYear${i}`} label={`Année ${i + 1}`} defaultValue={row.year} inputMode="numeric" />
          </div>
          <div className={half("fr-col-md-4")}>
            <TextField name={`creditAe${i}`} label={`AE de l'année ${i + 1} (€)`} defaultValue={row.ae} inputMode="decimal" />
          </div>
          <div className={half("fr-col-md-4")}>
            <TextField name={`creditCp${i}`} label={`CP de l'année ${i + 1} (€)`} defaultValue={row.cp} inputMode="decimal" />
          </div>
        </div>
      ))}
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={half("fr-col-md-4")}>
          <TextField name="tranche1Share" label="Tranche 1, à la signature (%)" defaultValue={values.tranche1Share} inputMode="decimal" />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="tranche2Share" label="Tranche 2, après le bilan de mi-parcours (%)" defaultValue={values.tranche2Share} inputMode="decimal" />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="coFinancing" label="Cofinancement du partenaire (€)" defaultValue={values.coFinancing} inputMode="decimal" />
        </div>
      </div>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={half("fr-col-md-6")}>
          <TextField name="midTermReviewDueOn" label="Échéance du bilan de mi-parcours" type="date" defaultValue={values.midTermReviewDueOn} />
        </div>
        <div className={half("fr-col-md-6")}>
          <TextField name="endsOn" label="Fin de la convention" type="date" defaultValue={values.endsOn} required />
        </div>
      </div>

      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Imputation Chorus</h2>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={half("fr-col-md-4")}>
          <TextField name="bop" label="Programme (BOP)" defaultValue={values.bop} />
        </div>
        <div className={half("fr-col-md-8")}>
          <TextField name="bopLabel" label="Libellé du programme" defaultValue={values.bopLabel} />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="centreFinancier" label="UO / centre financier" defaultValue={values.centreFinancier} />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="domaineFonctionnel" label="Domaine fonctionnel" defaultValue={values.domaineFonctionnel} />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="activite" label="Activité" defaultValue={values.activite} />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="centreDeCout" label="Centre de coûts" defaultValue={values.centreDeCout} />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="serviceExecutant" label="Service exécutant" defaultValue={values.serviceExecutant} />
        </div>
        <div className={half("fr-col-md-4")}>
          <TextField name="comptableAssignataire" label="Comptable assignataire" defaultValue={values.comptableAssignataire} />
        </div>
      </div>

      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Texte</h2>
      <TextField name="purpose" label="Objet de la convention" hint="Vide : l'objet du modèle FAST pour cette startup." defaultValue={values.purpose} textArea />
      <TextField name="legalBasis" label="Fondement juridique" hint="Un texte par ligne." defaultValue={values.legalBasis} textArea />
      <TextField name="signedAt" label="Lieu de signature" defaultValue={values.signedAt} />
    </ActionForm>
  );
}
