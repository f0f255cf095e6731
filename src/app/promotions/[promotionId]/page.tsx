import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageActor } from "@/server/page-guards";
import { findPromotion } from "@/server/repositories/promotions";
import { can } from "@/domain/permissions";
import { formatDate } from "@/domain/dates";
import { formatEuros } from "@/domain/money";
import { SignatureStageBadge } from "@/components/SignatureStageBadge";

export const metadata: Metadata = { title: "Promotion FAST" };

export default async function PromotionPage({ params }: { params: Promise<{ promotionId: string }> }) {
  const { promotionId } = await params;
  const actor = await requirePageActor("portfolio.read", `/promotions/${promotionId}`);
  const promotion = z.uuid().safeParse(promotionId).success ? await findPromotion(promotionId) : null;
  if (!promotion) notFound();
  const programme = promotion.startsOn && promotion.endsOn ? ` Programme d'accélération du ${formatDate(promotion.startsOn)} au ${formatDate(promotion.endsOn)}.` : "";
  return (
    <>
      <Breadcrumb currentPageLabel={promotion.name} segments={[{ label: "Promotions FAST", linkProps: { href: "/promotions" } }]} />
      <h1>{promotion.name}</h1>
      <p>
        Lauréats annoncés le {formatDate(promotion.announcedOn)}. Enveloppe : {formatEuros(promotion.envelopeCents)} ; AE prévues par ses conventions : {formatEuros(promotion.totals.aeCents)}.{programme}
      </p>
      <p>
        {can(actor, "conventions.create") && (
          <Button linkProps={{ href: `/promotions/${promotion.id}/nouvelle-convention` }} iconId="fr-icon-add-line" className={fr.cx("fr-mr-2w", "fr-mb-1w")}>
            Nouvelle convention
          </Button>
        )}
        {can(actor, "promotions.manage") && (
          <Button priority="secondary" linkProps={{ href: `/promotions/${promotion.id}/modifier` }} iconId="fr-icon-edit-line" className={fr.cx("fr-mb-1w")}>
            Modifier la promotion
          </Button>
        )}
      </p>
      <Table
        caption={`${promotion.conventions.length} convention${promotion.conventions.length > 1 ? "s" : ""}`}
        headers={["Référence", "Startup", "Partenaire", "Délégataire", "Étape", "AE", "CP"]}
        data={[
          ...promotion.conventions.map((c) => [
            <Link key="l" href={`/conventions/${c.id}/projet`}>
              {c.reference}
            </Link>,
            c.startupName,
            c.partner,
            c.delegataire,
            <SignatureStageBadge key="s" stage={c.stage} />,
            formatEuros(c.aeCents),
            formatEuros(c.cpCents),
          ]),
          ["Total", "", "", "", "", formatEuros(promotion.totals.aeCents), formatEuros(promotion.totals.cpCents)],
        ]}
      />
    </>
  );
}
