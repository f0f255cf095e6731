import { isRunning } from "@/domain/convention-state";
import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { recordReviewAction } from "@/server/actions/convention-life";
import { can } from "@/domain/permissions";
import { clock } from "@/server/clock";
import { canRelease, trancheName } from "@/domain/tranches";
import { formatDate, formatEuros } from "@/components/format";
import { TrancheStatusBadge } from "@/components/TrancheStatusBadge";
import { ActionForm, RadioField, SelectField, TextField } from "@/components/ActionForm";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { formatDate as day } from "@/domain/dates";
import { ambitionReading, loadAmbition } from "@/server/repositories/steering";
import { describeComparison, formatWithUnit } from "@/domain/indicators";

export const metadata: Metadata = { title: "Tranches et crédits" };

const VERDICT_LABELS = { SATISFAISANTE: "mobilisation satisfaisante", INSUFFISANTE: "mobilisation insuffisante" } as const;

const reviewOpenFor = isRunning;

export default async function TranchesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/tranches`);
  const today = clock.today();
  const [{ facts, view }, steering] = await Promise.all([conventionForRender(access.conventionId), loadAmbition(access.conventionId)]);
  const arret = view.decisions.arret;
  const mayActOnArret = reviewOpenFor(view.situation.state) && can(access.actor, "avenant.record", access.parties) /* DINUM: the délégant tires the consequences */;
  const mayRelease = can(access.actor, "tranche.release", access.parties);
  const mayReview = can(access.actor, "review.record", access.parties);
  const reviewOpen = isRunning(view.situation.state);
  const trancheId = (t: { year: number; creditType: string; rank: number }) =>
    facts.tranches.find((row) => row.year === t.year && row.creditType === t.creditType && row.rank === t.rank)?.id;
  const base = `/conventions/${access.conventionId}`;

  return (
    <>
      <h1>Tranches et crédits</h1>
      <p>
        Le statut de chaque tranche est déduit de la signature, du bilan de mi-parcours, de l&apos;état de la convention et
        des déblocages enregistrés par la DINUM : il n&apos;est jamais saisi à la main.
      </p>

      {arret && (
        <Alert
          severity="warning"
          as="h2"
          title={`Le comité du ${day(arret.heldOn)} a décidé l'arrêt`}
          className={fr.cx("fr-mb-4w")}
          description={
            mayActOnArret ? (
              <>
                Aucune tranche ne peut être débloquée. La DINUM en tire les conséquences :{" "}
                <Link href={`${base}/vie?motif=${encodeURIComponent(`Arrêt de l'accélération décidé par le comité d'investissement du ${day(arret.heldOn)}.`)}#termination-form`}>
                  préparer le préavis de résiliation
                </Link>{" "}
                ou{" "}
                <Link href={`${base}/vie?objet=${encodeURIComponent(`Suite à l'arrêt décidé par le comité d'investissement du ${day(arret.heldOn)}.`)}#avenant-form`}>
                  préparer un avenant
                </Link>
                .
              </>
            ) : (
              "Aucune tranche ne peut être débloquée tant qu'un comité ultérieur n'a pas décidé la poursuite ; la DINUM en tire les conséquences (résiliation ou avenant)."
            )
          }
        />
      )}

      <h2>Tranches</h2>
      <Table
        caption="Tranches d'autorisations d'engagement (AE) et de crédits de paiement (CP)"
        headers={["Tranche", "Montant", "Statut", "Pourquoi", "Ce qui le ferait évoluer", ...(mayRelease ? ["Action"] : [])]}
        data={view.tranches.map((t) => {
          const id = trancheId(t);
          return [
            trancheName(t),
            <span key="m" style={{ whiteSpace: "nowrap" }}>{formatEuros(t.amountCents)}</span>,
            <TrancheStatusBadge key="s" status={t.status} />,
            t.reason,
            t.nextStep,
            ...(mayRelease
              ? [
                  canRelease(t.status) && id ? (
                    <Button key="a" size="small" linkProps={{ href: `${base}/tranches/${id}/deblocage` }} title={`Débloquer la t${trancheName(t).slice(1)}`}>
                      Débloquer…
                    </Button>
                  ) : (
                    <span key="a" className={fr.cx("fr-text--sm")}>—</span>
                  ),
                ]
              : []),
          ];
        })}
      />

      <h2>Bilan de mi-parcours</h2>
      {view.review ? (
        <p>
          Bilan en vigueur : bilan du {formatDate(view.review.reviewedOn)}
          {view.review.committeeHeldOn ? `, tenu au comité du ${formatDate(view.review.committeeHeldOn)}` : ""}, <strong>{VERDICT_LABELS[view.review.verdict]}</strong>{" "}
          (enregistré par {view.review.recordedByName}). {view.review.comments}
        </p>
      ) : (
        <p>
          Aucun bilan enregistré
          {view.dates.midTermReviewDueOn ? ` (attendu au plus tard le ${formatDate(view.dates.midTermReviewDueOn)})` : ""}.
        </p>
      )}
      {steering.ambition ? (
        <p>
          Ambition de lancement : {steering.ambition.indicatorName}, cible {formatWithUnit(steering.ambition.target, steering.ambition.unit)} au{" "}
          {formatDate(steering.ambition.targetOn)}.{" "}
          {(() => {
            const reading = ambitionReading(steering, today);
            return reading
              ? `Dernier résultat : ${formatWithUnit(reading.result, steering.ambition.unit)} au comité du ${formatDate(reading.heldOn)}, ${describeComparison(reading.comparison).toLowerCase()} de la cible.`
              : "Aucun résultat de la métrique phare enregistré à un comité.";
          })()}{" "}
          <Link href={`${base}/comites`}>Comités et indicateurs</Link>
        </p>
      ) : (
        <p>L&apos;ambition de lancement (métrique phare et cible) n&apos;est pas encore enregistrée par l&apos;intrapreneur.</p>
      )}
      {facts.reviews.length > 1 && (
        <Table
          caption="Bilans enregistrés (le plus récent fait foi ; les précédents restent à l'historique)"
          headers={["Date du bilan", "Constat", "Commentaires", "Enregistré par", "Enregistré le"]}
          data={[...facts.reviews].reverse().map((r) => [
            formatDate(r.reviewedOn),
            VERDICT_LABELS[r.verdict],
            r.comments,
            r.recordedByName,
            r.recordedAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" }),
          ])}
        />
      )}
      {mayReview && reviewOpen && (
        <section className={fr.cx("fr-p-3w", "fr-mb-4w")} style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby="review-form-title">
          <h3 id="review-form-title">{view.review ? "Enregistrer un nouveau bilan" : "Enregistrer le bilan de mi-parcours"}</h3>
          <p className={fr.cx("fr-text--sm")}>
            Un nouveau bilan ne remplace pas le précédent : il s&apos;ajoute à l&apos;historique et devient celui qui fait foi.
          </p>
          <ActionForm action={recordReviewAction} hidden={{ conventionId: access.conventionId }} submitLabel="Enregistrer le bilan">
            <TextField name="reviewedOn" label="Date du bilan" type="date" defaultValue={today} required />
            {steering.committees.length > 0 && (
              <SelectField
                name="committeeId"
                label="Tenu au comité d'investissement du (facultatif)"
                hint="Le bilan porte alors la date du comité et s'appuie sur ses indicateurs."
                options={[...steering.committees].reverse().map((c) => ({ value: c.id, label: formatDate(c.heldOn) }))}
              />
            )}
            <RadioField
              name="verdict"
              legend="Mobilisation de l'équipe"
              options={[
                { value: "SATISFAISANTE", label: "Satisfaisante", hint: "La seconde tranche devient débloquable." },
                { value: "INSUFFISANTE", label: "Insuffisante", hint: "La seconde tranche est bloquée." },
              ]}
            />
            <TextField name="comments" label="Commentaires" hint="Constats du bilan, tels que partagés avec l'équipe." textArea required />
          </ActionForm>
        </section>
      )}

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
