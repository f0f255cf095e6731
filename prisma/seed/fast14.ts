// FAST 14 | France Chaleur Urbaine, exactly as the signed convention states it
// (shared/seeds/000_08ebe254055c2c66.txt, checked against it by prisma/seed/seed.test.ts),
// plus a second, fictitious convention that proves separation between organisations.
// Pure data: no I/O. Amounts in cents.
import type { ObligationKind, PartyRole } from "../../src/generated/prisma/enums";
import { addDays, addMonths, yearOf, type IsoDate } from "../../src/domain/dates";

export interface OrganisationSeed {
  slug: string;
  name: string;
  acronym: string;
  address: string;
  /** The party the organisation is in FAST conventions. */
  kind: PartyRole;
  sirets: string[];
  representative: { fullName: string; title: string };
}

export const ORGANISATIONS = {
  dinum: {
    slug: "dinum",
    name: "Direction interministérielle du numérique",
    acronym: "DINUM",
    address: "20 avenue de Ségur – TSA 30719 - 75334 PARIS Cedex 07",
    kind: "DELEGANT",
    sirets: [],
    representative: { fullName: "Stéphanie Schaer", title: "Directrice interministérielle du numérique" },
  },
  drieat: {
    slug: "drieat",
    name: "Direction régionale et interdépartementale de l'environnement, de l'aménagement et des transports",
    acronym: "DRIEAT",
    address: "Ponant 2, 27-29 rue Leblanc, 75015 Paris",
    kind: "PARTENAIRE",
    sirets: [],
    representative: { fullName: "Emmanuelle Gay", title: "Directrice" },
  },
  dnumMte: {
    slug: "dnum-mte",
    name: "Direction du Numérique du Ministère de la Transition Ecologique",
    acronym: "DNUM",
    address: "Grande Arche Paroi Sud La Défense 92800 PUTEAUX",
    kind: "DELEGATAIRE",
    sirets: [],
    representative: { fullName: "Arnaud Beaufort", title: "Directeur du numérique" },
  },
  // Fictitious organisations (demo only): names say so.
  ddtDemo: {
    slug: "ddt-demo",
    name: "Direction départementale des territoires de Démo-sur-Loire (fictive)",
    acronym: "DDT Démo",
    address: "1 place de la Démonstration, 00000 Démo-sur-Loire",
    kind: "PARTENAIRE",
    sirets: [],
    representative: { fullName: "Claude Exemple", title: "Directeur départemental (fictif)" },
  },
  sgDemo: {
    slug: "sg-demo",
    name: "Secrétariat général du ministère de la Démonstration (fictif)",
    acronym: "SG Démo",
    address: "2 rue de l'Exemple, 00000 Démo-Ville",
    kind: "DELEGATAIRE",
    sirets: [],
    representative: { fullName: "Dominique Modèle", title: "Secrétaire générale (fictive)" },
  },
} satisfies Record<string, OrganisationSeed>;

export type OrganisationKey = keyof typeof ORGANISATIONS;

export interface ObligationSeed {
  code: string;
  article: string;
  owedBy: PartyRole;
  title: string;
  description: string;
  kind: ObligationKind;
  /** Months after signature, when the text gives a deadline. */
  dueMonthsAfterSignature?: number;
  /** A fixed due date given by the text. */
  dueOn?: string;
  /** Due at signature. */
  dueAtSignature?: boolean;
}

