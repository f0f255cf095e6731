// The FAST model convention (shared/seeds/000_08ebe254055c2c66.txt is FAST 14's signed text): what every new
// convention starts from — the obligations of articles 2 to 4 with the rule that dates each one, the default
// tranches (50 % at signature, 50 % after the mid-term review), the marché, the legal basis and the Chorus
// programme. The seed, the bench generator and the convention use cases all read it from here.
import type { Cents } from "./money";
import { addMonths, type IsoDate } from "./dates";
import type { PartyRole } from "./permissions";
import type { ObligationKind } from "./obligations";

/** When an obligation falls due, as the text says it: at signature, some months after, at the term. */
export type ObligationDueRule = { kind: "AT_SIGNATURE" } | { kind: "MONTHS_AFTER_SIGNATURE"; months: number } | { kind: "AT_END" };

export interface ObligationTemplate {
  code: string;
  article: string;
  owedBy: PartyRole;
  title: string;
  description: string;
  kind: ObligationKind;
  /** When the text gives a deadline; none: a continuous or recurring obligation without one. */
  due?: ObligationDueRule;
}

/**
 * The due date of an obligation: a rule counted from the signature has none while the convention is unsigned
 * (DINUM's signature date is the convention's); one at the term is the end date.
 */
export function obligationDueOn(rule: ObligationDueRule | undefined, c: { signedOn: IsoDate | null; endsOn: IsoDate }): IsoDate | null {
  if (!rule) return null;
  switch (rule.kind) {
    case "AT_SIGNATURE":
      return c.signedOn;
    case "MONTHS_AFTER_SIGNATURE":
      return c.signedOn === null ? null : addMonths(c.signedOn, rule.months);
    case "AT_END":
      return c.endsOn;
  }
}

/** "121 000 €" as the text writes a whole amount (plain spaces), "1 234,56 €" otherwise. */
export function wholeEuros(cents: Cents): string {
  const units = (cents < 0n ? -cents : cents) / 100n;
  const rest = (cents < 0n ? -cents : cents) % 100n;
  const grouped = units.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${cents < 0n ? "-" : ""}${grouped}${rest === 0n ? "" : `,${rest.toString().padStart(2, "0")}`} €`;
}

/** 5000 → "50 %", 3333 → "33,33 %". */
export function percentOf(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return `${whole}${rest === 0 ? "" : `,${String(rest).padStart(2, "0")}`} %`;
}

/** Every obligation of articles 2 to 4 of the FAST convention, attributed to the party that owes it. */
export function fastObligations(p: { startupName: string; coFinancingCents: Cents | null; trancheShares?: readonly [number, number] }): ObligationTemplate[] {
  const s = `« ${p.startupName} »`;
  const coFinancing = p.coFinancingCents === null ? "(montant à préciser)" : wholeEuros(p.coFinancingCents);
  const [first, second] = (p.trancheShares ?? [5000, 5000]).map(percentOf) as [string, string];
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
    { code: "COFINANCEMENT", article: "Art. 2 — Engagements du partenaire", owedBy: "PARTENAIRE", kind: "PONCTUELLE", due: { kind: "MONTHS_AFTER_SIGNATURE", months: 6 },
      title: `Engager une enveloppe de cofinancement de ${coFinancing}`,
      description: `Prévoir une enveloppe de cofinancement pour le service ${s} à hauteur de ${coFinancing} à engager dans les six mois suivant la signature de la convention.` },
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
    { code: "HABILITATIONS_CHORUS", article: "Art. 4 — Exécution financière", owedBy: "DELEGANT", kind: "PONCTUELLE", due: { kind: "AT_SIGNATURE" },
      title: "Demander le paramétrage des habilitations CHORUS dès la signature",
      description: "Procéder, dès la signature de la convention, aux demandes de paramétrage d'habilitations de CHORUS auprès de l'agence pour l'informatique financière de l'État." },
    { code: "MISE_A_DISPOSITION", article: "Art. 4 — Exécution financière", owedBy: "DELEGANT", kind: "RECURRENTE",
      title: "Mettre à disposition les crédits en deux tranches",
      description: `Mettre à disposition les montants maximums en AE et CP : ${first} dès la signature, les ${second} restants après le bilan de mi-parcours (fin avril), sous réserve de la bonne mobilisation de l'équipe lauréate.` },
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
    { code: "COMPTE_RENDU_TERME", article: "Art. 4 — Exécution financière", owedBy: "DELEGATAIRE", kind: "PONCTUELLE", due: { kind: "AT_END" },
      title: "Rendre compte au délégant au terme de la convention",
      description: "Au terme de la convention, rendre compte des dépenses réalisées et de l'avancement des travaux, et présenter les prévisions de commande et de consommation du budget." },
  ];
}

export const FAST_LEGAL_BASIS = [
  "Décret n° 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'État",
  "Décret n° 2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique",
  "Décret n° 2019-1088 du 25 octobre 2019 relatif au système d'information et de communication de l'État et à la direction interministérielle du numérique, notamment son article 6",
];

/** The marché every FAST délégataire orders on (article 4). */
export const FAST_MARCHE = "Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv";

/** The Chorus programme of the FAST fund and its label. */
export const FAST_PROGRAMME = { bop: "352", bopLabel: "Innovation et transformations numériques" } as const;

/** Two tranches of each year's AE and CP: 50 % at signature, the rest after the mid-term review. */
export const FAST_DEFAULT_TRANCHES = [
  { rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" },
  { rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" },
] as const satisfies readonly { rank: number; shareBasisPoints: number; trigger: "SIGNATURE" | "MID_TERM_REVIEW" }[];

/** The title of a FAST convention: "Convention de délégation de gestion FAST 14 | France Chaleur Urbaine". */
export function fastTitle(promotionName: string, startupName: string): string {
  return `Convention de délégation de gestion ${promotionName} | ${startupName}`;
}

/** The object of a FAST convention (article 1), for the startup named. */
export function fastPurpose(startupName: string): string {
  return `Définir la répartition des rôles et les modalités de participation financière du partenaire, du délégataire et du délégant (la DINUM) conformément aux décisions des appels à projets FAST au bénéfice du service numérique « ${startupName} ».`;
}
