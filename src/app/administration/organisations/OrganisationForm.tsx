// An organisation's form, for adding and editing: back to the directory once saved; the kinds offered are those
// the actor may choose.
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ActionForm, RadioField, TextField, type FormResult } from "@/components/ActionForm";
import { ORGANISATION_KIND_LABELS } from "@/components/labels";
import { formatSiret } from "@/domain/organisations";
import type { PartyRole } from "@/domain/permissions";

export interface OrganisationValues {
  name: string;
  acronym: string;
  kind: PartyRole;
  siret: string | null;
  address: string;
  proConnectSirets: readonly string[];
}

export function OrganisationForm({
  action,
  hidden,
  submitLabel,
  kinds,
  values,
}: {
  action: (previous: FormResult, formData: FormData) => Promise<FormResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  kinds: PartyRole[];
  values?: OrganisationValues;
}) {
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel={submitLabel}
      successHref="/administration/organisations"
      secondary={
        <Button priority="secondary" linkProps={{ href: "/administration/organisations" }}>
          Annuler
        </Button>
      }
    >
      <TextField name="name" label="Nom" hint="Par exemple : Direction régionale et interdépartementale de l'environnement, de l'aménagement et des transports" defaultValue={values?.name} required />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-2w")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <TextField name="acronym" label="Sigle" hint="Par exemple : DRIEAT" defaultValue={values?.acronym} required />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-8")}>
          <TextField name="siret" label="SIRET" hint="14 chiffres, avec ou sans espaces ; la clé de contrôle est vérifiée." defaultValue={values?.siret ? formatSiret(values.siret) : undefined} inputMode="numeric" required />
        </div>
      </div>
      <RadioField
        name="kind"
        legend="Nature de l'organisation"
        defaultValue={values?.kind}
        options={kinds.map((kind) => ({ value: kind, label: ORGANISATION_KIND_LABELS[kind] }))}
      />
      <TextField name="address" label="Adresse" defaultValue={values?.address} textArea required />
      <TextField
        name="proConnectSirets"
        label="SIRET admis par ProConnect (facultatif)"
        hint="Les établissements dont les agents de l'organisation peuvent se connecter avec ProConnect, un SIRET par ligne. Vide : les agents sont rattachés par leur adresse électronique seulement."
        defaultValue={values?.proConnectSirets.map(formatSiret).join("\n")}
        textArea
      />
    </ActionForm>
  );
}