/** Every obligation of articles 2 to 4 of the FAST convention, attributed to the party that owes it. */
export function fastObligations(p: { startupName: string; coFinancing: string; endsOn: string }): ObligationSeed[] {
  const s = `« ${p.startupName} »`;
  return [
    // Article 2 — partner
    { code: "MANIFESTE", article: "Art. 2 — Manifeste beta.gouv", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Adhérer au manifeste beta.gouv",
      description: "Le partenaire adhère au manifeste du programme beta.gouv (https://beta.gouv.fr/approche/manifeste)." },
    { code: "INTRAPRENEUR", article: "Art. 2 — Intrapreneur et sponsors", owedBy: "PARTENAIRE", kind: "PONCTUELLE",
      title: "Nommer un ou une intrapreneur",
      description: "Nommer un ou une agent public au rôle d'« intrapreneur » dans les conditions détaillées sur https://beta.gouv.fr/approche/intrapreneurs." },
    { code: "SPONSOR", article: "Art. 2 — Intrapreneur et sponsors", owedBy: "PARTENAIRE", kind: "PONCTUELLE",
      title: "Désigner un ou une sponsor de haut niveau",
      description: "Désigner une ou un « sponsor » de haut niveau dans les conditions détaillées sur https://beta.gouv.fr/approche/sponsors." },
    { code: "COMITES_INVESTISSEMENT", article: "Art. 2 — Comités d'investissement semestriels", owedBy: "PARTENAIRE", kind: "RECURRENTE",
      title: "Tenir un comité d'investissement tous les six mois et y inviter la DINUM",
      description: "Le comité d'investissement, organisé tous les six mois pour évaluer les résultats et décider de la suite, est présidé par le représentant du partenaire, qui s'engage à inviter la DINUM à y participer." },
    { code: "INDICATEURS_COMITE", article: "Art. 2 — Comités d'investissement semestriels", owedBy: "PARTENAIRE", kind: "RECURRENTE",
      title: "Présenter au comité les indicateurs chiffrés d'impact",
      description: "L'intrapreneur(e) et l'équipe présentent au minimum les indicateurs chiffrés retenus pour mesurer l'impact du produit : résultats de la phase qui s'achève et objectifs à 6 mois." },
    { code: "AUTONOMIE", article: "Art. 2 — Engagements du partenaire", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Laisser l'équipe expérimenter en autonomie",
      description: "Permettre à l'équipe du service qui accompagne la Startup lors du programme d'accélération d'expérimenter en autonomie différents leviers pour atteindre les objectifs d'impact fixés collectivement." },
    { code: "DISPONIBILITE", article: "Art. 2 — Engagements du partenaire", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Se tenir disponible pour lever les blocages",
      description: "Se tenir disponible à tout niveau hiérarchique pour accueillir les recommandations de l'équipe beta.gouv.fr et lever, dans la mesure du possible, les blocages éventuels qui freineraient l'amélioration et l'industrialisation du dispositif." },
    { code: "COFINANCEMENT", article: "Art. 2 — Engagements du partenaire", owedBy: "PARTENAIRE", kind: "PONCTUELLE", dueMonthsAfterSignature: 6,
      title: `Engager une enveloppe de cofinancement de ${p.coFinancing}`,
      description: `Prévoir une enveloppe de cofinancement pour le service ${s} à hauteur de ${p.coFinancing} à engager dans les six mois suivant la signature de la convention.` },
    { code: "SGPE", article: "Art. 2 — Engagements du partenaire", owedBy: "PARTENAIRE", kind: "PONCTUELLE",
      title: "Faire identifier le produit par le SGPE",
      description: "Veiller à ce que le produit soit identifié par le SGPE, chargé de la planification écologique, et appuyé dans son ambition de croissance." },
    { code: "MOBILISATION_EQUIPE", article: "Art. 2 — Engagements génériques liés au FAST", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Mobiliser l'équipe : 1 jour de développement et 2 jours de déploiement par semaine au minimum",
      description: `L'équipe ${s} participe aux ateliers de travail et met en place les actions recommandées par l'expert en accélération, soit un minimum de 1 jour par semaine de développeur et 2 jours par semaine de chargé(e) de déploiement sur la durée du programme d'accélération.` },
    { code: "TABLEAU_DE_BORD", article: "Art. 2 — Engagements génériques liés au FAST", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Mesurer l'impact dans un tableau de bord public",
      description: "Mesurer l'impact du produit dans un tableau de bord public servant au pilotage du service numérique." },
    { code: "QUALITE", article: "Art. 2 — Engagements génériques liés au FAST", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Respecter les standards de qualité du FAST",
      description: "Améliorer la qualité du produit en conformité avec les standards de qualité présentés dans les critères d'éligibilité au FAST (https://beta.gouv.fr/approche/fast)." },
    { code: "FICHE_PRODUIT", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Créer et tenir à jour la fiche produit sur beta.gouv.fr",
      description: "Créer et mettre à jour une fiche produit à chaque nouveau produit sur le site beta.gouv.fr." },
    { code: "OPEN_SOURCE", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Publier les codes sources en open source",
      description: "Publier les codes sources en open source conformément à la circulaire du Premier ministre 5608/SG du 19 septembre 2012 relative à l'usage des logiciels libres dans l'administration." },
    { code: "DONNEES_PERSONNELLES", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Protéger les données à caractère personnel",
      description: "Accorder une vigilance particulière, par l'ensemble des parties prenantes, au respect des règles de protection des données à caractère personnel." },
    { code: "PAGE_STATISTIQUES", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Publier une page de statistiques du service",
      description: "Mesurer et diffuser l'impact des services développés par l'intermédiaire d'une page internet présentant les statistiques du service." },
    { code: "ANALYSE_RISQUES", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "RECURRENTE",
      title: "Organiser régulièrement des ateliers d'analyse de risques",
      description: "Organiser régulièrement des ateliers d'analyse de risques en suivant la démarche recommandée par la DINUM et l'ANSSI (guide « sécurité numérique agile »)." },
    { code: "FRANCECONNECT", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "PONCTUELLE",
      title: "Intégrer FranceConnect si le service authentifie des usagers",
      description: "Pour les services nécessitant d'authentifier des usagers, prévoir l'intégration de FranceConnect (https://franceconnect.gouv.fr/partenaires/)." },
    { code: "OBSERVATOIRE_JDMA", article: "Art. 2 — Autres engagements", owedBy: "PARTENAIRE", kind: "CONTINUE",
      title: "Suivre l'observatoire des démarches en ligne et intégrer « Je donne mon avis »",
      description: "Suivre les recommandations de l'observatoire de la qualité des démarches en ligne (https://observatoire.numerique.gouv.fr/) ; pour les démarches en ligne, prévoir l'intégration du bouton « Je Donne Mon Avis »." },
    // Article 3 — DINUM
    { code: "COMMUNAUTE_BETA", article: "Art. 3 — Obligations de la DINUM", owedBy: "DELEGANT", kind: "CONTINUE",
      title: "Intégrer l'équipe à la communauté beta.gouv.fr",
      description: "Accès aux outils partagés, aux ateliers de partage d'expérience, aux formations et au réseau beta.gouv.fr pour le recrutement de profils experts du numérique." },
    { code: "OFFRE_TRANSVERSE", article: "Art. 3 — Obligations de la DINUM", owedBy: "DELEGANT", kind: "CONTINUE",
      title: "Donner accès à l'offre de service transverse",
      description: "Aide juridique ponctuelle, expertise en matière de sécurité, d'accessibilité, d'expérience utilisateur, accompagnement à l'accélération, à la pérennisation ou au transfert des produits (https://doc.incubateur.net/)." },
    { code: "COACHING", article: "Art. 3 — Obligations de la DINUM", owedBy: "DELEGANT", kind: "CONTINUE",
      title: "Accompagner le service par le marché de coaching",
      description: "La DINUM utilise le marché « Accompagnement de la DINUM à l'animation d'incubateurs de services publics numériques » pour accompagner, mettre en œuvre et garantir l'amélioration continue du service." },
    { code: "ACCOMPAGNEMENT_FAST", article: "Art. 3 — Obligations de la DINUM", owedBy: "DELEGANT", kind: "CONTINUE",
      title: "Accompagner l'équipe lauréate dans le programme d'accélération",
      description: "La DINUM fournit un accompagnement à l'équipe lauréate du FAST dans le cadre du programme d'accélération." },
    // Article 4 — financial execution
    { code: "HABILITATIONS_CHORUS", article: "Art. 4 — Exécution financière", owedBy: "DELEGANT", kind: "PONCTUELLE", dueAtSignature: true,
      title: "Demander le paramétrage des habilitations CHORUS dès la signature",
      description: "Procéder, dès la signature de la convention, aux demandes de paramétrage d'habilitations de CHORUS auprès de l'agence pour l'informatique financière de l'État." },
    { code: "MISE_A_DISPOSITION", article: "Art. 4 — Exécution financière", owedBy: "DELEGANT", kind: "RECURRENTE",
      title: "Mettre à disposition les crédits en deux tranches",
      description: "Mettre à disposition les montants maximums en AE et CP : 50 % dès la signature, les 50 % restants après le bilan de mi-parcours (fin avril), sous réserve de la bonne mobilisation de l'équipe lauréate." },
    { code: "ACTES_DE_GESTION", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "CONTINUE",
      title: "Assurer les actes de gestion dans le respect des règles budgétaires et comptables",
      description: "Le délégataire assure les actes de gestion permettant de consommer les AE et les CP, hors titre 2, de l'UO, en utilisant le marché interministériel « Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv »." },
    { code: "SAISIE_CHORUS", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "CONTINUE",
      title: "Retranscrire les opérations de dépenses dans CHORUS",
      description: "Retranscrire les opérations de dépenses dans CHORUS, en lien avec le centre de services partagés financiers des services du Premier ministre." },
    { code: "PLAFOND_ALLOUE", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "CONTINUE",
      title: "Ne pas engager au-delà du montant alloué",
      description: "La somme des crédits engagés par le délégataire ne peut dépasser la limite du montant alloué par le délégant." },
    { code: "CREDITS_INSUFFISANTS", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "CONTINUE",
      title: "Informer sans délai en cas d'insuffisance des crédits, suspendre à défaut d'ajustement",
      description: "En cas d'insuffisance des crédits, le délégataire informe le délégant sans délai. À défaut d'ajustement de la dotation, il suspend l'exécution de la délégation." },
    { code: "CREDITS_NON_CONSOMMES", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "CONTINUE",
      title: "Informer si les crédits ne seront pas entièrement consommés",
      description: "Si les crédits mis à disposition ne sont pas entièrement consommés, le délégataire en informe le délégant dans les meilleurs délais." },
    { code: "COMPTE_RENDU_TERME", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "PONCTUELLE", dueOn: p.endsOn,
      title: "Rendre compte au délégant au terme de la convention",
      description: "Au terme de la convention, rendre compte des dépenses réalisées et de l'avancement des travaux, et présenter les prévisions de commande et de consommation du budget." },
  ];
}

