import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { draftOrganisations, findPromotion } from "@/server/repositories/promotions";
import { createConventionDraftAction } from "@/server/actions/conventions";
import { ConventionDraftForm } from "../../ConventionDraftForm";
import { newDraftValues } from "../../draft-values";

export const metadata: Metadata = { title: "Nouvelle convention" };

export default async function NewConventionPage({ params }: { params: Promise<{ promotionId: string }> }) {
  const { promotionId } = await params;
  await requirePageActor("conventions.create", `/promotions/${promotionId}/nouvelle-convention`);
  const promotion = z.uuid().safeParse(promotionId).success ? await findPromotion(promotionId) : null;
  if (!promotion) notFound();
  const { partners, delegataires } = await draftOrganisations();
  const option = (o: { id: string; acronym: string; name: string }) => ({ value: o.id, label: `${o.acronym} — ${o.name}` });
  return (
    <>
      <Breadcrumb
        currentPageLabel="Nouvelle convention"
        segments={[
          { label: "Promotions FAST", linkProps: { href: "/promotions" } },
          { label: promotion.name, linkProps: { href: `/promotions/${promotion.id}` } },
        ]}
      />
      <h1>Nouvelle convention de la promotion {promotion.name}</h1>
      <p>
        Le brouillon part du modèle FAST : obligations des articles 2 à 4, tranches de 50 % à la signature et 50 % après le bilan de mi-parcours. Il
        peut être enregistré incomplet ; sa page dira ce qui manque avant l&apos;envoi en signature. Les parties le consultent dès son enregistrement.
      </p>
      <ConventionDraftForm
        action={createConventionDraftAction}
        hidden={{ promotionId: promotion.id }}
        submitLabel="Enregistrer le brouillon"
        successHref={`/promotions/${promotion.id}`}
        cancelHref={`/promotions/${promotion.id}`}
        values={newDraftValues()}
        partners={partners.map(option)}
        delegataires={delegataires.map(option)}
        withReference
      />
    </>
  );
}
