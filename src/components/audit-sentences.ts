// The audit trail in the finance officer's words: each entry as one French sentence ("Camille Martin a débloqué
// la tranche 2 AE 2024 : 60 500,00 €") and its details — what changed, before → after — with field names in
// French, amounts in euros and dates written out. No English key, no cents, no ISO date reaches the page.
// Pure (no I/O): the page and the tests call it on the stored JSON of the entries.
import { formatDays } from "@/domain/committees";
import { formatDate, isValidIsoDate } from "@/domain/dates";
import { formatIndicatorValue, scaledFromDecimalString } from "@/domain/indicators";
import { formatEuros } from "@/domain/money";
import { PARTY_LABELS, ROLE_LABELS } from "./labels";
import { auditKindLabel } from "./audit-labels";

export interface AuditEntryWords {
  kind: string;
  /** Who acted ("Camille Martin"), or null for the application itself. */
  authorName: string | null;
  before: unknown;
  after: unknown;
}

type Json = Record<string, unknown>;

/** French names of the fields the use cases write into the trail. */
const FIELD_LABELS: Record<string, string> = {
  ej: "Engagement",
  amountCents: "Montant",
  confirmedAmountCents: "Montant",
  orderedOn: "Date de commande",
  movedOn: "Date",
  doneOn: "Date du service fait",
  paidOn: "Date de paiement",
  supplierName: "Fournisseur",
  object: "Objet",
  reason: "Motif",
  kind: "Nature",
  reference: "Référence",
  dpNumber: "Demande de paiement",
  tranche: "Tranche",
  releasedOn: "Débloquée le",
  reviewedOn: "Date du bilan",
  verdict: "Avis",
  comments: "Commentaires",
  endsOn: "Fin de la convention",
  credits: "Crédits",
  number: "Numéro",
  signedOn: "Signé le",
  cbcmCopySentOn: "Copie au CBCM le",
  changes: "Modifications",
  byParty: "Partie",
  noticeOn: "Date du préavis",
  withdrawnOn: "Retiré le",
  startsOn: "Début",
  liftedOn: "Levée le",
  regularisationReason: "Motif de la régularisation",
  envelopeCents: "Enveloppe",
  announcedOn: "Lauréats annoncés le",
  publishedOn: "Publiée le",
  publicationUrl: "Publication sur gouvernement.fr",
  dataGouvUrl: "Publication sur data.gouv.fr",
  body: "Commentaire",
  name: "Nom",
  unit: "Unité",
  definition: "Définition",
  impactLevel: "Niveau d'impact",
  isPublic: "Visibilité",
  heldOn: "Tenu le",
  chairedBy: "Présidé par",
  dinumInvited: "DINUM invitée",
  dinumAttended: "DINUM présente",
  decision: "Décision",
  orientation: "Orientations",
  minutesUrl: "Compte rendu",
  devDaysPerWeekTenths: "Développement par semaine",
  deployDaysPerWeekTenths: "Déploiement par semaine",
  measures: "Valeurs d'indicateurs",
  result: "résultat",
  objective: "objectif",
  status: "Statut",
  title: "Intitulé",
  code: "Obligation",
  evidenceUrl: "Justificatif",
  evidenceOn: "Justifié le",
  note: "Note",
  year: "Année",
  message: "Message",
  answer: "Réponse",
  submittedOn: "Transmis le",
  progress: "Avancement",
  orderForecast: "Prévisions de commandes",
  budgetForecast: "Prévisions budgétaires",
  acceptedOn: "Accepté le",
  fileName: "Fichier",
  format: "Format",
  newEjs: "EJ nouveaux",
  newMovements: "Mouvements d'AE",
  newPayments: "Demandes de paiement",
  newServiceFaits: "Services faits impliqués par des DP",
  known: "Lignes déjà connues",
  otherConventions: "Lignes d'autres conventions",
  aeCents: "AE",
  cpCents: "CP",
  email: "Courriel",
  fullName: "Nom",
  role: "Rôle",
  organisation: "Organisation",
  expiresAt: "Lien valable jusqu'au",
  via: "Par",
  aeShares: "Parts AE",
  cpShares: "Parts CP",
  tranches: "Tranches",
  midTermReviewDueOn: "Bilan de mi-parcours attendu le",
  decisionKind: "Décision du comité",
  conditions: "Conditions",
  conditionsDueOn: "Conditions à vérifier le",
  conditionsMetOn: "Conditions remplies le",
  budgetAskedAeCents: "Budget demandé (AE)",
  budgetAskedCpCents: "Budget demandé (CP)",
  sponsorAttended: "Sponsor présent",
  isUsageMeasure: "Mesure d'usage",
  committeeHeldOn: "Tenu au comité du",
  indicator: "Métrique phare",
  target: "Cible",
  targetOn: "Cible au",
  statement: "Ambition",
  promotion: "Promotion",
  startupName: "Startup",
  startupSlug: "Identifiant de la startup",
  startupBetaUrl: "Page beta.gouv",
  partnerRepresentativeName: "Représentant du partenaire",
  partnerRepresentativeTitle: "Qualité du représentant du partenaire",
  delegataireRepresentativeName: "Représentant du délégataire",
  delegataireRepresentativeTitle: "Qualité du représentant du délégataire",
  delegantRepresentativeName: "Représentant de la DINUM",
  delegantRepresentativeTitle: "Qualité du représentant de la DINUM",
  delegataireDesignation: "Désignation du délégataire",
  intrapreneurName: "Intrapreneur",
  sponsorName: "Sponsor",
  tranche1Share: "Part de la tranche 1",
  tranche2Share: "Part de la tranche 2",
  coFinancing: "Cofinancement FAST",
  purpose: "Objet de la convention",
  legalBasis: "Fondement juridique",
  bop: "Programme (BOP)",
  bopLabel: "Libellé du programme",
  centreFinancier: "UO / centre financier",
  domaineFonctionnel: "Domaine fonctionnel",
  activite: "Activité",
  centreDeCout: "Centre de coûts",
  serviceExecutant: "Service exécutant",
  comptableAssignataire: "Comptable assignataire",
  signedAt: "Lieu de signature",
  party: "Partie",
  signatoryName: "Signataire",
  signatoryTitle: "Qualité du signataire",
};

