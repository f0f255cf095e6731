import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { findPromotion } from "@/server/repositories/promotions";
import { updatePromotionAction } from "@/server/actions/conventions";
import { centsToFrenchDecimal } from "@/domain/money";
import { PromotionForm } from "../../PromotionForm";

export const metadata: Metadata = { title: "Modifier une promotion FAST" };

export default async function EditPromotionPage({ params }: { params: Promise<{ promotionId: string }> }) {
  const { promotionId } = await params;
  await requirePageActor("promotions.manage", `/promotions/${promotionId}/modifier`);
  const promotion = z.uuid().safeParse(promotionId).success ? await findPromotion(promotionId) : null;
  if (!promotion) notFound();
  const named = promotion.conventions.find((c) => c.stage !== "BROUILLON");
  return (
    <>
      <Breadcrumb
        currentPageLabel="Modifier"
        segments={[
          { label: "Promotions FAST", linkProps: { href: "/promotions" } },
          { label: promotion.name, linkProps: { href: `/promotions/${promotion.id}` } },
        ]}
      />
      <h1>Modifier la promotion {promotion.name}</h1>
      <PromotionForm
        action={updatePromotionAction}
        hidden={{ promotionId: promotion.id }}
        submitLabel="Enregistrer la promotion"
        cancelHref={`/promotions/${promotion.id}`}
        nameHint={
          named
            ? `Le texte de ${named.reference}, en signature ou signée, nomme la promotion : son nom ne change plus.`
            : "Le titre des conventions de la promotion, toutes en brouillon, suivra le nouveau nom."
        }
        values={{
          name: promotion.name,
          envelope: centsToFrenchDecimal(promotion.envelopeCents),
          announcedOn: promotion.announcedOn,
          startsOn: promotion.startsOn ?? "",
          endsOn: promotion.endsOn ?? "",
        }}
      />
    </>
  );
}
