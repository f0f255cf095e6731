import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { loadSteering } from "@/server/repositories/steering";
import { recordConditionsMetAction, recordMeasuresAction } from "@/server/actions/steering";
import { fastCommitmentWarnings, formatDays } from "@/domain/committees";
import { COMMITTEE_DECISION_LABELS, describeConditions } from "@/domain/committee-decisions";
import { isRunning } from "@/domain/convention-state";
import { describeComparison, formatWithUnit } from "@/domain/indicators";
import { COST_TREND_LABELS } from "@/domain/impact-cost";
import { can } from "@/domain/permissions";
import { clock } from "@/server/clock";
import { formatDate, formatEuros } from "@/components/format";
import { ActionForm, TextField } from "@/components/ActionForm";
import { DecisionBadge } from "@/components/DecisionBadge";
import { MeasureFields } from "../fields";

export const metadata: Metadata = { title: "Comité d'investissement" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERDICT_LABELS = { SATISFAISANTE: "mobilisation satisfaisante", INSUFFISANTE: "mobilisation insuffisante" } as const;

export default async function CommitteePage({ params, searchParams }: { params: Promise<{ id: string; committeeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id, committeeId } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/comites/${committeeId}`);
  if (!UUID.test(committeeId)) notFound();
  const [{ view }, steering, query] = await Promise.all([conventionForRender(access.conventionId), loadSteering(access.conventionId), searchParams]);
  const c = steering.committees.find((x) => x.id === committeeId);
  if (!c) notFound();
  const today = clock.today();
  const mayRecord = can(access.actor, "committee.record", access.parties);
  const mayActOnArret = isRunning(view.situation.state) && can(access.actor, "avenant.record", access.parties) /* DINUM: the délégant tires the consequences */;
  const base = `/conventions/${access.conventionId}`;
  const heldOn = formatDate(c.heldOn);
  const warnings = fastCommitmentWarnings(c);
  const openConditions = c.decisionKind === "POURSUITE_SOUS_CONDITIONS" && c.conditionsMetOn === null;
  const motive = `Arrêt de l'accélération décidé par le comité d'investissement du ${heldOn}.`;
  const indicatorRows = steering.indicators.flatMap((i) => {
    const row = i.series.find((r) => r.committeeId === c.id);
    return row && (row.result !== null || row.objective !== null) ? [{ indicator: i, row }] : [];
  });
  const costs = steering.costs.flatMap((s) => {
    const point = s.points.find((p) => p.committeeId === c.id);
    return point ? [{ series: s, point }] : [];
  });

  return (
    <>
      <p className={fr.cx("fr-mb-2w")}>
        <Link href={`${base}/comites`} className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
          Comités et indicateurs
        </Link>
      </p>
      <h1>
        Comité du {heldOn}{" "}
        {c.isDemoData && (
          <Badge as="span" small noIcon severity="new">
            Démonstration
          </Badge>
        )}
      </h1>
      {query.enregistre === "1" && <Alert severity="success" small description="Le comité d'investissement est enregistré." className={fr.cx("fr-mb-3w")} />}
      {c.decisionKind === "ARRET" && (
        <Alert
          severity="warning"
          as="h2"
          title={`Le comité du ${heldOn} a décidé l'arrêt`}
          className={fr.cx("fr-mb-3w")}
          description={
            <>
              <p>
                Aucune tranche ne peut plus être débloquée tant qu&apos;un comité ultérieur n&apos;a pas décidé la poursuite. La DINUM en tire les
                conséquences : résiliation de la convention, ou avenant ajustant sa durée et ses crédits.
              </p>
              {mayActOnArret ? (
                <ul>
                  <li>
                    <Link href={`${base}/vie?motif=${encodeURIComponent(motive)}#termination-form`}>Préparer le préavis de résiliation (motif pré-rempli)</Link>
                  </li>
                  <li>
                    <Link href={`${base}/vie?objet=${encodeURIComponent(`Suite à l'arrêt décidé par le comité d'investissement du ${heldOn}.`)}#avenant-form`}>
                      Préparer un avenant (objet pré-rempli)
                    </Link>
                  </li>
                  <li>
                    <Link href={`${base}/tranches`}>Voir les tranches bloquées</Link>
                  </li>
                </ul>
              ) : (
                <p>
                  <Link href={`${base}/tranches`}>Voir les tranches</Link>
                </p>
              )}
            </>
          }
        />
      )}

      <h2>Décision</h2>
      <dl className="suivi-dl">
        <dt>Décision</dt>
        <dd>
          <DecisionBadge kind={c.decisionKind} />
        </dd>
        <dt>Motifs</dt>
        <dd>{c.decision}</dd>
        {c.decisionKind === "POURSUITE_SOUS_CONDITIONS" && (
          <>
            <dt>Conditions</dt>
            <dd>{describeConditions(c)}</dd>
            <dt>Conditions remplies</dt>
            <dd>
              {c.conditionsMetOn
                ? `Oui, constaté le ${formatDate(c.conditionsMetOn)} : ${c.conditionsMetNote ?? ""}`
                : c.conditionsDueOn && c.conditionsDueOn < today
                  ? `Non constaté à la date prévue (${formatDate(c.conditionsDueOn)}) : les tranches restent bloquées.`
                  : "Pas encore constaté."}
            </dd>
          </>
        )}
        <dt>Orientations pour les six mois suivants</dt>
        <dd>{c.orientation}</dd>
        <dt>Budget demandé pour les six mois suivants</dt>
        <dd>
          {c.budgetAskedAeCents === null && c.budgetAskedCpCents === null
            ? "Non renseigné"
            : `AE : ${c.budgetAskedAeCents === null ? "non renseigné" : formatEuros(c.budgetAskedAeCents)} ; CP : ${c.budgetAskedCpCents === null ? "non renseigné" : formatEuros(c.budgetAskedCpCents)}`}
        </dd>
        <dt>Présidé par</dt>
        <dd>{c.chairedBy}</dd>
        <dt>DINUM</dt>
        <dd>{c.dinumInvited ? (c.dinumAttended ? "Invitée, présente" : "Invitée, absente") : "Non invitée"}</dd>
        <dt>Sponsor</dt>
        <dd>{c.sponsorAttended === null ? "Non renseigné" : c.sponsorAttended ? "Présent" : "Absent"}</dd>
        <dt>Compte rendu</dt>
        <dd>
          {c.minutesUrl ? (
            <a href={c.minutesUrl} target="_blank" rel="noopener noreferrer" title={`Compte rendu du comité du ${heldOn} — nouvelle fenêtre`}>
              Compte rendu du comité
            </a>
          ) : (
            "Non joint"
          )}
        </dd>
        <dt>Engagements FAST de l&apos;équipe</dt>
        <dd>
          Développement : {c.devDaysPerWeekTenths === null ? "non renseigné" : `${formatDays(c.devDaysPerWeekTenths)} par semaine`} (minimum 1 jour) ; déploiement :{" "}
          {c.deployDaysPerWeekTenths === null ? "non renseigné" : `${formatDays(c.deployDaysPerWeekTenths)} par semaine`} (minimum 2 jours).
        </dd>
        <dt>CP payés à la date du comité</dt>
        <dd>{formatEuros(c.cpPaidCents)}</dd>
        <dt>Enregistré par</dt>
        <dd>{c.recordedByName}</dd>
      </dl>
      {warnings.length > 0 && <Alert severity="warning" small description={warnings.join(" ")} className={fr.cx("fr-mb-2w")} />}

      {c.reviews.length > 0 && (
        <>
          <h2>Bilan de mi-parcours tenu à ce comité</h2>
          <ul>
            {c.reviews.map((r, i) => (
              <li key={i}>
                Bilan du {formatDate(r.reviewedOn)} : {VERDICT_LABELS[r.verdict]} (enregistré par {r.recordedByName}) ; il s&apos;appuie sur les indicateurs
                ci-dessous.
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Indicateurs présentés</h2>
      {indicatorRows.length === 0 ? (
        <p>Aucune valeur d&apos;indicateur enregistrée pour ce comité.</p>
      ) : (
        <Table
          caption={`Indicateurs d'impact présentés au comité du ${heldOn}`}
          headers={["Indicateur", "Résultat", "Au regard de l'objectif précédent", "Objectif à six mois"]}
          data={indicatorRows.map(({ indicator, row }) => [
            indicator.name,
            formatWithUnit(row.result, indicator.unit),
            row.comparison ? `${describeComparison(row.comparison)} (objectif : ${formatWithUnit(row.previousObjective, indicator.unit)})` : "—",
            formatWithUnit(row.objective, indicator.unit),
          ])}
        />
      )}

      <h2>Coût de l&apos;impact à ce comité</h2>
      {costs.length === 0 ? (
        <p>Aucune métrique phare ni mesure d&apos;usage.</p>
      ) : (
        <Table
          caption={`CP payés au ${heldOn} (${formatEuros(c.cpPaidCents)}) par unité de chaque métrique`}
          headers={["Métrique", "Résultat", "Coût par unité", "Évolution depuis le comité précédent"]}
          data={costs.map(({ series, point }) => [
            `${series.name}${series.lead ? " (métrique phare)" : ""}`,
            formatWithUnit(point.result, series.unit),
            point.costCents === null ? "Non calculable" : formatEuros(point.costCents),
            point.trend ? COST_TREND_LABELS[point.trend] : "—",
          ])}
        />
      )}

      {mayRecord && (
        <div className={fr.cx("fr-accordions-group", "fr-mb-4w")}>
          {openConditions && (
            <Accordion label="Constater que les conditions sont remplies" titleAs="h2">
              <ActionForm action={recordConditionsMetAction} hidden={{ conventionId: access.conventionId, committeeId: c.id }} submitLabel="Enregistrer le constat">
                <TextField name="metOn" label="Remplies le" type="date" defaultValue={today} required />
                <TextField name="note" label="Constat" hint="Ce qui montre que les conditions sont remplies." textArea required />
              </ActionForm>
            </Accordion>
          )}
          {steering.indicators.length > 0 && (
            <Accordion label={`Saisir ou corriger les valeurs du comité du ${heldOn}`} titleAs="h2">
              <ActionForm action={recordMeasuresAction} hidden={{ conventionId: access.conventionId, committeeId: c.id }} submitLabel="Enregistrer les valeurs">
                <p className={fr.cx("fr-text--sm")}>Un champ vidé efface la valeur ; chaque correction reste à l&apos;historique.</p>
                <MeasureFields indicators={steering.indicators} committeeId={c.id} />
              </ActionForm>
            </Accordion>
          )}
        </div>
      )}
      <p className={fr.cx("fr-text--sm")}>Décision : {c.decisionKind ? COMMITTEE_DECISION_LABELS[c.decisionKind] : "enregistrée en texte seul, avant que les décisions soient qualifiées"}.</p>
    </>
  );
}