/** Fields kept in the database but of no use to a reader (identifiers, fingerprints). */
const HIDDEN = new Set(["partnerId", "delegataireId", "promotionId", "conventionId", "updateId", "fileSha256", "fileKind", "userId", "id", "trancheId", "ejId", "previousLinksRevoked", "linksRevoked", "linksUsed"]);

/** French words of the enumerated values the trail holds. */
const VALUE_LABELS: Record<string, string> = {
  INITIAL: "engagement initial",
  AUGMENTATION: "augmentation",
  REDUCTION: "réduction",
  CONTRE_PASSATION: "contre-passation",
  SATISFAISANTE: "satisfaisante",
  INSUFFISANTE: "insuffisante",
  SIGNATURE: "à la signature",
  MID_TERM_REVIEW: "après le bilan de mi-parcours",
  POURSUITE: "poursuite",
  POURSUITE_SOUS_CONDITIONS: "poursuite sous conditions",
  PIVOT: "pivot",
  ARRET: "arrêt",
  ...PARTY_LABELS,
  ...ROLE_LABELS,
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value of the trail in words: euros, dates, days, yes/no, labelled enums, nested records. */
export function valueInWords(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return key === "isPublic" ? (value ? "public" : "privé") : value ? "oui" : "non";
  if (/Cents$/.test(key) && (typeof value === "string" || typeof value === "number") && /^-?\d+$/.test(String(value))) return formatEuros(BigInt(value));
  if (/Tenths$/.test(key) && typeof value === "number") return formatDays(value);
  // Tranche shares are kept in basis points (5000 = 50 %).
  if (/Share$/.test(key) && typeof value === "number") return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(value / 100)} %`;
  if (key === "coFinancing" && (typeof value === "string" || typeof value === "number") && /^-?\d+$/.test(String(value))) return formatEuros(BigInt(value));
  if ((key === "result" || key === "objective") && typeof value === "string" && /^\d+(\.\d{1,4})?$/.test(value)) return formatIndicatorValue(scaledFromDecimalString(value));
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isValidIsoDate(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDate(value.slice(0, 10));
    if (VALUE_LABELS[value]) return VALUE_LABELS[value]!;
    if (/^[A-Z][A-Z_]+$/.test(value)) return value.replaceAll("_", " ").toLowerCase();
    return value;
  }
  if (typeof value === "number") return new Intl.NumberFormat("fr-FR").format(value);
  if (Array.isArray(value)) return value.map((v) => valueInWords(key, v)).join(" ; ") || "—";
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, v]) => (isObject(v) ? `${k} (${valueInWords(k, v)})` : `${fieldLabel(k)} ${valueInWords(k, v)}`))
      .join(", ");
  }
  return String(value);
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const euros = (v: unknown) => valueInWords("amountCents", v);
const date = (v: unknown) => valueInWords("on", v);
const absEuros = (v: unknown) => euros(typeof v === "string" ? v.replace(/^-/, "") : v);

/** What the author did, after their name ("a débloqué la tranche 2 AE 2024 : 60 500,00 €"). */
function action(kind: string, before: Json, after: Json): string | null {
  switch (kind) {
    case "convention.create":
      return `a enregistré la convention ${text(after.reference)}`;
    case "promotion.update":
      return `a modifié la promotion ${text(after.name)}${before.name && before.name !== after.name ? ` (anciennement ${text(before.name)})` : ""}`;
    case "convention.publish":
      return `a publié la convention le ${date(after.publishedOn)}${after.cbcmCopySentOn ? ` (copie au CBCM le ${date(after.cbcmCopySentOn)})` : ""} : elle figure sur la page publique et dans les données ouvertes`;
    case "convention.unpublish":
      return `a retiré la publication de la convention le ${date(after.withdrawnOn)}, motif : « ${text(after.reason)} »`;
    case "convention.comment":
      return `a commenté le brouillon (${valueInWords("party", after.party)}) : « ${text(after.body)} »`;
    case "tranche.release":
      return `a débloqué la ${text(after.tranche).replace(/^Tranche/, "tranche")} : ${euros(after.amountCents)}`;
    case "review.record":
      return `a enregistré le bilan de mi-parcours du ${date(after.reviewedOn)} : avis ${valueInWords("verdict", after.verdict)}`;
    case "avenant.record":
      return `a enregistré l'avenant n° ${text(String(after.number ?? ""))} signé le ${date(after.signedOn)}${after.object ? ` : ${text(after.object)}` : ""}`;
    case "termination.notify":
      return `a enregistré un préavis de résiliation du ${date(after.noticeOn)}${after.byParty ? ` (${valueInWords("byParty", after.byParty)})` : ""}`;
    case "termination.withdraw":
      return `a retiré le préavis de résiliation du ${date(after.noticeOn)}`;
    case "suspension.record":
      return `a suspendu la délégation à compter du ${date(after.startsOn)}`;
    case "suspension.lift":
      return `a repris la délégation le ${date(after.liftedOn)} (suspendue depuis le ${date(after.startsOn)})`;
    case "expenditure.ej":
      return `a enregistré l'${text(after.ej)} du ${date(after.orderedOn)}${after.supplierName ? ` (${text(after.supplierName)})` : ""} : ${euros(after.amountCents)}`;
    case "expenditure.movement":
      return `a enregistré une ${valueInWords("kind", after.kind)} de l'${text(after.ej)} le ${date(after.movedOn)} : ${absEuros(after.amountCents)}`;
    case "expenditure.reversal":
      return `a contre-passé une ligne (${valueInWords("kind", before.kind)}) de l'${text(after.ej)} : ${euros(after.amountCents)}`;
    case "expenditure.serviceFait":
      return `a constaté le service fait « ${text(after.reference)} » sur l'${text(after.ej)} le ${date(after.doneOn)} : ${euros(after.amountCents)}`;
    case "expenditure.payment":
      return `a enregistré la demande de paiement n° ${text(after.dpNumber)} sur l'${text(after.ej)} le ${date(after.paidOn)} : ${euros(after.amountCents)}`;
    case "expenditure.paymentReversal":
      return `a annulé la demande de paiement n° ${text(before.dpNumber)}${before.ej ? ` de l'${text(before.ej)}` : ""} : ${absEuros(before.amountCents)}`;
    case "expenditure.import":
      return `a importé l'extrait Chorus « ${text(after.fileName)} » : AE ${euros(after.aeCents)}, CP ${euros(after.cpCents)}`;
    case "notice.send":
      return `a transmis un avis au délégant${after.year ? ` (${String(after.year)})` : ""}${after.amountCents ? ` : ${euros(after.amountCents)}` : ""}`;
    case "notice.answer":
      return "a répondu à un avis du délégataire";
    case "report.submit":
      return `a transmis le compte rendu final le ${date(after.submittedOn)}`;
    case "report.accept":
      return `a accepté le compte rendu final le ${date(after.acceptedOn)} : la convention est clôturée`;
    case "indicator.define":
      return `a défini l'indicateur « ${text(after.name)} » (${text(after.unit)}, ${valueInWords("isPublic", after.isPublic)})`;
    case "indicator.update":
      return `a modifié l'indicateur « ${text(after.name)} »`;
    case "committee.record":
      return `a enregistré le comité d'investissement du ${date(after.heldOn)}${after.decisionKind ? ` : ${valueInWords("decisionKind", after.decisionKind)}` : ""}`;
    case "committee.conditions":
      return `a constaté remplies le ${date(after.conditionsMetOn)} les conditions d'un comité d'investissement`;
    case "ambition.record":
      return `a enregistré l'ambition de lancement : ${text(after.indicator)}, cible ${text(after.target)} au ${date(after.targetOn)}`;
    case "committee.measures":
      return Object.keys(before).length > 0 ? "a corrigé des valeurs d'indicateurs" : "a saisi des valeurs d'indicateurs";
    case "obligation.update":
      return `a déclaré le suivi de l'obligation « ${text(after.title) || text(after.code)} » : ${text(after.status).toLowerCase()}`;
    default:
      return null;
  }
}

