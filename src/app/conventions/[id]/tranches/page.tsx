import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { loadConventionFacts } from "@/server/repositories/convention-facts";
import { deriveConvention } from "@/domain/convention-view";
import { todayInParis } from "@/domain/dates";
import { trancheName } from "@/domain/tranches";
import { formatDate, formatEuros } from "@/components/format";
import { TrancheStatusBadge } from "@/components/TrancheStatusBadge";

export const metadata: Metadata = { title: "Tranches et crédits" };

const VERDICT_LABELS = { SATISFAISANTE: "mobilisation satisfaisante", INSUFFISANTE: "mobilisation insuffisante" } as const;

export default async function TranchesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/tranches`);
  const view = deriveConvention(await loadConventionFacts(access.conventionId), todayInParis());
  return (
    <>
      <h1>Tranches et crédits</h1>
      <p>
        Le statut de chaque tranche est déduit de la signature, du bilan de mi-parcours, de l&apos;état de la convention et
        des déblocages enregistrés par la DINUM : il n&apos;est jamais saisi à la main.
      </p>

      <h2>Bilan de mi-parcours</h2>
      {view.review ? (
        <p>
          Bilan du {formatDate(view.review.reviewedOn)} : <strong>{VERDICT_LABELS[view.review.verdict]}</strong>.{" "}
          {view.review.comments}
        </p>
      ) : (
        <p>
          Aucun bilan enregistré
          {view.dates.midTermReviewDueOn ? ` (attendu au plus tard le ${formatDate(view.dates.midTermReviewDueOn)})` : ""}.
        </p>
      )}

      <h2>Tranches</h2>
      <Table
        caption="Tranches d'autorisations d'engagement (AE) et de crédits de paiement (CP)"
        headers={["Tranche", "Montant", "Statut", "Pourquoi", "Ce qui le ferait évoluer"]}
        data={view.tranches.map((t) => [
          trancheName(t),
          <span key="m" style={{ whiteSpace: "nowrap" }}>{formatEuros(t.amountCents)}</span>,
          <TrancheStatusBadge key="s" status={t.status} />,
          t.reason,
          t.nextStep,
        ])}
      />

      <h2>Crédits</h2>
      <Table
        caption="Situation des crédits par année"
        headers={["Année", "Crédits", "Dotation", "Mis à disposition", "Consommé", "Reste"]}
        data={view.credits.years.flatMap((y) => [
          [String(y.year), "AE (engagés)", formatEuros(y.ae.allocated), formatEuros(y.ae.madeAvailable), formatEuros(y.ae.engaged), formatEuros(y.ae.leftToEngage)],
          [String(y.year), "CP (payés)", formatEuros(y.cp.allocated), formatEuros(y.cp.madeAvailable), formatEuros(y.cp.paid), formatEuros(y.cp.leftToPay)],
        ])}
      />
      <p className={fr.cx("fr-text--sm")}>
        Reste à engager = AE mis à disposition − AE engagés ; reste à payer = CP mis à disposition − CP payés.
      </p>
    </>
  );
}
