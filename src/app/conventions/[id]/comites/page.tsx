import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { loadSteering, type IndicatorRecord } from "@/server/repositories/steering";
import { getConventionDetails } from "@/server/repositories/conventions";
import { defineIndicatorAction, recordCommitteeAction, recordMeasuresAction, updateIndicatorAction } from "@/server/actions/steering";
import { hasEnded } from "@/domain/convention-state";
import { fastCommitmentWarnings, formatDays } from "@/domain/committees";
import { COMMITTEE_DUE_STATUS_LABELS, committeeSchedule, type CommitteeDueStatus } from "@/domain/schedule";
import { compareDates } from "@/domain/dates";
import { clock } from "@/server/clock";
import { IMPACT_LEVELS, IMPACT_LEVEL_HINTS, IMPACT_LEVEL_LABELS, formatWithUnit, scaledToDecimalString } from "@/domain/indicators";
import { can } from "@/domain/permissions";
import { formatDate } from "@/components/format";
import { ActionForm, RadioField, SelectField, TextField } from "@/components/ActionForm";
import { IndicatorPanel } from "@/components/IndicatorPanel";
import { FormPanel } from "@/components/FormPanel";

export const metadata: Metadata = { title: "Comités et indicateurs" };

const DUE_SEVERITY: Record<CommitteeDueStatus, "success" | "info" | "warning" | "error" | undefined> = {
  TENU: "success",
  TENU_EN_RETARD: "warning",
  EN_RETARD: "error",
  A_VENIR: "info",
  NON_TENU: undefined,
};

const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];

function IndicatorFields({ indicator }: { indicator?: IndicatorRecord }) {
  // Defaults of an edit form: the values in force (ActionForm keeps them after a refusal).
  return (
    <>
      <TextField name="name" label="Nom de l'indicateur" defaultValue={indicator?.name} required />
      <TextField name="unit" label="Unité" hint="Ce que l'on compte : « demandes », « t CO₂ par an », « jours »…" defaultValue={indicator?.unit} required />
      <TextField name="definition" label="Définition" hint="Comment la valeur est mesurée, sur quel périmètre." defaultValue={indicator?.definition} textArea required />
      <SelectField
        name="impactLevel"
        label="Place dans la matrice d'impact beta.gouv"
        options={IMPACT_LEVELS.map((level) => ({ value: level, label: `${IMPACT_LEVEL_LABELS[level]} — ${IMPACT_LEVEL_HINTS[level]}` }))}
      />
      <RadioField
        name="visibility"
        legend="Visibilité"
        options={[
          { value: "public", label: "Public", hint: "Publié sur le tableau de bord public de la startup et dans ses statistiques ouvertes." },
          { value: "prive", label: "Réservé aux parties", hint: "Visible des seules parties à la convention." },
        ]}
      />
    </>
  );
}

