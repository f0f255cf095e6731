// A realistic FAST portfolio at volume, for the benchmark (issue 6): N conventions (1 000 by default), each
// with its three parties (DINUM and a few partner and délégataire organisations reused across conventions),
// credits for one or two years, two AE and two CP tranches per year with their releases for most, a
// mid-term review (sometimes corrected), 2–4 investment committees measuring 5 indicators, 20 obligations
// with some follow-ups, and 200 expenditure lines: EJ movements (initial, increase, reduction), services
// faits and payment requests (a few reversed), all within the convention's ceilings (AE engaged ≤ AE made
// available per year, CP paid ≤ CP made available, paid ≤ engaged per EJ). A few conventions are amended,
// suspended, terminated or closed, so that every state shows up.
//
// Deterministic: a seeded PRNG per convention (mulberry32, no Math.random) and a fixed anchor date (facts
// are dated on or before it), so two runs write the same rows, and `--conventions 10` writes the first ten
// conventions of the 1 000-convention portfolio.
//
// This is a generator, not the app's write path: it bypasses the server actions (and so writes no audit
// entries) and loads each table with one PostgreSQL COPY in one transaction, which takes seconds where
// 300 000 audited writes would take many minutes. It needs the demo data (DINUM, the demo accounts, which
// author the generated records): run it on a database prepared by `npm run db:setup` (or by run.ts).
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/suivi_fast_bench npx tsx --conditions=react-server scripts/bench/generate.ts [--conventions 1000] [--seed 6]
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { fastObligations, obligationDueOn } from "../../src/domain/fast-template";
import { copyRows, type CopyValue } from "./copy";
import { slugify } from "../../src/domain/organisations";
import { openDatabase } from "../../src/server/db/client";
import { today } from "../../src/server/clock";
import { ensureStandings } from "../../src/server/repositories/standing";

export interface GenerateOptions {
  conventions: number;
  seed?: number;
  /** Expenditure lines per convention (EJ movements + services faits + payment requests). */
  lines?: number;
  /** Every fact is dated on or before this day. */
  anchor?: string;
}

export interface GenerateResult {
  rows: Record<string, number>;
  ms: number;
}

export const DEFAULT_SEED = 6;
export const DEFAULT_LINES = 200;
/** Fixed so that runs on different days write the same rows (derived states still follow today). */
export const DEFAULT_ANCHOR = "2026-10-31";
export const BENCH_REFERENCE_PREFIX = "BENCH-";

// ───────────────────────────── Deterministic randomness ─────────────────────────────

/** mulberry32: tiny, seeded, reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** A version-4 UUID drawn from the generator (reproducible, unlike randomUUID). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push(((this.next() * 4294967296) >>> 0).toString(16).padStart(8, "0"));
    const h = hex.join("");
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** A seed per convention, so that the i-th convention is the same whatever N. */
function conventionSeed(seed: number, index: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

// ───────────────────────────── Dates as day numbers (fast, UTC) ─────────────────────────────

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
const stamp = (d: number, seconds: number) => new Date(d * DAY + (8 * 3600 + seconds) * 1000).toISOString().replace("T", " ").replace("Z", "");
const yearOfDay = (d: number) => new Date(d * DAY).getUTCFullYear();
const jan1 = (year: number) => Date.UTC(year, 0, 1) / DAY;
const dec31 = (year: number) => Date.UTC(year, 11, 31) / DAY;
function addMonthsDay(d: number, months: number): number {
  const date = new Date(d * DAY);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(date.getUTCDate(), last)) / DAY;
}
const clamp = (d: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, d));

// ───────────────────────────── Reference data ─────────────────────────────

