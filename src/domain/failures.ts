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
import { formatShare } from "./terms";

const euros = formatEuros;
const day = formatDate;

const PARTY_NAMES = { DELEGANT: "le délégant (DINUM)", PARTENAIRE: "le partenaire", DELEGATAIRE: "le délégataire" } as const;

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
  // Access and the request itself (the server boundary).
  UNAUTHENTICATED: () => "Authentification requise : connectez-vous.",
  FORBIDDEN: () => "Accès refusé : votre organisation n'est pas partie à cette convention ou votre rôle ne le permet pas.",
  NOT_FOUND: () => "Ressource introuvable.",
  INVALID_INPUT: () => "Certaines informations sont à corriger.",
  DUPLICATE: (p: { what?: string }) => (p.what ? `Cet enregistrement existe déjà : ${p.what} (doublon refusé).` : "Cet enregistrement existe déjà (doublon refusé)."),
  DATABASE_UNREACHABLE: () => "Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant ; rien n'a été enregistré.",
  UNEXPECTED: () => "Une erreur inattendue est survenue. Réessayez dans un instant.",
  /**
   * A refusal still written as a sentence where it is decided (being moved to codes of its own). The
   * sentence is the parameter; new code never uses it.
   */
  LEGACY_MESSAGE: (p: { message: string }) => p.message,
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

type ParamsArgument<C extends FailureCode> = FailureParams<C> extends undefined ? [params?: undefined, field?: string] : [params: FailureParams<C>, field?: string];

/** A failure of this code, its parameters type-checked against the catalogue's entry. */
export function failure<C extends FailureCode>(code: C, ...[params, field]: ParamsArgument<C>): Failure<C> {
  return { code, ...(params === undefined ? {} : { params }), ...(field === undefined ? {} : { field }) } as Failure<C>;
}

/** The French message of a failure, from the catalogue. */
export function messageOf(f: Failure): string {
  const entry = CATALOGUE[f.code] as (params: unknown) => string;
  return entry(f.params ?? {});
}
