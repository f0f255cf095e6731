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

/** A text field and the share of a row it takes from medium screens up (full width on phones). */
type GridField = Parameters<typeof TextField>[0] & { width: 4 | 6 | 8 };
const WIDTH = { 4: "fr-col-md-4", 6: "fr-col-md-6", 8: "fr-col-md-8" } as const;

/**
 * Text fields side by side, wrapping into rows (the DSFR grid). The wrapper's margin keeps what follows off the
 * last row (the grid's gutters cancel their own outer spacing).
 */
function FieldGrid({ fields }: { fields: readonly GridField[] }) {
  return (
    <div className={fr.cx("fr-mb-3w")}>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        {fields.map(({ width, ...field }) => (
          <div key={field.name} className={fr.cx("fr-col-12", WIDTH[width])}>
            <TextField {...field} />
          </div>
        ))}
      </div>
    </div>
  );
}

/** One party's representative in the text: name and title ("Représentant du partenaire", "Qualité du…"). */
function RepresentativeFields({ party, of, values }: { party: "partner" | "delegataire" | "delegant"; of: string; values: DraftValues }) {
  return (
    <FieldGrid
      fields={[
        { name: `${party}RepresentativeName`, label: `Représentant ${of}`, defaultValue: values[`${party}RepresentativeName`], width: 6 },
        { name: `${party}RepresentativeTitle`, label: `Qualité du représentant ${of}`, defaultValue: values[`${party}RepresentativeTitle`], width: 6 },
      ]}
    />
  );
}

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
      <FieldGrid
        fields={[
          ...(withReference ? [{ name: "reference", label: "Référence de la convention", hint: "Par exemple : FAST15-MONSERVICE", required: true, width: 4 as const }] : []),
          { name: "startupName", label: "Nom de la startup", defaultValue: values.startupName, required: true, width: 4 },
          { name: "startupSlug", label: "Identifiant de la startup", hint: "Celui de sa fiche beta.gouv.fr, par exemple france-chaleur-urbaine", defaultValue: values.startupSlug, required: true, width: 4 },
        ]}
      />
      <TextField name="startupBetaUrl" label="Page beta.gouv.fr de la startup (facultatif)" hint="Par exemple : https://beta.gouv.fr/startups/france-chaleur-urbaine.html" defaultValue={values.startupBetaUrl} />
      <div className={fr.cx("fr-mb-3w")}>
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <SelectField name="partnerId" label="Administration partenaire" hint="Choisie dans l'annuaire des organisations" options={partners} defaultValue={values.partnerId} />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <SelectField name="delegataireId" label="Délégataire" hint="Choisi dans l'annuaire des organisations" options={delegataires} defaultValue={values.delegataireId} />
          </div>
        </div>
      </div>
      <p className={fr.cx("fr-text--sm")}>Représentants : laissés vides, ceux que l&apos;annuaire connaît pour chaque organisation.</p>
      <RepresentativeFields party="partner" of="du partenaire" values={values} />
      <RepresentativeFields party="delegataire" of="du délégataire" values={values} />
      <RepresentativeFields party="delegant" of="de la DINUM" values={values} />
      <TextField name="delegataireDesignation" label="Désignation du délégataire dans le texte (facultatif)" hint="Par défaut : « le délégataire »" defaultValue={values.delegataireDesignation} />
      <FieldGrid
        fields={[
          { name: "intrapreneurName", label: "Intrapreneur", defaultValue: values.intrapreneurName, width: 6 },
          { name: "sponsorName", label: "Sponsor (facultatif)", defaultValue: values.sponsorName, width: 6 },
        ]}
      />

      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Crédits et tranches</h2>
      <p className={fr.cx("fr-text--sm")}>Montants maximums mis à disposition, en euros, une ligne par année (AE et CP).</p>
      {credits.map((row, i) => (
        <FieldGrid
          key={i}
          fields={[
            { name: `creditYear${i}`, label: `Année ${i + 1}`, defaultValue: row.year, inputMode: "numeric", width: 4 },
            { name: `creditAe${i}`, label: `AE de l'année ${i + 1} (€)`, defaultValue: row.ae, inputMode: "decimal", width: 4 },
            { name: `creditCp${i}`, label: `CP de l'année ${i + 1} (€)`, defaultValue: row.cp, inputMode: "decimal", width: 4 },
          ]}
        />
      ))}
      <FieldGrid
        fields={[
          { name: "tranche1Share", label: "Tranche 1, à la signature (%)", defaultValue: values.tranche1Share, inputMode: "decimal", width: 4 },
          { name: "tranche2Share", label: "Tranche 2, après le bilan de mi-parcours (%)", defaultValue: values.tranche2Share, inputMode: "decimal", width: 4 },
          { name: "coFinancing", label: "Cofinancement du partenaire (€)", defaultValue: values.coFinancing, inputMode: "decimal", width: 4 },
        ]}
      />
      <FieldGrid
        fields={[
          { name: "midTermReviewDueOn", label: "Échéance du bilan de mi-parcours", type: "date", defaultValue: values.midTermReviewDueOn, width: 6 },
          { name: "endsOn", label: "Fin de la convention", type: "date", defaultValue: values.endsOn, required: true, width: 6 },
        ]}
      />

      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Imputation Chorus</h2>
      <FieldGrid
        fields={[
          { name: "bop", label: "Programme (BOP)", defaultValue: values.bop, width: 4 },
          { name: "bopLabel", label: "Libellé du programme", defaultValue: values.bopLabel, width: 8 },
          { name: "centreFinancier", label: "UO / centre financier", defaultValue: values.centreFinancier, width: 4 },
          { name: "domaineFonctionnel", label: "Domaine fonctionnel", defaultValue: values.domaineFonctionnel, width: 4 },
          { name: "activite", label: "Activité", defaultValue: values.activite, width: 4 },
          { name: "centreDeCout", label: "Centre de coûts", defaultValue: values.centreDeCout, width: 4 },
          { name: "serviceExecutant", label: "Service exécutant", defaultValue: values.serviceExecutant, width: 4 },
          { name: "comptableAssignataire", label: "Comptable assignataire", defaultValue: values.comptableAssignataire, width: 4 },
        ]}
      />

      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Texte</h2>
      <TextField name="purpose" label="Objet de la convention" hint="Vide : l'objet du modèle FAST pour cette startup." defaultValue={values.purpose} textArea />
      <TextField name="legalBasis" label="Fondement juridique" hint="Un texte par ligne." defaultValue={values.legalBasis} textArea />
      <TextField name="signedAt" label="Lieu de signature" defaultValue={values.signedAt} />
    </ActionForm>
  );
}