const PARTNERS = [
  ["bench-dreal-occitanie", "Direction régionale de l'environnement, de l'aménagement et du logement d'Occitanie", "DREAL Occitanie"],
  ["bench-dgfip-si", "Direction générale des Finances publiques, service des systèmes d'information", "DGFiP"],
  ["bench-dgcl", "Direction générale des collectivités locales", "DGCL"],
  ["bench-dgos", "Direction générale de l'offre de soins", "DGOS"],
  ["bench-dgesco", "Direction générale de l'enseignement scolaire", "DGESCO"],
  ["bench-ddets-rhone", "Direction départementale de l'emploi, du travail et des solidarités du Rhône", "DDETS 69"],
  ["bench-dgaln", "Direction générale de l'aménagement, du logement et de la nature", "DGALN"],
  ["bench-dgccrf", "Direction générale de la concurrence, de la consommation et de la répression des fraudes", "DGCCRF"],
  ["bench-anct", "Agence nationale de la cohésion des territoires", "ANCT"],
  ["bench-dgefp", "Délégation générale à l'emploi et à la formation professionnelle", "DGEFP"],
  ["bench-dgpr", "Direction générale de la prévention des risques", "DGPR"],
  ["bench-dila", "Direction de l'information légale et administrative", "DILA"],
] as const;
const DELEGATAIRES = [
  ["bench-dnum-mte", "Direction du numérique des ministères de la Transition écologique et de la Cohésion des territoires", "DNUM MTE"],
  ["bench-sg-mef", "Secrétariat général des ministères économiques et financiers", "SG MEF"],
  ["bench-dnum-mi", "Direction du numérique du ministère de l'Intérieur", "DNUM MI"],
  ["bench-dnum-mas", "Direction du numérique des ministères sociaux", "DNUM MAS"],
  ["bench-dnum-men", "Direction du numérique pour l'éducation", "DNE"],
  ["bench-sg-maa", "Secrétariat général du ministère de l'Agriculture et de la Souveraineté alimentaire", "SG MASA"],
] as const;
const FIRST_NAMES = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Morgane", "Yannick", "Maxime", "Noémie", "Hélène", "Bastien", "Inès"];
const LAST_NAMES = ["Durand", "Lefèvre", "Moreau", "Girard", "Mercier", "Bonnet", "Lambert", "Fontaine", "Rousseau", "Chevalier", "Garnier", "Faure"];
const PREFIXES = ["Mon", "Ma", "Signal", "Aide", "Portail", "Carte", "Dossier", "Suivi", "Démarches", "Accès", "Rendez-vous", "Trajectoire", "Simul'", "Guichet", "Boussole", "Passerelle", "Observatoire", "Registre", "Pilote", "Relais", "Atlas", "Diagnostic", "Tremplin", "Boîte à outils", "Espace", "Annuaire", "Compas", "Relevé", "Tableau", "Vigie"];
const TOPICS = ["Chaleur", "Déchets", "Logement", "Emploi", "Santé", "École", "Mobilité", "Eau", "Forêt", "Énergie", "Culture", "Sport", "Handicap", "Jeunesse", "Retraite", "Commerce", "Numérique", "Climat", "Agriculture", "Sécurité", "Justice", "Territoires", "Patrimoine", "Solidarité", "Apprentissage", "Bruit", "Air", "Littoral", "Biodiversité", "Urbanisme"];
const SUPPLIERS: readonly [string, string | null][] = [
  ["Numérique & Produit Associés", "91234567500017"],
  ["Coopérative Élan Numérique", "88765432500026"],
  ["Atelier des Territoires Numériques", "80246813200013"],
  ["Société Coopérative de Conception Ouverte", null],
  ["Open Product Studio", "75123456700004"],
];
const OBJECTS = ["développement, sprint", "design et recherche utilisateur, lot", "déploiement et accompagnement, vague", "hébergement et exploitation, mois", "coaching produit, période"];
const INDICATORS: readonly [string, string, string, string][] = [
  ["Utilisateurs actifs mensuels", "utilisateurs", "Nombre d'utilisateurs distincts ayant utilisé le service au cours du mois.", "UTILISE"],
  ["Démarches abouties", "démarches", "Nombre cumulé de démarches menées à leur terme grâce au service.", "UTILE"],
  ["Taux de satisfaction", "%", "Part des usagers se déclarant satisfaits (bouton « Je donne mon avis »).", "UTILE"],
  ["Délai moyen de traitement", "jours", "Délai moyen entre le dépôt d'une demande et sa réponse.", "IMPACT"],
  ["Coût par démarche", "€", "Coût complet du service rapporté au nombre de démarches abouties.", "EFFICIENT"],
  ["Territoires couverts", "départements", "Nombre de départements où le service est déployé.", "UTILISABLE"],
];
const DECISIONS = ["Poursuite de l'investissement", "Poursuite avec réorientation", "Poursuite, objectifs revus à la hausse", "Poursuite sous réserve d'un recrutement"];
const OBLIGATION_STATUSES = ["A_FAIRE", "EN_COURS", "RESPECTEE", "RESPECTEE", "SANS_OBJET"] as const;
const LEGAL_BASIS = [
  "Décret n° 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'État",
  "Décret n° 2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique",
];
const MARCHE = "Réalisation de services publics numériques en mode produit coordonnés par le programme interministériel Beta.gouv";

// ───────────────────────────── Tables ─────────────────────────────

