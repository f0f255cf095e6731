import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { loadSteering } from "@/server/repositories/steering";
import { recordCommitteeAction } from "@/server/actions/steering";
import { COMMITTEE_DECISIONS, COMMITTEE_DECISION_HINTS, COMMITTEE_DECISION_LABELS } from "@/domain/committee-decisions";
import { compareDates } from "@/domain/dates";
import { clock } from "@/server/clock";
import { formatDate } from "@/components/format";
import { ActionForm, RadioField, TextField } from "@/components/ActionForm";
import { MeasureFields, YES_NO } from "../fields";

export const metadata: Metadata = { title: "Enregistrer un comité d'investissement" };

/** A row of two aligned fields, stacked on a narrow screen. */
function Pair({ children }: { children: [React.ReactNode, React.ReactNode] }) {
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-6")}>{children[0]}</div>
      <div className={fr.cx("fr-col-12", "fr-col-md-6")}>{children[1]}</div>
    </div>
  );
}

export default async function NewCommitteePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("committee.record", id, `/conventions/${id}/comites/nouveau`);
  const today = clock.today();
  const [{ view, details }, steering] = await Promise.all([conventionForRender(access.conventionId), loadSteering(access.conventionId)]);
  const partner = details.parties.find((p) => p.role === "PARTENAIRE");
  const lastDay = compareDates(view.dates.endsOn, today) < 0 ? view.dates.endsOn : today;
  const back = `/conventions/${access.conventionId}/comites`;
  return (
    <>
      <p className={fr.cx("fr-mb-2w")}>
        <Link href={back} className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
          Comités et indicateurs
        </Link>
      </p>
      <h1>Enregistrer un comité d&apos;investissement</h1>
      {view.dates.signedOn === null ? (
        <p>La convention n&apos;est pas signée : aucun comité ne peut encore être enregistré.</p>
      ) : (
        <>
          <p className={fr.cx("fr-text--sm")}>
            Un comité est daté entre la signature ({formatDate(view.dates.signedOn)}) et la fin de la convention ({formatDate(view.dates.endsOn)}), au plus
            tard aujourd&apos;hui ; un seul comité par date. Les montants s&apos;écrivent en euros (par exemple 60 500,00), les valeurs en chiffres
            (par exemple 1 234,5) ; un champ laissé vide n&apos;a pas de valeur.
          </p>
          <ActionForm action={recordCommitteeAction} hidden={{ conventionId: access.conventionId }} submitLabel="Enregistrer le comité">
            <h2 className={fr.cx("fr-h4")}>Le comité</h2>
            <Pair>
              <TextField name="heldOn" label="Date du comité" type="date" defaultValue={lastDay === today ? today : undefined} required />
              <TextField name="chairedBy" label="Présidé par" defaultValue={partner ? `${partner.representativeName}, ${partner.representativeTitle}` : undefined} required />
            </Pair>
            <Pair>
              <RadioField name="dinumInvited" legend="La DINUM a-t-elle été invitée ?" options={YES_NO} />
              <RadioField name="dinumAttended" legend="La DINUM a-t-elle participé ?" options={YES_NO} />
            </Pair>
            <Pair>
              <RadioField name="sponsorAttended" legend="Le sponsor a-t-il participé ?" options={YES_NO} />
              <TextField name="minutesUrl" label="Lien vers le compte rendu (facultatif)" hint="Adresse commençant par https://" />
            </Pair>

            <h2 className={fr.cx("fr-h4")}>La décision</h2>
            <RadioField
              name="decisionKind"
              legend="Décision du comité"
              options={COMMITTEE_DECISIONS.map((d) => ({ value: d, label: COMMITTEE_DECISION_LABELS[d], hint: COMMITTEE_DECISION_HINTS[d] }))}
            />
            <Pair>
              <TextField name="conditions" label="Conditions (poursuite sous conditions)" hint="Ce que l'équipe doit avoir obtenu." textArea />
              <TextField name="conditionsDueOn" label="Date de vérification des conditions" hint="Au plus tôt le jour du comité." type="date" />
            </Pair>
            <TextField name="decision" label="Motifs de la décision" textArea required />
            <TextField name="orientation" label="Orientations pour les six prochains mois" textArea required />
            <Pair>
              <TextField name="budgetAskedAe" label="Budget demandé pour six mois, en AE (facultatif)" hint="En euros" inputMode="decimal" />
              <TextField name="budgetAskedCp" label="Budget demandé pour six mois, en CP (facultatif)" hint="En euros" inputMode="decimal" />
            </Pair>

            <h2 className={fr.cx("fr-h4")}>Engagements FAST de l&apos;équipe sur la période</h2>
            <p className={fr.cx("fr-hint-text")}>En jours par semaine, au dixième près. Minimum : 1 jour de développement et 2 jours de déploiement.</p>
            <Pair>
              <TextField name="devDaysPerWeek" label="Jours de développement par semaine" inputMode="decimal" />
              <TextField name="deployDaysPerWeek" label="Jours de déploiement par semaine" inputMode="decimal" />
            </Pair>

            <h2 className={fr.cx("fr-h4")}>Indicateurs d&apos;impact</h2>
            {steering.indicators.length > 0 ? (
              <MeasureFields indicators={steering.indicators} />
            ) : (
              <p className={fr.cx("fr-text--sm")}>
                Ajoutez d&apos;abord les indicateurs d&apos;impact de l&apos;équipe (<Link href={`${back}/indicateurs`}>indicateurs</Link>) pour en saisir les
                valeurs avec le comité.
              </p>
            )}
          </ActionForm>
        </>
      )}
    </>
  );
}