/** Result and objective of each indicator, with the objective the previous committee set as a reminder. */
function MeasureFields({ indicators, committeeId }: { indicators: IndicatorRecord[]; committeeId?: string }) {
  return (
    <>
      {indicators.map((indicator) => {
        const row = committeeId ? indicator.series.find((r) => r.committeeId === committeeId) : undefined;
        const previous = committeeId ? row?.previousObjective : indicator.series.findLast((r) => r.result !== null || r.objective !== null)?.objective;
        return (
          <fieldset key={indicator.id} className={fr.cx("fr-fieldset")}>
            <legend className={fr.cx("fr-fieldset__legend")}>
              {indicator.name} ({indicator.unit})
              {previous != null && <span className={fr.cx("fr-hint-text")}>Objectif fixé au comité précédent : {formatWithUnit(previous, indicator.unit)}</span>}
            </legend>
            <div className={fr.cx("fr-fieldset__element")}>
              <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
                <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <TextField
                    name={`result-${indicator.id}`}
                    label="Résultat de la phase qui s'achève"
                    hint={`En ${indicator.unit}`}
                    inputMode="decimal"
                    defaultValue={row?.result != null ? scaledToDecimalString(row.result).replace(".", ",") : undefined}
                  />
                </div>
                <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                  <TextField
                    name={`objective-${indicator.id}`}
                    label="Objectif à six mois"
                    hint={`En ${indicator.unit}`}
                    inputMode="decimal"
                    defaultValue={row?.objective != null ? scaledToDecimalString(row.objective).replace(".", ",") : undefined}
                  />
                </div>
              </div>
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

export default async function CommitteesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/comites`);
  const today = clock.today();
  const [{ view }, steering, overview] = await Promise.all([
    conventionForRender(access.conventionId),
    loadSteering(access.conventionId),
    getConventionDetails(access.conventionId),
  ]);
  const schedule = committeeSchedule({
    dueDates: view.dates.committeesDueOn,
    heldDates: steering.committees.map((c) => c.heldOn),
    today,
    ended: hasEnded(view.situation.state),
  });
  const mayRecord = can(access.actor, "committee.record", access.parties) && view.dates.signedOn !== null;
  const partner = overview.parties.find((p) => p.role === "PARTENAIRE");
  const hasDemo = steering.committees.some((c) => c.isDemoData);
  const lastDay = compareDates(view.dates.endsOn, today) < 0 ? view.dates.endsOn : today;
  const hidden = { conventionId: access.conventionId };
  const newestFirst = [...steering.committees].reverse();

  return (
    <>
      <h1>Comités et indicateurs</h1>
      <p>
        Tous les six mois, un comité d&apos;investissement présidé par le représentant du partenaire, la DINUM invitée, évalue
        les résultats et décide de la suite. L&apos;équipe y présente ses indicateurs d&apos;impact : le résultat de la phase qui
        s&apos;achève et l&apos;objectif à six mois. Le comité suivant lit son résultat au regard de cet objectif.
      </p>
      {hasDemo && (
        <Alert
          severity="info"
          small
          description="Les comités marqués « Démonstration » et leurs valeurs sont des données de démonstration : ils illustrent l'outil et ne rendent compte d'aucun comité réel."
          className={fr.cx("fr-mb-4w")}
        />
      )}

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

      <h2>Indicateurs d&apos;impact</h2>
      {steering.indicators.length === 0 ? (
        <p>Aucun indicateur défini pour le moment.</p>
      ) : (
        steering.indicators.map((indicator) => (
          <IndicatorPanel
            key={indicator.id}
            headingLevel="h3"
            name={indicator.name}
            unit={indicator.unit}
            definition={indicator.definition}
            impactLevel={indicator.impactLevel}
            visibility={indicator.isPublic ? "public" : "prive"}
            series={indicator.series}
          />
        ))
      )}
      {mayRecord && (
        <>
          <FormPanel id="indicator-form" title="Ajouter un indicateur">
            <ActionForm action={defineIndicatorAction} hidden={hidden} submitLabel="Ajouter l'indicateur">
              <IndicatorFields />
            </ActionForm>
          </FormPanel>
          {steering.indicators.length > 0 && (
            <div className={fr.cx("fr-accordions-group", "fr-mb-4w")}>
              {steering.indicators.map((indicator) => (
                <Accordion key={indicator.id} label={`Modifier l'indicateur « ${indicator.name} »`} titleAs="h3">
                  <ActionForm action={updateIndicatorAction} hidden={{ ...hidden, indicatorId: indicator.id }} submitLabel="Enregistrer l'indicateur">
                    <IndicatorFields indicator={indicator} />
                  </ActionForm>
                </Accordion>
              ))}
            </div>
          )}
        </>
      )}

      <h2>Comités tenus</h2>
      {newestFirst.length === 0 ? (
        <p>Aucun comité enregistré.</p>
      ) : (
        newestFirst.map((c) => {
          const warnings = fastCommitmentWarnings(c);
          return (
            <section key={c.id} className={fr.cx("fr-mb-4w")} aria-labelledby={`comite-${c.id}`}>
              <h3 id={`comite-${c.id}`}>
                Comité du {formatDate(c.heldOn)}{" "}
                {c.isDemoData && (
                  <Badge as="span" small noIcon severity="new">
                    Démonstration
                  </Badge>
                )}
              </h3>
              <dl className="suivi-dl">
                <dt>Présidé par</dt>
                <dd>{c.chairedBy}</dd>
                <dt>DINUM</dt>
                <dd>{c.dinumInvited ? (c.dinumAttended ? "Invitée, présente" : "Invitée, absente") : "Non invitée"}</dd>
                <dt>Décision</dt>
                <dd>{c.decision}</dd>
                <dt>Orientations pour les six mois suivants</dt>
                <dd>{c.orientation}</dd>
                <dt>Compte rendu</dt>
                <dd>
                  {c.minutesUrl ? (
                    <a href={c.minutesUrl} target="_blank" rel="noopener noreferrer" title={`Compte rendu du comité du ${formatDate(c.heldOn)} — nouvelle fenêtre`}>
                      Compte rendu du comité
                    </a>
                  ) : (
                    "Non joint"
                  )}
                </dd>
                <dt>Engagements FAST de l&apos;équipe</dt>
                <dd>
                  Développement : {c.devDaysPerWeekTenths === null ? "non renseigné" : `${formatDays(c.devDaysPerWeekTenths)} par semaine`} (minimum 1 jour) ;
                  déploiement : {c.deployDaysPerWeekTenths === null ? "non renseigné" : `${formatDays(c.deployDaysPerWeekTenths)} par semaine`} (minimum 2 jours).
                </dd>
                <dt>Enregistré par</dt>
                <dd>{c.recordedByName}</dd>
              </dl>
              {warnings.length > 0 && <Alert severity="warning" small description={warnings.join(" ")} className={fr.cx("fr-mb-2w")} />}
              {mayRecord && steering.indicators.length > 0 && (
                <Accordion label={`Saisir ou corriger les valeurs du comité du ${formatDate(c.heldOn)}`} titleAs="h4">
                  <ActionForm action={recordMeasuresAction} hidden={{ ...hidden, committeeId: c.id }} submitLabel="Enregistrer les valeurs">
                    <p className={fr.cx("fr-text--sm")}>Un champ vidé efface la valeur ; chaque correction reste à l&apos;historique.</p>
                    <MeasureFields indicators={steering.indicators} committeeId={c.id} />
                  </ActionForm>
                </Accordion>
              )}
            </section>
          );
        })
      )}

      {mayRecord && (
        <FormPanel id="committee-form" title="Enregistrer un comité d'investissement">
          <p className={fr.cx("fr-text--sm")}>
            Un comité est daté entre la signature ({view.dates.signedOn ? formatDate(view.dates.signedOn) : "—"}) et la fin de la convention (
            {formatDate(view.dates.endsOn)}), au plus tard aujourd&apos;hui ; un seul comité par date. Les valeurs s&apos;écrivent en chiffres
            (par exemple 1 234,5) ; un champ laissé vide n&apos;a pas de valeur.
          </p>
          <ActionForm action={recordCommitteeAction} hidden={hidden} submitLabel="Enregistrer le comité">
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="heldOn" label="Date du comité" type="date" defaultValue={lastDay === today ? today : undefined} required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField
                  name="chairedBy"
                  label="Présidé par"
                  defaultValue={partner ? `${partner.representativeName}, ${partner.representativeTitle}` : undefined}
                  required
                />
              </div>
            </div>
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <RadioField name="dinumInvited" legend="La DINUM a-t-elle été invitée ?" options={YES_NO} />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <RadioField name="dinumAttended" legend="La DINUM a-t-elle participé ?" options={YES_NO} />
              </div>
            </div>
            <TextField name="decision" label="Décision" textArea required />
            <TextField name="orientation" label="Orientations pour les six prochains mois" textArea required />
            <TextField name="minutesUrl" label="Lien vers le compte rendu ou le support (facultatif)" hint="Adresse commençant par https://" />
            <fieldset className={fr.cx("fr-fieldset")}>
              <legend className={fr.cx("fr-fieldset__legend")}>
                Engagements FAST de l&apos;équipe sur la période
                <span className={fr.cx("fr-hint-text")}>En jours par semaine, au dixième près. Minimum : 1 jour de développement et 2 jours de déploiement.</span>
              </legend>
              <div className={fr.cx("fr-fieldset__element")}>
                <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
                  <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                    <TextField name="devDaysPerWeek" label="Jours de développement par semaine" inputMode="decimal" />
                  </div>
                  <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                    <TextField name="deployDaysPerWeek" label="Jours de déploiement par semaine" inputMode="decimal" />
                  </div>
                </div>
              </div>
            </fieldset>
            {steering.indicators.length > 0 ? (
              <>
                <h4>Indicateurs d&apos;impact</h4>
                <MeasureFields indicators={steering.indicators} />
              </>
            ) : (
              <p className={fr.cx("fr-text--sm")}>Ajoutez d&apos;abord les indicateurs d&apos;impact de l&apos;équipe pour en saisir les valeurs avec le comité.</p>
            )}
          </ActionForm>
        </FormPanel>
      )}
    </>
  );
}
