// Every refusal the app gives is a code with its parameters (and, when it concerns one field, that field's
// name); the French words live once, in this catalogue, keyed by code. The domain, the use cases, the
// actions, the routes and the import all speak in `Failure`s; the words are written only where a user reads
// them (`messageOf`), so a test asserts a code, not a sentence, and a wording changes in one place.
// zod's own messages stay in src/server/zod-fr.ts (the library's French map); a zod refinement that states a
// rule of ours uses `messageOf(failure(...))` so its words come from here too.

// Parameters are plain values (strings, numbers, ISO dates, amounts in cents as bigint): an entry formats them
// with the domain's formatters (formatEuros, formatDate), so a message reads "18 000,00 €" and "12 septembre
// 2024", never cents or ISO dates.
import { formatDate, type IsoDate } from "./dates";
import { formatEuros, type Cents } from "./money";
import { formatSiret } from "./organisations";
import { formatShare } from "./terms";
import type { RecordKind } from "./record-conflicts";

const euros = formatEuros;
const day = formatDate;
/** How a message names a dated event of the convention's life (src/domain/life-events.ts). */
const EVENT_NAMES = { review: "Le bilan de mi-parcours", termination: "Le préavis de résiliation", suspension: "La suspension", committee: "Le comité d'investissement" } as const;
type LifeEventName = keyof typeof EVENT_NAMES;

/** Why a SIRET is not one (src/domain/siret.ts), as a message says it. */
export const SIRET_PROBLEMS = { DIGITS: "14 chiffres attendus", KEY: "la clé de contrôle ne correspond pas, vérifiez les chiffres", MISSING: "champ obligatoire" } as const;
export type SiretProblem = keyof typeof SIRET_PROBLEMS;
/** The dated cells of a Chorus extract, as a refusal names them. */
export const CHORUS_DATE_CELLS = {
  date: "date",
  ejCreatedOn: "date de création de l'EJ",
  ejModifiedOn: "date de dernière modification de l'EJ",
  dpBaseDate: "date de base de la DP",
} as const;
export type ChorusDateCell = keyof typeof CHORUS_DATE_CELLS;
/** « value » as French typography quotes it, shortened so that a garbled cell does not flood the message. */
export function quoted(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return `« ${short} »`;
}
/** How a sentence names a party of the convention (a refusal, a calendar event): the one copy of these words. */
export const PARTY_NAMES = { DELEGANT: "le délégant (DINUM)", PARTENAIRE: "le partenaire", DELEGATAIRE: "le délégataire" } as const;
/** How a record in conflict is named: what it is, its number and its date. */
const RECORD_NAMES: Record<RecordKind, (label: string, on: IsoDate) => string> = {
  EJ: (label, on) => `l'EJ ${label} (commandé le ${day(on)})`,
  MOUVEMENT: (label, on) => `un mouvement de l'EJ ${label} (le ${day(on)})`,
  SERVICE_FAIT: (label, on) => `un service fait sur l'EJ ${label} (le ${day(on)})`,
  PAIEMENT: (label, on) => `la demande de paiement ${label} (payée le ${day(on)})`,
  DEBLOCAGE: (label, on) => `le déblocage de la tranche ${label} (le ${day(on)})`,
  AVENANT: (label, on) => `l'avenant n° ${label} (signé le ${day(on)})`,
  BILAN: (_label, on) => `le bilan de mi-parcours (du ${day(on)})`,
};

/**
 * The catalogue: one entry per code, a function of the code's parameters returning the French message.
 * Codes are UPPER_SNAKE in English (what the code means), grouped by the part of the record they concern.
 */
