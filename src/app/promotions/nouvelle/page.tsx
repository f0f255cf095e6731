import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ActionForm, TextField } from "@/components/ActionForm";
import { requirePageActor } from "@/server/page-guards";
import { createPromotionAction } from "@/server/actions/conventions";

export const metadata: Metadata = { title: "Créer une promotion FAST" };

export default async function NewPromotionPage() {
  await requirePageActor("promotions.manage", "/promotions/nouvelle");
  return (
    <>
      <Breadcrumb currentPageLabel="Créer une promotion" segments={[{ label: "Promotions FAST", linkProps: { href: "/promotions" } }]} />
      <h1>Créer une promotion FAST</h1>
      <ActionForm
        action={createPromotionAction}
        hidden={{}}
        submitLabel="Créer la promotion"
        successHref="/promotions"
        secondary={
          <Button priority="secondary" linkProps={{ href: "/promotions" }}>
            Annuler
          </Button>
        }
      >
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="name" label="Nom de la promotion" hint="Par exemple : FAST 15" required />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="envelope" label="Enveloppe (€)" hint="Le montant que la promotion peut engager, par exemple 1 000 000" inputMode="decimal" required />
          </div>
        </div>
        <TextField name="announcedOn" label="Date d'annonce des lauréats" type="date" required />
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="startsOn" label="Début du programme d'accélération (facultatif)" type="date" />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <TextField name="endsOn" label="Fin du programme d'accélération (facultatif)" type="date" />
          </div>
        </div>
      </ActionForm>
    </>
  );
}
