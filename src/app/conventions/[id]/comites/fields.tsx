// Fields shared by the committees pages: an indicator's, and each indicator's result and objective at a committee.
import { fr } from "@codegouvfr/react-dsfr";
import { IMPACT_LEVELS, IMPACT_LEVEL_HINTS, IMPACT_LEVEL_LABELS, formatWithUnit, scaledToDecimalString } from "@/domain/indicators";
import type { IndicatorRecord } from "@/server/repositories/steering";
import { RadioField, SelectField, TextField } from "@/components/ActionForm";

export const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];

export function IndicatorFields({ indicator }: { indicator?: IndicatorRecord }) {
  // Defaults of an edit form: the values in force (ActionForm keeps them after a refusal).
  return (
    <>
      <TextField name="name" label="Nom de l'indicateur" defaultValue={indicator?.name} required />
      <TextField name="unit" label="Unité" hint="Ce que l'on compte : « demandes », « t CO₂ par an », « jours »…" defaultValue={indicator?.unit} required />
      <TextField name="definition" label="Définition" hint="Comment la valeur est mesurée, sur quel périmètre." defaultValue={indicator?.definition} textArea required />
      <SelectField
        name="impactLevel"
        label="Place dans la matrice d'impact beta.gouv"
        defaultValue={indicator?.impactLevel}
        options={IMPACT_LEVELS.map((level) => ({ value: level, label: `${IMPACT_LEVEL_LABELS[level]} — ${IMPACT_LEVEL_HINTS[level]}` }))}
      />
      <RadioField
        name="visibility"
        legend="Visibilité"
        defaultValue={indicator ? (indicator.isPublic ? "public" : "prive") : undefined}
        options={[
          { value: "public", label: "Public", hint: "Publié sur le tableau de bord public de la startup et dans ses statistiques ouvertes." },
          { value: "prive", label: "Réservé aux parties", hint: "Visible des seules parties à la convention." },
        ]}
      />
      <RadioField
        name="usageMeasure"
        legend="Mesure d'usage"
        defaultValue={indicator ? (indicator.isUsageMeasure ? "oui" : "non") : "non"}
        options={[
          { value: "oui", label: "Oui", hint: "Le coût de l'impact rapporte les CP payés à cet indicateur, à chaque comité." },
          { value: "non", label: "Non" },
        ]}
      />
    </>
  );
}

const decimalText = (v: bigint | null | undefined) => (v != null ? scaledToDecimalString(v).replace(".", ",") : undefined);

/** Result and objective of each indicator, with the objective the previous committee set as a reminder. */
export function MeasureFields({ indicators, committeeId }: { indicators: IndicatorRecord[]; committeeId?: string }) {
  return (
    <>
      {indicators.map((indicator) => {
        const row = committeeId ? indicator.series.find((r) => r.committeeId === committeeId) : undefined;
        const previous = committeeId ? row?.previousObjective : indicator.series.findLast((r) => r.result !== null || r.objective !== null)?.objective;
        return (
          <fieldset key={indicator.id} className={fr.cx("fr-fieldset")}>
            <legend className={fr.cx("fr-fieldset__legend")}>
              {indicator.name} ({indicator.unit})
              {previous != null && <span className={fr.cx("fr-hint-text")}>Objectif fixé au comité précédent : {formatWithUnit(previous, indicator.unit)}</span>}
            </legend>
            <div className={fr.cx("fr-fieldset__element")}>
              <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
                <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <TextField name={`result-${indicator.id}`} label="Résultat de la phase qui s'achève" hint={`En ${indicator.unit}`} inputMode="decimal" defaultValue={decimalText(row?.result)} />
                </div>
                <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <TextField name={`objective-${indicator.id}`} label="Objectif à six mois" hint={`En ${indicator.unit}`} inputMode="decimal" defaultValue={decimalText(row?.objective)} />
                </div>
              </div>
            </div>
          </fieldset>
        );
      })}
    </>
  );
}