export const CATALOGUE = {
  // FAST promotions and conventions from draft to signature (src/domain/convention-drafts.ts,
  // src/server/use-cases/conventions.ts).
  PROMOTION_NAME_TAKEN: (p: { name: string }) => `Une promotion s'appelle déjà « ${p.name} » : choisissez un autre nom (par exemple FAST 16).`,
  PROMOTION_UNKNOWN: () => "Cette promotion FAST n'existe pas.",
  PROMOTION_DATES_ORDER: (p: { startsOn: IsoDate; endsOn: IsoDate }) =>
    `Le programme ne peut pas finir (${day(p.endsOn)}) avant de commencer (${day(p.startsOn)}).`,
  CONVENTION_REFERENCE_TAKEN: (p: { reference: string }) => `La référence « ${p.reference} » est déjà celle d'une autre convention : choisissez-en une autre.`,
  CONVENTION_CREATOR_NOT_DELEGANT: () =>
    "Accès refusé : une convention est créée par un agent du délégant (la DINUM) ; votre organisation n'est pas un délégant.",
  ORGANISATION_NOT_OF_KIND: (p: { organisation: string; expected: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE" }) =>
    `${p.organisation} n'est pas inscrite dans l'annuaire comme ${{ DELEGANT: "délégant", PARTENAIRE: "administration partenaire", DELEGATAIRE: "délégataire" }[p.expected]} : choisissez une organisation de cette nature (ou corrigez sa nature dans l'annuaire).`,
  CONVENTION_IN_SIGNATURE_FROZEN: () =>
    "Cette convention est en signature : son texte est figé. Seules les signatures des parties s'enregistrent désormais.",
  CONVENTION_SIGNED_CHANGES_BY_AVENANT: () => "Cette convention est signée : elle ne change plus que par avenant (page « Vie de la convention »).",
  DRAFT_INCOMPLETE: (p: { missing: string[] }) =>
    `Le brouillon est incomplet ; avant de l'envoyer en signature, renseignez : ${p.missing.join(" ; ")}.`,
  TRANCHE_SHARES_NOT_WHOLE: (p: { totalBasisPoints: number }) =>
    `Les parts des deux tranches doivent faire 100 % au total (elles font ${formatShare(p.totalBasisPoints)}).`,
  CREDIT_YEAR_TWICE: (p: { year: number }) => `L'année ${p.year} est donnée deux fois : une ligne par année.`,
  CREDIT_YEAR_AFTER_END: (p: { year: number; endsOn: IsoDate }) =>
    `L'année ${p.year} est postérieure à la fin de la convention (${day(p.endsOn)}) : aucun crédit ne peut y être prévu.`,
  CREDIT_CP_ABOVE_AE: (p: { aeCents: Cents; cpCents: Cents }) =>
    `Les CP prévus (${euros(p.cpCents)}) dépassent les AE prévues (${euros(p.aeCents)}) : on ne paie pas plus que ce qui est engagé.`,
  REVIEW_DUE_AFTER_END: (p: { dueOn: IsoDate; endsOn: IsoDate }) =>
    `Le bilan de mi-parcours (${day(p.dueOn)}) ne peut pas être prévu après la fin de la convention (${day(p.endsOn)}).`,
  CONVENTION_NOT_SIGNED_FOR_PUBLICATION: () =>
    "Une convention n'est publiée qu'une fois signée par les trois parties (article 7) : enregistrez d'abord les signatures, la DINUM en dernier.",
  CONVENTION_CBCM_COPY_BEFORE_SIGNATURE: (p: { sentOn: IsoDate; signedOn: IsoDate }) =>
    `La copie au CBCM (${day(p.sentOn)}) ne peut pas précéder la signature de la convention par la DINUM (${day(p.signedOn)}).`,
  CONVENTION_ALREADY_PUBLISHED: (p: { on: IsoDate | null }) => `Cette convention est déjà publiée${p.on ? ` (depuis le ${day(p.on)})` : ""}.`,
  CONVENTION_NOT_PUBLISHED: () => "Cette convention n'est pas publiée : il n'y a pas de publication à retirer.",
  PROMOTION_NAME_FROZEN: (p: { reference: string }) =>
    `La convention ${p.reference} de cette promotion est en signature ou signée, et son texte nomme la promotion : le nom ne change plus. L'enveloppe et les dates restent modifiables.`,
  DRAFT_COMMENTS_CLOSED: () =>
    "Cette convention est signée : les commentaires de sa rédaction sont clos et gardés tels quels. Elle ne change plus que par avenant.",
  SIGNATURE_NOT_OPEN: () => "Cette convention est encore un brouillon : envoyez-la en signature avant d'enregistrer les signatures.",
  SIGNATURE_ALREADY_RECORDED: (p: { party: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE"; on: IsoDate }) =>
    `La signature de ${PARTY_NAMES[p.party]} est déjà enregistrée (le ${day(p.on)}).`,
  SIGNATURE_OUT_OF_ORDER: (p: { party: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE"; expected: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE" }) =>
    `Les parties signent dans l'ordre : le partenaire, puis le délégataire, la DINUM en dernier. La prochaine signature attendue est celle de ${PARTY_NAMES[p.expected]}, pas celle de ${PARTY_NAMES[p.party]}.`,
  SIGNATURE_DATE_IN_FUTURE: (p: { on: IsoDate }) => `La date de signature ne peut pas être dans le futur (${day(p.on)}).`,
  SIGNATURE_BEFORE_SENT: (p: { on: IsoDate; sentOn: IsoDate }) =>
    `La convention a été envoyée en signature le ${day(p.sentOn)} : elle ne peut pas avoir été signée avant (${day(p.on)}).`,
  SIGNATURE_BEFORE_PREVIOUS: (p: { on: IsoDate; previous: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE"; previousOn: IsoDate }) =>
    `${PARTY_NAMES[p.previous].replace(/^l/, "L")} a signé le ${day(p.previousOn)} : la signature suivante ne peut pas être antérieure (${day(p.on)}).`,
  // Steering: committee decisions, the launch ambition, a review held at a committee (src/domain/committee-decisions.ts).
  COMMITTEE_CONDITIONS_REQUIRED: () => "Une poursuite sous conditions précise les conditions et la date à laquelle les vérifier.",
  COMMITTEE_CONDITIONS_DUE_BEFORE_COMMITTEE: (p: { heldOn: IsoDate }) =>
    `Les conditions se vérifient au plus tôt le jour du comité (${formatDate(p.heldOn)}).`,
  COMMITTEE_CONDITIONS_UNEXPECTED: () => "Seule une poursuite sous conditions a des conditions et une date de vérification : videz ces champs ou changez la décision.",
  COMMITTEE_UNKNOWN: () => "Ce comité n'appartient pas à cette convention.",
  COMMITTEE_HAS_NO_CONDITIONS: (p: { heldOn: IsoDate }) => `Le comité du ${formatDate(p.heldOn)} n'a pas décidé une poursuite sous conditions : il n'y a pas de conditions à constater.`,
  COMMITTEE_CONDITIONS_ALREADY_MET: (p: { heldOn: IsoDate; metOn: IsoDate }) =>
    `Les conditions du comité du ${formatDate(p.heldOn)} sont déjà constatées remplies le ${formatDate(p.metOn)}.`,
  COMMITTEE_CONDITIONS_MET_BEFORE_COMMITTEE: (p: { heldOn: IsoDate }) => `Des conditions ne peuvent pas être remplies avant le comité qui les pose (${formatDate(p.heldOn)}).`,
  COMMITTEE_CONDITIONS_MET_IN_FUTURE: () => "La date à laquelle les conditions sont remplies ne peut pas être dans le futur.",
  AMBITION_INDICATOR_UNKNOWN: () => "Choisissez la métrique phare parmi les indicateurs de la convention.",
  AMBITION_CONVENTION_UNSIGNED: () => "L'ambition se fixe au lancement, une fois la convention signée.",
  REVIEW_COMMITTEE_DATE_MISMATCH: (p: { heldOn: IsoDate; reviewedOn: IsoDate }) =>
    `Un bilan tenu au comité du ${formatDate(p.heldOn)} porte sa date, pas le ${formatDate(p.reviewedOn)}.`,
  // Accounts, sign-in and access requests (src/domain/accounts.ts, src/server/use-cases/access-requests.ts).
  /** An active account unused for the configured number of days, deactivated when it tries to sign in. */
  ACCOUNT_IDLE: (p: { days: number }) =>
    `Ce compte n'a servi à aucune connexion depuis plus de ${p.days} jours : il a été désactivé par précaution. ` +
    "Pour le faire réactiver, adressez-vous à un administrateur de Suivi FAST (l'équipe du fonds FAST à la DINUM) " +
    "ou au collègue de votre organisation qui vous a invité.",
  /** Passwords are disabled on this platform (AUTH_LOCAL_PASSWORDS=false): ProConnect only. */
  LOCAL_PASSWORDS_DISABLED: () => "La connexion par mot de passe n'est pas ouverte sur cette plateforme : connectez-vous avec ProConnect.",
  /** A FAST pilot whose own organisation is not a délégant edits no organisation. */
  PILOT_NOT_OF_DELEGANT: () =>
    "Accès refusé : seuls les pilotes FAST d'un délégant (la DINUM) ajoutent et modifient les organisations. Votre organisation n'est pas un délégant : adressez-vous à un administrateur.",
  /** Inviting a colleague is for a party's lead (the agent whose role acts for their organisation's party). */
  COLLEAGUE_NOT_A_PARTY_LEAD: () =>
    "Accès refusé : seul le responsable d'une partie à une convention (pilote FAST du délégant, intrapreneur du partenaire, gestionnaire du délégataire) invite ses collègues.",
  /** A party's lead invites with their own role only. */
  COLLEAGUE_ROLE_ABOVE_INVITER: () =>
    "Vous invitez un collègue avec votre propre rôle uniquement : un autre rôle relève d'un administrateur de Suivi FAST.",
  ACCESS_REQUEST_UNKNOWN: () => "Cette demande d'accès n'existe pas.",
  ACCESS_REQUEST_DECIDED: (p: { status: "ACCEPTEE" | "REFUSEE" }) =>
    p.status === "ACCEPTEE" ? "Cette demande d'accès a déjà été acceptée." : "Cette demande d'accès a déjà été refusée.",
  /** Accepting a request whose e-mail already has an account (opened since, by invitation). */
  ACCESS_REQUEST_EMAIL_TAKEN: (p: { email: string }) =>
    `Un compte existe déjà pour ${p.email} : l'agent s'y connecte avec ProConnect ; refusez cette demande.`,
  /** The ProConnect identity of the request is already linked to an account. */
  ACCESS_REQUEST_IDENTITY_LINKED: () => "Cette identité ProConnect est déjà associée à un compte : refusez cette demande.",
  ACCESS_REQUEST_ORGANISATION_UNKNOWN: () => "Choisissez une organisation de l'annuaire.",
  /** The chosen organisation records SIRETs and the agent's establishment is not among them. */
  ACCESS_REQUEST_FOREIGN_SIRET: (p: { siret: string | null; organisation: string }) =>
    p.siret
      ? `Le SIRET de l'agent (${p.siret}) ne fait pas partie des SIRET de ${p.organisation} : ajoutez-le d'abord à ses SIRET admis par ProConnect dans l'annuaire, ou choisissez une autre organisation.`
      : `ProConnect n'a pas transmis de SIRET pour cet agent, et ${p.organisation} n'admet que certains SIRET : choisissez une autre organisation.`,
  // What an agent reads on the login page after ProConnect (src/server/use-cases/access-requests.ts).
  PROCONNECT_ACCESS_REQUESTED: () =>
    "Vous n'avez pas encore de compte Suivi FAST : votre demande d'accès est enregistrée avec votre identité ProConnect. " +
    "Un administrateur de Suivi FAST l'examinera ; une fois acceptée, reconnectez-vous avec ProConnect.",
  PROCONNECT_ACCESS_REFUSED: () =>
    "Votre demande d'accès à Suivi FAST a été refusée par un administrateur. Si vous pensez qu'il s'agit d'une erreur, adressez-vous à l'équipe du fonds FAST à la DINUM.",
  PROCONNECT_INVITATION_EXPIRED: () =>
    "Votre invitation à Suivi FAST n'est plus valable (expirée ou remplacée). Demandez une nouvelle invitation à la personne qui vous a invité ou à un administrateur.",
  // Access and the request itself (the server boundary).
  UNAUTHENTICATED: () => "Authentification requise : connectez-vous.",
  FORBIDDEN: () => "Accès refusé : votre organisation n'est pas partie à cette convention ou votre rôle ne le permet pas.",
  NOT_FOUND: () => "Ressource introuvable.",
  INVALID_INPUT: () => "Certaines informations sont à corriger.",
  DUPLICATE: (p: { what?: string }) => (p.what ? `Cet enregistrement existe déjà : ${p.what} (doublon refusé).` : "Cet enregistrement existe déjà (doublon refusé)."),
  DATABASE_UNREACHABLE: () => "Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant ; rien n'a été enregistré.",
  UNEXPECTED: () => "Une erreur inattendue est survenue. Réessayez dans un instant.",
  // The signed copy of the convention (src/domain/signed-copy.ts).
  SIGNED_COPY_EMPTY: () => "Aucun fichier reçu : choisissez le PDF de la convention signée.",
  SIGNED_COPY_TOO_LARGE: (p: { maxBytes: number }) => `Fichier trop volumineux : la copie signée ne dépasse pas ${Math.round(p.maxBytes / 1024 / 1024)} Mo.`,
  SIGNED_COPY_NOT_PDF: () => "Ce fichier n'est pas un PDF (son contenu ne commence pas par « %PDF- ») : numérisez la convention signée en PDF.",
  SIGNED_COPY_SIZE_MISMATCH: () => "Le fichier reçu est incomplet : envoyez-le à nouveau.",
  SIGNED_COPY_UNSIGNED: () => "La convention n'est pas encore signée : sa copie signée se dépose une fois toutes les signatures recueillies.",
  SIGNED_COPY_SAME_FILE: (p: { uploadedOn: IsoDate }) => `Ce fichier est déjà la copie signée en vigueur (déposée le ${formatDate(p.uploadedOn)}).`,
  // Expenditure (src/domain/credits.ts): the ceilings of article 4, the dates of an operation, corrections.
  /** A zero or negative amount where a positive one is expected. */
  AMOUNT_INVALID: (p: { of: "engagement" | "reduction" | "movement" | "payment" }) =>
    ({
      engagement: "Le montant d'un engagement doit être strictement positif.",
      reduction: "Le montant d'une réduction doit être strictement positif.",
      movement: "Un mouvement d'EJ a un montant non nul.",
      payment: "Le montant d'un paiement est non nul.",
    })[p.of],
  /** The engagement would exceed the AE allocated for the year (only an avenant can help). */
  AE_ALLOCATION_EXCEEDED: (p: { year: number; allocatedCents: Cents; leftCents: Cents; askedCents: Cents; missingCents: Cents }) =>
    p.allocatedCents <= 0n
      ? `Engagement refusé : aucune AE n'est allouée pour ${p.year}. Seul un avenant peut en ouvrir.`
      : `Engagement refusé : il dépasserait la dotation AE ${p.year} (${euros(p.allocatedCents)}). Reste à engager sur la dotation : ${euros(p.leftCents)} ` +
        `(demandé : ${euros(p.askedCents)}, manque : ${euros(p.missingCents)}). Informez le délégant sans délai de l'insuffisance des crédits ; seul un avenant peut augmenter la dotation.`,
  /** The engagement would exceed the AE made available (a release, or an avenant, can help). */
  AE_NOT_AVAILABLE: (p: { year: number; leftCents: Cents; askedCents: Cents; missingCents: Cents; toReleaseCents: Cents }) =>
    `Engagement refusé : il dépasse les AE mises à disposition pour ${p.year}. Reste à engager : ${euros(p.leftCents)} ` +
    `(demandé : ${euros(p.askedCents)}, manque : ${euros(p.missingCents)}).` +
    (p.toReleaseCents > 0n ? ` ${euros(p.toReleaseCents)} d'AE ${p.year} restent à débloquer par la DINUM.` : " Informez le délégant sans délai de l'insuffisance des crédits."),
  /** The payment would exceed the CP made available for the year. */
  CP_NOT_AVAILABLE: (p: { year: number; leftCents: Cents; askedCents: Cents; missingCents: Cents; toReleaseCents: Cents }) =>
    `Paiement refusé : il dépasse les CP mis à disposition pour ${p.year}. Reste à payer : ${euros(p.leftCents)} ` +
    `(demandé : ${euros(p.askedCents)}, manque : ${euros(p.missingCents)}).` +
    (p.toReleaseCents > 0n ? ` ${euros(p.toReleaseCents)} de CP ${p.year} restent à débloquer par la DINUM.` : " Informez le délégant sans délai de l'insuffisance des crédits."),
  /** The payment would exceed what its EJ engaged. */
  EJ_AE_EXCEEDED: (p: { leftCents: Cents; engagedCents: Cents; paidCents: Cents; askedCents: Cents }) =>
    `Paiement refusé : il dépasse les AE de l'EJ. Reste à payer sur cet EJ : ${euros(p.leftCents)} ` +
    `(EJ : ${euros(p.engagedCents)}, déjà payé : ${euros(p.paidCents)}, demandé : ${euros(p.askedCents)}).`,
  /** The reduction exceeds the EJ's amount. */
  EJ_BELOW_ZERO: (p: { engagedCents: Cents; maxReductionCents: Cents }) =>
    `Réduction refusée : elle dépasse le montant de l'EJ (${euros(p.engagedCents)}). Réduction maximale : ${euros(p.maxReductionCents)}.`,
  /** The reduction would bring the EJ below what was already paid on it. */
  EJ_BELOW_PAID: (p: { afterCents: Cents; paidCents: Cents; maxReductionCents: Cents }) =>
    `Réduction refusée : l'EJ descendrait à ${euros(p.afterCents)}, sous les ${euros(p.paidCents)} déjà payés dessus. Réduction maximale : ${euros(p.maxReductionCents)}.`,
  /** The payment reversal exceeds what was paid on the EJ. */
  REVERSAL_EXCEEDS_PAID: (p: { paidCents: Cents }) => `Annulation refusée : elle dépasse ce qui a été payé sur cet EJ (${euros(p.paidCents)}).`,
  /** An operation dated outside the convention's life (unsigned, suspended, ended, terminated, closed). */
  OUTSIDE_CONVENTION_LIFE: (p: { of: "engagement" | "paiement"; on: IsoDate; state: "BROUILLON" | "SUSPENDUE" | "RESILIEE" | "EXPIREE" | "CLOTUREE"; signedOn?: IsoDate | null; endsOn?: IsoDate }) => {
    const label = p.of === "engagement" ? "Un engagement" : "Un paiement";
    switch (p.state) {
      case "BROUILLON":
        return p.signedOn
          ? `${label} ne peut pas être daté du ${day(p.on)}, avant la signature de la convention (${day(p.signedOn)}).`
          : `${label} ne peut pas être enregistré : la convention n'est pas signée.`;
      case "SUSPENDUE":
        return `${label} ne peut pas être daté du ${day(p.on)} : l'exécution de la convention était alors suspendue.`;
      case "RESILIEE":
        return `${label} ne peut pas être daté du ${day(p.on)} : la convention était alors résiliée.`;
      case "EXPIREE":
        return `${label} ne peut pas être daté du ${day(p.on)}, après la fin de la convention (${p.endsOn ? day(p.endsOn) : ""}).`;
      case "CLOTUREE":
        return `${label} ne peut pas être daté du ${day(p.on)} : la convention était alors clôturée.`;
    }
  },
  /** A date of expenditure after today: Chorus records what happened. */
  FUTURE_DATE: (p: { on: IsoDate }) => `La date (${day(p.on)}) ne peut pas être dans le futur.`,
  /** A line dated before the EJ it belongs to. */
  BEFORE_EJ: (p: { of: "movement" | "serviceFait" | "payment"; ejOrderedOn: IsoDate }) =>
    `${{ movement: "La modification", serviceFait: "Le service fait", payment: "Le paiement" }[p.of]} ne peut pas précéder l'engagement (${day(p.ejOrderedOn)}).`,
  /** A correcting AE line is not itself corrected. */
  REVERSAL_NOT_REVERSIBLE: () => "Une contre-passation ne se contre-passe pas : enregistrez une nouvelle ligne.",
  /** An AE line already corrected. */
  ALREADY_REVERSED: (p: { on: IsoDate }) => `Cette ligne a déjà été contre-passée le ${day(p.on)}.`,
  /** A cancelling payment line is not itself cancelled. */
  CANCELLATION_NOT_CANCELLABLE: () => "Une annulation ne s'annule pas : enregistrez une nouvelle demande de paiement.",
  /** A payment already cancelled. */
  ALREADY_CANCELLED: (p: { dpNumber: string }) => `La demande de paiement ${p.dpNumber} est déjà annulée.`,
  /** Nothing is recorded nor corrected once DINUM accepted the final report. */
  CONVENTION_CLOSED: () => "La convention est clôturée : plus aucune dépense ne peut y être enregistrée ni corrigée.",
  /** An EJ id that is not one of this convention's. */
  EJ_NOT_IN_CONVENTION: () => "Cet engagement juridique n'appartient pas à cette convention.",
  LINE_NOT_IN_CONVENTION: () => "Cette ligne n'appartient pas à cette convention.",
  PAYMENT_NOT_IN_CONVENTION: () => "Cette demande de paiement n'appartient pas à cette convention.",

  // The Chorus import's lines (src/domain/chorus): what a line of the file would do that the record refuses.
  IMPORT_MOVEMENT_BEFORE_EJ: (p: { on: IsoDate; ej: string; orderedOn: IsoDate }) => `modification du ${day(p.on)} antérieure à l'${p.ej} (engagé le ${day(p.orderedOn)}).`,
  IMPORT_PAYMENT_BEFORE_EJ: (p: { dpNumber: string; on: IsoDate; ej: string; orderedOn: IsoDate }) => `DP ${p.dpNumber} datée du ${day(p.on)}, avant l'${p.ej} (engagé le ${day(p.orderedOn)}).`,
  IMPORT_CANCELLATION_WITHOUT_PAYMENT: (p: { dpNumber: string; amountCents: Cents; ej: string }) =>
    `DP ${p.dpNumber} : annulation de ${euros(p.amountCents)} sans demande de paiement de ce montant sur l'${p.ej}.`,

  // Notices to the délégant (src/domain/notices.ts).
  NOTICE_CONVENTION_NOT_RUNNING: () => "La convention n'est plus en vigueur : aucun avis ne peut plus être transmis.",
  NOTICE_NOT_NEEDED: (p: { neededCents: Cents }) => `Les crédits disponibles couvrent ce besoin (${euros(p.neededCents)}) : aucun avis n'est nécessaire.`,
  NOTICE_FORECAST_ABOVE_UNPAID: (p: { forecastCents: Cents; year: number; unpaidCents: Cents }) =>
    `La prévision (${euros(p.forecastCents)}) dépasse les CP ${p.year} non encore payés (${euros(p.unpaidCents)}).`,
  NOTICE_ALREADY_ANSWERED: () => "Cet avis a déjà reçu une réponse.",
  NOTICE_NOT_IN_CONVENTION: () => "Cet avis n'appartient pas à cette convention.",
  // The final report (src/domain/final-report.ts).
  REPORT_ALREADY_ACCEPTED: (p: { when: "submission" | "acceptance" }) =>
    `${p.when === "submission" ? "Le" : "Un"} compte rendu final a déjà été accepté : la convention est clôturée.`,
  REPORT_NOT_EXPECTED_UNSIGNED: () => "La convention n'est pas signée : aucun compte rendu n'est attendu.",
  REPORT_NOT_YET_DUE: (p: { opensOn: IsoDate }) => `Le compte rendu final se remet au terme de la convention : à partir du ${day(p.opensOn)}.`,
  REPORT_NOT_IN_CONVENTION: () => "Ce compte rendu n'appartient pas à cette convention.",
  REPORT_NOT_LATEST: () => "Seul le dernier compte rendu transmis peut être accepté.",
  // The obligations register (src/domain/obligations.ts).
  EVIDENCE_DATE_IN_FUTURE: (p: { on: IsoDate }) => `La date de la preuve ne peut pas être dans le futur (${day(p.on)}).`,
  EVIDENCE_REQUIRED: () => "Une obligation déclarée respectée s'appuie sur une preuve : donnez un lien ou une note.",
  OBLIGATION_NOT_IN_CONVENTION: () => "Cette obligation n'appartient pas à cette convention.",
  /** Only the party that owes an obligation declares its follow-up. */
  OBLIGATION_NOT_OWED: (p: { owedBy: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE" }) =>
    `Accès refusé : seule la partie qui doit cette obligation (${PARTY_NAMES[p.owedBy]}) peut en déclarer le suivi.`,

  // The convention's life (src/domain/life-events.ts, committees.ts, tranches.ts; use cases convention-life, steering).
  EVENT_IN_FUTURE: (p: { event: LifeEventName; on: IsoDate }) => `${EVENT_NAMES[p.event]} ne peut pas être daté dans le futur (${day(p.on)}).`,
  EVENT_CONVENTION_UNSIGNED: (p: { event: LifeEventName }) => `${EVENT_NAMES[p.event]} suppose une convention signée.`,
  EVENT_BEFORE_SIGNATURE: (p: { event: LifeEventName; signedOn: IsoDate }) =>
    `${EVENT_NAMES[p.event]} ne peut pas précéder la signature de la convention (${day(p.signedOn)}).`,
  EVENT_CONVENTION_NOT_RUNNING: (p: { event: LifeEventName; on: IsoDate }) =>
    `Le ${day(p.on)}, la convention n'était plus en vigueur : ${EVENT_NAMES[p.event].charAt(0).toLowerCase()}${EVENT_NAMES[p.event].slice(1)} ne peut plus y être rattaché.`,
  CBCM_COPY_BEFORE_SIGNATURE: (p: { sentOn: IsoDate; signedOn: IsoDate }) =>
    `L'envoi au CBCM (${day(p.sentOn)}) ne peut pas précéder la signature de l'avenant (${day(p.signedOn)}).`,
  SUSPENSION_RUNNING: (p: { since: IsoDate }) => `Une suspension court déjà depuis le ${day(p.since)} : levez-la avant d'en enregistrer une autre.`,
  SUSPENSION_OVERLAP: (p: { on: IsoDate; from: IsoDate; until: IsoDate }) => `Le ${day(p.on)} tombe dans la suspension du ${day(p.from)} au ${day(p.until)}.`,
  SUSPENSION_ALREADY_LIFTED: (p: { on: IsoDate }) => `Cette suspension a déjà été levée le ${day(p.on)}.`,
  LIFT_IN_FUTURE: (p: { on: IsoDate }) => `La levée ne peut pas être datée dans le futur (${day(p.on)}).`,
  LIFT_BEFORE_START: (p: { startsOn: IsoDate }) => `La levée ne peut pas précéder le début de la suspension (${day(p.startsOn)}).`,
  SUSPENSION_NOT_IN_CONVENTION: () => "Cette suspension n'appartient pas à cette convention.",
  TERMINATION_BY_NON_PARTY: () => "Seule une partie à la convention peut la résilier.",
  COMMITTEE_DATE_TAKEN: (p: { on: IsoDate }) => `Un comité d'investissement est déjà enregistré le ${day(p.on)} : un seul comité par date.`,
  DINUM_ATTENDED_UNINVITED: () => "La DINUM ne peut pas avoir participé sans avoir été invitée.",
  TRANCHE_UNKNOWN: () => "Cette tranche ne figure pas dans les conditions en vigueur de la convention.",
  /** `blocker`: the tranche view's own words for what blocks it (src/domain/tranches.ts). */
  TRANCHE_NOT_RELEASABLE: (p: { rank: number; creditType: "AE" | "CP"; year: number; status: string; blocker: string }) =>
    `La tranche ${p.rank} (${p.creditType} ${p.year}) ne peut pas être débloquée : ${p.blocker}.`,
  TRANCHE_NOT_IN_CONVENTION: () => "Cette tranche n'appartient pas à cette convention.",
  TRANCHE_AMOUNT_CHANGED: (p: { rank: number; creditType: "AE" | "CP"; year: number; amountCents: Cents; confirmedCents: Cents }) =>
    `Le montant de la tranche ${p.rank} (${p.creditType} ${p.year}) a changé depuis l'affichage (${euros(p.amountCents)} au lieu de ${euros(p.confirmedCents)}) : vérifiez-le, puis confirmez à nouveau.`,

  // Indicators and measures (src/server/use-cases/steering.ts).
  INDICATOR_NAME_TAKEN: (p: { name: string }) => `Un indicateur « ${p.name} » existe déjà pour cette convention.`,
  INDICATOR_NOT_IN_CONVENTION: () => "Cet indicateur n'appartient pas à cette convention.",
  MEASURES_UNCHANGED: () => "Aucune valeur n'a changé : rien n'est enregistré.",
  // The directory of organisations (src/domain/organisations.ts, src/server/use-cases/organisations.ts).
  ORGANISATION_DELEGANT_FOR_ADMINISTRATORS: () =>
    "Accès refusé : un pilote FAST ajoute et modifie les administrations partenaires et les délégataires ; un délégant relève d'un administrateur de la plateforme.",
  ORGANISATION_UNKNOWN: () => "Cette organisation n'existe pas ou plus.",
  ORGANISATION_UNCHANGED: () => "Aucune modification : les informations saisies sont celles déjà enregistrées.",
  /** SIRETs another organisation already holds (as its own or for ProConnect): a SIRET designates one organisation. */
  SIRET_TAKEN: (p: { taken: readonly { siret: string; holder: string }[] }) =>
    `SIRET refusé${p.taken.length > 1 ? "s" : ""} : ${p.taken.map((t) => `${formatSiret(t.siret)} (déjà enregistré pour ${t.holder})`).join(" ; ")} ; un SIRET ne désigne qu'une organisation.`,

  // Accounts and invitations (src/domain/accounts.ts, src/server/use-cases/accounts.ts).
  INVITATION_UNKNOWN: () =>
    "Ce lien d'invitation n'est pas reconnu. Vérifiez qu'il a été copié en entier, ou demandez une nouvelle invitation à l'administrateur qui vous a invité.",
  INVITATION_USED: () =>
    "Ce lien a déjà servi à activer le compte : il ne fonctionne qu'une fois. Connectez-vous avec votre adresse électronique et le mot de passe choisi ; en cas d'oubli, demandez une nouvelle invitation à un administrateur.",
  INVITATION_REPLACED: () => "Un lien plus récent a été envoyé pour ce compte : seul le dernier lien fonctionne. Utilisez-le, ou demandez-en un nouveau à un administrateur.",
  INVITATION_EXPIRED: (p: { days: number }) => `Ce lien n'est valable que ${p.days} jours et a expiré. Demandez une nouvelle invitation à l'administrateur qui vous a invité.`,
  INVITATION_ACCOUNT_DEACTIVATED: () =>
    "Le compte auquel ce lien donne accès a été désactivé par un administrateur. Adressez-vous à lui si vous pensez qu'il s'agit d'une erreur.",
  ACCOUNT_EMAIL_TAKEN: (p: { email: string }) => `Un compte existe déjà pour ${p.email} : retrouvez-le dans la liste des comptes.`,
  ACCOUNT_UNKNOWN: () => "Ce compte n'existe pas.",
  ACCOUNT_ORGANISATION_UNKNOWN: () => "Cette organisation n'existe pas.",
  ACCOUNT_ROLE_UNCHANGED: () => "Ce compte a déjà ce rôle.",
  LAST_ADMINISTRATOR: () =>
    "Ce compte est le dernier administrateur actif : nommez d'abord un autre administrateur, sans quoi plus personne ne pourrait gérer les comptes.",
  ACCOUNT_ALREADY_DEACTIVATED: () => "Ce compte est déjà désactivé.",
  ACCOUNT_NOT_DEACTIVATED: () => "Ce compte n'est pas désactivé.",
  ACCOUNT_ALREADY_ACTIVE: () => "Ce compte est déjà activé : son titulaire se connecte avec son mot de passe.",
  ACCOUNT_DEACTIVATED_REACTIVATE_FIRST: () => "Ce compte est désactivé : réactivez-le d'abord.",
  /** npm run admin:create: the organisation named is not in the directory, or none is named and the directory is not empty. */
  ADMIN_ORGANISATION_UNKNOWN: (p: { slug: string; known: readonly string[] }) => `Organisation « ${p.slug} » introuvable. Organisations connues : ${p.known.join(", ") || "aucune"}.`,
  ADMIN_ORGANISATION_REQUIRED: (p: { known: readonly string[] }) => `Précisez l'organisation de l'administrateur avec --organisation <slug>, parmi : ${p.known.join(", ")}.`,
  // The password policy (src/domain/password-policy.ts).
  PASSWORD_REJECTED: () => "Ce mot de passe ne convient pas.",
  PASSWORD_TOO_SHORT: (p: { min: number; length: number }) => `Le mot de passe doit compter au moins ${p.min} caractères (il en compte ${p.length}).`,
  PASSWORD_TOO_LONG: (p: { max: number }) => `Le mot de passe ne doit pas dépasser ${p.max} caractères.`,
  PASSWORD_CONTAINS_EMAIL: () => "Le mot de passe ne doit pas reprendre l'adresse électronique du compte.",
  PASSWORD_COMMON: () => "Ce mot de passe est trop courant ou trop prévisible (mot usuel, suite de clavier) : choisissez-en un autre.",
  PASSWORD_REPETITIVE: () => "Le mot de passe est trop répétitif : utilisez au moins 5 caractères différents.",

  // Route handlers' own refusals (answered as { code, erreur }).
  STATS_STARTUP_UNKNOWN: () => "Aucune startup publiée sous cet identifiant.",
  STATS_INDICATOR_UNKNOWN: () => "Aucun indicateur public sous cet identifiant.",
  IMPORT_CROSS_ORIGIN: () => "Envoi refusé : il doit venir de Suivi FAST lui-même.",
  IMPORT_BAD_PARAMETERS: () => "Paramètres d'import invalides.",
  IMPORT_FILE_TOO_LARGE: (p: { megabytes: number }) => `Fichier trop volumineux (${p.megabytes} Mo) : 200 Mo au plus.`,
  IMPORT_NO_FILE: () => "Aucun fichier reçu.",
  IMPORT_BUSY: (p: { running: number }) =>
    `${p.running} imports sont déjà en cours sur ce serveur, le plus qu'il en mène à la fois : réessayez dans quelques minutes. Rien n'a été lu ni importé.`,
  IMPORT_FILE_CHANGED: () => "Le fichier a changé depuis la prévisualisation : prévisualisez-le à nouveau.",
  IMPORT_INTERRUPTED: () =>
    "L'import s'est interrompu avant d'annoncer son résultat. Il se fait tout ou rien : envoyez le fichier de nouveau (les lignes déjà enregistrées sont reconnues et ne sont pas écrites deux fois).",

  IMPORT_REDUCTION_OF_UNKNOWN_EJ: (p: { amountCents: Cents; ej: string }) =>
    `réduction de ${euros(p.amountCents)} de l'${p.ej}, qui n'est pas engagé dans cette convention (importez d'abord l'extrait où il est créé).`,
  IMPORT_DP_READ_TWICE: (p: { dpNumber: string; item: number | null; firstLine: number }) => `DP ${p.dpNumber} poste ${p.item} déjà lu ligne ${p.firstLine} avec un autre montant.`,
  IMPORT_DP_WITHOUT_EJ: (p: { dpNumber: string; amountCents: Cents }) =>
    `DP ${p.dpNumber} de ${euros(p.amountCents)} sans engagement juridique (« # ») : les dépenses d'une convention passent par un EJ sur le marché ; rattachez-la à son EJ dans Chorus.`,
  IMPORT_DP_ON_OTHER_EJ: (p: { dpNumber: string; recordedEj: string; ej: string }) => `DP ${p.dpNumber} enregistrée sur l'${p.recordedEj}, l'extrait la porte sur l'${p.ej}.`,
  IMPORT_DP_AMOUNT_CHANGED: (p: { dpNumber: string; amountCents: Cents; recordedCents: Cents }) =>
    `DP ${p.dpNumber} : ${euros(p.amountCents)} dans l'extrait, ${euros(p.recordedCents)} enregistrés. Le montant d'une demande de paiement ne change pas dans Chorus (une annulation a son propre numéro) : vérifiez-la.`,
  IMPORT_DP_WITHOUT_DATE: (p: { dpNumber: string }) => `DP ${p.dpNumber} sans date de base.`,
  IMPORT_DP_ON_UNKNOWN_EJ: (p: { dpNumber: string; ej: string }) => `DP ${p.dpNumber} sur l'${p.ej}, qui n'est pas engagé dans cette convention (ni enregistré, ni dans cet extrait).`,
  // The import as a whole (src/server/chorus/import.ts): what makes it refuse the file.
  IMPORT_EMPTY_FILE: () => "Le fichier est vide.",
  IMPORT_NO_LINES: () => "Aucune ligne à importer : le fichier n'a que son en-tête.",
  IMPORT_CONVENTION_CLOSED: () => "La convention est clôturée : plus aucune dépense ne peut y être importée.",
  IMPORT_TRUNCATED: (p: { received: number; expected: number }) =>
    `Le fichier n'est pas arrivé en entier (${p.received.toLocaleString("fr-FR")} octets reçus sur ${p.expected.toLocaleString("fr-FR")}) : rien n'en a été lu ni importé. Envoyez-le de nouveau.`,
  IMPORT_UNKNOWN_FORMAT: (p: { formats: readonly string[] }) =>
    `Format de fichier non reconnu : aucun en-tête d'extrait Chorus dans les premières lignes. Formats lus : ${p.formats.join(" ; ")}.`,
  IMPORT_LINES_REFUSED: (p: { count: number }) =>
    `Import refusé : ${p.count} ligne${p.count > 1 ? "s" : ""} de la convention ${p.count > 1 ? "sont refusées" : "est refusée"} (motifs dans la prévisualisation). Rien n'a été écrit : corrigez le fichier ou les enregistrements, puis importez-le de nouveau.`,
  IMPORT_NOTHING_OF_CONVENTION: () => "Aucune ligne de cette convention dans ce fichier : rien n'est importé.",
  // The file itself cannot be read further (src/server/chorus/read-lines.ts, read-xlsx.ts).
  CHORUS_FILE_LINE_MALFORMED: (p: { lineNumber: number }) => `Ligne ${p.lineNumber} : ligne illisible (guillemets ou séparateurs mal formés).`,
  CHORUS_FILE_QUOTE_UNCLOSED: (p: { lineNumber: number; maxLines: number }) =>
    `Ligne ${p.lineNumber} : guillemet ouvert jamais refermé (ou champ de plus de ${p.maxLines} lignes) ; la suite du fichier ne peut pas être lue.`,
  CHORUS_FILE_UTF16: () =>
    "Ce fichier est enregistré en UTF-16 (« Texte Unicode ») : enregistrez-le en CSV UTF-8 ou CSV (séparateur : point-virgule), puis importez-le de nouveau.",
  CHORUS_FILE_LINE_TOO_LONG: (p: { lineNumber: number; size: string }) => `Ligne ${p.lineNumber} : plus de ${p.size} sans retour à la ligne ; ce n'est pas un extrait Chorus.`,
  XLSX_NOT_READABLE: () => "Ce fichier n'est pas un classeur Excel (.xlsx) lisible : enregistrez-le de nouveau au format .xlsx ou CSV, puis importez-le.",
  XLSX_LEGACY: () =>
    "Ce fichier est un classeur Excel 97-2003 (.xls), format que l'application ne lit pas : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format .xlsx ou CSV, puis importez-le.",
  XLSX_ENCRYPTED: () =>
    "Ce classeur Excel est protégé par un mot de passe : ouvrez-le, enregistrez-en une copie sans mot de passe au format .xlsx ou CSV, puis importez-la.",
  XLSX_DAMAGED: (p: { lastRow: number }) =>
    `Ce classeur Excel est endommagé ou incomplet (lecture interrompue après la ligne ${p.lastRow}) : enregistrez-le de nouveau au format .xlsx ou CSV, puis importez-le.`,
  // A Chorus extract's layout (src/domain/chorus/layouts.ts): the file is not the layout it claims to be.
  CHORUS_FILE_EMPTY: () => "Le fichier est vide.",
  CHORUS_HEADER_NOT_FOUND: (p: { layout: string; columns: string }) => `En-tête introuvable : ce fichier n'est pas une ${p.layout} (colonnes ${p.columns} attendues).`,
  CHORUS_HEADER_NOT_FOUND_WITHIN: (p: { lineNumber: number; rows: number; layout: string; columns: string }) =>
    `Ligne ${p.lineNumber} : en-tête introuvable dans les ${p.rows} premières lignes : ce fichier n'est pas une ${p.layout} (colonnes ${p.columns} attendues).`,
  CHORUS_HEADER_COLUMNS_MISSING: (p: { lineNumber: number; layout: string; columns: string }) =>
    `Ligne ${p.lineNumber} : colonnes introuvables dans l'en-tête de la ${p.layout} : ${p.columns}.`,
  /** One line of an extract and every problem of its cells, as one sentence ("Ligne 12 : montant manquant ; …."). */
  // (Its problems are typed loosely: naming Failure here would make the catalogue's type refer to itself.)
  CHORUS_LINE_UNREADABLE: (p: { lineNumber: number; problems: readonly { code: string; params?: unknown }[] }) =>
    `Ligne ${p.lineNumber} : ${p.problems.map((problem) => render(problem.code, problem.params)).join(" ; ")}.`,
  // One cell of a Chorus extract (src/domain/chorus/cells.ts): fragments written to follow "Ligne 12 : ".
  CHORUS_CELL_AMOUNT_MISSING: () => "montant manquant",
  CHORUS_CELL_AMOUNT_AMBIGUOUS: (p: { value: string }) =>
    `montant illisible ${quoted(p.value)} : deux décimales au plus (un point ou une virgule de milliers ne se devine pas)`,
  CHORUS_CELL_AMOUNT_TOO_LARGE: (p: { value: string }) => `montant trop élevé ${quoted(p.value)}`,
  CHORUS_CELL_AMOUNT_UNREADABLE: (p: { value: string }) => `montant illisible ${quoted(p.value)}`,
  CHORUS_CELL_DATE_MISSING: (p: { date: ChorusDateCell }) => `${CHORUS_DATE_CELLS[p.date]} manquante`,
  CHORUS_CELL_DATE_INVALID: (p: { date: ChorusDateCell; value: string; expected?: string }) =>
    `${CHORUS_DATE_CELLS[p.date]} invalide ${quoted(p.value)}${p.expected ? ` (format ${p.expected} attendu)` : ""}`,
  CHORUS_CELL_EJ_DATE_MISSING: () => "date de l'EJ manquante",
  CHORUS_CELL_EJ_NUMBER_MISSING: () => "numéro d'EJ manquant",
  CHORUS_CELL_EJ_NUMBER_INVALID: (p: { value: string }) => `numéro d'EJ invalide ${quoted(p.value)} (10 chiffres attendus)`,
  CHORUS_CELL_EJ_LINE_MISSING: () => "numéro de poste d'EJ manquant",
  CHORUS_CELL_EJ_LINE_NOT_INTEGER: (p: { value: string }) => `numéro de poste d'EJ invalide ${quoted(p.value)} (nombre entier attendu)`,
  CHORUS_CELL_EJ_LINE_OUT_OF_RANGE: (p: { value: string; max: number }) => `numéro de poste d'EJ invalide ${quoted(p.value)} (de 1 à ${p.max})`,
  CHORUS_CELL_DP_NUMBER_MISSING: () => "numéro de DP manquant",
  CHORUS_CELL_DP_NUMBER_INVALID: (p: { value: string }) => `numéro de DP invalide ${quoted(p.value)} (de 6 à 12 chiffres attendus)`,
  CHORUS_CELL_DP_ITEM_INVALID: (p: { value: string }) => `numéro de poste de DP invalide ${quoted(p.value)}`,
  CHORUS_CELL_SIRET_INVALID: (p: { value: string; problem: Exclude<SiretProblem, "MISSING"> }) => `SIRET invalide ${quoted(p.value)} (${SIRET_PROBLEMS[p.problem]})`,

  // Our rules stated by zod refinements (src/domain/fields.ts): their words come from here too.
  SIRET_INVALID: (p: { problems: readonly { problem: SiretProblem; typed?: string }[] }) =>
    `SIRET invalide : ${p.problems.map((x) => (x.typed === undefined ? SIRET_PROBLEMS[x.problem] : `« ${x.typed} » (${SIRET_PROBLEMS[x.problem]})`)).join(" ; ")}.`,
  SIRET_LIST_TOO_LONG: (p: { max: number }) => `${p.max} SIRET au plus.`,

  // Signing in (src/server/actions/auth.ts, the login page after ProConnect).
  LOGIN_BAD_CREDENTIALS: () => "Adresse électronique ou mot de passe incorrect.",
  LOGIN_FAILED: () => "La connexion a échoué. Réessayez dans un instant.",
  LOGIN_THROTTLED: (p: { minutes: number }) => `Trop de tentatives de connexion. Réessayez dans ${p.minutes} minute${p.minutes > 1 ? "s" : ""}.`,
  ACCOUNT_DEACTIVATED: () => "Ce compte a été désactivé par un administrateur de Suivi FAST : adressez-vous à lui pour le faire réactiver.",
  PROCONNECT_NO_ACCOUNT: () => "Votre compte ProConnect n'est rattaché à aucun compte Suivi FAST. Demandez à un administrateur de vous ouvrir un accès.",
  PROCONNECT_SIRET_NOT_OF_ORGANISATION: () =>
    "L'établissement (SIRET) de votre compte ProConnect ne fait pas partie des établissements de votre organisation dans Suivi FAST. Demandez à un administrateur de vérifier les SIRET de votre organisation.",
  PROCONNECT_IDENTITY_TAKEN: () => "Votre identité ProConnect est déjà associée à un autre compte Suivi FAST. Contactez un administrateur.",
  PROCONNECT_OTHER_IDENTITY: () => "Ce compte Suivi FAST est associé à une autre identité ProConnect. Contactez un administrateur.",
  PROCONNECT_FAILED: () => "ProConnect n'a pas transmis d'identité exploitable. Réessayez ; si le problème persiste, contactez un administrateur.",
  PROCONNECT_UNAVAILABLE: () =>
    "ProConnect ne répond pas pour le moment. Réessayez dans un instant ou connectez-vous avec votre adresse électronique et votre mot de passe.",

  // Amounts typed or read (src/domain/money.ts, the zod amount fields).
  AMOUNT_UNREADABLE: () => "Montant illisible : écrivez par exemple 1 234,56.",
  AMOUNT_TOO_MANY_DECIMALS: () => "Un montant a au plus deux décimales (centimes).",
  AMOUNT_TOO_LARGE: () => "Montant trop élevé.",
  AMOUNT_NEGATIVE: () => "Le montant ne peut pas être négatif.",
  AMOUNT_ZERO: () => "Le montant doit être supérieur à zéro.",

  // Values typed on the steering screens (src/domain/indicators.ts, committees.ts): a field's own label leads.
  INDICATOR_VALUE_REQUIRED: () => "Valeur obligatoire.",
  INDICATOR_VALUE_NEGATIVE: () => "Une valeur d'indicateur ne peut pas être négative.",
  INDICATOR_VALUE_UNREADABLE: () => "Valeur illisible : écrivez un nombre, par exemple 1 234,5.",
  INDICATOR_VALUE_TOO_MANY_DECIMALS: () => "Une valeur a au plus quatre décimales.",
  INDICATOR_VALUE_TOO_LARGE: () => "Valeur trop grande (moins de 100 milliards).",
  DAYS_NEGATIVE: (p: { label: string }) => `${p.label} : un nombre de jours ne peut pas être négatif.`,
  DAYS_UNREADABLE: (p: { label: string }) => `${p.label} : nombre de jours attendu, au dixième près (par exemple 1,5).`,
  DAYS_TOO_MANY: (p: { label: string }) => `${p.label} : 7 jours par semaine au plus.`,

  // Avenants (src/domain/credits.ts, checkAvenant).
  /** The avenant form adds a year the convention already has (its line is above). */
  AVENANT_YEAR_ALREADY_IN: (p: { year: number }) => `L'année ${p.year} figure déjà dans la convention : modifiez-la plus haut.`,
  AVENANT_NUMBER_TAKEN: (p: { number: number }) => `L'avenant n° ${p.number} est déjà enregistré.`,
  AVENANT_SIGNED_IN_FUTURE: (p: { signedOn: IsoDate }) => `La date de signature de l'avenant (${day(p.signedOn)}) est dans le futur.`,
  /** Signed before the convention (or the convention is not signed). */
  AVENANT_BEFORE_CONVENTION: (p: { conventionSignedOn: IsoDate | null }) =>
    p.conventionSignedOn ? `Un avenant ne peut pas être signé avant la convention (${day(p.conventionSignedOn)}).` : "Un avenant ne modifie qu'une convention signée.",
  AVENANT_AFTER_CONVENTION: (p: { signedOn: IsoDate }) => `Le ${day(p.signedOn)}, la convention n'était plus en vigueur : un avenant ne peut plus la modifier.`,
  AVENANT_END_BEFORE_SIGNATURE: (p: { endsOn: IsoDate; signedOn: IsoDate }) => `La nouvelle date de fin (${day(p.endsOn)}) précède la signature de l'avenant (${day(p.signedOn)}).`,
  AVENANT_REVIEW_BEFORE_SIGNATURE: (p: { reviewOn: IsoDate; conventionSignedOn: IsoDate }) =>
    `La date du bilan de mi-parcours (${day(p.reviewOn)}) précède la signature de la convention (${day(p.conventionSignedOn)}).`,
  ALLOCATION_BELOW_ENGAGED: (p: { year: number; newCents: Cents; engagedCents: Cents }) =>
    `AE ${p.year} : la nouvelle dotation (${euros(p.newCents)}) est inférieure aux AE déjà engagées (${euros(p.engagedCents)}).`,
  ALLOCATION_BELOW_PAID: (p: { year: number; newCents: Cents; paidCents: Cents }) =>
    `CP ${p.year} : la nouvelle dotation (${euros(p.newCents)}) est inférieure aux CP déjà payés (${euros(p.paidCents)}).`,
  ALLOCATION_BELOW_RELEASED: (p: { creditType: "AE" | "CP"; year: number; newCents: Cents; releasedCents: Cents }) =>
    `${p.creditType} ${p.year} : la nouvelle dotation (${euros(p.newCents)}) est inférieure aux ${p.creditType === "AE" ? "AE déjà mises" : "CP déjà mis"} à disposition (${euros(p.releasedCents)}).`,
  TRANCHES_WITHOUT_CREDITS: (p: { creditType: "AE" | "CP"; year: number }) => `Tranches ${p.creditType} ${p.year} : aucun crédit n'est prévu pour ${p.year}.`,
  CREDITS_WITHOUT_TRANCHES: (p: { creditType: "AE" | "CP"; year: number }) =>
    `${p.creditType} ${p.year} : l'avenant prévoit des crédits sans tranches ; indiquez les tranches (parts et déclenchement).`,
  TRANCHE_SHARES_NOT_FULL: (p: { creditType: "AE" | "CP"; year: number; sumBasisPoints: number }) =>
    `Tranches ${p.creditType} ${p.year} : les parts totalisent ${formatShare(p.sumBasisPoints)} au lieu de 100 %.`,
  /** The allocation rises but every tranche of the year is released: the increase needs a tranche of its own. */
  TRANCHE_NEEDED: (p: { creditType: "AE" | "CP"; year: number; extraCents: Cents }) =>
    `${p.creditType} ${p.year} : toutes les tranches sont débloquées ; les ${euros(p.extraCents)} de plus demandent une tranche supplémentaire.`,
  RELEASED_TRANCHE_REMOVED: (p: { rank: number; creditType: "AE" | "CP"; year: number }) =>
    `La tranche ${p.rank} (${p.creditType} ${p.year}) est déjà débloquée : un avenant ne peut pas la retirer.`,
  /** Several refusals of one request (an avenant breaking more than one rule): their words, one after another. */
  SEVERAL: (p: { failures: readonly { code: string; params?: unknown }[] }): string => p.failures.map((f) => render(f.code, f.params)).join(" "),

  // Dated life events against what is already recorded (src/domain/record-conflicts.ts).
  /** A termination or a suspension dated so that records already kept would fall inside it: they are named. */
  LIFE_EVENT_CONFLICTS: (p: { period: "RESILIATION" | "SUSPENSION" | "FIN"; from: IsoDate; until: IsoDate | null; records: readonly { kind: RecordKind; on: IsoDate; label: string }[] }) => {
    const shown = p.records.slice(0, 12).map((r) => RECORD_NAMES[r.kind](r.label, r.on));
    const more = p.records.length > shown.length ? ` et ${p.records.length - shown.length} autre(s)` : "";
    const list = `${shown.join(" ; ")}${more}`;
    if (p.period === "FIN") {
      return `Avenant refusé : la convention prendrait fin la veille du ${day(p.from)}, alors que sont déjà enregistrés à cette date ou après : ${list}. Choisissez une autre date de fin, ou corrigez d'abord ces enregistrements.`;
    }
    return p.period === "RESILIATION"
      ? `Préavis refusé : ainsi daté, la résiliation prendrait effet le ${day(p.from)}, alors que sont déjà enregistrés à cette date ou après : ${list}. Datez le préavis autrement, ou corrigez d'abord ces enregistrements.`
      : `Suspension refusée : à compter du ${day(p.from)}${p.until ? ` et jusqu'au ${day(p.until)}` : ""}, elle couvrirait ce qui est déjà enregistré : ${list}. Datez la suspension autrement, ou corrigez d'abord ces enregistrements.`;
  },
  TERMINATION_BACKDATED: (p: { noticeOn: IsoDate; today: IsoDate }) =>
    `Un préavis de résiliation est daté du jour où il est enregistré (${day(p.today)}), pas du ${day(p.noticeOn)}. S'il a bien été donné ce jour-là, la DINUM l'enregistre en régularisation, en indiquant pourquoi.`,
  REGULARISATION_DELEGANT_ONLY: () => "Seule la DINUM (le délégant) enregistre un préavis en régularisation.",
  REGULARISATION_PARTY_MISSING: () => "Indiquez la partie qui a donné le préavis que vous régularisez.",
  TERMINATION_NOT_IN_CONVENTION: () => "Ce préavis de résiliation n'appartient pas à cette convention.",
  TERMINATION_ALREADY_WITHDRAWN: (p: { withdrawnOn: IsoDate }) => `Ce préavis a déjà été retiré le ${day(p.withdrawnOn)}.`,
  TERMINATION_WITHDRAWAL_NOT_AUTHOR: (p: { byParty: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE" }) =>
    `Seule la partie qui a donné ce préavis (${PARTY_NAMES[p.byParty]}) peut le retirer.`,
  TERMINATION_ALREADY_EFFECTIVE: (p: { effectiveOn: IsoDate }) => `Ce préavis a pris effet le ${day(p.effectiveOn)} : il ne peut plus être retiré.`,
  // Notices of the délégataire (src/domain/notices.ts).
  NOTICE_YEAR_NOT_COVERED: (p: { year: number; years: readonly number[] }) =>
    `La convention ne couvre pas l'année ${p.year} (${p.years.length ? `années prévues : ${p.years.join(", ")}` : "aucune année de crédits"}) : un avis porte sur une année de la convention.`,
  // Service fait before payment (public accounting): what is paid on an EJ never exceeds the service fait
  // constaté by the payment's date; neither precedes the EJ.
  SERVICE_FAIT_MISSING: (p: { ej: string; on: IsoDate; doneCents: Cents; paidCents: Cents; amountCents: Cents; missingCents: Cents }) =>
    `Paiement refusé : il manque ${euros(p.missingCents)} de service fait constaté sur l'${p.ej} au ${day(p.on)} ` +
    `(service fait constaté à cette date : ${euros(p.doneCents)}, déjà payé : ${euros(p.paidCents)}, demandé : ${euros(p.amountCents)}). ` +
    `Constatez d'abord le service fait, daté du ${day(p.on)} au plus tard.`,
  SERVICE_FAIT_BEYOND_EJ: (p: { ej: string; engagedCents: Cents; doneCents: Cents; amountCents: Cents }) =>
    `Service fait refusé : il dépasserait les AE de l'${p.ej} (${euros(p.engagedCents)}) de ${euros(p.doneCents + p.amountCents - p.engagedCents)} ` +
    `(déjà constaté : ${euros(p.doneCents)}, demandé : ${euros(p.amountCents)}).`,
  SERVICE_FAIT_BEFORE_EJ: (p: { ej: string; on: IsoDate; orderedOn: IsoDate }) =>
    `Un service fait ne peut pas être daté du ${day(p.on)}, avant l'engagement de l'${p.ej} (${day(p.orderedOn)}).`,
  PAYMENT_BEFORE_EJ: (p: { ej: string; on: IsoDate; orderedOn: IsoDate }) =>
    `Un paiement ne peut pas être daté du ${day(p.on)}, avant l'engagement de l'${p.ej} (${day(p.orderedOn)}).`,
  /** An indicator value whose reading is ambiguous in French ("3.700": 3 700 or 3,7?); both readings are formatted. */
  INDICATOR_VALUE_AMBIGUOUS: (p: { text: string; asThousands: string; asDecimal: string }) =>
    `« ${p.text} » peut se lire ${p.asThousands} (point séparateur de milliers) ou ${p.asDecimal} (point décimal) : écrivez ${p.asThousands} ou ${p.asDecimal}.`,
  SERVICE_FAIT_OUTSIDE_CONVENTION_LIFE: (p: { on: IsoDate; state: "BROUILLON" | "SUSPENDUE" | "RESILIEE" | "EXPIREE" | "CLOTUREE"; signedOn: IsoDate | null; endsOn: IsoDate }) =>
    ({
      BROUILLON: p.signedOn
        ? `Un service fait ne peut pas être daté du ${day(p.on)}, avant la signature de la convention (${day(p.signedOn)}).`
        : "Un service fait ne peut pas être enregistré : la convention n'est pas signée.",
      SUSPENDUE: `Un service fait ne peut pas être daté du ${day(p.on)} : l'exécution de la convention était alors suspendue.`,
      RESILIEE: `Un service fait ne peut pas être daté du ${day(p.on)} : la convention était alors résiliée.`,
      EXPIREE: `Un service fait ne peut pas être daté du ${day(p.on)}, après la fin de la convention (${day(p.endsOn)}).`,
      CLOTUREE: `Un service fait ne peut pas être daté du ${day(p.on)} : la convention était alors clôturée.`,
    })[p.state],
} satisfies Record<string, (params: never) => string>;

export type FailureCode = keyof typeof CATALOGUE;
/** The parameters a code's message needs (`undefined` for a code that needs none). */
export type FailureParams<C extends FailureCode> = Parameters<(typeof CATALOGUE)[C]>[0];

export interface Failure<C extends FailureCode = FailureCode> {
  code: C;
  params?: FailureParams<C>;
  /** The form field the failure concerns, if one (the message is then shown under it too). */
  field?: string;
}

export type ParamsArgument<C extends FailureCode> = FailureParams<C> extends undefined ? [params?: undefined, field?: string] : [params: FailureParams<C>, field?: string];

/** A failure of this code, its parameters type-checked against the catalogue's entry. */
export function failure<C extends FailureCode>(code: C, ...[params, field]: ParamsArgument<C>): Failure<C> {
  return { code, ...(params === undefined ? {} : { params }), ...(field === undefined ? {} : { field }) } as Failure<C>;
}

function render(code: string, params: unknown): string {
  const entry = (CATALOGUE as Record<string, (params: unknown) => string>)[code];
  return entry ? entry(params ?? {}) : code;
}

/** The French message of a failure, from the catalogue. */
export function messageOf(f: Failure): string {
  const entry = CATALOGUE[f.code] as (params: unknown) => string;
  return entry(f.params ?? {});
}

/** A rule's refusal: `{ ok: false }` with the failure's code, parameters and field (its words: `messageOf`). */
export type Refused<C extends FailureCode = FailureCode> = { ok: false } & Failure<C>;

/** The refusal of a rule, as a check answers it: `{ ok: false, code, params, field? }`. */
export function refuse<C extends FailureCode>(code: C, ...args: ParamsArgument<C>): Refused<C> {
  return { ok: false, ...failure(code, ...args) } as Refused<C>;
}

/** The failure alone (code, parameters, field) of a check's refusal or any object carrying one. */
export function failureIn<C extends FailureCode>(refused: Failure<C>, field?: string): Failure<C> {
  const f = field ?? refused.field;
  return { code: refused.code, ...(refused.params === undefined ? {} : { params: refused.params }), ...(f === undefined ? {} : { field: f }) } as Failure<C>;
}