const COLUMNS = {
  organisation: ["id", "slug", "name", "acronym", "address", "kind", "sirets"],
  representative: ["id", "organisation_id", "full_name", "title"],
  convention: [
    "id", "reference", "title", "fast_call", "startup_name", "startup_slug", "fast_funding_cents", "signed_on", "signed_at", "ends_on", "legal_basis",
    "purpose", "marche", "bop", "bop_label", "domaine_fonctionnel", "centre_financier", "activite", "centre_de_cout", "comptable_assignataire",
    "mid_term_review_due_on", "co_financing_cents", "co_financing_due_months", "termination_notice_months", "intrapreneur_name", "sponsor_name",
    "published", "publication_url", "data_gouv_url",
  ],
  convention_party: ["id", "convention_id", "organisation_id", "role", "designation", "address", "representative_name", "representative_title"],
  credit_allocation: ["id", "convention_id", "year", "ae_cents", "cp_cents"],
  avenant: ["id", "convention_id", "number", "signed_on", "object", "changes", "cbcm_copy_sent_on", "recorded_by_id", "recorded_at"],
  tranche: ["id", "convention_id", "year", "credit_type", "rank", "share_basis_points", "trigger"],
  tranche_release: ["id", "tranche_id", "released_on", "amount_cents", "released_by_id", "created_at"],
  mid_term_review: ["id", "convention_id", "reviewed_on", "verdict", "comments", "recorded_by_id", "recorded_at"],
  investment_committee: [
    "id", "convention_id", "held_on", "chaired_by", "dinum_invited", "dinum_attended", "decision", "orientation", "minutes_url",
    "dev_days_per_week_tenths", "deploy_days_per_week_tenths", "is_demo_data", "recorded_by_id", "recorded_at",
  ],
  indicator: ["id", "convention_id", "name", "unit", "definition", "impact_level", "is_public", "position"],
  indicator_measure: ["id", "indicator_id", "committee_id", "result", "objective"],
  obligation: ["id", "convention_id", "code", "article", "owed_by", "title", "description", "kind", "due_on", "position"],
  obligation_update: ["id", "obligation_id", "status", "evidence_url", "note", "evidence_on", "author_id", "created_at"],
  engagement_juridique: [
    "id", "convention_id", "chorus_number", "line_number", "ordered_on", "supplier_name", "supplier_siret", "object", "marche",
    "domaine_fonctionnel", "centre_financier", "activite", "centre_de_cout", "source", "created_by_id", "created_at",
  ],
  ej_movement: ["id", "ej_id", "kind", "moved_on", "amount_cents", "reverses_id", "reason", "created_by_id", "created_at"],
  service_fait: ["id", "ej_id", "done_on", "reference", "amount_cents", "created_by_id", "created_at"],
  payment_request: ["id", "convention_id", "ej_id", "dp_number", "paid_on", "amount_cents", "reverses_id", "source", "created_by_id", "created_at"],
  suspension: ["id", "convention_id", "starts_on", "reason", "lifted_on", "recorded_by_id", "recorded_at"],
  termination_notice: ["id", "convention_id", "by_party", "notice_on", "reason", "author_id", "recorded_at"],
  party_notice: ["id", "convention_id", "kind", "from_party", "to_party", "amount_cents", "message", "author_id", "sent_at", "answered_at", "answer"],
  final_report: ["id", "convention_id", "submitted_on", "submitted_at", "progress", "order_forecast", "budget_forecast", "submitted_by_id", "accepted_on", "accepted_by_id"],
} as const;

type Table = keyof typeof COLUMNS;
type Rows = Record<Table, CopyValue[][]>;

/** Who authors the generated records: the demo accounts (the generator needs the demo data). */
export interface Authors {
  dinumOrgId: string;
  pilote: string;
  intrapreneur: string;
  gestionnaire: string;
}

export async function loadAuthors(client: pg.Client): Promise<Authors> {
  const { rows } = await client.query<{ email: string; id: string; organisation_id: string }>(
    "SELECT email, id, organisation_id FROM app_user WHERE email = ANY($1)",
    [["pilote@dinum.example.fr", "intrapreneur@drieat.example.fr", "gestionnaire@dnum-mte.example.fr"]],
  );
  const by = new Map(rows.map((r) => [r.email, r]));
  const pilote = by.get("pilote@dinum.example.fr");
  const intrapreneur = by.get("intrapreneur@drieat.example.fr");
  const gestionnaire = by.get("gestionnaire@dnum-mte.example.fr");
  if (!pilote || !intrapreneur || !gestionnaire) throw new Error("Les comptes de démonstration sont absents : préparez la base (npm run db:setup) avant de générer.");
  return { dinumOrgId: pilote.organisation_id, pilote: pilote.id, intrapreneur: intrapreneur.id, gestionnaire: gestionnaire.id };
}

interface Org {
  id: string;
  acronym: string;
  address: string;
  representative: { fullName: string; title: string };
}

