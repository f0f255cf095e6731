import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { ambitionReading, loadSteering } from "@/server/repositories/steering";
import { recordAmbitionAction } from "@/server/actions/steering";
import { hasEnded } from "@/domain/convention-state";
import { COMMITTEE_DUE_STATUS_LABELS, committeeSchedule, type CommitteeDueStatus } from "@/domain/schedule";
import { clock } from "@/server/clock";
import { describeComparison, formatWithUnit, IMPACT_LEVEL_LABELS, scaledToDecimalString } from "@/domain/indicators";
import { can } from "@/domain/permissions";
import { formatDate } from "@/components/format";
import { ActionForm, SelectField, TextField } from "@/components/ActionForm";
import { CostOfImpactTables } from "@/components/CostOfImpact";
import { DecisionBadge } from "@/components/DecisionBadge";

export const metadata: Metadata = { title: "Comités et indicateurs" };

const DUE_SEVERITY: Record<CommitteeDueStatus, "success" | "info" | "warning" | "error" | undefined> = {
  TENU: "success",
  TENU_EN_RETARD: "warning",
  EN_RETARD: "error",
  A_VENIR: "info",
  NON_TENU: undefined,
};

const attendance = (present: boolean | null, invited = true) => (!invited ? "Non invitée" : present === null ? "Non renseigné" : present ? "Présent" : "Absent");

