// Demo data only (the signed text says nothing of it): FAST 14's investment committees and impact
// indicators, plausible for a heat-network service. Every committee is flagged isDemoData and every text
// says "données de démonstration". The second committee's results are read against the first's objectives.
// Values are decimal texts (exact), written to DECIMAL(20, 4) columns.
import type { CommitteeDecision } from "../../src/domain/committee-decisions";
import type { ImpactLevel } from "../../src/domain/indicators";

export interface DemoIndicator {
  key: string;
  name: string;
  unit: string;
  definition: string;
  impactLevel: ImpactLevel;
  isPublic: boolean;
  /** A usage measure: the cost of impact divides the CP paid by it. */
  usageMeasure: boolean;
}

export interface DemoCommittee {
  heldOn: string;
  chairedBy: string;
  dinumInvited: boolean;
  dinumAttended: boolean;
  sponsorAttended: boolean;
  decisionKind: CommitteeDecision;
  decision: string;
  conditions: string | null;
  conditionsDueOn: string | null;
  /** Budget asked for the next six months, in cents. */
  budgetAskedAeCents: bigint | null;
  budgetAskedCpCents: bigint | null;
  orientation: string;
  minutesUrl: string | null;
  devDaysPerWeekTenths: number;
  deployDaysPerWeekTenths: number;
  /** Per indicator key: result of the phase that ends, objective at six months. */
  measures: Record<string, { result: string | null; objective: string | null }>;
}

export const FAST14_DEMO_INDICATORS: DemoIndicator[] = [
  {
    key: "demandes",
    name: "Demandes de raccordement",
    unit: "demandes",
    definition: "Données de démonstration. Nombre cumulé de demandes de raccordement à un réseau de chaleur transmises aux gestionnaires de réseaux par le service.",
    impactLevel: "UTILISE",
    isPublic: true,
    usageMeasure: true,
  },
  {
    key: "raccordements",
    name: "Raccordements réalisés",
    unit: "bâtiments raccordés",
    definition: "Données de démonstration. Nombre cumulé de bâtiments effectivement raccordés à un réseau de chaleur à la suite d'une mise en relation par le service.",
    impactLevel: "IMPACT",
    isPublic: true,
    usageMeasure: false,
  },
  {
    key: "co2",
    name: "Tonnes de CO₂ évitées",
    unit: "t CO₂ par an",
    definition: "Données de démonstration. Émissions annuelles de CO₂ évitées par les raccordements réalisés, estimées à partir du mode de chauffage remplacé et du contenu carbone des réseaux.",
    impactLevel: "IMPACT",
    isPublic: true,
    usageMeasure: false,
  },
  {
    key: "delai",
    name: "Délai moyen de mise en relation",
    unit: "jours",
    definition: "Données de démonstration. Jours ouvrés entre une demande et le premier contact du gestionnaire de réseau ; indicateur de pilotage interne, non publié.",
    impactLevel: "UTILE",
    isPublic: false,
    usageMeasure: false,
  },
];

const CHAIR = "Emmanuelle Gay, directrice de la DRIEAT";

export const FAST14_DEMO_COMMITTEES: DemoCommittee[] = [
  {
    heldOn: "2024-03-14",
    chairedBy: CHAIR,
    dinumInvited: true,
    dinumAttended: true,
    sponsorAttended: true,
    decisionKind: "POURSUITE",
    conditions: null,
    conditionsDueOn: null,
    budgetAskedAeCents: 6_050_000n,
    budgetAskedCpCents: 6_050_000n,
    decision: "Données de démonstration. Comité de lancement de l'accélération : poursuite du service et priorité au déploiement auprès des collectivités d'Île-de-France.",
    orientation: "Données de démonstration. Doubler les demandes de raccordement, outiller les gestionnaires de réseaux pour accélérer les mises en relation.",
    minutesUrl: null,
    devDaysPerWeekTenths: 25,
    deployDaysPerWeekTenths: 20,
    measures: {
      demandes: { result: "1850", objective: "3500" },
      raccordements: { result: "95", objective: "220" },
      co2: { result: "2100", objective: "4500" },
      delai: { result: "21", objective: "10" },
    },
  },
  {
    heldOn: "2024-09-12",
    chairedBy: CHAIR,
    dinumInvited: true,
    dinumAttended: false,
    sponsorAttended: true,
    decisionKind: "POURSUITE",
    conditions: null,
    conditionsDueOn: null,
    budgetAskedAeCents: null,
    budgetAskedCpCents: null,
    decision: "Données de démonstration. Objectif de demandes dépassé ; les raccordements suivent avec retard (délais des travaux). Poursuite validée.",
    orientation: "Données de démonstration. Suivre les demandes jusqu'au raccordement, renforcer le déploiement (deux jours par semaine au moins).",
    minutesUrl: null,
    devDaysPerWeekTenths: 15,
    deployDaysPerWeekTenths: 15,
    measures: {
      demandes: { result: "3720", objective: "5500" },
      raccordements: { result: "160", objective: "300" },
      co2: { result: "2050.5", objective: "5000" },
      delai: { result: "12", objective: "8" },
    },
  },
];

/** The launch ambition the intrapreneur recorded at the launch committee: the lead metric and its target. */
export const FAST14_DEMO_AMBITION = {
  indicatorKey: "demandes",
  target: "5000",
  targetOn: "2024-12-31",
  statement:
    "Données de démonstration. Ambition du séminaire de lancement : 5 000 demandes de raccordement transmises aux gestionnaires de réseaux d'ici la fin de l'accélération.",
};

export interface DemoObligationUpdate {
  code: string;
  /** Which demo account declares it: the party that owes the obligation. */
  by: "pilote" | "intrapreneur";
  status: "A_FAIRE" | "EN_COURS" | "RESPECTEE" | "SANS_OBJET";
  evidenceUrl: string | null;
  note: string;
  evidenceOn: string | null;
}

/** A few follow-ups of FAST 14's register, each declared by the party that owes the obligation. */
export const FAST14_DEMO_OBLIGATION_UPDATES: DemoObligationUpdate[] = [
  { code: "INTRAPRENEUR", by: "intrapreneur", status: "RESPECTEE", evidenceUrl: null, note: "Données de démonstration. Intrapreneur nommé par décision de la directrice à la signature.", evidenceOn: "2024-02-29" },
  { code: "SPONSOR", by: "intrapreneur", status: "RESPECTEE", evidenceUrl: null, note: "Données de démonstration. Sponsor désigné : la directrice adjointe de la DRIEAT.", evidenceOn: "2024-03-14" },
  { code: "OPEN_SOURCE", by: "intrapreneur", status: "RESPECTEE", evidenceUrl: "https://github.com/betagouv/france-chaleur-urbaine", note: "Données de démonstration. Code source publié sous licence libre.", evidenceOn: "2024-03-14" },
  { code: "COFINANCEMENT", by: "intrapreneur", status: "EN_COURS", evidenceUrl: null, note: "Données de démonstration. Bon de commande en cours de signature.", evidenceOn: null },
  { code: "HABILITATIONS_CHORUS", by: "pilote", status: "RESPECTEE", evidenceUrl: null, note: "Données de démonstration. Demande d'habilitations transmise à l'AIFE.", evidenceOn: "2024-03-01" },
];