function organisations(seed: number, rows: Rows): { partners: Org[]; delegataires: Org[] } {
  const rng = new Rng(conventionSeed(seed, -1));
  const make = (list: readonly (readonly [string, string, string])[], title: string, kind: "PARTENAIRE" | "DELEGATAIRE") =>
    list.map(([slug, name, acronym], i) => {
      const id = rng.uuid();
      const address = `${10 + i} rue de l'Administration, 75${String(i + 1).padStart(3, "0")} Paris`;
      const representative = { fullName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 5) % LAST_NAMES.length]}`, title };
      rows.organisation.push([id, slug, name, acronym, address, kind, []]);
      rows.representative.push([rng.uuid(), id, representative.fullName, representative.title]);
      return { id, acronym, address, representative };
    });
  return { partners: make(PARTNERS, "Directeur ou directrice", "PARTENAIRE"), delegataires: make(DELEGATAIRES, "Directeur ou directrice du numérique", "DELEGATAIRE") };
}

interface DinumParty {
  id: string;
  address: string;
  representative: { fullName: string; title: string };
}

/** One convention and everything recorded about it. */
function convention(index: number, seed: number, lines: number, anchor: number, authors: Authors, dinum: DinumParty, orgs: ReturnType<typeof organisations>, rows: Rows) {
  const rng = new Rng(conventionSeed(seed, index));
  const id = rng.uuid();
  const n = index + 1;
  const startupName = `${PREFIXES[index % PREFIXES.length]} ${TOPICS[Math.floor(index / PREFIXES.length) % TOPICS.length]}${index >= 900 ? ` ${Math.floor(index / 900) + 1}` : ""}`;
  const startupSlug = slugify(startupName);
  const signed = rng.int(day("2023-01-16"), anchor - 20);
  const signYear = yearOfDay(signed);
  const years = new Date(signed * DAY).getUTCMonth() >= 8 || rng.chance(0.4) ? 2 : 1;
  const originalEnd = dec31(signYear + years - 1);
  const call = 10 + (signYear - 2023) * 2 + (new Date(signed * DAY).getUTCMonth() >= 6 ? 1 : 0);
  const fastCall = `FAST ${call}`;
  const reference = `${BENCH_REFERENCE_PREFIX}${String(n).padStart(4, "0")}`;
  const partner = orgs.partners[rng.int(0, orgs.partners.length - 1)]!;
  const delegataire = orgs.delegataires[rng.int(0, orgs.delegataires.length - 1)]!;
  const credits = Array.from({ length: years }, (_, k) => {
    const amount = BigInt(rng.int(80, 400)) * 1000n * 100n; // 80 k€ to 400 k€ a year, AE = CP
    return { year: signYear + k, ae: amount, cp: amount };
  });
  const funding = credits.reduce((acc, c) => acc + c.ae, 0n);
  const reviewDue = addMonthsDay(signed, 3);
  const published = rng.chance(0.3);
  const imputation = {
    df: "0352-01",
    cf: `0352-${String(1 + (index % 90)).padStart(2, "0")}-CFIN`,
    activite: `0352${String(100000 + index).padStart(8, "0")}`,
    cdc: `SGDFNUM${String(100 + (index % 800)).padStart(3, "0")}`,
  };

  // Life events: amended (end extended), terminated, suspended, closed.
  let end = originalEnd;
  if (rng.chance(0.05) && originalEnd - 40 <= anchor) {
    const signedOn = originalEnd - 40;
    end = addMonthsDay(originalEnd, 3);
    rows.avenant.push([rng.uuid(), id, 1, iso(signedOn), "Prolongation de trois mois de la durée de la convention", JSON.stringify({ endsOn: iso(end) }), null, authors.pilote, stamp(signedOn, 0)]);
  }
  let terminationEffective: number | null = null;
  if (rng.chance(0.02)) {
    const notice = signed + rng.int(60, 200);
    if (notice <= anchor && notice < end) {
      rows.termination_notice.push([rng.uuid(), id, rng.pick(["PARTENAIRE", "DELEGANT"]), iso(notice), "Réorientation du produit décidée en comité d'investissement.", authors.pilote, stamp(notice, 0)]);
      terminationEffective = addMonthsDay(notice, 3);
    }
  }
  if (rng.chance(0.02)) {
    const starts = signed + rng.int(90, 150);
    if (starts <= anchor && starts < end) {
      const lifted = rng.chance(0.5) && starts + 30 <= anchor ? iso(starts + 30) : null;
      rows.suspension.push([rng.uuid(), id, iso(starts), "Insuffisance des crédits signalée par le délégataire, sans ajustement de la dotation.", lifted, authors.pilote, stamp(starts, 0)]);
    }
  }
  // Notices of insufficient credits from the délégataire, half of them answered by DINUM.
  if (rng.chance(0.05)) {
    const sent = signed + rng.int(30, 120);
    if (sent <= anchor) {
      const answered = rng.chance(0.5) ? stamp(sent + 10, 0) : null;
      rows.party_notice.push([
        rng.uuid(), id, "CREDITS_INSUFFISANTS", "DELEGATAIRE", "DELEGANT", BigInt(rng.int(1_000, 50_000)) * 100n,
        "Les commandes prévues dépassent les crédits mis à disposition.", authors.gestionnaire, stamp(sent, 0), answered, answered ? "Avenant en préparation." : null,
      ]);
    }
  }
  const lastDay = Math.min(end, terminationEffective ?? end, anchor); // last day facts may be dated
  if (end < anchor - 60 && terminationEffective === null && rng.chance(0.4)) {
    const submitted = end + 15;
    const accepted = submitted + 15 <= anchor ? submitted + 15 : null;
    rows.final_report.push([
      rng.uuid(), id, iso(submitted), stamp(submitted, 0), "Produit en service, déployé et mesuré.", "Aucune commande supplémentaire.", "Crédits consommés à hauteur des engagements.",
      authors.gestionnaire, accepted === null ? null : iso(accepted), accepted === null ? null : authors.pilote,
    ]);
  }

  rows.convention.push([
    id, reference, `Convention de délégation de gestion ${fastCall} | ${startupName}`, fastCall, startupName, startupSlug, funding, iso(signed), "Paris", iso(originalEnd), LEGAL_BASIS,
    `Définir la répartition des rôles et les modalités de participation financière des parties au bénéfice du service numérique « ${startupName} ».`,
    MARCHE, "352", "Innovation et transformations numériques", imputation.df, imputation.cf, imputation.activite, imputation.cdc, `CBCM du délégataire (${delegataire.acronym})`,
    iso(reviewDue), funding, 6, 3, `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    published, published ? "https://www.gouvernement.fr/publications-officielles/delegations-de-gestion" : null, published ? "https://www.data.gouv.fr/" : null,
  ]);
  for (const [role, org, designation] of [
    ["DELEGANT", dinum, "le délégant"],
    ["PARTENAIRE", partner, "le partenaire"],
    ["DELEGATAIRE", delegataire, "le délégataire"],
  ] as const) {
    rows.convention_party.push([rng.uuid(), id, org.id, role, designation, org.address, org.representative.fullName, org.representative.title]);
  }
  for (const c of credits) rows.credit_allocation.push([rng.uuid(), id, c.year, c.ae, c.cp]);

  // Mid-term review: most are recorded around their due date, a few found the mobilisation insufficient,
  // a few were corrected (a second row, the latest in force).
  let verdict: "SATISFAISANTE" | "INSUFFISANTE" | null = null;
  let reviewedOn: number | null = null;
  const reviewDay = reviewDue - rng.int(0, 25);
  if (rng.chance(0.88) && reviewDay <= lastDay) {
    reviewedOn = reviewDay;
    const corrected = rng.chance(0.05);
    verdict = rng.chance(0.9) || corrected ? "SATISFAISANTE" : "INSUFFISANTE";
    if (corrected) rows.mid_term_review.push([rng.uuid(), id, iso(reviewDay), "INSUFFISANTE", "Équipe incomplète à la date du bilan.", authors.pilote, stamp(reviewDay, 0)]);
    rows.mid_term_review.push([rng.uuid(), id, iso(reviewDay), verdict, "Équipe mobilisée conformément à l'ambition fixée ; indicateurs suivis.", authors.pilote, stamp(reviewDay, 60)]);
  }

  // Tranches (50 % at signature, 50 % after the review, for AE and CP of each year) and their releases.
  const madeAvailable = new Map<number, { amount: bigint; from: number }>();
  for (const c of credits) {
    const t1Day = c.year === signYear ? signed + rng.int(2, 15) : jan1(c.year) + rng.int(5, 30);
    const t2Day = Math.max(reviewedOn ?? 0, c.year === signYear ? 0 : jan1(c.year)) + rng.int(3, 40);
    const releaseT1 = rng.chance(0.97) && t1Day <= lastDay;
    const releaseT2 = verdict === "SATISFAISANTE" && rng.chance(0.85) && t2Day <= lastDay;
    for (const type of ["AE", "CP"] as const) {
      const allocation = type === "AE" ? c.ae : c.cp;
      const half = allocation / 2n;
      for (const [rank, trigger, released, on, amount] of [
        [1, "SIGNATURE", releaseT1, t1Day, half],
        [2, "MID_TERM_REVIEW", releaseT2, t2Day, allocation - half],
      ] as const) {
        const trancheId = rng.uuid();
        rows.tranche.push([trancheId, id, c.year, type, rank, 5000, trigger]);
        if (released) {
          rows.tranche_release.push([rng.uuid(), trancheId, iso(on), amount, authors.pilote, stamp(on, 0)]);
          if (type === "AE") {
            const current = madeAvailable.get(c.year) ?? { amount: 0n, from: on };
            madeAvailable.set(c.year, { amount: current.amount + amount, from: Math.min(current.from, on) });
          }
        }
      }
    }
  }

  // Steering: 2–4 committees spread over the convention's life so far, 5 indicators measured at each.
  const committees = rng.int(2, 4);
  const span = Math.max(committees, lastDay - (signed + 10));
  const committeeIds: { id: string; heldOn: number }[] = [];
  for (let k = 0; k < committees; k++) {
    const heldOn = signed + 10 + Math.floor((k * span) / committees);
    const committeeId = rng.uuid();
    committeeIds.push({ id: committeeId, heldOn });
    rows.investment_committee.push([
      committeeId, id, iso(heldOn), partner.representative.fullName, true, rng.chance(0.8), rng.pick(DECISIONS),
      "Priorité au déploiement auprès des usagers et à la mesure de l'impact.", rng.chance(0.5) ? `https://pad.numerique.gouv.fr/comite-${n}-${k + 1}` : null,
      rng.int(10, 30), rng.int(20, 40), false, authors.intrapreneur, stamp(heldOn, 0),
    ]);
  }
  const first = rng.int(0, INDICATORS.length - 1);
  for (let k = 0; k < 5; k++) {
    const [name, unit, definition, level] = INDICATORS[(first + k) % INDICATORS.length]!;
    const indicatorId = rng.uuid();
    rows.indicator.push([indicatorId, id, name, unit, definition, level, published && k < 2, k]);
    let value = rng.int(10, 500);
    for (const committee of committeeIds) {
      const objective = Math.round(value * (1.2 + rng.next()));
      rows.indicator_measure.push([rng.uuid(), indicatorId, committee.id, `${value}.${String(rng.int(0, 99)).padStart(2, "0")}`, `${objective}`]);
      value = Math.round(objective * (0.7 + rng.next() * 0.5));
    }
  }

  // Obligations of articles 2 to 4 (the first 20), a third of them followed up.
  const obligations = fastObligations({ startupName, coFinancingCents: funding }).slice(0, 20);
  for (const [position, o] of obligations.entries()) {
    const obligationId = rng.uuid();
    const due = obligationDueOn(o.due, { signedOn: iso(signed), endsOn: iso(originalEnd) });
    rows.obligation.push([obligationId, id, o.code, o.article, o.owedBy, o.title, o.description, o.kind, due, position]);
    if (position % 3 === 0) {
      const on = clamp(signed + rng.int(10, 200), signed, lastDay);
      rows.obligation_update.push([
        rng.uuid(), obligationId, rng.pick(OBLIGATION_STATUSES), rng.chance(0.5) ? `https://beta.gouv.fr/startups/${startupSlug}` : null, "Point fait en comité.", iso(on),
        o.owedBy === "DELEGANT" ? authors.pilote : authors.intrapreneur, stamp(on, position),
      ]);
    }
  }

  // Expenditure: `lines` lines split over the years with AE made available, within their ceilings.
  const budgetYears = [...madeAvailable.entries()].filter(([, v]) => v.amount > 0n);
  const totalBudget = budgetYears.reduce((acc, [, v]) => acc + v.amount, 0n);
  let linesLeft = lines;
  let ejSerial = 0;
  let dpSerial = 0;
  for (const [k, [year, { amount: budget, from }]] of budgetYears.entries()) {
    const quota = k === budgetYears.length - 1 ? linesLeft : Math.round((lines * Number((budget * 1000n) / totalBudget)) / 1000);
    linesLeft -= quota;
    // Within the tranche's year (a release may be dated early the next year): CP of year N pay in year N.
    const lo = Math.min(Math.max(from, jan1(year), signed), dec31(year));
    const hi = Math.max(lo, Math.min(dec31(year), lastDay));
    const ejCount = Math.max(1, Math.round(quota / 4));
    const weights = Array.from({ length: ejCount }, () => BigInt(rng.int(1, 10)));
    const weightSum = weights.reduce((a, b) => a + b, 0n);
    const ejs: { id: string; on: number; final: bigint; paidSoFar: bigint; payable: bigint; payments: number }[] = [];
    let used = 0;
    for (const [j, weight] of weights.entries()) {
      const share = (budget * 9n * weight) / (10n * weightSum); // 90 % of what was made available, at most
      const initial = (share * 80n) / 100n;
      if (initial <= 0n) continue;
      ejSerial += 1;
      const ejId = rng.uuid();
      const on = rng.int(lo, hi);
      const [supplier, siret] = rng.pick(SUPPLIERS);
      rows.engagement_juridique.push([
        ejId, id, String(1_300_000_000 + index * 300 + ejSerial), 1 + (j % 3), iso(on), supplier, siret, `BC : ${rng.pick(OBJECTS)} ${j + 1}`, MARCHE,
        imputation.df, imputation.cf, imputation.activite, imputation.cdc, rng.chance(0.3) ? "IMPORT" : "SAISIE", authors.gestionnaire, stamp(on, 0),
      ]);
      rows.ej_movement.push([rng.uuid(), ejId, "INITIAL", iso(on), initial, null, null, authors.gestionnaire, stamp(on, 1)]);
      used += 1;
      let final = initial;
      if (rng.chance(0.25)) {
        const moved = clamp(on + rng.int(10, 60), on, hi);
        const amount = (share * 10n) / 100n;
        if (amount > 0n) {
          rows.ej_movement.push([rng.uuid(), ejId, "AUGMENTATION", iso(moved), amount, null, "Avenant au bon de commande", authors.gestionnaire, stamp(moved, 2)]);
          final += amount;
          used += 1;
        }
      }
      if (rng.chance(0.1)) {
        const moved = clamp(on + rng.int(30, 90), on, hi);
        const amount = (share * 5n) / 100n;
        if (amount > 0n) {
          rows.ej_movement.push([rng.uuid(), ejId, "REDUCTION", iso(moved), -amount, null, "Service partiellement réalisé", authors.gestionnaire, stamp(moved, 3)]);
          final -= amount;
          used += 1;
        }
      }
      const sfCount = rng.chance(0.2) ? 2 : 1;
      for (let s = 0; s < sfCount; s++) {
        const done = clamp(on + rng.int(15, 90) + s * 30, on, hi);
        rows.service_fait.push([rng.uuid(), ejId, iso(done), `SF-${ejSerial}-${s + 1}`, s === 0 ? (final * 50n) / 100n : null, authors.gestionnaire, stamp(done, 4)]);
        used += 1;
      }
      ejs.push({ id: ejId, on, final, paidSoFar: 0n, payable: (final * 70n) / 100n, payments: 0 });
    }
    // Payments fill the quota: spread over the EJs, each EJ paid at most 70 % of what it engaged.
    const paymentLines = Math.max(0, quota - used);
    const perEj = ejs.map(() => 0);
    for (let p = 0; p < paymentLines; p++) perEj[p % ejs.length]! += 1;
    let written = 0;
    for (const [j, ej] of ejs.entries()) {
      let count = perEj[j]!;
      while (count > 0 && written < paymentLines) {
        const reversal = count >= 2 && rng.chance(0.03);
        const amount = ej.payable / BigInt(Math.max(1, perEj[j]!));
        if (amount <= 0n) break;
        dpSerial += 1;
        const dpId = rng.uuid();
        const paid = clamp(ej.on + rng.int(20, 120), ej.on, hi);
        rows.payment_request.push([dpId, id, ej.id, String(5_100_000_000 + index * 1000 + dpSerial), iso(paid), amount, null, "SAISIE", authors.gestionnaire, stamp(paid, 5)]);
        count -= 1;
        written += 1;
        if (reversal) {
          dpSerial += 1;
          rows.payment_request.push([rng.uuid(), id, ej.id, `ANNUL-${5_100_000_000 + index * 1000 + dpSerial - 1}`, iso(paid), -amount, dpId, "SAISIE", authors.gestionnaire, stamp(paid, 6)]);
          count -= 1;
          written += 1;
        }
      }
    }
  }
}