export default async function CommitteesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/comites`);
  const today = clock.today();
  const [{ view }, steering] = await Promise.all([conventionForRender(access.conventionId), loadSteering(access.conventionId)]);
  const schedule = committeeSchedule({
    dueDates: view.dates.committeesDueOn,
    heldDates: steering.committees.map((c) => c.heldOn),
    today,
    ended: hasEnded(view.situation.state),
  });
  const mayRecord = can(access.actor, "committee.record", access.parties) && view.dates.signedOn !== null;
  const hasDemo = steering.committees.some((c) => c.isDemoData);
  const base = `/conventions/${access.conventionId}/comites`;
  const newestFirst = [...steering.committees].reverse();
  const { ambition } = steering;
  const reading = ambitionReading(steering, today);

  return (
    <>
      <h1>Comités et indicateurs</h1>
      <p>
        Tous les six mois, un comité d&apos;investissement présidé par le représentant du partenaire, la DINUM invitée, évalue
        les résultats et décide de la suite : poursuite, poursuite sous conditions, pivot ou arrêt. Ses décisions comptent pour le
        déblocage des tranches.
      </p>
      {hasDemo && (
        <Alert
          severity="info"
          small
          description="Les comités marqués « Démonstration » et leurs valeurs sont des données de démonstration : ils illustrent l'outil et ne rendent compte d'aucun comité réel."
          className={fr.cx("fr-mb-4w")}
        />
      )}

      <h2>Comités tenus</h2>
      {mayRecord && (
        <p>
          <Button linkProps={{ href: `${base}/nouveau` }} iconId="fr-icon-add-line">
            Enregistrer un comité
          </Button>
        </p>
      )}
      {newestFirst.length === 0 ? (
        <p>Aucun comité enregistré.</p>
      ) : (
        <Table
          caption="Comités d'investissement, du plus récent au plus ancien"
          headers={["Date", "Décision", "DINUM", "Sponsor", "Détail"]}
          data={newestFirst.map((c) => [
            <span key="d" style={{ whiteSpace: "nowrap" }}>
              {formatDate(c.heldOn)}{" "}
              {c.isDemoData && (
                <Badge as="span" small noIcon severity="new">
                  Démonstration
                </Badge>
              )}
            </span>,
            <DecisionBadge key="k" kind={c.decisionKind} />,
            c.dinumInvited ? (c.dinumAttended ? "Présente" : "Absente") : "Non invitée",
            attendance(c.sponsorAttended),
            <Link key="l" href={`${base}/${c.id}`}>
              Voir le comité du {formatDate(c.heldOn)}
            </Link>,
          ])}
        />
      )}

      <h2>Ambition de lancement</h2>
      {ambition ? (
        <dl className="suivi-dl">
          <dt>Métrique phare</dt>
          <dd>{ambition.indicatorName}</dd>
          <dt>Cible</dt>
          <dd>
            {formatWithUnit(ambition.target, ambition.unit)} au {formatDate(ambition.targetOn)}
          </dd>
          <dt>Ambition</dt>
          <dd>{ambition.statement}</dd>
          <dt>Où en est l&apos;équipe</dt>
          <dd>
            {reading
              ? `${formatWithUnit(reading.result, ambition.unit)} au comité du ${formatDate(reading.heldOn)} : ${describeComparison(reading.comparison).toLowerCase()} de la cible.`
              : "Aucun résultat de la métrique phare enregistré à un comité."}
          </dd>
          <dt>Fixée par</dt>
          <dd>
            {ambition.recordedByName}, le {formatDate(ambition.recordedOn)}
          </dd>
        </dl>
      ) : (
        <p>Aucune ambition enregistrée : l&apos;intrapreneur fixe au lancement la métrique phare et sa cible.</p>
      )}
      {mayRecord && steering.indicators.length > 0 && (
        <div className={fr.cx("fr-accordions-group", "fr-mb-4w")}>
          <Accordion label={ambition ? "Corriger l'ambition de lancement" : "Fixer l'ambition de lancement"} titleAs="h3">
            <ActionForm action={recordAmbitionAction} hidden={{ conventionId: access.conventionId }} submitLabel="Enregistrer l'ambition">
              <SelectField
                name="indicatorId"
                label="Métrique phare"
                hint="L'indicateur qui dit le mieux l'impact recherché."
                defaultValue={ambition?.indicatorId}
                options={steering.indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }))}
              />
              <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
                <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <TextField
                    name="target"
                    label="Cible"
                    hint="Dans l'unité de l'indicateur, par exemple 5 000."
                    inputMode="decimal"
                    defaultValue={ambition ? scaledToDecimalString(ambition.target).replace(".", ",") : undefined}
                    required
                  />
                </div>
                <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <TextField name="targetOn" label="À atteindre au" type="date" defaultValue={ambition?.targetOn ?? view.dates.endsOn} required />
                </div>
              </div>
              <TextField name="statement" label="L'ambition, telle que définie au séminaire de lancement" textArea defaultValue={ambition?.statement} required />
            </ActionForm>
          </Accordion>
        </div>
      )}
      {mayRecord && steering.indicators.length === 0 && <p className={fr.cx("fr-text--sm")}>Définissez d&apos;abord les indicateurs d&apos;impact pour choisir la métrique phare.</p>}

      <h2>Coût de l&apos;impact</h2>
      <CostOfImpactTables series={steering.costs} />

      <h2>Indicateurs d&apos;impact</h2>
      {steering.indicators.length === 0 ? (
        <p>Aucun indicateur défini pour le moment.</p>
      ) : (
        <Table
          caption="Indicateurs d'impact de l'équipe"
          headers={["Indicateur", "Matrice d'impact", "Visibilité", "Dernier résultat"]}
          data={steering.indicators.map((i) => {
            const last = i.series.findLast((r) => r.result !== null);
            return [
              `${i.name}${i.id === ambition?.indicatorId ? " (métrique phare)" : i.isUsageMeasure ? " (mesure d'usage)" : ""}`,
              IMPACT_LEVEL_LABELS[i.impactLevel],
              i.isPublic ? "Public" : "Réservé aux parties",
              last ? `${formatWithUnit(last.result, i.unit)} (${formatDate(last.heldOn)})` : "—",
            ];
          })}
        />
      )}
      <p>
        <Link href={`${base}/indicateurs`}>{mayRecord ? "Graphiques des indicateurs, ajout et modification" : "Graphiques et tableaux des indicateurs"}</Link>
      </p>

      <h2>Calendrier des comités</h2>
      {schedule.dues.length === 0 ? (
        <p>Aucune échéance semestrielle : la convention dure moins de six mois ou n&apos;est pas signée.</p>
      ) : (
        <Table
          caption="Échéances semestrielles des comités d'investissement"
          headers={["Échéance", "Statut", "Détail"]}
          data={schedule.dues.map((d) => [
            formatDate(d.dueOn),
            <Badge key="s" as="span" small severity={DUE_SEVERITY[d.status]} noIcon={DUE_SEVERITY[d.status] === undefined}>
              {COMMITTEE_DUE_STATUS_LABELS[d.status]}
            </Badge>,
            d.label,
          ])}
        />
      )}
      {schedule.extra.length > 0 && (
        <p className={fr.cx("fr-text--sm")}>
          Hors échéance semestrielle (comité de lancement ou supplémentaire) : {schedule.extra.map((d) => formatDate(d)).join(", ")}.
        </p>
      )}
    </>
  );
}