/** One French sentence for the entry. */
export function auditSentence(entry: AuditEntryWords): string {
  const before = isObject(entry.before) ? entry.before : {};
  const after = isObject(entry.after) ? entry.after : {};
  const did = action(entry.kind, before, after);
  if (!did) return `${auditKindLabel(entry.kind)}${entry.authorName ? ` (${entry.authorName})` : ""}`;
  return `${entry.authorName ?? "L'application"} ${did}.`;
}

/** Nested records one level down ("Demandes de raccordement" → { result, objective }) as "name — field". */
function flatten(record: Json): Map<string, { key: string; value: unknown }> {
  const flat = new Map<string, { key: string; value: unknown }>();
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN.has(key)) continue;
    if (key === "measures" && isObject(value)) {
      for (const [name, m] of Object.entries(value)) {
        if (isObject(m)) for (const [k, v] of Object.entries(m)) flat.set(`${name} — ${fieldLabel(k)}`, { key: k, value: v });
      }
      continue;
    }
    if (isObject(value) && Object.keys(value).every((k) => k === "result" || k === "objective")) {
      // committee.measures: { "<indicator>": { result, objective } }
      for (const [k, v] of Object.entries(value)) flat.set(`${key} — ${fieldLabel(k)}`, { key: k, value: v });
      continue;
    }
    flat.set(fieldLabel(key), { key, value });
  }
  return flat;
}

/**
 * The details in words: for a change, each field that differs ("Demandes de raccordement — résultat : 2 600 →
 * 2 700"); for a creation, each field recorded ("Montant : 18 000,00 €").
 */
export function auditDetails(entry: Pick<AuditEntryWords, "before" | "after">): string[] {
  const before = isObject(entry.before) ? flatten(entry.before) : new Map<string, { key: string; value: unknown }>();
  const after = isObject(entry.after) ? flatten(entry.after) : new Map<string, { key: string; value: unknown }>();
  const lines: string[] = [];
  if (before.size === 0) {
    for (const [label, { key, value }] of after) lines.push(`${label} : ${valueInWords(key, value)}`);
    return lines;
  }
  for (const label of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(label);
    const is = after.get(label);
    const wasText = was ? valueInWords(was.key, was.value) : "—";
    const isText = is ? valueInWords(is.key, is.value) : "—";
    if (wasText === isText) continue;
    lines.push(`${label} : ${wasText} → ${isText}`);
  }
  return lines;
}
