import type { Metadata } from "next";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { requirePageActor } from "@/server/page-guards";
import { createPromotionAction } from "@/server/actions/conventions";
import { PromotionForm } from "../PromotionForm";

export const metadata: Metadata = { title: "Créer une promotion FAST" };

export default async function NewPromotionPage() {
  await requirePageActor("promotions.manage", "/promotions/nouvelle");
  return (
    <>
      <Breadcrumb currentPageLabel="Créer une promotion" segments={[{ label: "Promotions FAST", linkProps: { href: "/promotions" } }]} />
      <h1>Créer une promotion FAST</h1>
      <PromotionForm action={createPromotionAction} hidden={{}} submitLabel="Créer la promotion" cancelHref="/promotions" />
    </>
  );
}