export const LEGAL_BASIS = [
  "Décret n° 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'État",
  "Décret n° 2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique",
  "Décret n° 2019-1088 du 25 octobre 2019 relatif au système d'information et de communication de l'État et à la direction interministérielle du numérique, notamment son article 6",
];

const CHORUS_FAST = {
  bop: "352",
  bopLabel: "Innovation et transformations numériques",
  domaineFonctionnel: "0352-01",
  centreFinancier: "0352-CFSE-CFIN",
  activite: "035200010101",
  centreDeCout: "SGDFNUM092",
};

export interface ConventionSeed {
  reference: string;
  title: string;
  fastCall: string;
  startupName: string;
  startupSlug: string;
  fastFundingCents: bigint;
  signedOn: string;
  signedAt: string;
  endsOn: string;
  purpose: string;
  marche: string;
  bop: string;
  bopLabel: string;
  domaineFonctionnel: string;
  centreFinancier: string;
  activite: string;
  centreDeCout: string;
  comptableAssignataire: string;
  midTermReviewDueOn: string;
  coFinancingCents: bigint;
  coFinancingDueMonths: number;
  published: boolean;
  publicationUrl: string | null;
  dataGouvUrl: string | null;
  parties: Record<PartyRole, { org: OrganisationKey; designation: string }>;
  credits: { year: number; aeCents: bigint; cpCents: bigint }[];
  /** Two tranches of 50 %: at signature, then after the mid-term review. */
  tranches: { rank: number; shareBasisPoints: number; trigger: "SIGNATURE" | "MID_TERM_REVIEW" }[];
  obligations: ObligationSeed[];
}

