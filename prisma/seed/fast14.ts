// FAST 14 | France Chaleur Urbaine, exactly as the signed convention states it
// (shared/seeds/000_08ebe254055c2c66.txt, checked against it by prisma/seed/seed.test.ts),
// plus a second, fictitious convention that proves separation between organisations.
// Pure data: no I/O. Amounts in cents.
import type { PartyRole } from "../../src/generated/prisma/enums";
import { FAST_DEFAULT_TRANCHES, FAST_LEGAL_BASIS, FAST_MARCHE, FAST_PROGRAMME } from "../../src/domain/fast-template";
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

export const LEGAL_BASIS = FAST_LEGAL_BASIS;

const CHORUS_FAST = {
  ...FAST_PROGRAMME,
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
  /** The days DINUM sent its copy to the CBCM and published it (article 7; demo dates), null: not published. */
  publication: { cbcmCopySentOn: string; publishedOn: string } | null;
  publicationUrl: string | null;
  dataGouvUrl: string | null;
  parties: Record<PartyRole, { org: OrganisationKey; designation: string }>;
  credits: { year: number; aeCents: bigint; cpCents: bigint }[];
  /** Two tranches of 50 %: at signature, then after the mid-term review. */
  tranches: { rank: number; shareBasisPoints: number; trigger: "SIGNATURE" | "MID_TERM_REVIEW" }[];
  /** The intrapreneur named by the partner (article 2); the text does not name FAST 14's. */
  intrapreneurName: string;
  /** The promotion the startup is a laureate of (its envelope and announcement are demo figures). */
  promotion: { name: string; envelopeCents: bigint; announcedOn: string };
  /** When DINUM drafted the convention and sent it for signature (demo dates; the text gives only the signature's). */
  story: { draftedOn: string; sentForSignatureOn: string };
}

const MARCHE = FAST_MARCHE;
const TWO_HALVES = [...FAST_DEFAULT_TRANCHES];

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
  publication: { cbcmCopySentOn: "2024-03-08", publishedOn: "2024-03-15" },
  publicationUrl: "https://www.gouvernement.fr/publications-officielles/delegations-de-gestion",
  dataGouvUrl: "https://www.data.gouv.fr/",
  parties: {
    DELEGANT: { org: "dinum", designation: "le délégant" },
    PARTENAIRE: { org: "drieat", designation: "le partenaire" },
    DELEGATAIRE: { org: "dnumMte", designation: "DNUM ministérielle, le délégataire" },
  },
  credits: [{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }],
  tranches: TWO_HALVES,
  intrapreneurName: "Alex Bernard (démo)",
  promotion: { name: "FAST 14", envelopeCents: 100_000_000n, announcedOn: "2024-01-25" },
  story: { draftedOn: "2024-02-01", sentForSignatureOn: "2024-02-15" },
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
    publication: null,
    publicationUrl: null,
    dataGouvUrl: null,
    parties: {
      DELEGANT: { org: "dinum", designation: "le délégant" },
      PARTENAIRE: { org: "ddtDemo", designation: "le partenaire" },
      DELEGATAIRE: { org: "sgDemo", designation: "le délégataire" },
    },
    credits: [{ year, aeCents: 8_000_000n, cpCents: 8_000_000n }],
    tranches: TWO_HALVES,
    intrapreneurName: "Lou Robert (démo)",
    promotion: { name: "FAST 16", envelopeCents: 80_000_000n, announcedOn: addDays(signedOn, -30) },
    story: { draftedOn: addDays(signedOn, -20), sentForSignatureOn: addDays(signedOn, -10) },
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