/** Writes the portfolio into a migrated database holding the demo data. One transaction, one COPY per table. */
export async function generatePortfolio(client: pg.Client, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const lines = options.lines ?? DEFAULT_LINES;
  const anchor = day(options.anchor ?? DEFAULT_ANCHOR);
  const authors = await loadAuthors(client);
  const { rows: dinumRows } = await client.query<{ address: string; full_name: string; title: string }>(
    "SELECT o.address, r.full_name, r.title FROM organisation o LEFT JOIN representative r ON r.organisation_id = o.id WHERE o.id = $1 LIMIT 1",
    [authors.dinumOrgId],
  );
  const dinumRow = dinumRows[0]!;
  const dinum: DinumParty = { id: authors.dinumOrgId, address: dinumRow.address, representative: { fullName: dinumRow.full_name, title: dinumRow.title } };
  const rows = Object.fromEntries(Object.keys(COLUMNS).map((t) => [t, []])) as unknown as Rows;
  const orgs = organisations(seed, rows);
  for (let i = 0; i < options.conventions; i++) convention(i, seed, lines, anchor, authors, dinum, orgs, rows);
  const counts: Record<string, number> = {};
  await client.query("BEGIN");
  try {
    for (const table of Object.keys(COLUMNS) as Table[]) {
      counts[table] = await copyRows(client, table, COLUMNS[table], rows[table]);
      rows[table] = [];
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  // The rows bypassed the use cases, which keep each convention's standing in the portfolio: compute them as
  // the start path does for a database that lacks them (ensureStandings; docs/adr/0007-persisted-standing.md).
  counts.convention_standing = await computeStandings(client);
  // Fresh statistics, as autovacuum would gather them on a live database.
  await client.query("ANALYZE");
  return { rows: counts, ms: performance.now() - started };
}

/** The standings missing on the generator's database, computed by the app's own function; answers how many. */
async function computeStandings(client: pg.Client): Promise<number> {
  const credentials = client.user ? `${encodeURIComponent(client.user)}${typeof client.password === "string" && client.password ? `:${encodeURIComponent(client.password)}` : ""}@` : "";
  const open = openDatabase({ kind: "postgres", url: `postgresql://${credentials}${client.host}:${client.port}/${client.database}` });
  try {
    return await ensureStandings(open.prisma, today());
  } finally {
    await open.close();
  }
}

/**
 * A convention made to receive the import benchmark's extract (scripts/chorus/generate-extract.ts writes
 * FAST 14's imputation, 2024 dates, amounts up to 100 k€ a line): signed for 2024 with AE and CP large
 * enough for ~90 000 lines (made available in full), so that the import accepts and writes nearly every
 * line of the convention instead of refusing them at the ceiling. Returns its id.
 */
export async function createImportTarget(client: pg.Client, reference: string): Promise<string> {
  const authors = await loadAuthors(client);
  const fast14 = await client.query<{ id: string }>("SELECT id FROM convention WHERE reference = 'FAST14-FCU'");
  if (!fast14.rows[0]) throw new Error("Convention FAST14-FCU absente : préparez la base (npm run db:setup).");
  const id = crypto.randomUUID();
  const allocation = 10n ** 12n; // 10 billion euros in cents: a ceiling no generated extract reaches
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO convention (id, reference, title, fast_call, startup_name, startup_slug, fast_funding_cents, signed_on, signed_at, ends_on, legal_basis, purpose, marche,
         bop, bop_label, domaine_fonctionnel, centre_financier, activite, centre_de_cout, comptable_assignataire, mid_term_review_due_on)
       SELECT $1, $2, 'Convention cible du banc d''essai de l''import Chorus', fast_call, 'Banc d''import', 'banc-import', $3, '2024-01-02', 'Paris', '2024-12-31', legal_basis, purpose, marche,
         bop, bop_label, domaine_fonctionnel, centre_financier, activite, centre_de_cout, comptable_assignataire, '2024-04-30'
       FROM convention WHERE id = $4`,
      [id, reference, allocation, fast14.rows[0].id],
    );
    await client.query(
      `INSERT INTO convention_party (id, convention_id, organisation_id, role, designation, address, representative_name, representative_title)
       SELECT gen_random_uuid(), $1, organisation_id, role, designation, address, representative_name, representative_title FROM convention_party WHERE convention_id = $2`,
      [id, fast14.rows[0].id],
    );
    await client.query("INSERT INTO credit_allocation (id, convention_id, year, ae_cents, cp_cents) VALUES (gen_random_uuid(), $1, 2024, $2, $2)", [id, allocation]);
    for (const type of ["AE", "CP"]) {
      const trancheId = crypto.randomUUID();
      await client.query("INSERT INTO tranche (id, convention_id, year, credit_type, rank, share_basis_points, trigger) VALUES ($1, $2, 2024, $3, 1, 10000, 'SIGNATURE')", [trancheId, id, type]);
      await client.query("INSERT INTO tranche_release (id, tranche_id, released_on, amount_cents, released_by_id) VALUES (gen_random_uuid(), $1, '2024-01-03', $2, $3)", [
        trancheId,
        allocation,
        authors.pilote,
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  return id;
}

async function main() {
  const { values } = parseArgs({
    options: {
      conventions: { type: "string", default: "1000" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      lines: { type: "string", default: String(DEFAULT_LINES) },
      anchor: { type: "string", default: DEFAULT_ANCHOR },
    },
  });
  const conventions = Number(values.conventions);
  const url = process.env.DATABASE_URL;
  if (!url || !Number.isInteger(conventions) || conventions < 1) {
    console.error("Usage : DATABASE_URL=postgresql://… npx tsx --conditions=react-server scripts/bench/generate.ts [--conventions 1000] [--seed 6] [--lines 200] [--anchor 2026-10-31]");
    process.exit(2);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await generatePortfolio(client, { conventions, seed: Number(values.seed), lines: Number(values.lines), anchor: values.anchor });
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(`${conventions} conventions générées : ${total} lignes en ${(result.ms / 1000).toFixed(1)} s.`);
    for (const [table, count] of Object.entries(result.rows)) console.log(`  ${table.padEnd(22)} ${count}`);
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
