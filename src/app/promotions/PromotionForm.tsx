// A FAST promotion's name, envelope and dates, for creating and editing it.
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ActionForm, TextField, type FormResult } from "@/components/ActionForm";

export interface PromotionValues {
  name: string;
  envelope: string;
  announcedOn: string;
  startsOn: string;
  endsOn: string;
}

export function PromotionForm({
  action,
  hidden,
  submitLabel,
  cancelHref,
  values,
  nameHint = "Par exemple : FAST 15",
}: {
  action: (previous: FormResult, formData: FormData) => Promise<FormResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  cancelHref: string;
  values?: PromotionValues;
  nameHint?: string;
}) {
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel={submitLabel}
      successHref={cancelHref}
      secondary={
        <Button priority="secondary" linkProps={{ href: cancelHref }}>
          Annuler
        </Button>
      }
    >
      {/* One grid, wrapped: its gutters space the rows evenly and the wrapper keeps the buttons off the last field. */}
      <div className={fr.cx("fr-mb-3w")}>
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="name" label="Nom de la promotion" hint={nameHint} defaultValue={values?.name} required />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="envelope" label="Enveloppe (€)" hint="Le montant que la promotion peut engager, par exemple 1 000 000" defaultValue={values?.envelope} inputMode="decimal" required />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="announcedOn" label="Date d'annonce des lauréats" type="date" defaultValue={values?.announcedOn} required />
          </div>
          <div className={fr.cx("fr-hidden", "fr-unhidden-md", "fr-col-md-6")} aria-hidden="true" />
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="startsOn" label="Début du programme d'accélération (facultatif)" type="date" defaultValue={values?.startsOn} />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="endsOn" label="Fin du programme d'accélération (facultatif)" type="date" defaultValue={values?.endsOn} />
          </div>
        </div>
      </div>
    </ActionForm>
  );
}