const MARCHE = "Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv";
const TWO_HALVES = [
  { rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" as const },
  { rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" as const },
];

export const FAST14: ConventionSeed = {
  reference: "FAST14-FCU",
  title: "Convention de délégation de gestion FAST 14 | France Chaleur Urbaine",
  fastCall: "FAST 14",
  startupName: "France Chaleur Urbaine",
  startupSlug: "france-chaleur-urbaine",
  fastFundingCents: 12_100_000n,
  signedOn: "2024-02-29",
  signedAt: "Paris",
  endsOn: "2024-12-31",
  purpose:
    "Définir la répartition des rôles et les modalités de participation financière du partenaire, du délégataire et du délégant (la DINUM) conformément aux décisions des appels à projets FAST au bénéfice du service numérique « France Chaleur Urbaine ».",
  marche: MARCHE,
  ...CHORUS_FAST,
  comptableAssignataire: "CBCM du délégataire (ministère de la Transition écologique)",
  midTermReviewDueOn: "2024-04-30",
  coFinancingCents: 12_100_000n,
  coFinancingDueMonths: 6,
  published: true,
  publicationUrl: "https://www.gouvernement.fr/publications-officielles/delegations-de-gestion",
  dataGouvUrl: "https://www.data.gouv.fr/",
  parties: {
    DELEGANT: { org: "dinum", designation: "le délégant" },
    PARTENAIRE: { org: "drieat", designation: "le partenaire" },
    DELEGATAIRE: { org: "dnumMte", designation: "DNUM ministérielle, le délégataire" },
  },
  credits: [{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }],
  tranches: TWO_HALVES,
  obligations: fastObligations({ startupName: "France Chaleur Urbaine", coFinancing: "121 000 €", endsOn: "2024-12-31" }),
};

/**
 * The fictitious convention is dated from the day the demo is loaded, so that it is always in force: signed
 * eight months ago, ending in four, its mid-term review two months overdue. Only FAST 14 states a real text.
 */
export function demoFictive(today: IsoDate): ConventionSeed {
  const signedOn = addMonths(today, -8);
  const endsOn = addMonths(today, 4);
  const year = yearOf(signedOn);
  return {
    reference: "FAST16-DEMO",
    title: "Convention de délégation de gestion FAST 16 | Signalement Démo (fictive)",
    fastCall: "FAST 16",
    startupName: "Signalement Démo (fictive)",
    startupSlug: "signalement-demo",
    fastFundingCents: 8_000_000n,
    signedOn,
    signedAt: "Paris",
    endsOn,
    purpose: "Convention fictive de démonstration : elle prouve que chaque organisation ne voit que ses conventions.",
    marche: MARCHE,
    ...CHORUS_FAST,
    activite: "035200010199",
    comptableAssignataire: "CBCM du délégataire (fictif)",
    midTermReviewDueOn: addMonths(signedOn, 2),
    coFinancingCents: 8_000_000n,
    coFinancingDueMonths: 6,
    published: false,
    publicationUrl: null,
    dataGouvUrl: null,
    parties: {
      DELEGANT: { org: "dinum", designation: "le délégant" },
      PARTENAIRE: { org: "ddtDemo", designation: "le partenaire" },
      DELEGATAIRE: { org: "sgDemo", designation: "le délégataire" },
    },
    credits: [{ year, aeCents: 8_000_000n, cpCents: 8_000_000n }],
    tranches: TWO_HALVES,
    obligations: fastObligations({ startupName: "Signalement Démo", coFinancing: "80 000 €", endsOn }),
  };
}

/**
 * What happened after signature, for the demo only (the signed text says nothing of it): releases and
 * mid-term reviews recorded by the DINUM demo account, through the audit trail like any other write.
 */
export type DemoHistory = { releases: { rank: number; releasedOn: string }[]; review?: { reviewedOn: string; verdict: "SATISFAISANTE" | "INSUFFISANTE"; comments: string } };

export const FAST14_DEMO_HISTORY: DemoHistory = {
  releases: [
    { rank: 1, releasedOn: "2024-03-04" },
    { rank: 2, releasedOn: "2024-05-13" },
  ],
  review: {
    reviewedOn: "2024-04-25",
    verdict: "SATISFAISANTE",
    comments:
      "Données de démonstration. Équipe mobilisée conformément à l'ambition fixée au séminaire de lancement : déploiement engagé auprès des collectivités, indicateurs d'impact suivis.",
  },
};

/** The fictitious convention is in force: T1 released four days after signature, mid-term review late. */
export function demoFictiveHistory(fictive: ConventionSeed): DemoHistory {
  return { releases: [{ rank: 1, releasedOn: addDays(fictive.signedOn, 4) }] };
}

/** The shared password of every demo account, printed at start and written in the README. */
export const DEMO_PASSWORD = "SuiviFast-demo-2024";

export const DEMO_USERS = [
  { email: "pilote@dinum.example.fr", fullName: "Camille Martin (démo)", role: "PILOTE_FAST", org: "dinum", label: "DINUM — pilote FAST (revue, déblocage des tranches)" },
  { email: "intrapreneur@drieat.example.fr", fullName: "Alex Bernard (démo)", role: "INTRAPRENEUR", org: "drieat", label: "DRIEAT — intrapreneur France Chaleur Urbaine" },
  { email: "gestionnaire@dnum-mte.example.fr", fullName: "Sacha Petit (démo)", role: "GESTIONNAIRE", org: "dnumMte", label: "DNUM (MTE) — gestionnaire budgétaire, délégataire" },
  { email: "intrapreneur@ddt-demo.example.fr", fullName: "Lou Robert (démo)", role: "INTRAPRENEUR", org: "ddtDemo", label: "DDT Démo (fictive) — intrapreneur d'une autre convention" },
  { email: "gestionnaire@sg-demo.example.fr", fullName: "Eden Moreau (démo)", role: "GESTIONNAIRE", org: "sgDemo", label: "SG Démo (fictif) — gestionnaire, délégataire de la convention fictive en vigueur" },
  { email: "admin@suivi-fast.example.fr", fullName: "Noa Admin (démo)", role: "ADMIN", org: "dinum", label: "Administrateur de la plateforme" },
] as const;
