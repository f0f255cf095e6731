import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { releaseTrancheAction } from "@/server/actions/convention-life";
import { clock } from "@/server/clock";
import { checkRelease, trancheName } from "@/domain/tranches";
import { messageOf } from "@/domain/failures";
import { formatDate, formatEuros } from "@/components/format";
import { ActionForm } from "@/components/ActionForm";

export const metadata: Metadata = { title: "Débloquer une tranche" };

/** DINUM's confirmation step: it names the tranche and its amount; the server re-checks everything on submit. */
export default async function ReleasePage({ params }: { params: Promise<{ id: string; trancheId: string }> }) {
  const { id, trancheId } = await params;
  const access = await requirePageConvention("tranche.release", id, `/conventions/${id}/tranches/${trancheId}/deblocage`);
  const today = clock.today();
  const { facts, view } = await conventionForRender(access.conventionId);
  const row = facts.tranches.find((t) => t.id === trancheId);
  if (!row) notFound();
  const tranche = view.tranches.find((t) => t.year === row.year && t.creditType === row.creditType && t.rank === row.rank);
  const check = checkRelease(tranche);
  const back = `/conventions/${access.conventionId}/tranches`;
  const name = trancheName(row);

  return (
    <>
      <h1>Débloquer la {name.charAt(0).toLowerCase() + name.slice(1)}</h1>
      {tranche?.release ? (
        // Also what DINUM sees right after confirming: the page re-renders with the release recorded.
        <>
          <Alert
            severity="success"
            title="Tranche débloquée"
            description={`${formatEuros(tranche.amountCents)} mis à disposition le ${formatDate(tranche.release.releasedOn)} par ${tranche.release.releasedByName}.`}
            className={fr.cx("fr-mb-3w")}
          />
          <Button linkProps={{ href: back }}>Retour aux tranches</Button>
        </>
      ) : check.ok ? (
        <>
          <p className={fr.cx("fr-text--lead")}>
            Vous allez mettre <strong>{formatEuros(check.amountCents)}</strong>{" "}
            {row.creditType === "AE" ? "d'autorisations d'engagement" : "de crédits de paiement"} {row.year} à la disposition du délégataire, en date du {formatDate(today)}.
          </p>
          <p>{tranche?.reason}</p>
          <p className={fr.cx("fr-text--sm")}>
            Le déblocage est définitif et inscrit à l&apos;historique de la convention, à votre nom. Si les conditions ont changé
            entre-temps (autre déblocage, nouveau bilan, avenant), il sera refusé avec sa raison.
          </p>
          <ActionForm
            action={releaseTrancheAction}
            hidden={{ conventionId: access.conventionId, trancheId: row.id, confirmedAmountCents: check.amountCents.toString() }}
            submitLabel={`Confirmer le déblocage de ${formatEuros(check.amountCents)}`}
            pendingLabel="Déblocage…"
            secondary={
              <Button priority="secondary" linkProps={{ href: back }}>
                Annuler
              </Button>
            }
          >
            {null}
          </ActionForm>
        </>
      ) : (
        <>
          <Alert severity="warning" title="Déblocage impossible" description={messageOf(check)} className={fr.cx("fr-mb-3w")} />
          {tranche && <p>Ce qui le ferait évoluer : {tranche.nextStep}</p>}
          <Button priority="secondary" linkProps={{ href: back }}>
            Retour aux tranches
          </Button>
        </>
      )}
    </>
  );
}
