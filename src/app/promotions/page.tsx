import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageActor } from "@/server/page-guards";
import { listPromotions } from "@/server/repositories/promotions";
import { can } from "@/domain/permissions";
import { formatDate } from "@/domain/dates";
import { formatEuros } from "@/domain/money";

export const metadata: Metadata = { title: "Promotions FAST" };

export default async function PromotionsPage() {
  const actor = await requirePageActor("portfolio.read", "/promotions");
  const promotions = await listPromotions();
  return (
    <>
      <h1>Promotions FAST</h1>
      <p>Chaque promotion du fonds FAST réunit ses lauréats ; chaque lauréat a sa convention, rédigée ici à partir du modèle FAST, puis signée par les parties.</p>
      {can(actor, "promotions.manage") && (
        <Button linkProps={{ href: "/promotions/nouvelle" }} iconId="fr-icon-add-line" className={fr.cx("fr-mb-3w")}>
          Créer une promotion
        </Button>
      )}
      <Table
        caption={`${promotions.length} promotion${promotions.length > 1 ? "s" : ""}`}
        headers={["Promotion", "Lauréats annoncés le", "Enveloppe", "Conventions", "dont signées", "AE prévues"]}
        data={promotions.map((p) => [
          <Link key="l" href={`/promotions/${p.id}`}>
            {p.name}
          </Link>,
          formatDate(p.announcedOn),
          formatEuros(p.envelopeCents),
          String(p.conventions),
          String(p.signed),
          formatEuros(p.aeCents),
        ])}
      />
    </>
  );
}
